"""Retention: what is due for anonymisation or deletion today, and doing it.

Periods are settings (RETENTION_*_DAYS); their defaults and reasons are in
docs/processing-register.md. Run daily by `coalition.privacy.tasks.retention_sweep`;
running it twice on a day changes nothing the second time. Which records of the
domain apps are due, and how they are erased, the apps register in their own
`privacy.py` (`registry.register_retention_rule`).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from coalition.notifications.models import Notification, NotificationStatus
from coalition.people.models import AuditEvent
from coalition.privacy.files import stored_files_sweep
from coalition.privacy.registry import retention_holds, retention_rules

logger = logging.getLogger(__name__)


def retention_cutoff(days: int):
    """The moment a record must be older than to be due after `days` days."""
    return timezone.now() - timedelta(days=days)


def notifications_due() -> models.QuerySet:
    """Finished notifications past the period (they hold email addresses)."""
    done = [
        NotificationStatus.SENT,
        NotificationStatus.SKIPPED,
        NotificationStatus.CANCELLED,
        NotificationStatus.NEEDS_ATTENTION,
    ]
    return Notification.objects.filter(
        status__in=done, created_at__lt=retention_cutoff(settings.RETENTION_NOTIFICATION_DAYS)
    )


@transaction.atomic
def audit_purge() -> int:
    """Delete audit events older than the period. The table refuses deletes on
    PostgreSQL unless this transaction says it is the purge (migration 0005)."""
    cutoff = retention_cutoff(settings.RETENTION_AUDIT_DAYS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL coalition.audit_purge = 'on'")
        cursor.execute(
            f"DELETE FROM {AuditEvent._meta.db_table} WHERE occurred_at < %s",  # noqa: S608
            [cutoff],
        )
        return cursor.rowcount


def sessions_clear_expired() -> int:
    """Expired sessions hold a parent's half-filled request form (situation included)
    and staff logins: deleted every night, so they do not linger in backups."""
    from django.contrib.sessions.models import Session

    return Session.objects.filter(expire_date__lt=timezone.now()).delete()[0]


def _due(rule) -> models.QuerySet:
    due = rule.due()
    for hold in retention_holds(rule.model):
        due = due.exclude(hold())
    return due


def retention_apply() -> dict[str, int]:
    """Anonymise or delete everything that is due; returns counts per kind.

    Each record is handled in its own transaction: one that fails (and is
    logged, without personal data) does not stop the others; it is retried the
    next night.
    """
    rules = retention_rules()
    counts = {rule.kind: 0 for rule in rules} | {"files": 0, "failed": 0}
    for rule in rules:
        for row in list(_due(rule)):
            try:
                counts["files"] += rule.erase(row)
                counts[rule.kind] += 1
            except Exception:
                logger.exception("retention: %s %s could not be anonymised", rule.kind, row.pk)
                counts["failed"] += 1
    counts["notifications"] = notifications_due().delete()[0]
    counts["audit_events"] = audit_purge()
    counts["sessions"] = sessions_clear_expired()
    counts["orphan_files"] = stored_files_sweep()
    logger.info("retention: %s", counts)
    return counts
