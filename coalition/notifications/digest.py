"""The weekly digest: a coordinator's caseload overview plus the notifications held for it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from coalition.notifications.kinds import WEEKLY_DIGEST, kind_of
from coalition.notifications.models import (
    Notification,
    NotificationDelivery,
    NotificationPreference,
    NotificationStatus,
)
from coalition.notifications.moments import digest_moment
from coalition.notifications.recipients import user_recipient
from coalition.notifications.registry import register_planner, register_reminder
from coalition.notifications.services import Reminder, notifications_schedule_many
from coalition.notifications.subjects import notification_subject
from coalition.people.models import Role, User

# What a staff member's caseload is, the workspace knows: it sits above this room and
# registers it from its reminders.py (see `register_caseload`).
CaseloadProvider = Callable[..., dict]
_caseload_providers: dict[str, CaseloadProvider] = {}


def register_caseload(provider: CaseloadProvider) -> None:
    """`provider(user, *, today)` returns the caseload values of the digest template
    (new_requests, new_request_count, followups, vogs, proposals)."""
    _caseload_providers[f"{provider.__module__}.{provider.__qualname__}"] = provider


def digest_has_content(notification: Notification) -> bool:
    """A coordinator's digest always has their caseload; anyone else's only goes
    out when it carries notifications they chose to receive this way."""
    user = notification.recipient_user
    if user is None or user.is_staff_member:
        return True
    return Notification.objects.filter(
        recipient_user=user,
        status=NotificationStatus.DIGEST,
        digest__isnull=True,
        due_at__lte=timezone.now(),
    ).exists()


def digest_collect(digest: Notification) -> int:
    """Attach the notifications the recipient asked to receive in the digest."""
    return Notification.objects.filter(
        recipient_user_id=digest.recipient_user_id,
        status=NotificationStatus.DIGEST,
        digest__isnull=True,
        due_at__lte=timezone.now(),
    ).update(digest=digest)


def digest_context(digest: Notification) -> dict:
    """The caseload overview of a coordinator and the held notifications.

    Only reference codes, first names, dates and counts: this goes into an email.
    """

    user = digest.recipient_user
    held = [
        {"label": kind_of(n.kind).label, "subject": notification_subject(n)}
        for n in digest.digested.order_by("due_at")
    ]
    context: dict = {"held": held, "is_staff_digest": user.is_staff_member}
    if user.is_staff_member:
        today = timezone.localdate()
        for provider in _caseload_providers.values():
            context.update(provider(user, today=today))
    return context


def digests_plan(*, now: datetime | None = None) -> int:
    """This week's Monday digest for every coordinator, and for anyone who chose to
    receive some kinds in a digest. Only during the Monday it belongs to."""
    now = now or timezone.now()
    moment = digest_moment(now)
    if not (moment <= now < moment + timedelta(days=1)):
        return 0
    wants_digest = NotificationPreference.objects.filter(
        delivery=NotificationDelivery.DIGEST
    ).values("user_id")
    users = User.objects.filter(is_active=True).filter(
        Q(role__in=(Role.COORDINATOR, Role.INTAKE_COORDINATOR)) | Q(pk__in=wants_digest)
    )
    week = moment.date().isocalendar()
    reminders = [
        Reminder(
            WEEKLY_DIGEST,
            moment,
            context={"week": f"{week.year}-W{week.week:02d}"},
            **user_recipient(user),
        )
        for user in users
    ]
    return notifications_schedule_many(reminders)


def _digest_send_context(digest: Notification) -> dict:
    # The held notifications join the digest in the transaction that sends it.
    digest_collect(digest)
    return digest_context(digest)


register_planner(WEEKLY_DIGEST, lambda now: digests_plan(now=now))
register_reminder(
    WEEKLY_DIGEST,
    still_relevant=lambda _target, digest: digest_has_content(digest),
    send_context=_digest_send_context,
    about_a_record=False,
)
