"""Notifications: scheduling, the sweep that claims what is due, and the hand-off to workers.

The database is the source of truth. A notification is a row created in the
transaction of the change that causes it (or by the periodic plan for reminders
that no change causes); the sweep claims due rows with `SELECT … FOR UPDATE
SKIP LOCKED` and hands their ids to Celery after commit; the send task sends
each row at most once (sending.py says how).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from coalition.celery import app
from coalition.notifications.models import (
    Notification,
    NotificationDelivery,
    NotificationPreference,
    NotificationStatus,
    context_without_secrets,
)
from coalition.people.models import User

logger = logging.getLogger(__name__)

# Ids per Celery message: one publish per chunk keeps the hand-off fast.
HAND_OFF_CHUNK = 100
# The send task, published by its name: tasks.py imports this module, not the reverse.
SEND_TASK = "coalition.notifications.tasks.notifications_send"


def lease() -> timedelta:
    """How long a claim holds before the sweep may take the row again."""
    return timedelta(seconds=settings.NOTIFICATION_LEASE_SECONDS)


# --- Scheduling -----------------------------------------------------------


@dataclass(frozen=True)
class Reminder:
    """What `notification_schedule` takes, as a value, for scheduling many at once."""

    kind: str
    due_at: datetime
    target: models.Model | None = None
    recipient_user: User | None = None
    recipient_email: str = ""
    language: str = "nl"
    context: dict = field(default_factory=dict)

    @property
    def key(self) -> str:
        recipient = (
            str(self.recipient_user.pk) if self.recipient_user else self.recipient_email.lower()
        )
        return notification_key(self.kind, self.target, self.due_at, recipient)

    def as_row(self) -> Notification:
        target = self.target
        return Notification(
            key=self.key,
            kind=self.kind,
            due_at=self.due_at,
            recipient_user=self.recipient_user,
            recipient_email=self.recipient_email,
            language=self.language,
            target_type=ContentType.objects.get_for_model(target) if target is not None else None,
            target_id=target.pk if target is not None else None,
            context=self.context,
        )


def notification_key(
    kind: str, target: models.Model | None, due_at: datetime, recipient: str
) -> str:
    # The due moment in UTC: the same instant gives the same key whichever
    # time zone the caller computed it in.
    moment = due_at.astimezone(UTC).isoformat()
    target_part = f"{target._meta.label_lower}:{target.pk}" if target is not None else "-"
    return f"{kind}|{target_part}|{moment}|{recipient}"[:200]


def notification_schedule(
    *,
    kind: str,
    due_at: datetime,
    target: models.Model | None = None,
    recipient_user: User | None = None,
    recipient_email: str = "",
    language: str = "nl",
    context: dict | None = None,
) -> Notification:
    """Schedule one notification; calling it again for the same moment is a no-op.

    Call it inside the transaction of the change that causes it, so a rollback
    leaves no notification behind and a commit never loses one. A notification
    that is already due is handed to a worker right after the commit; if the
    broker is down it simply waits for the next sweep.
    """
    reminder = Reminder(
        kind=kind,
        due_at=due_at,
        target=target,
        recipient_user=recipient_user,
        recipient_email=recipient_email,
        language=language,
        context=context or {},
    )
    row = reminder.as_row()
    due_now = due_at <= timezone.now()
    notification, created = Notification.objects.get_or_create(
        key=row.key,
        defaults={
            "kind": row.kind,
            "due_at": row.due_at,
            "recipient_user": row.recipient_user,
            "recipient_email": row.recipient_email,
            "language": row.language,
            "target_type": row.target_type,
            "target_id": row.target_id,
            "context": row.context,
            # Claimed for the hand-off below, so the sweep leaves it alone meanwhile.
            "claimed_at": timezone.now() if due_now else None,
        },
    )
    if created and due_now:
        transaction.on_commit(partial(notifications_hand_off, [notification.pk]))
    return notification


def notifications_schedule_many(reminders: Iterable[Reminder]) -> int:
    """Schedule many notifications at once; existing keys are left as they are.

    Used by the periodic plan and by services that schedule a series. Returns
    how many reminders were offered (not how many were new).
    """
    rows: dict[str, Notification] = {}
    for reminder in reminders:
        row = reminder.as_row()
        rows.setdefault(row.key, row)
    if rows:
        Notification.objects.bulk_create(rows.values(), ignore_conflicts=True, batch_size=1000)
    return len(rows)


# --- The sweep ------------------------------------------------------------


@dataclass(frozen=True)
class SweepResult:
    claimed: int
    flagged: int


def notifications_sweep(
    *, now: datetime | None = None, batch_size: int = 5000, hand_off=None
) -> SweepResult:
    """Claim every due, unsent notification and hand it to a sending task.

    Safe to run at any moment and any number of times: it looks at everything
    due (no time window), skips rows another sweep holds, and a claim expires
    after the lease so a lost hand-off is picked up again.
    """
    now = now or timezone.now()
    hand_off = hand_off or notifications_hand_off
    stale = now - lease()
    flagged = Notification.objects.filter(
        status=NotificationStatus.SENDING, claimed_at__lt=stale
    ).update(
        status=NotificationStatus.NEEDS_ATTENTION,
        last_error="The worker stopped while sending: the message may or may not have "
        "been delivered. Check with the recipient, then send again or mark it handled.",
    )
    if flagged:
        logger.warning("notifications: %s interrupted send(s) flagged for attention", flagged)
    claimed = 0
    while True:
        with transaction.atomic():
            ids = list(
                Notification.objects.select_for_update(skip_locked=True)
                .filter(status=NotificationStatus.PENDING, due_at__lte=now)
                .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale))
                .order_by("due_at", "id")
                .values_list("pk", flat=True)[:batch_size]
            )
            if not ids:
                break
            Notification.objects.filter(pk__in=ids).update(claimed_at=now)
            transaction.on_commit(partial(hand_off, ids))
        claimed += len(ids)
        if len(ids) < batch_size:
            break
    return SweepResult(claimed=claimed, flagged=flagged)


# After a failed publish this process stops trying for a while, so that with
# Redis down only one web request pays the connect timeout, not every one.
BROKER_PAUSE_SECONDS = 30.0
_broker_down_until = 0.0


def notifications_hand_off(ids: Sequence[int]) -> None:
    """Publish send tasks for `ids`. Never raises: with the broker down the claims
    are released and the next sweep tries again."""
    global _broker_down_until
    send = app.signature(SEND_TASK)
    for start in range(0, len(ids), HAND_OFF_CHUNK):
        chunk = list(ids[start : start + HAND_OFF_CHUNK])
        try:
            if time.monotonic() < _broker_down_until:
                raise ConnectionError("broker marked down recently")
            send.apply_async(args=[chunk])
        except Exception:  # the broker is down or unreachable: the rows wait
            _broker_down_until = time.monotonic() + BROKER_PAUSE_SECONDS
            logger.warning(
                "notifications: broker unavailable, %s notification(s) wait for the next sweep",
                len(ids) - start,
                exc_info=True,
            )
            Notification.objects.filter(
                pk__in=ids[start:], status=NotificationStatus.PENDING
            ).update(claimed_at=None)
            return


# --- What people do with their notifications -------------------------------


def notification_mark_read(*, user: User, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's own notifications read (all of them when no ids are given)."""
    rows = Notification.objects.filter(recipient_user=user, read_at__isnull=True)
    if notification_ids is not None:
        rows = rows.filter(pk__in=list(notification_ids))
    return rows.update(read_at=timezone.now())


@transaction.atomic
def notification_preferences_set(*, user: User, deliveries: dict[str, str]) -> None:
    """Store how the user wants each kind; email straight away needs no row."""
    for kind, delivery in deliveries.items():
        if delivery == NotificationDelivery.EMAIL:
            NotificationPreference.objects.filter(user=user, kind=kind).delete()
        else:
            NotificationPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"delivery": delivery}
            )


@transaction.atomic
def notification_resolve(*, notification: Notification, send_again: bool, by: User) -> None:
    """A coordinator's decision about a flagged notification."""
    locked = Notification.objects.select_for_update().get(pk=notification.pk)
    if locked.status != NotificationStatus.NEEDS_ATTENTION:
        return
    note = f"{timezone.now():%Y-%m-%d %H:%M} {by}: " + (
        "send again" if send_again else "marked handled"
    )
    locked.last_error = f"{locked.last_error}\n{note}".strip()[:1000]
    if send_again:
        locked.status = NotificationStatus.PENDING
        locked.claimed_at = None
        locked.attempts = 0
    else:
        locked.status = NotificationStatus.CANCELLED
        locked.context = context_without_secrets(locked.context)
    locked.save(update_fields=["status", "claimed_at", "attempts", "last_error", "context"])
