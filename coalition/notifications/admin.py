from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from coalition.notifications.models import Notification
from coalition.people.audit import audit_list, audit_log
from coalition.people.models import AuditAction


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-mostly: notifications are created and sent by the services, not by hand."""

    list_display = ["kind", "recipient_user", "recipient_email", "due_at", "status", "attempts"]
    list_filter = ["status", "kind"]
    search_fields = ["key", "recipient_email", "recipient_user__email"]
    date_hierarchy = "due_at"
    # The context is shown through `shown_context`, never as a form field.
    exclude = ["context"]
    readonly_fields = [
        "key",
        "kind",
        "target_type",
        "target_id",
        "shown_context",
        "claimed_at",
        "sent_at",
    ]
    list_select_related = ["recipient_user"]

    # Notifications name people: the administrator's reading is in the audit log
    # like a coordinator's (a search by its term's hash).
    def changelist_view(self, request, extra_context=None):
        audit_list(
            request, target_type="notifications.notification", search=request.GET.get("q", "")
        )
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        action = AuditAction.VIEW if request.method in ("GET", "HEAD") else AuditAction.CHANGE
        audit_log(
            request=request,
            action=action,
            target_type="notifications.notification",
            target_id=str(object_id)[:64],
        )
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("Message details"))
    def shown_context(self, notification: Notification) -> object:
        # A parent's notification (no account) may carry their private status
        # link and their name: administrators have no need to see either.
        if notification.recipient_user_id is None:
            return "—"
        return notification.context
