"""What should be reminded, to whom, and when: the periodic plan and the checks at send time.

Reminders that a service causes (a match's evaluations) are scheduled by that
service. Reminders that only time causes (a VOG nearing its end, a request
waiting past the intake promise, the Monday digest) are computed here by
`reminders_plan`, which the beat runs every few minutes; scheduling is
idempotent by key, so running it often (or twice) creates nothing twice.

All moments are local (Europe/Amsterdam) wall-clock times: "09:00" stays 09:00
on both sides of a daylight-saving change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from coalition.notifications.models import (
    Notification,
)
from coalition.notifications.services import Reminder, notifications_schedule_many
from coalition.people.models import Coordinator, Role, User
from coalition.programmes.models import ScreeningKind

REMINDER_HOUR = 9
DIGEST_HOUR = 8
VOG_NOTICE_DAYS = 60
PROPOSAL_REVIEW_DAYS = 3
VOLUNTEER_INTAKE_WORKING_DAYS = 5
SCREENING_NUDGE_DAYS = 7
CHECK_IN_SALT = "coalition.volunteer-check-in"


# --- Time -----------------------------------------------------------------


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_moment(day: date, hour: int = REMINDER_HOUR, minute: int = 0) -> datetime:
    """`day` at `hour`:`minute` Amsterdam time, as an aware datetime."""
    return datetime.combine(day, time(hour, minute), tzinfo=local_zone())


def add_working_days(day: date, days: int) -> date:
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def digest_moment(now: datetime) -> datetime:
    """Monday 08:00 local of the week `now` falls in."""
    today = timezone.localdate(now)
    return local_moment(today - timedelta(days=today.weekday()), DIGEST_HOUR)


# --- Recipients -----------------------------------------------------------


def user_recipient(user: User) -> dict:
    return {"recipient_user": user, "language": user.preferred_language or settings.LANGUAGE_CODE}


def volunteer_recipient(volunteer) -> dict:
    if volunteer.user_id and volunteer.user.is_active:
        return user_recipient(volunteer.user)
    return {"recipient_email": volunteer.email, "language": settings.LANGUAGE_CODE}


def programme_coordinators(programme_ids: Iterable[int]) -> dict[int, list[User]]:
    """The active coordinators of each programme, in one query."""
    through = Coordinator.programmes.through
    rows = (
        through.objects.filter(
            programme_id__in=set(programme_ids),
            coordinator__user__is_active=True,
            coordinator__user__role__in=(Role.COORDINATOR, Role.INTAKE_COORDINATOR),
        )
        .select_related("coordinator__user")
        .order_by("coordinator__user_id")
    )
    result: dict[int, list[User]] = defaultdict(list)
    for row in rows:
        result[row.programme_id].append(row.coordinator.user)
    return result


def intake_coordinators() -> list[User]:
    return list(User.objects.filter(role=Role.INTAKE_COORDINATOR, is_active=True))


# --- Checks at send time ----------------------------------------------------
# A reminder scheduled weeks ago may have become pointless: the evaluation was
# done, the request was picked up. The sweep then cancels it instead of sending.


def _followup_open(followup, notification) -> bool:
    # A follow-up moved to another date: its reminders for the old date lapse
    # (the service that moves it schedules the new ones).
    same_date = notification.context.get("due_on", followup.due_on.isoformat()) == (
        followup.due_on.isoformat()
    )
    return same_date and followup.done_on is None and followup.match.is_open


def _evaluation_upcoming(followup, notification) -> bool:
    return _followup_open(followup, notification) and timezone.localdate() <= followup.due_on


def _evaluation_due(followup, notification) -> bool:
    late = followup.due_on + timedelta(days=followup.window_days)
    return _followup_open(followup, notification) and timezone.localdate() <= late


def _trial_ending(followup, notification) -> bool:
    from matching.models import MatchStatus

    return _followup_open(followup, notification) and followup.match.status == MatchStatus.TRIAL


def _request_new(request, notification) -> bool:
    return request.status == "new"


def _request_open(request, notification) -> bool:
    return request.is_open


def _volunteer_still_waiting(volunteer, notification) -> bool:
    return volunteer.status == notification.context.get("status")


def _volunteer_screening(volunteer, notification) -> bool:
    return volunteer.status in ("applied", "screening")


def _vog_unchanged(step, notification) -> bool:
    expires = step.expires_on.isoformat() if step.expires_on else ""
    return expires == notification.context.get("expires_on") and step.volunteer.status not in (
        "stopped",
        "rejected",
    )


def _match_proposed(match, notification) -> bool:
    return match.status == "proposed"


def _match_active(match, notification) -> bool:
    return match.status == "active"


def _match_open(match, notification) -> bool:
    return match.is_open


_RELEVANCE = {
    "evaluation_upcoming": _evaluation_upcoming,
    "evaluation_invitation": _evaluation_upcoming,
    "evaluation_due": _evaluation_due,
    "evaluation_overdue": _followup_open,
    "trial_ending": _trial_ending,
    "request_waiting": _request_new,
    "coordinator_will_call": _request_open,
    "volunteer_waiting": _volunteer_still_waiting,
    "screening_steps": _volunteer_screening,
    "vog_expiring": _vog_unchanged,
    "vog_renewal": _vog_unchanged,
    "proposal_waiting": _match_proposed,
    "volunteer_check_in": _match_active,
    "parent_trial_check_in": _match_open,
}


def still_relevant(notification: Notification) -> bool:
    from coalition.notifications import digest

    if notification.kind == "weekly_digest":
        return digest.digest_has_content(notification)
    check = _RELEVANCE.get(notification.kind)
    if check is None:
        return True
    target = notification.target
    if target is None:
        return notification.target_type_id is None
    return check(target, notification)


# --- Context computed at send time -----------------------------------------


def check_in_token(notification: Notification) -> str:
    return signing.dumps({"n": notification.pk}, salt=CHECK_IN_SALT)


def check_in_notification(token: str, *, max_age_days: int = 60) -> Notification | None:
    """The check-in notification a token was made for, or None for a bad or old token."""
    try:
        payload = signing.loads(token, salt=CHECK_IN_SALT, max_age=timedelta(days=max_age_days))
    except signing.BadSignature:
        return None
    return (
        Notification.objects.filter(pk=payload.get("n"), kind="volunteer_check_in")
        .select_related("target_type")
        .first()
    )


def send_context(notification: Notification) -> dict:
    """Values added at send time: links, the recipient's first name, the digest."""
    from coalition.notifications import digest

    site = settings.SITE_URL
    user = notification.recipient_user
    context: dict = {
        "notifications_url": site + reverse("coordinators:notifications"),
        "preferences_url": site + reverse("coordinators:notification_preferences"),
        "recipient_first_name": (
            user.first_name
            if user is not None
            else notification.context.get("parent_first_name")
            or notification.context.get("first_name")
            or notification.context.get("volunteer_first_name", "")
        ),
        "for_user": user is not None,
    }
    if notification.kind == "volunteer_check_in":
        context["checkin_url"] = site + reverse(
            "checkin:volunteer_check_in", args=[check_in_token(notification)]
        )
    if notification.kind == "screening_steps":
        labels = dict(ScreeningKind.choices)
        context["missing_labels"] = [
            str(labels.get(kind, kind)) for kind in notification.context.get("missing", [])
        ]
    if notification.kind == "weekly_digest" and user is not None:
        context.update(digest.digest_context(notification))
    return context


