from allauth.mfa.admin import AuthenticatorAdmin as AllauthAuthenticatorAdmin
from allauth.mfa.models import Authenticator
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from coalition.people.models import AuditEvent, Coordinator, User
from coalition.people.services import INVITABLE_ROLES, user_deactivate, user_send_invitation


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "role", "organisation", "is_active"]
    list_filter = ["role", "is_active", "organisation"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("first_name", "last_name", "preferred_language")}),
        (_("Role"), {"fields": ("role", "organisation")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "role", "organisation", "password1", "password2"),
            },
        ),
    )


@admin.register(Coordinator)
class CoordinatorAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation"]
    filter_horizontal = ["programmes", "wijken"]
    list_select_related = ["user", "organisation"]


@admin.action(description=_("Deactivate and log out everywhere"))
def deactivate_users(modeladmin, request, queryset):
    ended = 0
    for user in queryset.exclude(pk=request.user.pk):
        ended += user_deactivate(user=user)
    modeladmin.message_user(
        request, _("Deactivated; %(count)d sessions ended.") % {"count": ended}, messages.SUCCESS
    )


@admin.action(description=_("Send an invitation (link to choose a password)"))
def send_invitations(modeladmin, request, queryset):
    sent = 0
    for user in queryset.filter(is_active=True, role__in=INVITABLE_ROLES):
        user_send_invitation(user=user)
        sent += 1
    modeladmin.message_user(
        request, _("%(count)d invitations sent.") % {"count": sent}, messages.SUCCESS
    )


UserAdmin.actions = [*UserAdmin.actions, deactivate_users, send_invitations]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the log is searched here, never edited."""

    list_display = [
        "occurred_at",
        "actor_email",
        "actor_role",
        "organisation_name",
        "action",
        "target_type",
        "target_id",
        "ip_address",
    ]
    list_filter = ["action", "actor_role", "target_type", "occurred_at"]
    search_fields = ["actor_email", "organisation_name", "target_id", "ip_address", "path"]
    date_hierarchy = "occurred_at"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_coalition_admin

    def has_module_permission(self, request):
        return self.has_view_permission(request)


# allauth's own admin shows an authenticator's data: the TOTP secret and the
# recovery-code seed. Ours shows who has which kind and when it was used, never
# the data; deleting one lets a staff member who lost their phone set up anew.
admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(AllauthAuthenticatorAdmin):
    fields = ["user", "type", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_coalition_admin

    def has_module_permission(self, request):
        return self.has_view_permission(request)
