"""What should be reminded and when, and whether it still matters at send time.

Each domain app declares its reminders in its own `reminders.py` (see
registry.py); this module runs them. Reminders that a service causes (a
match's evaluations) are scheduled by that service. Reminders that only time
causes (a VOG nearing its end, a request waiting past the intake promise, the
Monday digest) are scheduled by `reminders_plan`, which the beat runs every few
minutes; scheduling is idempotent by key, so running it often (or twice)
creates nothing twice.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, prefetch_related_objects
from django.utils import timezone

from coalition.notifications.models import (
    Notification,
    NotificationStatus,
    context_without_secrets,
)
from coalition.notifications.registry import planners, reminder_kind


def reminders_plan(*, now: datetime | None = None) -> dict[str, int]:
    """Schedule every time-caused reminder that should exist by now. Idempotent."""
    now = now or timezone.now()
    return {name: plan(now) for name, plan in planners().items()}


def still_relevant(notification: Notification) -> bool:
    """A reminder scheduled weeks ago may have become pointless: the evaluation was
    done, the request was picked up. The sweep then cancels it instead of sending."""
    rule = reminder_kind(notification.kind)
    if rule is None or rule.still_relevant is None:
        return True
    if not rule.about_a_record:
        return rule.still_relevant(None, notification)
    target = notification.target
    if target is None:  # kept when it was never about a record; cancelled when that is gone
        return notification.target_type_id is None
    return rule.still_relevant(target, notification)


def reminders_cancel_stale(*targets: models.Model) -> int:
    """Cancel the pending reminders about `targets` whose reason is gone.

    The services that change a case call this in their transaction (a match
    ended: its evaluations; a request withdrawn: its intake reminders), so no
    reminder waits for the sweep to find out; relevance itself is declared once
    per kind, in the app's `reminders.py`."""
    by_type: dict[int, list[int]] = {}
    for target in targets:
        content_type = ContentType.objects.get_for_model(target)
        by_type.setdefault(content_type.pk, []).append(target.pk)
    if not by_type:
        return 0
    about = Q()
    for type_id, ids in by_type.items():
        about |= Q(target_type_id=type_id, target_id__in=ids)
    pending = list(
        Notification.objects.select_for_update().filter(about, status=NotificationStatus.PENDING)
    )
    # Their records in one query per kind of record, not one per reminder.
    prefetch_related_objects(pending, "target")
    stale = [notification for notification in pending if not still_relevant(notification)]
    for notification in stale:
        notification.status = NotificationStatus.CANCELLED
        notification.context = context_without_secrets(notification.context)
        notification.save(update_fields=["status", "context"])
    return len(stale)
