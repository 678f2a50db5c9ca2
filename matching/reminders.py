"""A match's reminders: a proposal waiting, its follow-ups, the trial ending, and the
volunteer's and parent's check-ins. Registered with the notifications room (see its
registry.py).

The reminders a match's follow-ups and stage cause are scheduled by the services:
`match_reminders_schedule` is called from `match_activate` and from `match_advance`
(trial), inside their transaction, so a rollback leaves no reminder behind. The
periodic plan adds proposals waiting and is the safety net for follow-ups.
Scheduling is idempotent by key.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from coalition.notifications.models import Notification, NotificationStatus
from coalition.notifications.moments import local_moment
from coalition.notifications.recipients import programme_coordinators, user_recipient
from coalition.notifications.registry import register_planner, register_reminder, register_target
from coalition.notifications.reminders import still_relevant
from coalition.notifications.services import Reminder, notifications_schedule_many
from coalition.people.models import User
from families.models import Parent
from matching.goal_ratings import plan_goal_ratings
from matching.models import (
    OPEN_MATCH_STATUSES,
    FollowUp,
    FollowUpKind,
    Match,
    MatchStatus,
    Pulse,
    PulseStep,
)
from matching.pulses import pulses_reminders
from volunteers.reminders import volunteer_recipient

UPCOMING_DAYS = 3
INVITATION_DAYS = 7
CHECK_IN_HOUR = 10
PARENT_CHECK_IN_DAYS = 7
PROPOSAL_REVIEW_DAYS = 3
CHECK_IN_SALT = "coalition.volunteer-check-in"


def match_coordinators(match: Match, staff: dict[int, list[User]]) -> list[User]:
    """Who hears a match's reminders: its own coordinator while active, otherwise the
    coordinators of its programme (`staff`, from `match_staff`)."""
    if match.coordinator_id and match.coordinator.is_active:
        return [match.coordinator]
    return staff.get(match.programme_id, [])


def match_staff(matches: Iterable[Match]) -> dict[int, list[User]]:
    """The programme coordinators `match_coordinators` needs for `matches`, in one query."""
    return programme_coordinators(m.programme_id for m in matches if m.coordinator_id is None)


def _moments(followup: FollowUp) -> list[tuple[str, datetime]]:
    """The coordinator's reminders for one follow-up: before, on the day, overdue."""
    due = followup.due_on
    if followup.kind == FollowUpKind.TRIAL_END:
        return [("trial_ending", local_moment(due - timedelta(days=UPCOMING_DAYS)))]
    if followup.kind != FollowUpKind.EVALUATION:
        return []
    return [
        ("evaluation_upcoming", local_moment(due - timedelta(days=UPCOMING_DAYS))),
        ("evaluation_due", local_moment(due)),
        (
            "evaluation_overdue",
            local_moment(due + timedelta(days=followup.window_days + 1)),
        ),
    ]


def _current(moments: list[tuple[str, datetime]], now: datetime) -> list[tuple[str, datetime]]:
    """Drop a moment that is already overtaken by a later one that is also past:
    a late schedule sends "overdue", not "coming up", "today" and "overdue" at once."""
    return [
        moment
        for i, moment in enumerate(moments)
        if i + 1 >= len(moments) or moments[i + 1][1] > now
    ]


def followups_reminders(
    followups: Iterable[FollowUp], *, now: datetime | None = None, staff: dict | None = None
) -> list[Reminder]:
    """Reminders for `followups` (with match, request, volunteer and coordinator loaded)."""
    now = now or timezone.now()
    followups = list(followups)
    if staff is None:
        staff = match_staff(f.match for f in followups)
    reminders: list[Reminder] = []
    for followup in followups:
        match = followup.match
        recipients = match_coordinators(match, staff)
        context = {
            "reference_code": match.request.reference_code,
            "due_on": followup.due_on.isoformat(),
            "volunteer_first_name": match.volunteer.first_name,
            "followup_id": followup.pk,
        }
        for kind, due_at in _current(_moments(followup), now):
            reminders += [
                Reminder(kind, due_at, followup, context=context, **user_recipient(user))
                for user in recipients
            ]
        if followup.kind == FollowUpKind.EVALUATION:
            invitation = local_moment(followup.due_on - timedelta(days=INVITATION_DAYS))
            if followup.due_on >= timezone.localdate(now):
                reminders.append(
                    Reminder(
                        "evaluation_invitation",
                        invitation,
                        followup,
                        context=context,
                        **volunteer_recipient(match.volunteer),
                    )
                )
    return reminders


