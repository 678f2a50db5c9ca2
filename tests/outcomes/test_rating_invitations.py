"""Invitations to rate the goals: before each evaluation once, and no longer needed
once the coordinator noted the ratings in a conversation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from coalition.notifications.models import Notification, NotificationStatus
from coalition.notifications.reminders import reminders_plan
from families.models import GoalRatingRound
from families.services import goal_rating_invite_for_intake, goal_ratings_record, goals_set
from matching.models import FollowUp
from tests.factories import MatchFactory, ParentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def match():
    match = MatchFactory(status="active", request__status="matched", request__language="pl")
    ParentFactory(family=match.request.family, email="ola@example.org", first_name="Ola")
    goals_set(request=match.request, goals=[("Więcej spokoju rano", "daily_care")])
    return match


def test_the_parent_is_asked_once_before_each_evaluation(match):
    followup = FollowUp.objects.create(
        match=match, kind="evaluation", due_on=timezone.localdate() + dt.timedelta(days=5)
    )

    reminders_plan()
    reminders_plan()

    invitation = Notification.objects.get(kind="goal_rating_invitation")
    assert invitation.recipient_email == "ola@example.org"
    assert invitation.language == "pl"
    assert invitation.context["moment"] == "evaluation"
    round = GoalRatingRound.objects.get()
    assert round.occasion == f"evaluation-{followup.pk}"


def test_no_invitation_for_an_evaluation_far_ahead_or_a_family_without_goals(match):
    FollowUp.objects.create(
        match=match, kind="evaluation", due_on=timezone.localdate() + dt.timedelta(days=40)
    )
    other = MatchFactory(status="active", request__status="matched")
    ParentFactory(family=other.request.family, email="geen.doelen@example.org")
    FollowUp.objects.create(
        match=other, kind="evaluation", due_on=timezone.localdate() + dt.timedelta(days=3)
    )

    reminders_plan()

    assert not Notification.objects.filter(kind="goal_rating_invitation").exists()


def test_rating_with_the_coordinator_closes_the_parents_link(match, coordinator):
    request = match.request
    goal_rating_invite_for_intake(request=request)
    (goal,) = request.goals.all()

    goal_ratings_record(
        request=request, moment="intake", scores={goal.pk: 4}, rater="coordinator", by=coordinator
    )

    assert GoalRatingRound.objects.get().completed_at is not None
    invitation = Notification.objects.get(kind="goal_rating_invitation")
    assert invitation.status == NotificationStatus.CANCELLED
    assert "rating_url" not in invitation.context
