"""Reminders that a match's follow-ups cause, scheduled by the service that creates them.

`match_reminders_schedule` is called from `match_activate` and from
`match_advance` (trial), inside their transaction: a rollback leaves no
reminder behind. Scheduling is idempotent by key.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from coalition.notifications.registry import register_target
from coalition.notifications.reminders import (
    local_moment,
    programme_coordinators,
    user_recipient,
    volunteer_recipient,
)
from coalition.notifications.services import Reminder, notifications_schedule_many
from matching.models import FollowUp, FollowUpKind, Match, MatchStatus

UPCOMING_DAYS = 3
INVITATION_DAYS = 7
CHECK_IN_HOUR = 10
PARENT_CHECK_IN_DAYS = 7


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
        staff = programme_coordinators(
            f.match.programme_id for f in followups if f.match.coordinator_id is None
        )
    reminders: list[Reminder] = []
    for followup in followups:
        match = followup.match
        recipients = (
            [match.coordinator]
            if match.coordinator_id and match.coordinator.is_active
            else staff.get(match.programme_id, [])
        )
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
    from families.models import Parent

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
    reminders += _check_ins(match, now)
    reminders += _parent_check_in(match)
    return notifications_schedule_many(reminders)


register_target(Match, Match.objects.visible_to)
register_target(FollowUp, FollowUp.objects.visible_to)