def _check_ins(match: Match, now: datetime) -> list[Reminder]:
    """The volunteer's "how is it going?" after each month of the match."""
    if match.status != MatchStatus.ACTIVE or match.started_on is None:
        return []
    months = max(match.programme.typical_duration_months, 1)
    recipient = volunteer_recipient(match.volunteer)
    context = {
        "volunteer_first_name": match.volunteer.first_name,
        "reference_code": match.request.reference_code,
    }
    reminders = []
    for month in range(1, months + 1):
        due_at = local_moment(match.started_on + relativedelta(months=month), CHECK_IN_HOUR)
        if due_at < now - timedelta(days=7):
            continue  # a late start: no questions about months long gone
        reminders.append(
            Reminder(
                "volunteer_check_in",
                due_at,
                match,
                context={**context, "month": month},
                **recipient,
            )
        )
    return reminders


def _parent_check_in(match: Match) -> list[Reminder]:
    """A short check-in with the parent a week after the trial period, if they gave an email."""
    if match.status != MatchStatus.ACTIVE or match.started_on is None:
        return []
    parent = (
        Parent.objects.filter(family_id=match.request.family_id, is_primary_contact=True)
        .exclude(email="")
        .first()
    )
    if parent is None:
        return []
    return [
        Reminder(
            "parent_trial_check_in",
            local_moment(match.started_on + timedelta(days=PARENT_CHECK_IN_DAYS), CHECK_IN_HOUR),
            match,
            recipient_email=parent.email,
            language=match.request.language,
            context={
                "parent_first_name": parent.first_name,
                "volunteer_first_name": match.volunteer.first_name,
                "reference_code": match.request.reference_code,
            },
        )
    ]


def match_reminders_schedule(*, match: Match, now: datetime | None = None) -> int:
    """Schedule every reminder the match's follow-ups and stage cause. Idempotent."""
    now = now or timezone.now()
    match = Match.objects.select_related(
        "request", "volunteer__user", "coordinator", "programme"
    ).get(pk=match.pk)
    followups = list(match.followups.pending())
    for followup in followups:
        followup.match = match
    reminders = followups_reminders(followups, now=now)
    if PulseStep.objects.filter(programme_id=match.programme_id).exists():
        # The pulse asks both sides on the programme's cadence: it replaces the
        # volunteer's monthly check-in and the parent's check-in after the trial.
        reminders += pulses_reminders(match=match, now=now)
    else:
        reminders += _check_ins(match, now)
        reminders += _parent_check_in(match)
    return notifications_schedule_many(reminders)


def match_reminders_revive(*, match: Match) -> int:
    """A re-opened match: the reminders its ending cancelled come back when their
    reason is back (scheduling again would meet their keys and add nothing)."""
    followup_type = ContentType.objects.get_for_model(FollowUp)
    # Its pulses still to come are asked again.
    Pulse.objects.filter(
        match=match, answered_at__isnull=True, due_on__gte=timezone.localdate()
    ).exclude(occasion="exit").update(cancelled_on=None)
    open_pulses = Pulse.objects.filter(
        match=match, answered_at__isnull=True, cancelled_on__isnull=True
    ).values("pk")
    cancelled = Notification.objects.filter(status=NotificationStatus.CANCELLED).filter(
        Q(target_type=ContentType.objects.get_for_model(Match), target_id=match.pk)
        | Q(target_type=followup_type, target_id__in=match.followups.pending().values("pk"))
        | Q(target_type=ContentType.objects.get_for_model(Pulse), target_id__in=open_pulses)
    )
    revived = [n for n in cancelled if n.due_at >= timezone.now() and still_relevant(n)]
    Notification.objects.filter(pk__in=[n.pk for n in revived]).update(
        status=NotificationStatus.PENDING
    )
    return len(revived)


# --- The periodic plan --------------------------------------------------------


