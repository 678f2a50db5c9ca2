"""The parent's goal ratings at each evaluation of their match.

Goals live in families, evaluations here: the periodic plan asks the parent to
rate their goals a few days before each evaluation of an open match (once per
evaluation: the rating round is keyed on the follow-up)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from coalition.notifications.moments import local_moment
from families.models import Goal, GoalRatingRound, RatingMoment
from families.services import goal_rating_round_open
from matching.models import OPEN_MATCH_STATUSES, FollowUp, FollowUpKind

# The parent is asked this many days before the evaluation, at this hour.
ASK_DAYS_BEFORE = 3
ASK_HOUR = 10


def evaluation_occasion(followup: FollowUp) -> str:
    return f"evaluation-{followup.pk}"


def plan_goal_ratings(now: datetime) -> int:
    """Open a rating round for each evaluation due within a week whose family has goals."""
    today = timezone.localdate(now)
    followups = list(
        FollowUp.objects.pending()
        .filter(
            kind=FollowUpKind.EVALUATION,
            due_on__range=(today, today + timedelta(days=7)),
            match__status__in=OPEN_MATCH_STATUSES,
            match__request__in=Goal.objects.values("request_id"),
        )
        .select_related("match__request")
    )
    asked = set(
        GoalRatingRound.objects.filter(
            request_id__in={f.match.request_id for f in followups}
        ).values_list("request_id", "occasion")
    )
    opened = 0
    for followup in followups:
        request = followup.match.request
        occasion = evaluation_occasion(followup)
        if (request.pk, occasion) in asked or not request.is_open:
            continue
        due_at = max(now, local_moment(followup.due_on - timedelta(days=ASK_DAYS_BEFORE), ASK_HOUR))
        if goal_rating_round_open(
            request=request, moment=RatingMoment.EVALUATION, occasion=occasion, due_at=due_at
        ):
            opened += 1
    return opened
