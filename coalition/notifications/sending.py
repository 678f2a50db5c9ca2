"""Sending one notification, at most once.

Exactly once, and the one case we cannot make exact. A row is marked `sending`
(and committed) *before* the message goes to the SMTP server, and `sent` after.
If the worker dies between those two moments we cannot know whether the server
accepted the message. Such a row is never sent again automatically: after the
lease it is flagged `attention`, and a coordinator decides (send again, or
mark it handled). We prefer a rare message that needs a human look over a
silently doubled one. Every other failure is safe to retry: a claimed row that
never reached `sending` is simply claimed again after the lease.
"""

from __future__ import annotations

import contextlib
import logging
import smtplib
import time
from collections.abc import Iterable

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.utils import timezone

from coalition.notifications.kinds import WEEKLY_DIGEST
from coalition.notifications.models import (
    Notification,
    NotificationDelivery,
    NotificationPreference,
    NotificationStatus,
    context_without_secrets,
)
from coalition.notifications.reminders import still_relevant
from coalition.notifications.rendering import notification_message

logger = logging.getLogger(__name__)

# Errors of the mail server or the network: the send is retried with backoff.
SEND_ERRORS: tuple[type[BaseException], ...] = (smtplib.SMTPException, OSError)
# After this many failed attempts a row is flagged for a coordinator instead.
MAX_ATTEMPTS = 5


def _delivery(notification: Notification) -> str:
    """Email, or the status the row ends in without an email."""
    if not still_relevant(notification):
        return NotificationStatus.CANCELLED
    user = notification.recipient_user
    if user is not None:
        if not user.is_active:
            return NotificationStatus.SKIPPED
        choice = (
            NotificationPreference.objects.filter(user=user, kind=notification.kind)
            .values_list("delivery", flat=True)
            .first()
        )
        if choice == NotificationDelivery.SITE_ONLY:
            return NotificationStatus.SKIPPED
        if choice == NotificationDelivery.DIGEST and notification.kind != WEEKLY_DIGEST:
            return NotificationStatus.DIGEST
    if not (user.email if user is not None else notification.recipient_email):
        return NotificationStatus.SKIPPED
    return "email"


def _pause_for_tests() -> None:
    # Test-only hook: lets the worker tests kill a worker in the middle of a send.
    pause = settings.NOTIFICATION_TEST_PAUSE_SECONDS
    if pause:
        time.sleep(pause)


def notification_send(*, notification_id: int, connection=None) -> str:
    """Send one notification if it is still pending; returns what happened.

    Raises one of SEND_ERRORS when the mail server fails; the row is then
    pending again (or flagged after MAX_ATTEMPTS) and the caller retries.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient_user")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.status != NotificationStatus.PENDING:
            return "not_pending"
        delivery = _delivery(notification)
        if delivery != "email":
            notification.status = delivery
            notification.claimed_at = None
            notification.context = context_without_secrets(notification.context)
            notification.save(update_fields=["status", "claimed_at", "context"])
            return delivery
        try:
            message = notification_message(notification, connection=connection)
        except Exception as exc:  # a broken template or context: a human must look
            logger.exception("notifications: cannot render notification %s", notification.pk)
            notification.status = NotificationStatus.NEEDS_ATTENTION
            notification.last_error = f"Could not render: {exc!r}"[:1000]
            notification.save(update_fields=["status", "last_error"])
            return NotificationStatus.NEEDS_ATTENTION
        # Committed before the SMTP call: see the module docstring.
        notification.status = NotificationStatus.SENDING
        notification.attempts += 1
        notification.claimed_at = timezone.now()
        notification.save(update_fields=["status", "attempts", "claimed_at"])

    _pause_for_tests()
    try:
        message.send()
    except SEND_ERRORS as exc:
        gave_up = notification.attempts >= MAX_ATTEMPTS
        Notification.objects.filter(pk=notification.pk, status=NotificationStatus.SENDING).update(
            status=NotificationStatus.NEEDS_ATTENTION if gave_up else NotificationStatus.PENDING,
            last_error=repr(exc)[:1000],
            claimed_at=timezone.now(),
        )
        raise
    # The same statement that marks it sent drops the link it carried.
    Notification.objects.filter(pk=notification.pk, status=NotificationStatus.SENDING).update(
        status=NotificationStatus.SENT,
        sent_at=timezone.now(),
        last_error="",
        context=context_without_secrets(notification.context),
    )
    return NotificationStatus.SENT


def notifications_send_many(ids: Iterable[int]) -> tuple[dict[str, int], list[int]]:
    """Send each of `ids` over one mail connection. Returns the outcomes and the
    ids that failed with a mail error (to retry)."""
    outcomes: dict[str, int] = {}
    failed: list[int] = []
    connection = mail.get_connection()
    # If this fails, each send below tries again and records its own error.
    with contextlib.suppress(*SEND_ERRORS):
        connection.open()
    try:
        for pk in ids:
            try:
                outcome = notification_send(notification_id=pk, connection=connection)
            except SEND_ERRORS:
                failed.append(pk)
                outcome = "failed"
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
    finally:
        with contextlib.suppress(SEND_ERRORS):
            connection.close()
    return outcomes, failed