def _plan_proposals(now: datetime) -> int:
    """A proposal nobody acted on for a few days reminds the match's coordinators."""
    matches = list(
        Match.objects.filter(status=MatchStatus.PROPOSED).select_related(
            "request", "volunteer", "coordinator"
        )
    )
    staff = match_staff(matches)
    reminders = []
    for match in matches:
        due = local_moment(
            timezone.localdate(match.proposed_at) + timedelta(days=PROPOSAL_REVIEW_DAYS)
        )
        context = {
            "reference_code": match.request.reference_code,
            "volunteer_first_name": match.volunteer.first_name,
        }
        reminders += [
            Reminder("proposal_waiting", due, match, context=context, **user_recipient(u))
            for u in match_coordinators(match, staff)
        ]
    return notifications_schedule_many(reminders)


def _plan_followups(now: datetime) -> int:
    """Evaluation and trial reminders for follow-ups due soon, whoever created them
    (the service that creates follow-ups schedules them too; this is the safety net)."""
    today = timezone.localdate(now)
    scheduled = Notification.objects.filter(
        target_type=ContentType.objects.get_for_model(FollowUp), target_id=OuterRef("pk")
    )
    followups = list(
        FollowUp.objects.pending()
        .filter(
            # From the latest "overdue" moment to the earliest invitation ahead.
            due_on__range=(today - timedelta(days=10), today + timedelta(days=8)),
            match__status__in=OPEN_MATCH_STATUSES,
        )
        .exclude(Exists(scheduled))
        .select_related(
            "match__request", "match__volunteer__user", "match__coordinator", "match__programme"
        )
    )
    return notifications_schedule_many(followups_reminders(followups, now=now))


# --- Checks at send time --------------------------------------------------------


def _followup_open(followup: FollowUp, notification: Notification) -> bool:
    # A follow-up moved to another date: its reminders for the old date lapse
    # (the service that moves it schedules the new ones).
    same_date = notification.context.get("due_on", followup.due_on.isoformat()) == (
        followup.due_on.isoformat()
    )
    return (
        same_date
        and followup.done_on is None
        and followup.cancelled_on is None
        and followup.match.is_open
    )


def _evaluation_upcoming(followup: FollowUp, notification: Notification) -> bool:
    return _followup_open(followup, notification) and timezone.localdate() <= followup.due_on


def _evaluation_due(followup: FollowUp, notification: Notification) -> bool:
    late = followup.due_on + timedelta(days=followup.window_days)
    return _followup_open(followup, notification) and timezone.localdate() <= late


def _trial_ending(followup: FollowUp, notification: Notification) -> bool:
    return _followup_open(followup, notification) and followup.match.status == MatchStatus.TRIAL


def _match_proposed(match: Match, notification: Notification) -> bool:
    return match.status == MatchStatus.PROPOSED


def _match_active(match: Match, notification: Notification) -> bool:
    return match.status == MatchStatus.ACTIVE


def _match_open(match: Match, notification: Notification) -> bool:
    return match.is_open


def _match_ended(match: Match, notification: Notification) -> bool:
    return match.status == MatchStatus.ENDED


# --- The volunteer's check-in link ------------------------------------------------


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


def _check_in_link(notification: Notification) -> dict:
    path = reverse("checkin:volunteer_check_in", args=[check_in_token(notification)])
    return {"checkin_url": settings.SITE_URL + path}


register_target(Match, Match.objects.visible_to)
register_target(FollowUp, FollowUp.objects.visible_to)
register_target(Pulse, lambda user: Pulse.objects.filter(match__in=Match.objects.visible_to(user)))
register_planner("proposal_waiting", _plan_proposals)
register_planner("followups", _plan_followups)
register_planner("goal_ratings", plan_goal_ratings)
register_reminder("evaluation_upcoming", still_relevant=_evaluation_upcoming)
register_reminder("evaluation_invitation", still_relevant=_evaluation_upcoming)
register_reminder("evaluation_due", still_relevant=_evaluation_due)
register_reminder("evaluation_overdue", still_relevant=_followup_open)
register_reminder("trial_ending", still_relevant=_trial_ending)
register_reminder("proposal_waiting", still_relevant=_match_proposed)
register_reminder("volunteer_check_in", still_relevant=_match_active, send_context=_check_in_link)
register_reminder("parent_trial_check_in", still_relevant=_match_open)
register_reminder("parent_match_ended", still_relevant=_match_ended)
register_reminder("volunteer_match_ended", still_relevant=_match_ended)

# The nudge about an unconfirmed support moment registers from its own package.
from matching.moments import reminders as _moment_reminders  # noqa: E402, F401
