"""Retention: what is due for anonymisation or deletion today, and doing it.

Periods are settings (RETENTION_*_DAYS); their defaults and reasons are in
docs/processing-register.md. Run daily by `families.tasks.retention_sweep`;
running it twice on a day changes nothing the second time.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from coalition.notifications.models import Notification, NotificationStatus
from coalition.people.models import AuditEvent
from coalition.privacy.erasure import (
    ErasureReport,
    anonymise_row,
    family_erase,
    volunteer_erase,
)

logger = logging.getLogger(__name__)


def _cutoff(days: int):
    return timezone.now() - timedelta(days=days)


def families_due():
    """Families whose every request ended more than the period ago, with no
    open or recently ended match."""
    from families.models import Family, SupportRequest
    from matching.models import OPEN_MATCH_STATUSES, Match

    cutoff = _cutoff(settings.RETENTION_CLOSED_REQUEST_DAYS)
    recent_or_open = SupportRequest.objects.filter(family=OuterRef("pk")).filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=cutoff)
    )
    match_cutoff = timezone.localdate(_cutoff(settings.RETENTION_ENDED_MATCH_DAYS))
    live_match = Match.objects.filter(request__family=OuterRef("pk")).filter(
        Q(status__in=OPEN_MATCH_STATUSES) | Q(ended_on__gte=match_cutoff)
    )
    return (
        Family.objects.filter(anonymised_at__isnull=True, created_at__lt=cutoff)
        .exclude(Exists(recent_or_open))
        .exclude(Exists(live_match))
    )


def matches_due():
    """Ended matches past the period whose notes still hold text (their family may
    still be helped in a new match, so the family itself is not due)."""
    from matching.models import ContactNote, FollowUp, Match, MatchStatus

    cutoff = timezone.localdate(_cutoff(settings.RETENTION_ENDED_MATCH_DAYS))
    has_text = (
        ~Q(end_note="")
        | Exists(ContactNote.objects.filter(match=OuterRef("pk")))
        | Exists(FollowUp.objects.filter(match=OuterRef("pk")).exclude(notes=""))
    )
    return Match.objects.filter(status=MatchStatus.ENDED, ended_on__lt=cutoff).filter(has_text)


def volunteers_due():
    from volunteers.models import Volunteer, VolunteerStatus

    rejected = Q(
        status=VolunteerStatus.REJECTED,
        status_changed_at__lt=_cutoff(settings.RETENTION_REJECTED_VOLUNTEER_DAYS),
    )
    stopped = Q(
        status=VolunteerStatus.STOPPED,
        status_changed_at__lt=_cutoff(settings.RETENTION_STOPPED_VOLUNTEER_DAYS),
    )
    return Volunteer.objects.filter(anonymised_at__isnull=True).filter(rejected | stopped)


@transaction.atomic
def match_anonymise(*, match) -> ErasureReport:
    report = ErasureReport()
    report.deleted["matching.contactnote"] = match.notes.all().delete()[0]
    for row in [match, *match.followups.all(), *match.status_changes.all()]:
        anonymise_row(row, report)
    return report


def notifications_due() -> models.QuerySet:
    """Finished notifications past the period (they hold email addresses)."""
    done = [
        NotificationStatus.SENT,
        NotificationStatus.SKIPPED,
        NotificationStatus.CANCELLED,
        NotificationStatus.NEEDS_ATTENTION,
    ]
    return Notification.objects.filter(
        status__in=done, created_at__lt=_cutoff(settings.RETENTION_NOTIFICATION_DAYS)
    )


@transaction.atomic
def audit_purge() -> int:
    """Delete audit events older than the period. The table refuses deletes on
    PostgreSQL unless this transaction says it is the purge (migration 0005)."""
    cutoff = _cutoff(settings.RETENTION_AUDIT_DAYS)
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


def retention_apply() -> dict[str, int]:
    """Anonymise or delete everything that is due; returns counts per kind.

    Each record is handled in its own transaction: one that fails (and is
    logged, without personal data) does not stop the others; it is retried the
    next night.
    """
    counts = {"families": 0, "matches": 0, "volunteers": 0, "files": 0, "failed": 0}
    jobs = [
        ("families", families_due, lambda family: family_erase(family=family).files_deleted),
        ("matches", matches_due, lambda match: match_anonymise(match=match).files_deleted),
        (
            "volunteers",
            volunteers_due,
            lambda volunteer: volunteer_erase(volunteer=volunteer).files_deleted,
        ),
    ]
    for kind, due, handle in jobs:
        for row in list(due()):
            try:
                counts["files"] += handle(row)
                counts[kind] += 1
            except Exception:
                logger.exception("retention: %s %s could not be anonymised", kind, row.pk)
                counts["failed"] += 1
    counts["notifications"] = notifications_due().delete()[0]
    counts["audit_events"] = audit_purge()
    counts["sessions"] = sessions_clear_expired()
    logger.info("retention: %s", counts)
    return counts
