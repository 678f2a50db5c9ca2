from allauth.mfa.admin import AuthenticatorAdmin as AllauthAuthenticatorAdmin
from allauth.mfa.models import Authenticator
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from coalition.people.audit import audit_log
from coalition.people.forms import UserInvitationAdminForm
from coalition.people.models import AuditAction, AuditEvent, Coordinator, User
from coalition.people.services import (
    INVITABLE_ROLES,
    user_deactivate,
    user_invite,
    user_send_invitation,
)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "role", "organisation", "is_active"]
    list_filter = ["role", "is_active", "organisation"]
    search_fields = ["email", "first_name", "last_name"]
    # Nobody chooses another person's password: the change form has no password
    # field and the admin's set-password page is not served (see get_urls).
    fieldsets = (
        (None, {"fields": ("email",)}),
        (_("Person"), {"fields": ("first_name", "last_name", "preferred_language")}),
        (_("Role"), {"fields": ("role", "organisation")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_form = UserInvitationAdminForm
    add_fieldsets = (
        (
            _("Invite"),
            {
                "classes": ("wide",),
                "description": _(
                    "The person gets an email with a link (valid for 7 days, once) to give "
                    "their name, choose a password and set up two-step login."
                ),
                "fields": (
                    "email",
                    "role",
                    "organisation",
                    "programmes",
                    "first_name",
                    "last_name",
                    "preferred_language",
                ),
            },
        ),
    )

    def get_urls(self):
        return [url for url in super().get_urls() if "password" not in str(url.pattern)]

    # By role, not by Django permissions: invited coalition administrators are staff
    # without permission rows. They invite, edit and deactivate; only a superuser
    # deletes accounts or hands out staff and superuser rights.
    def _coalition_admin(self, request) -> bool:
        return request.user.is_active and request.user.is_coalition_admin

    def has_view_permission(self, request, obj=None):
        return self._coalition_admin(request) or super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return self._coalition_admin(request) or super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self._coalition_admin(request) or super().has_change_permission(request, obj)

    def has_module_permission(self, request):
        return self._coalition_admin(request) or super().has_module_permission(request)

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return ("is_staff", "is_superuser", "groups", "last_login", "date_joined")

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        data = form.cleaned_data
        invited = user_invite(
            email=data["email"],
            role=data["role"],
            organisation=data.get("organisation"),
            programmes=list(data.get("programmes") or []),
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
            language=data.get("preferred_language") or "nl",
        )
        obj.pk = invited.pk
        obj._state.adding = False
        audit_log(request=request, action=AuditAction.CREATE, obj=invited)
        return None

    def save_related(self, request, form, formsets, change):
        if change:
            super().save_related(request, form, formsets, change)


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


@admin.action(description=_("Send the invitation again (for who has not accepted it yet)"))
def send_invitations(modeladmin, request, queryset):
    sent = 0
    for user in queryset.filter(is_active=True, role__in=INVITABLE_ROLES):
        if user.has_usable_password():
            continue
        user_send_invitation(user=user)
        audit_log(request=request, action=AuditAction.CHANGE, obj=user)
        sent += 1
    modeladmin.message_user(
        request, _("%(count)d invitations sent.") % {"count": sent}, messages.SUCCESS
    )


UserAdmin.actions = [*UserAdmin.actions, deactivate_users, send_invitations]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the log is searched here, never edited."""

    # Few, narrow columns: at 1280 px the table stays clear of the filter panel.
    # The address, path and organisation are on each event's own page.
    list_display = ["occurred_at", "actor_email", "actor_role", "action", "record"]
    list_filter = ["action", "actor_role", "target_type", "occurred_at"]
    search_fields = ["actor_email", "organisation_name", "target_id", "ip_address", "path"]
    date_hierarchy = "occurred_at"
    show_full_result_count = False

    @admin.display(description=_("record"), ordering="target_type")
    def record(self, event: AuditEvent) -> str:
        return f"{event.target_type} {event.target_id}".strip()

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