_OPEN_MATCH = ("proposed", "volunteer_agreed", "family_agreed", "introduction", "trial", "active")


# --- The plan ---------------------------------------------------------------


def reminders_plan(*, now: datetime | None = None) -> dict[str, int]:
    """Schedule every time-caused reminder that should exist by now. Idempotent."""
    from coalition.notifications import digest

    now = now or timezone.now()
    planned = {
        "request_waiting": _plan_requests_waiting(now),
        "coordinator_will_call": _plan_coordinator_will_call(now),
        "volunteer_waiting": _plan_volunteers_waiting(now),
        "vog": _plan_vogs(now),
        "proposal_waiting": _plan_proposals(now),
        "followups": _plan_followups(now),
        "weekly_digest": digest.digests_plan(now=now),
    }
    return planned


def _plan_requests_waiting(now: datetime) -> int:
    from families.models import RequestStatus, SupportRequest

    requests = list(
        SupportRequest.objects.filter(status=RequestStatus.NEW).only(
            "pk", "reference_code", "programme_id", "created_at"
        )
    )
    staff = programme_coordinators(r.programme_id for r in requests if r.programme_id)
    intake = intake_coordinators() if any(r.programme_id is None for r in requests) else []
    reminders = []
    for request in requests:
        received = timezone.localdate(request.created_at)
        promise = add_working_days(received, settings.INTAKE_PROMISE_WORKING_DAYS)
        due = local_moment(add_working_days(promise, 1))
        recipients = staff.get(request.programme_id, []) if request.programme_id else intake
        context = {
            "reference_code": request.reference_code,
            "received_on": received.isoformat(),
            "promise_on": promise.isoformat(),
        }
        reminders += [
            Reminder("request_waiting", due, request, context=context, **user_recipient(user))
            for user in recipients
        ]
    return notifications_schedule_many(reminders)


