"""The outbox: one row per message to one person, and how each person wants them."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalition.notifications.querysets import NotificationQuerySet
from coalition.people.models import User


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    SKIPPED = "skipped", _("Not sent (no email wanted or no address)")
    CANCELLED = "cancelled", _("Cancelled")
    NEEDS_ATTENTION = "attention", _("Needs a coordinator's attention")
    DIGEST = "digest", _("Kept for the weekly digest")


class Notification(models.Model):
    """A message to one person, due at a moment: the database is the source of truth.

    Created by the service that causes it, in the same transaction; a periodic
    sweep sends what is due. `key` makes scheduling idempotent: the same
    reminder for the same object and moment exists once.
    """

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=40, db_index=True)
    recipient_user = models.ForeignKey(
        User, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    recipient_email = models.EmailField(_("email"), blank=True)
    language = models.CharField(max_length=8, default="nl")
    target_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, null=True, blank=True
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    due_at = models.DateTimeField(_("due"), db_index=True)
    # Non-sensitive parameters for the template only (never health or intake notes).
    context = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=20,
        choices=NotificationStatus.choices,
        default=NotificationStatus.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # The weekly digest that carried this notification, when its recipient chose the digest.
    digest = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="digested"
    )
    # When the recipient answered the question in it (the volunteer's monthly check-in).
    responded_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["target_type", "target_id"], name="notification_target"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recipient_user__isnull=False) | ~models.Q(recipient_email=""),
                name="notification_has_recipient",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_user or self.recipient_email} @ {self.due_at}"


# Context keys that carry a credential (a parent's private status link). The row
# needs them only to render its one email: once the row is final (sent, skipped,
# cancelled) they are wiped, so no usable link is kept at rest.
SECRET_CONTEXT_KEYS = frozenset({"status_url", "rating_url", "questionnaire_url", "pulse_url"})


def context_without_secrets(context: dict) -> dict:
    return {key: value for key, value in context.items() if key not in SECRET_CONTEXT_KEYS}


class NotificationDelivery(models.TextChoices):
    EMAIL = "email", _("Email straight away")
    DIGEST = "digest", _("In my weekly digest")
    SITE_ONLY = "none", _("Only on this site, no email")


class NotificationPreference(models.Model):
    """How one user wants one kind of notification; no row means email straight away."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=40)
    delivery = models.CharField(
        _("delivery"),
        max_length=10,
        choices=NotificationDelivery.choices,
        default=NotificationDelivery.EMAIL,
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.kind}: {self.delivery}"
