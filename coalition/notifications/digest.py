"""The weekly digest: a coordinator's caseload overview plus the notifications held for it."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from coalition.notifications.kinds import kind_of
from coalition.notifications.models import (
    Notification,
    NotificationDelivery,
    NotificationPreference,
    NotificationStatus,
)
from coalition.notifications.moments import digest_moment
from coalition.notifications.recipients import user_recipient
from coalition.notifications.services import Reminder, notifications_schedule_many
from coalition.notifications.subjects import notification_subject
from coalition.people.models import Role, User
from coalition.programmes.models import VOG_NOTICE_DAYS, ScreeningKind


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
    from families.models import RequestStatus, SupportRequest
    from matching.models import OPEN_MATCH_STATUSES as _OPEN_MATCH
    from matching.models import FollowUp, Match, MatchStatus
    from volunteers.models import ScreeningStep, Volunteer

    user = digest.recipient_user
    today = timezone.localdate()
    held = [
        {"label": kind_of(n.kind).label, "subject": notification_subject(n)}
        for n in digest.digested.order_by("due_at")
    ]
    context: dict = {"held": held, "is_staff_digest": user.is_staff_member}
    if not user.is_staff_member:
        return context
    new_requests = SupportRequest.objects.visible_to(user).filter(status=RequestStatus.NEW)
    followups = (
        FollowUp.objects.visible_to(user)
        .pending()
        .filter(due_on__lte=today + timedelta(days=7), match__status__in=_OPEN_MATCH)
        .select_related("match__request")
        .order_by("due_on")
    )
    vogs = (
        ScreeningStep.objects.filter(
            volunteer__in=Volunteer.objects.visible_to(user).values("pk"),
            kind__in=(ScreeningKind.VOG, ScreeningKind.HOUSEHOLD_VOG),
            expires_on__range=(today, today + timedelta(days=VOG_NOTICE_DAYS)),
        )
        .select_related("volunteer")
        .order_by("expires_on")
    )
    proposals = (
        Match.objects.visible_to(user)
        .filter(status=MatchStatus.PROPOSED)
        .select_related("request")
        .order_by("proposed_at")
    )
    context.update(
        {
            "new_requests": [
                {
                    "reference_code": r.reference_code,
                    "received_on": timezone.localdate(r.created_at),
                }
                for r in new_requests.order_by("created_at")[:15]
            ],
            "new_request_count": new_requests.count(),
            "followups": [
                {
                    "kind": f.get_kind_display(),
                    "reference_code": f.match.request.reference_code,
                    "due_on": f.due_on,
                    "overdue": f.due_on < today,
                }
                for f in followups[:25]
            ],
            "vogs": [
                {"first_name": s.volunteer.first_name, "expires_on": s.expires_on}
                for s in vogs[:25]
            ],
            "proposals": [
                {"reference_code": m.request.reference_code, "proposed_on": m.proposed_at.date()}
                for m in proposals[:25]
            ],
        }
    )
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
            "weekly_digest",
            moment,
            context={"week": f"{week.year}-W{week.week:02d}"},
            **user_recipient(user),
        )
        for user in users
    ]
    return notifications_schedule_many(reminders)