def _coordinator_will_call(request, parent) -> Reminder:
    # The moment of the status change makes the key: planned again later, told again.
    return Reminder(
        "coordinator_will_call",
        request.status_changed_at,
        request,
        recipient_email=parent.email,
        language=request.language,
        context={
            "reference_code": request.reference_code,
            "parent_first_name": parent.first_name,
        },
    )


def coordinator_will_call_schedule(*, request) -> int:
    """Called by the service that plans the intake, in its transaction: tell a
    parent with an email address that a coordinator will call."""
    parent = request.family.parents.filter(is_primary_contact=True).exclude(email="").first()
    if parent is None:
        return 0
    return notifications_schedule_many([_coordinator_will_call(request, parent)])


def _plan_coordinator_will_call(now: datetime) -> int:
    """Catch-up for the service above (the unique key makes it a no-op when the
    service already scheduled it): intakes planned in the last two days."""
    from families.models import Parent, RequestStatus, SupportRequest

    requests = list(
        SupportRequest.objects.filter(
            status=RequestStatus.INTAKE_PLANNED, status_changed_at__gte=now - timedelta(days=2)
        ).only("pk", "reference_code", "family_id", "language", "status_changed_at")
    )
    parents = {
        p.family_id: p
        for p in Parent.objects.filter(
            family_id__in=[r.family_id for r in requests], is_primary_contact=True
        ).exclude(email="")
    }
    reminders = [
        _coordinator_will_call(request, parents[request.family_id])
        for request in requests
        if request.family_id in parents
    ]
    return notifications_schedule_many(reminders)


def _plan_volunteers_waiting(now: datetime) -> int:
    from volunteers.models import Volunteer, VolunteerStatus
    from volunteers.selectors import screening_missing

    volunteers = list(
        Volunteer.objects.filter(
            status__in=(VolunteerStatus.APPLIED, VolunteerStatus.SCREENING),
            anonymised_at__isnull=True,
        )
        .select_related("user")
        .prefetch_related("programmes", "screening", "household_members")
    )
    staff = programme_coordinators(p.pk for v in volunteers for p in v.programmes.all())
    reminders = []
    today = timezone.localdate(now)
    for volunteer in volunteers:
        since = timezone.localdate(volunteer.status_changed_at)
        context = {
            "volunteer_first_name": volunteer.first_name,
            "status": volunteer.status,
            "since_on": since.isoformat(),
        }
        if volunteer.status == VolunteerStatus.APPLIED:
            due = local_moment(add_working_days(since, VOLUNTEER_INTAKE_WORKING_DAYS))
        else:
            due = local_moment(since + timedelta(days=14))
        recipients = {u.pk: u for p in volunteer.programmes.all() for u in staff.get(p.pk, [])}
        reminders += [
            Reminder("volunteer_waiting", due, volunteer, context=context, **user_recipient(u))
            for u in recipients.values()
        ]
        if volunteer.status == VolunteerStatus.SCREENING:
            missing = sorted(
                {
                    kind
                    for programme in volunteer.programmes.all()
                    for kind in screening_missing(
                        volunteer=volunteer, programme=programme, on=today
                    )
                }
            )
            if missing:
                reminders.append(
                    Reminder(
                        "screening_steps",
                        local_moment(since + timedelta(days=SCREENING_NUDGE_DAYS), 10),
                        volunteer,
                        context={"volunteer_first_name": volunteer.first_name, "missing": missing},
                        **volunteer_recipient(volunteer),
                    )
                )
    return notifications_schedule_many(reminders)


