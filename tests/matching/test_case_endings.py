"""The family withdraws, moves away or is referred elsewhere; the volunteer pauses or
stops; the trial ends in activation: what hangs off the case follows, reminders too."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from coalition.notifications.models import Notification, NotificationStatus
from families.models import RequestStatus
from families.selectors import PARENT_STATUS_TEXT, parent_status_text
from families.services import (
    request_issue_status_link,
    request_plan_intake,
    request_withdraw_by_parent,
)
from matching.case import OpenMatches, request_close
from matching.models import EndReason, FollowUpKind, MatchStatus
from matching.reminders import _plan_proposals
from matching.services import match_activate
from tests.factories import ParentFactory, SupportRequestFactory, VolunteerFactory
from tests.matching.case_helpers import match_to, waiting_family
from volunteers.models import VolunteerStatus
from volunteers.services import volunteer_change_status

pytestmark = pytest.mark.django_db


def pending(kind: str) -> list[Notification]:
    return list(Notification.objects.filter(kind=kind, status=NotificationStatus.PENDING))


def test_a_parent_who_withdraws_ends_the_match_and_its_evaluations(client, coordinator):
    request = waiting_family()
    match = match_to(request, coordinator)
    token = request_issue_status_link(request=request)

    client.post(reverse("families:request_status_withdraw", args=[token]), {"reason": ""})

    match.refresh_from_db()
    request.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN
    assert (match.status, match.end_reason) == (MatchStatus.ENDED, EndReason.FAMILY_WITHDREW)
    assert match.followups.pending().count() == 0
    assert pending("evaluation_invitation") == []
    page = client.get(reverse("families:request_status", args=[token])).content.decode()
    assert str(PARENT_STATUS_TEXT[RequestStatus.WITHDRAWN][0]) in page


def test_a_family_that_moved_away_ends_its_match_as_moved(coordinator):
    request = waiting_family()
    match = match_to(request, coordinator)

    request_close(
        request=request,
        to_status=RequestStatus.CLOSED,
        reason="Verhuisd naar Breda",
        by=coordinator,
        end_reason=EndReason.MOVED,
    )

    match.refresh_from_db()
    assert (match.status, match.end_reason) == (MatchStatus.ENDED, EndReason.MOVED)
    assert pending("volunteer_match_ended")
    request.refresh_from_db()
    assert parent_status_text(request) == PARENT_STATUS_TEXT[RequestStatus.CLOSED]


def test_a_family_referred_elsewhere_ends_its_proposal_as_professional_care(coordinator):
    request = waiting_family()
    match = match_to(request, coordinator, until=MatchStatus.PROPOSED)

    request_close(
        request=request,
        to_status=RequestStatus.REFERRED_ELSEWHERE,
        reason="Naar het wijkteam",
        by=coordinator,
    )

    match.refresh_from_db()
    assert match.end_reason == EndReason.PROFESSIONAL_CARE


def test_withdrawing_after_an_intake_was_planned_cancels_the_will_call_email(coordinator):
    request = SupportRequestFactory()
    ParentFactory(family=request.family, is_primary_contact=True)
    request_plan_intake(request=request, when=timezone.now(), by=coordinator)
    assert pending("coordinator_will_call")

    request_withdraw_by_parent(request=request)

    assert pending("coordinator_will_call") == []


def test_activation_ends_the_trial_follow_up_and_its_reminder(coordinator):
    request = waiting_family()
    match = match_to(request, coordinator, until=MatchStatus.TRIAL)
    assert pending("trial_ending")

    match = match_activate(match=match, by=coordinator)

    trial_end = match.followups.get(kind=FollowUpKind.TRIAL_END)
    assert trial_end.cancelled_on == timezone.localdate()
    assert pending("trial_ending") == []


def test_a_proposal_that_ends_takes_its_waiting_reminder_along(coordinator):
    request = waiting_family()
    match = match_to(request, coordinator, until=MatchStatus.PROPOSED)
    _plan_proposals(timezone.now())
    assert pending("proposal_waiting")

    request_close(request=request, to_status=RequestStatus.CLOSED, reason="x", by=coordinator)

    assert pending("proposal_waiting") == []
    match.refresh_from_db()
    assert match.status == MatchStatus.ENDED


def test_a_stopping_volunteer_whose_matches_end_sends_the_families_back_to_waiting(coordinator):
    volunteer = VolunteerFactory(capacity=2)
    first = match_to(waiting_family(), coordinator, volunteer=volunteer)
    second = match_to(waiting_family(), coordinator, volunteer=volunteer, until=MatchStatus.TRIAL)

    volunteer_change_status(
        volunteer=volunteer,
        to_status=VolunteerStatus.STOPPED,
        by=coordinator,
        reason="Verhuist",
        open_matches=OpenMatches.END,
    )

    for match in (first, second):
        match.refresh_from_db()
        assert (match.status, match.end_reason) == (
            MatchStatus.ENDED,
            EndReason.VOLUNTEER_STOPPED,
        )
        assert match.request.status == RequestStatus.WAITING_FOR_MATCH
    assert pending("volunteer_match_ended") == []  # they know: they stopped


def test_a_pausing_volunteer_leaves_the_matches_to_the_coordinator(client, coordinator):
    volunteer = VolunteerFactory()
    match = match_to(waiting_family(), coordinator, volunteer=volunteer)

    volunteer_change_status(volunteer=volunteer, to_status=VolunteerStatus.PAUSED, by=coordinator)

    match.refresh_from_db()
    assert match.status == MatchStatus.ACTIVE
    client.force_login(coordinator)
    page = client.get(reverse("coordinators:dashboard") + "?fresh=1").content.decode()
    assert 'data-testid="volunteer-stopped"' in page
    assert match.request.reference_code in page
