import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from coalition.status_machine import IllegalTransition
from families.models import RequestStatus
from matching.case import match_end
from matching.models import FollowUpKind, MatchStatus
from matching.services import (
    match_activate,
    match_advance,
    match_propose,
    match_reopen,
)
from tests.factories import SupportRequestFactory, VolunteerFactory
from volunteers.models import ScreeningStep

pytestmark = pytest.mark.django_db


def walk_to_trial(match, coordinator):
    for stage in (
        MatchStatus.VOLUNTEER_AGREED,
        MatchStatus.FAMILY_AGREED,
        MatchStatus.INTRODUCTION,
    ):
        match = match_advance(match=match, to_status=stage, by=coordinator)
    return match_advance(match=match, to_status=MatchStatus.TRIAL, by=coordinator)


def test_a_match_walks_through_every_stage_to_active(coordinator):
    request = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH)
    match = match_propose(request=request, volunteer=VolunteerFactory(), by=coordinator)
    match = walk_to_trial(match, coordinator)
    match = match_activate(match=match, by=coordinator)

    assert match.status == MatchStatus.ACTIVE
    request.refresh_from_db()
    assert request.status == RequestStatus.MATCHED
    steps = list(match.status_changes.values_list("to_status", flat=True))
    assert steps == [
        "proposed",
        "volunteer_agreed",
        "family_agreed",
        "introduction",
        "trial",
        "active",
    ]


def test_it_refuses_to_skip_a_stage(coordinator):
    request = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH)
    match = match_propose(request=request, volunteer=VolunteerFactory(), by=coordinator)
    with pytest.raises(IllegalTransition, match="Proposed"):
        match_advance(match=match, to_status=MatchStatus.TRIAL, by=coordinator)


def test_activation_schedules_the_programmes_evaluations(coordinator, buurtgezinnen):
    request = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH)
    match = walk_to_trial(
        match_propose(request=request, volunteer=VolunteerFactory(), by=coordinator), coordinator
    )
    start = timezone.localdate()
    match = match_activate(match=match, by=coordinator, on=start)

    evaluations = list(match.followups.filter(kind=FollowUpKind.EVALUATION).order_by("due_on"))
    assert evaluations[0].due_on == start + dt.timedelta(weeks=buurtgezinnen.first_evaluation_weeks)
    gap = evaluations[1].due_on - evaluations[0].due_on
    assert gap == dt.timedelta(weeks=buurtgezinnen.evaluation_interval_weeks)
    assert match.followups.filter(kind=FollowUpKind.TRIAL_END).count() == 1


def test_a_match_cannot_become_active_with_an_expired_vog(coordinator):
    volunteer = VolunteerFactory()
    request = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH)
    match = walk_to_trial(
        match_propose(request=request, volunteer=volunteer, by=coordinator), coordinator
    )
    vog = ScreeningStep.objects.get(volunteer=volunteer, kind="vog")
    vog.expires_on = timezone.localdate() - dt.timedelta(days=1)
    vog.save()

    with pytest.raises(ValidationError, match="VOG"):
        match_activate(match=match, by=coordinator)
    match.refresh_from_db()
    assert match.status == MatchStatus.TRIAL


def test_a_vog_expiring_on_the_start_date_is_still_valid_that_day(coordinator):
    volunteer = VolunteerFactory()
    request = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH)
    match = walk_to_trial(
        match_propose(request=request, volunteer=volunteer, by=coordinator), coordinator
    )
    start = timezone.localdate() + dt.timedelta(days=3)
    ScreeningStep.objects.filter(volunteer=volunteer, kind="vog").update(expires_on=start)

    assert match_activate(match=match, by=coordinator, on=start).status == MatchStatus.ACTIVE


def test_a_volunteer_cannot_exceed_capacity(coordinator):
    volunteer = VolunteerFactory(capacity=1)
    first = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH)
    second = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH)
    match_propose(request=first, volunteer=volunteer, by=coordinator)

    with pytest.raises(ValidationError, match="most they can take"):
        match_propose(request=second, volunteer=volunteer, by=coordinator)


def test_an_ended_match_frees_capacity_and_can_be_reopened(coordinator):
    volunteer = VolunteerFactory(capacity=1)
    request = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH)
    match = match_propose(request=request, volunteer=volunteer, by=coordinator)
    match = match_end(match=match, reason="no_click", outcome="unknown", by=coordinator)
    assert match.status == MatchStatus.ENDED

    other = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH)
    second = match_propose(request=other, volunteer=volunteer, by=coordinator)
    with pytest.raises(ValidationError, match="most they can take"):
        match_reopen(match=match, by=coordinator)

    match_end(match=second, reason="no_click", outcome="unknown", by=coordinator)
    reopened = match_reopen(match=match, by=coordinator)
    assert reopened.status == MatchStatus.PROPOSED
    assert reopened.end_reason == ""


def test_ending_needs_a_reason(coordinator):
    request = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH)
    match = match_propose(request=request, volunteer=VolunteerFactory(), by=coordinator)
    with pytest.raises(ValidationError):
        match_end(match=match, reason="", outcome="unknown", by=coordinator)


def test_a_volunteer_of_another_programme_cannot_be_proposed(coordinator, home_start):
    request = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH)
    with pytest.raises(ValidationError, match="does not volunteer for"):
        match_propose(
            request=request, volunteer=VolunteerFactory(programmes=[home_start]), by=coordinator
        )


def test_a_second_open_match_for_the_same_family_is_refused(coordinator):
    request = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH)
    first = match_propose(request=request, volunteer=VolunteerFactory(), by=coordinator)
    other_volunteer = VolunteerFactory()

    with pytest.raises(ValidationError, match="already has an open match"):
        match_propose(request=request, volunteer=other_volunteer, by=coordinator)
    assert request.matches.count() == 1

    match_end(match=first, reason="no_click", outcome="unknown", by=coordinator)
    second = match_propose(request=request, volunteer=other_volunteer, by=coordinator)
    assert second.status == MatchStatus.PROPOSED


def test_a_match_is_not_reopened_while_the_family_has_another_open_match(coordinator):
    request = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH)
    first = match_propose(request=request, volunteer=VolunteerFactory(), by=coordinator)
    first = match_end(match=first, reason="no_click", outcome="unknown", by=coordinator)
    second = match_propose(request=request, volunteer=VolunteerFactory(), by=coordinator)

    with pytest.raises(ValidationError, match="already has an open match"):
        match_reopen(match=first, by=coordinator)
    first.refresh_from_db()
    assert first.status == MatchStatus.ENDED

    match_end(match=second, reason="no_click", outcome="unknown", by=coordinator)
    assert match_reopen(match=first, by=coordinator).status == MatchStatus.PROPOSED
