"""A match that ends early: the family waits again (keeping its place) or the request
closes, and the parent, the partner and the volunteer are told in words that fit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from coalition.notifications.models import Notification, NotificationStatus
from families.models import RequestStatus
from families.selectors import (
    PARENT_STATUS_TEXT,
    WAITING_AGAIN_TEXT,
    PartnerStatus,
    parent_status_text,
    partner_referrals,
)
from matching.case import AfterEnding, match_end
from matching.models import EndReason, FollowUpKind, MatchStatus, Outcome
from matching.services import match_reopen
from tests.matching.case_helpers import match_to, parent_email, waiting_family
from volunteers.models import Volunteer
from volunteers.selectors import matches_for_volunteer

pytestmark = pytest.mark.django_db


def pending(kind: str) -> list[Notification]:
    return list(Notification.objects.filter(kind=kind, status=NotificationStatus.PENDING))


def test_the_family_waits_again_with_its_original_waiting_date(coordinator):
    request = waiting_family()
    first_waited = request.waiting_since
    match = match_to(request, coordinator)
    request.refresh_from_db()
    assert request.status == RequestStatus.MATCHED

    match_end(match=match, reason=EndReason.NO_CLICK, outcome=Outcome.NOT_MET, by=coordinator)

    request.refresh_from_db()
    assert request.status == RequestStatus.WAITING_FOR_MATCH
    assert request.waiting_since == first_waited
    assert parent_status_text(request) == WAITING_AGAIN_TEXT
    step = request.status_changes.last()
    assert (step.to_status, step.changed_by) == (RequestStatus.WAITING_FOR_MATCH, coordinator)


def test_the_coordinator_may_close_the_request_instead_with_a_reason(coordinator):
    request = waiting_family()
    match = match_to(request, coordinator)

    match_end(
        match=match,
        reason=EndReason.GOALS_REACHED,
        outcome=Outcome.GOALS_MET,
        by=coordinator,
        after=AfterEnding.CLOSE,
        close_reason="Het gaat goed, geen hulp meer nodig.",
    )

    request.refresh_from_db()
    assert request.status == RequestStatus.CLOSED
    assert request.status_reason == "Het gaat goed, geen hulp meer nodig."
    assert parent_status_text(request) == PARENT_STATUS_TEXT[RequestStatus.CLOSED]


def test_closing_the_request_needs_a_reason(coordinator):
    request = waiting_family()
    match = match_to(request, coordinator)

    with pytest.raises(ValidationError, match="Say why the request closes"):
        match_end(match=match, reason=EndReason.NO_CLICK, by=coordinator, after=AfterEnding.CLOSE)

    match.refresh_from_db()
    assert match.status == MatchStatus.ACTIVE


def test_the_parent_is_emailed_in_their_language_with_words_that_fit(coordinator):
    request = waiting_family(language="ar")
    match = match_to(request, coordinator)

    match_end(match=match, reason=EndReason.NO_CLICK, by=coordinator)

    [email] = pending("parent_match_ended")
    assert email.recipient_email == parent_email(request)
    assert email.language == "ar"
    assert email.context["next"] == AfterEnding.WAIT
    assert email.context["volunteer_first_name"] == match.volunteer.first_name


def test_the_volunteer_is_told_and_the_family_leaves_their_page(coordinator, volunteer_user):
    request = waiting_family()
    match = match_to(request, coordinator, volunteer=Volunteer.objects.get(user=volunteer_user))
    today = timezone.localdate()
    assert len(matches_for_volunteer(user=volunteer_user, on=today)) == 1

    match_end(match=match, reason=EndReason.NO_CLICK, by=coordinator)

    assert matches_for_volunteer(user=volunteer_user, on=today) == []
    [email] = pending("volunteer_match_ended")
    assert email.recipient_user == volunteer_user


def test_the_partner_reads_that_a_new_volunteer_is_sought(coordinator, partner):
    request = waiting_family(organisation=partner.organisation)
    match = match_to(request, coordinator)

    match_end(match=match, reason=EndReason.NO_CLICK, by=coordinator)

    [row] = partner_referrals(user=partner, reference_code=request.reference_code)
    assert row.status == PartnerStatus.LOOKING_AGAIN
    assert row.status_label == "Support stopped, looking for a new volunteer"
    assert row.reason_category == str(EndReason.NO_CLICK.label)


def test_a_proposal_that_does_not_start_leaves_the_family_waiting_and_tells_no_parent(
    coordinator,
):
    request = waiting_family()
    match = match_to(request, coordinator, until=MatchStatus.PROPOSED)

    match_end(match=match, reason=EndReason.NOT_STARTED, by=coordinator)

    request.refresh_from_db()
    assert request.status == RequestStatus.WAITING_FOR_MATCH
    assert parent_status_text(request) == PARENT_STATUS_TEXT[RequestStatus.WAITING_FOR_MATCH]
    assert pending("parent_match_ended") == []
    assert pending("volunteer_match_ended") == []


def test_evaluations_and_their_reminders_are_cancelled_when_the_match_ends(coordinator):
    request = waiting_family()
    match = match_to(request, coordinator)
    evaluations = list(match.followups.filter(kind=FollowUpKind.EVALUATION))
    assert pending("evaluation_invitation")

    match_end(match=match, reason=EndReason.NO_CLICK, by=coordinator)

    assert all(f.cancelled_on == timezone.localdate() for f in match.followups.all())
    assert match.followups.pending().count() == 0
    assert len(evaluations) > 0
    for kind in ("evaluation_upcoming", "evaluation_invitation", "volunteer_check_in"):
        assert pending(kind) == [], kind


def test_a_re_opened_match_matches_the_family_again_and_plans_its_evaluations(coordinator):
    request = waiting_family()
    match = match_to(request, coordinator)
    match_end(match=match, reason=EndReason.NO_CLICK, by=coordinator)

    match_reopen(match=match, by=coordinator, reason="Toch verder")

    request.refresh_from_db()
    assert request.status == RequestStatus.MATCHED
    ahead = match.followups.filter(due_on__gte=timezone.localdate() + dt.timedelta(days=1))
    assert ahead.filter(kind=FollowUpKind.EVALUATION, cancelled_on__isnull=True).exists()
    assert pending("evaluation_invitation")