def _plan_vogs(now: datetime) -> int:
    """A VOG that expires within 60 days: its coordinators and the volunteer hear it,
    60 days ahead (or straight away when the VOG was recorded later than that)."""
    from volunteers.models import ScreeningStep, VolunteerStatus

    today = timezone.localdate(now)
    steps = list(
        ScreeningStep.objects.filter(
            kind__in=(ScreeningKind.VOG, ScreeningKind.HOUSEHOLD_VOG),
            exempt=False,
            expires_on__range=(today, today + timedelta(days=VOG_NOTICE_DAYS)),
            volunteer__status__in=(
                VolunteerStatus.APPROVED,
                VolunteerStatus.ACTIVE,
                VolunteerStatus.PAUSED,
                VolunteerStatus.SCREENING,
            ),
        )
        .select_related("volunteer__user", "household_member")
        .prefetch_related("volunteer__programmes")
    )
    staff = programme_coordinators(p.pk for s in steps for p in s.volunteer.programmes.all())
    reminders = []
    for step in steps:
        volunteer = step.volunteer
        due = local_moment(step.expires_on - timedelta(days=VOG_NOTICE_DAYS))
        context = {
            "volunteer_first_name": volunteer.first_name,
            "expires_on": step.expires_on.isoformat(),
            "household_member_first_name": (
                step.household_member.first_name if step.household_member else ""
            ),
        }
        recipients = {u.pk: u for p in volunteer.programmes.all() for u in staff.get(p.pk, [])}
        reminders += [
            Reminder("vog_expiring", due, step, context=context, **user_recipient(u))
            for u in recipients.values()
        ]
        reminders.append(
            Reminder("vog_renewal", due, step, context=context, **volunteer_recipient(volunteer))
        )
    return notifications_schedule_many(reminders)


def _plan_proposals(now: datetime) -> int:
    from matching.models import Match, MatchStatus

    matches = list(
        Match.objects.filter(status=MatchStatus.PROPOSED).select_related(
            "request", "volunteer", "coordinator"
        )
    )
    staff = programme_coordinators(m.programme_id for m in matches if m.coordinator_id is None)
    reminders = []
    for match in matches:
        due = local_moment(
            timezone.localdate(match.proposed_at) + timedelta(days=PROPOSAL_REVIEW_DAYS)
        )
        recipients = (
            [match.coordinator]
            if match.coordinator_id and match.coordinator.is_active
            else staff.get(match.programme_id, [])
        )
        context = {
            "reference_code": match.request.reference_code,
            "volunteer_first_name": match.volunteer.first_name,
        }
        reminders += [
            Reminder("proposal_waiting", due, match, context=context, **user_recipient(u))
            for u in recipients
        ]
    return notifications_schedule_many(reminders)


def _plan_followups(now: datetime) -> int:
    """Evaluation and trial reminders for follow-ups due soon, whoever created them
    (the service that creates follow-ups schedules them too; this is the safety net)."""
    from matching.models import FollowUp
    from matching.reminders import followups_reminders

    today = timezone.localdate(now)
    scheduled = Notification.objects.filter(
        target_type=ContentType.objects.get_for_model(FollowUp), target_id=OuterRef("pk")
    )
    followups = list(
        FollowUp.objects.pending()
        .filter(
            # From the latest "overdue" moment to the earliest invitation ahead.
            due_on__range=(today - timedelta(days=10), today + timedelta(days=8)),
            match__status__in=_OPEN_MATCH,
        )
        .exclude(Exists(scheduled))
        .select_related(
            "match__request", "match__volunteer__user", "match__coordinator", "match__programme"
        )
    )
    return notifications_schedule_many(followups_reminders(followups, now=now))
