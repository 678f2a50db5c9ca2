"""Every request has a responsible coordinator: who gets it, and how it is handed over."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from coalition.notifications.models import Notification
from coalition.people.models import Role
from families.models import RequestStatus
from families.services import (
    programme_referral_decide,
    request_assign_owner,
    request_choose_programme,
    request_mark_waiting,
    request_plan_intake,
    request_refer_to_programme,
)
from matching.intake import request_record_intake
from matching.owners import match_assign_owner
from matching.services import match_propose
from tests.factories import (
    CoordinatorFactory,
    MatchFactory,
    SupportRequestFactory,
    VolunteerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(buurtgezinnen):
    """A second coordinator of Buurtgezinnen."""
    return CoordinatorFactory(
        user__email="collega@buurtgezinnen.example.org",
        programme_for_org=buurtgezinnen,
        programmes=[buurtgezinnen],
    ).user


def tomorrow():
    return timezone.now() + dt.timedelta(days=1)


def hand_overs(subject):
    return list(subject.status_changes.filter(to_owner__isnull=False).order_by("changed_at", "id"))


def test_a_new_request_has_nobody_responsible_yet():
    assert SupportRequestFactory().owner is None


def test_the_coordinator_who_plans_the_intake_becomes_responsible(coordinator):
    request = SupportRequestFactory()
    request_plan_intake(request=request, when=tomorrow(), by=coordinator)
    request.refresh_from_db()
    assert request.owner == coordinator
    assert [step.to_owner for step in hand_overs(request)] == [coordinator]


def test_planning_again_does_not_take_a_colleagues_request(coordinator, colleague):
    request = SupportRequestFactory()
    request_plan_intake(request=request, when=tomorrow(), by=coordinator)
    request_plan_intake(request=request, when=tomorrow(), by=colleague)
    request.refresh_from_db()
    assert request.owner == coordinator


def test_recording_the_intake_or_the_waiting_list_makes_the_coordinator_responsible(coordinator):
    recorded = SupportRequestFactory(status=RequestStatus.INTAKE_PLANNED)
    request_record_intake(request=recorded, by=coordinator, done_on=timezone.localdate())
    recorded.refresh_from_db()
    assert recorded.owner == coordinator
    waiting = SupportRequestFactory(status=RequestStatus.INTAKE_DONE)
    request_mark_waiting(request=waiting, by=coordinator)
    waiting.refresh_from_db()
    assert waiting.owner == coordinator


def test_an_intake_coordinator_holds_a_queued_request_until_it_goes_to_a_programme_they_do_not_coordinate(
    intake_coordinator, home_start
):
    request = SupportRequestFactory(programme=None, help_me_choose=True)
    request_plan_intake(request=request, when=tomorrow(), by=intake_coordinator)
    request.refresh_from_db()
    assert request.owner == intake_coordinator
    request_choose_programme(request=request, programme=home_start, by=intake_coordinator)
    request.refresh_from_db()
    # Home-Start's coordinators pick it up: "nobody yet" on their side.
    assert request.owner is None


def test_routing_to_their_own_programme_keeps_the_intake_coordinator(
    intake_coordinator, buurtgezinnen
):
    request = SupportRequestFactory(programme=None, help_me_choose=True)
    request_choose_programme(request=request, programme=buurtgezinnen, by=intake_coordinator)
    request.refresh_from_db()
    assert request.owner == intake_coordinator


def test_accepting_a_referral_makes_the_accepting_coordinator_responsible(
    coordinator, other_coordinator, home_start
):
    request = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH, owner=coordinator)
    referral = request_refer_to_programme(
        request=request, to_programme=home_start, reason="Past beter", family_agreed=True
    )
    programme_referral_decide(referral=referral, accept=True, by=other_coordinator)
    request.refresh_from_db()
    assert request.programme == home_start
    assert request.owner == other_coordinator


def test_a_request_is_handed_to_a_colleague_with_a_note(coordinator, colleague):
    request = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH, owner=coordinator)
    request_assign_owner(request=request, owner=colleague, by=coordinator, note="Ik ga met verlof.")
    request.refresh_from_db()
    assert request.owner == colleague
    step = hand_overs(request)[-1]
    assert (step.from_status, step.to_status) == ("waiting", "waiting")
    assert (step.to_owner, step.changed_by, step.reason) == (
        colleague,
        coordinator,
        "Ik ga met verlof.",
    )


def test_the_new_owner_is_told_but_not_the_note(coordinator, colleague):
    request = SupportRequestFactory(owner=coordinator)
    request_assign_owner(request=request, owner=colleague, by=coordinator, note="Vertrouwelijk")
    told = Notification.objects.get(kind="case_handed_over")
    assert told.recipient_user == colleague
    assert told.target == request
    assert "Vertrouwelijk" not in str(told.context)


def test_taking_a_request_yourself_sends_no_notification(coordinator):
    request = SupportRequestFactory()
    request_assign_owner(request=request, owner=coordinator, by=coordinator)
    request.refresh_from_db()
    assert request.owner == coordinator
    assert not Notification.objects.filter(kind="case_handed_over").exists()


def test_handing_over_a_held_request_needs_a_note(coordinator, colleague):
    request = SupportRequestFactory(owner=coordinator)
    with pytest.raises(ValidationError, match="short note"):
        request_assign_owner(request=request, owner=colleague, by=coordinator, note=" ")


def test_a_request_cannot_go_to_a_coordinator_of_another_programme(coordinator, other_coordinator):
    request = SupportRequestFactory(owner=coordinator)
    with pytest.raises(ValidationError, match="not a coordinator of this programme"):
        request_assign_owner(request=request, owner=other_coordinator, by=coordinator, note="x")
    request.refresh_from_db()
    assert request.owner == coordinator


def test_a_coordinator_of_another_programme_cannot_hand_a_request_over(
    coordinator, colleague, other_coordinator
):
    request = SupportRequestFactory(owner=coordinator)
    with pytest.raises(ValidationError, match="Only a coordinator of this programme"):
        request_assign_owner(request=request, owner=colleague, by=other_coordinator, note="x")


def test_a_queued_request_goes_to_intake_coordinators_only(coordinator, intake_coordinator):
    request = SupportRequestFactory(programme=None, help_me_choose=True)
    with pytest.raises(ValidationError, match="not a coordinator"):
        request_assign_owner(request=request, owner=coordinator, by=intake_coordinator)
    request_assign_owner(request=request, owner=intake_coordinator, by=intake_coordinator)
    request.refresh_from_db()
    assert request.owner == intake_coordinator
    assert intake_coordinator.role == Role.INTAKE_COORDINATOR


def test_the_proposer_is_responsible_for_a_match_and_can_hand_it_over(
    coordinator, colleague, buurtgezinnen
):
    request = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH)
    volunteer = VolunteerFactory(programmes=[buurtgezinnen], screened=True)
    match = match_propose(request=request, volunteer=volunteer, by=coordinator)
    assert match.coordinator == coordinator
    match_assign_owner(match=match, owner=colleague, by=coordinator, note="Jij kent het gezin.")
    match.refresh_from_db()
    assert match.coordinator == colleague
    step = match.status_changes.get(to_owner__isnull=False)
    assert (step.to_status, step.reason, step.changed_by) == (
        "proposed",
        "Jij kent het gezin.",
        coordinator,
    )
    assert Notification.objects.get(kind="case_handed_over").recipient_user == colleague


def test_a_match_stays_within_its_programme(coordinator, other_coordinator):
    match = MatchFactory(coordinator=coordinator)
    with pytest.raises(ValidationError, match="not a coordinator of this programme"):
        match_assign_owner(match=match, owner=other_coordinator, by=coordinator, note="x")
    with pytest.raises(ValidationError, match="Only a coordinator of this programme"):
        match_assign_owner(match=match, owner=other_coordinator, by=other_coordinator, note="x")
    match.refresh_from_db()
    assert match.coordinator == coordinator
