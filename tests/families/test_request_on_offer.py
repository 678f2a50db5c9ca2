"""A request offered to another programme is frozen until that programme answers;
a decline comes back to the sender as a task."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from families.models import RequestStatus
from families.services import (
    programme_referral_decide,
    programme_referral_mark_handled,
    request_change_status,
    request_end,
    request_mark_waiting,
    request_plan_intake,
    request_refer_to_programme,
)
from matching.engine import propose_batch
from matching.intake import request_record_intake
from matching.services import match_propose
from tests.factories import MatchFactory, SupportRequestFactory, VolunteerFactory
from tests.matching.engine_helpers import volunteer_for, waiting_request

pytestmark = pytest.mark.django_db


def offer(request, home_start, by=None):
    return request_refer_to_programme(
        request=request, to_programme=home_start, reason="Past beter", family_agreed=True, by=by
    )


def tomorrow():
    return timezone.now() + dt.timedelta(days=1)


def test_the_receiver_cannot_plan_the_intake_while_the_referral_waits(
    coordinator, other_coordinator, home_start
):
    request = SupportRequestFactory()
    offer(request, home_start, coordinator)
    with pytest.raises(ValidationError, match="accept or decline the referral first"):
        request_plan_intake(request=request, when=tomorrow(), by=other_coordinator)
    request.refresh_from_db()
    assert request.status == RequestStatus.NEW


def test_the_receiver_cannot_propose_a_match_or_move_the_request(
    coordinator, other_coordinator, buurtgezinnen, home_start
):
    request = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH)
    offer(request, home_start, coordinator)
    volunteer = VolunteerFactory(programmes=[buurtgezinnen], screened=True)
    with pytest.raises(ValidationError, match="accept or decline the referral first"):
        match_propose(request=request, volunteer=volunteer, by=other_coordinator)
    with pytest.raises(ValidationError, match="accept or decline the referral first"):
        request_end(
            request=request, to_status=RequestStatus.CLOSED, reason="x", by=other_coordinator
        )
    assert not request.matches.exists()


def test_the_sender_cannot_plan_the_intake_or_propose_while_it_is_on_offer(
    coordinator, buurtgezinnen, home_start
):
    new = SupportRequestFactory()
    offer(new, home_start, coordinator)
    with pytest.raises(ValidationError, match="offered to Home-Start"):
        request_plan_intake(request=new, when=tomorrow(), by=coordinator)
    waiting = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH)
    offer(waiting, home_start, coordinator)
    volunteer = VolunteerFactory(programmes=[buurtgezinnen], screened=True)
    with pytest.raises(ValidationError, match="offered to Home-Start"):
        match_propose(request=waiting, volunteer=volunteer, by=coordinator)


def test_the_sender_cannot_record_the_intake_or_put_the_family_on_the_waiting_list(
    coordinator, home_start
):
    planned = SupportRequestFactory(status=RequestStatus.INTAKE_PLANNED)
    offer(planned, home_start, coordinator)
    with pytest.raises(ValidationError, match="offered to Home-Start"):
        request_record_intake(request=planned, by=coordinator, done_on=timezone.localdate())
    done = SupportRequestFactory(status=RequestStatus.INTAKE_DONE)
    offer(done, home_start, coordinator)
    with pytest.raises(ValidationError, match="offered to Home-Start"):
        request_mark_waiting(request=done, by=coordinator)


def test_the_sender_may_still_withdraw_the_request(coordinator, home_start):
    request = SupportRequestFactory()
    offer(request, home_start, coordinator)
    request_end(
        request=request,
        to_status=RequestStatus.WITHDRAWN,
        reason="Gezin wil geen hulp meer",
        by=coordinator,
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN


def test_after_accepting_the_receiver_works_on_the_request(
    coordinator, other_coordinator, home_start
):
    request = SupportRequestFactory()
    referral = offer(request, home_start, coordinator)
    programme_referral_decide(referral=referral, accept=True, by=other_coordinator)
    request_plan_intake(request=request, when=tomorrow(), by=other_coordinator)
    request.refresh_from_db()
    assert request.status == RequestStatus.INTAKE_PLANNED


def test_after_a_decline_the_sender_goes_on(coordinator, other_coordinator, home_start):
    request = SupportRequestFactory()
    referral = offer(request, home_start, coordinator)
    programme_referral_decide(
        referral=referral, accept=False, by=other_coordinator, note="Geen plek tot maart."
    )
    request_change_status(request=request, to_status=RequestStatus.INTAKE_PLANNED, by=coordinator)
    request.refresh_from_db()
    assert request.status == RequestStatus.INTAKE_PLANNED


def test_a_request_is_on_offer_to_one_programme_at_a_time(coordinator, home_start, meeleefgezin):
    request = SupportRequestFactory()
    offer(request, home_start, coordinator)
    with pytest.raises(ValidationError, match="has not answered the previous referral"):
        offer(request, meeleefgezin, coordinator)


def test_a_family_with_an_open_match_is_not_offered(coordinator, home_start):
    request = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH)
    MatchFactory(request=request)
    with pytest.raises(ValidationError, match="open match"):
        offer(request, home_start, coordinator)


def test_the_sender_marks_a_declined_referral_handled(coordinator, other_coordinator, home_start):
    referral = offer(SupportRequestFactory(), home_start, coordinator)
    with pytest.raises(ValidationError, match="Only a declined referral"):
        programme_referral_mark_handled(referral=referral, by=coordinator)
    programme_referral_decide(referral=referral, accept=False, by=other_coordinator, note="Vol")
    with pytest.raises(ValidationError, match="sending programme"):
        programme_referral_mark_handled(referral=referral, by=other_coordinator)
    programme_referral_mark_handled(referral=referral, by=coordinator)
    referral.refresh_from_db()
    assert referral.sender_handled_at is not None
    with pytest.raises(ValidationError, match="already handled"):
        programme_referral_mark_handled(referral=referral, by=coordinator)


def test_the_engine_proposes_no_volunteer_for_a_request_on_offer(
    coordinator, buurtgezinnen, home_start
):
    on_offer = waiting_request(buurtgezinnen)
    offer(on_offer, home_start, coordinator)
    volunteer_for(buurtgezinnen)

    batch = propose_batch(buurtgezinnen, by=coordinator)

    assert batch.requests_considered == 0
    assert not batch.proposals.exists()
