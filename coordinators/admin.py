from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from coordinators.models import Coordinator, Notification, Organisation, Programme, User, Wijk


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


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "provider",
        "support_mode",
        "child_min_age",
        "child_max_age",
        "is_active",
    ]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Coordinator)
class CoordinatorAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation"]
    filter_horizontal = ["programmes", "wijken"]
    list_select_related = ["user", "organisation"]


@admin.register(Wijk)
class WijkAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["name", "code"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-mostly: notifications are created and sent by the services, not by hand."""

    list_display = ["kind", "recipient_user", "recipient_email", "due_at", "status", "attempts"]
    list_filter = ["status", "kind"]
    search_fields = ["key", "recipient_email", "recipient_user__email"]
    date_hierarchy = "due_at"
    readonly_fields = [
        "key",
        "kind",
        "target_type",
        "target_id",
        "context",
        "claimed_at",
        "sent_at",
    ]
    list_select_related = ["recipient_user"]
