"""The match page: walk the stages with buttons, evaluate, end, re-open."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from families.models import RequestStatus
from matching.models import ContactNote, FollowUpKind, MatchStatus
from matching.services import followup_record, match_propose, note_add
from tests.factories import SupportRequestFactory, VolunteerFactory
from volunteers.models import ScreeningStep

pytestmark = pytest.mark.django_db


@pytest.fixture
def match(coordinator):
    request = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH)
    return match_propose(request=request, volunteer=VolunteerFactory(), by=coordinator)


def step(client, match, to_status):
    return client.post(
        f"/dashboard/koppelingen/{match.pk}/stap/",
        {"to_status": to_status, "on": timezone.localdate().isoformat()},
        follow=True,
    )


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_the_match_page_offers_the_next_stage_as_one_button(client, coordinator, match):
    client.force_login(coordinator)
    page = client.get(f"/dashboard/koppelingen/{match.pk}/").content.decode()
    assert "The volunteer agreed" in page
    assert 'value="volunteer_agreed"' in page


def test_a_coordinator_walks_a_match_to_active_and_evaluations_are_planned(
    client, coordinator, match
):
    client.force_login(coordinator)
    for stage in ("volunteer_agreed", "family_agreed", "introduction", "trial", "active"):
        response = step(client, match, stage)
        assert "Match moved to the next stage." in messages_of(response)
    match.refresh_from_db()
    assert match.status == MatchStatus.ACTIVE
    assert match.request.status == RequestStatus.MATCHED
    assert match.followups.filter(kind=FollowUpKind.EVALUATION).exists()
    assert "Record this evaluation" in response.content.decode()


def test_skipping_a_stage_is_refused_with_a_message(client, coordinator, match):
    client.force_login(coordinator)
    response = step(client, match, "active")
    assert any("Cannot go from “Proposed” to “Active”" in m for m in messages_of(response))
    match.refresh_from_db()
    assert match.status == MatchStatus.PROPOSED


def test_the_trial_cannot_start_with_an_expired_vog(client, coordinator, match):
    ScreeningStep.objects.filter(volunteer=match.volunteer, kind="vog").update(
        expires_on=timezone.localdate() - dt.timedelta(days=1)
    )
    client.force_login(coordinator)
    for stage in ("volunteer_agreed", "family_agreed", "introduction"):
        step(client, match, stage)
    response = step(client, match, "trial")
    assert any("Screening not valid" in m for m in messages_of(response))


def test_recording_an_evaluation_marks_it_done(client, coordinator, match):
    client.force_login(coordinator)
    for stage in ("volunteer_agreed", "family_agreed", "introduction", "trial", "active"):
        step(client, match, stage)
    evaluation = match.followups.filter(kind=FollowUpKind.EVALUATION).first()
    response = client.post(
        f"/dashboard/koppelingen/{match.pk}/evaluatie/{evaluation.pk}/",
        {"done_on": timezone.localdate().isoformat(), "notes": "Het klikt goed."},
        follow=True,
    )
    assert "Evaluation recorded." in messages_of(response)
    evaluation.refresh_from_db()
    assert evaluation.done_on == timezone.localdate()
    assert evaluation.done_by == coordinator
    assert "Het klikt goed." in response.content.decode()


def test_an_evaluation_cannot_be_recorded_before_the_match_started(coordinator, match):
    followup = match.followups.create(kind=FollowUpKind.CHECK_IN, due_on=timezone.localdate())
    with pytest.raises(ValidationError, match="not started yet"):
        followup_record(followup=followup, done_on=timezone.localdate(), by=coordinator)


def test_an_evaluation_cannot_be_recorded_in_the_future(coordinator, match):
    match.started_on = timezone.localdate()
    match.save()
    followup = match.followups.create(kind=FollowUpKind.EVALUATION, due_on=timezone.localdate())
    with pytest.raises(ValidationError, match="future"):
        followup_record(
            followup=followup,
            done_on=timezone.localdate() + dt.timedelta(days=2),
            by=coordinator,
        )


def test_ending_a_match_records_reason_and_outcome(client, coordinator, match):
    client.force_login(coordinator)
    response = client.post(
        f"/dashboard/koppelingen/{match.pk}/beeindigen/",
        {
            "reason": "no_click",
            "outcome": "not_met",
            "on": timezone.localdate().isoformat(),
            "note": "Geen klik bij kennismaking.",
        },
        follow=True,
    )
    assert "Match ended." in messages_of(response)
    match.refresh_from_db()
    assert match.status == MatchStatus.ENDED
    assert match.end_reason == "no_click"
    assert match.outcome == "not_met"
    assert "Re-open the match" in response.content.decode()


def test_ending_an_ended_match_is_refused_with_a_message(client, coordinator, match):
    client.force_login(coordinator)
    data = {"reason": "other", "outcome": "unknown", "on": timezone.localdate().isoformat()}
    client.post(f"/dashboard/koppelingen/{match.pk}/beeindigen/", data)
    response = client.post(f"/dashboard/koppelingen/{match.pk}/beeindigen/", data, follow=True)
    assert any("Cannot go from “Ended” to “Ended”" in m for m in messages_of(response))


def test_an_ended_match_is_reopened_in_the_stage_it_ended_in(client, coordinator, match):
    client.force_login(coordinator)
    step(client, match, "volunteer_agreed")
    client.post(
        f"/dashboard/koppelingen/{match.pk}/beeindigen/",
        {"reason": "other", "outcome": "unknown", "on": timezone.localdate().isoformat()},
    )
    response = client.post(
        f"/dashboard/koppelingen/{match.pk}/heropenen/", {"reason": "Toch wel"}, follow=True
    )
    assert "Match re-opened." in messages_of(response)
    match.refresh_from_db()
    assert match.status == MatchStatus.VOLUNTEER_AGREED


def test_reopening_is_refused_when_the_volunteer_is_full(client, coordinator, match):
    client.force_login(coordinator)
    client.post(
        f"/dashboard/koppelingen/{match.pk}/beeindigen/",
        {"reason": "other", "outcome": "unknown", "on": timezone.localdate().isoformat()},
    )
    other_request = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH)
    match_propose(request=other_request, volunteer=match.volunteer, by=coordinator)
    response = client.post(f"/dashboard/koppelingen/{match.pk}/heropenen/", follow=True)
    assert any("the most they can take" in m for m in messages_of(response))


def test_a_match_note_needs_text(coordinator, match):
    with pytest.raises(ValidationError, match="Write what the contact was about"):
        note_add(match=match, kind="phone", text="  ", by=coordinator)


def test_a_note_is_about_exactly_one_subject(coordinator, match):
    with pytest.raises(ValidationError, match="one family, one volunteer or one match"):
        note_add(match=match, volunteer=match.volunteer, kind="phone", text="x", by=coordinator)


def test_a_coordinator_adds_a_confidential_note_to_a_match(client, coordinator, match):
    client.force_login(coordinator)
    response = client.post(
        f"/dashboard/koppelingen/{match.pk}/notitie/",
        {"kind": "visit", "text": "Zorgen over de thuissituatie.", "confidential": "on"},
        follow=True,
    )
    assert "Note added." in messages_of(response)
    note = ContactNote.objects.get(match=match)
    assert note.confidential and note.author == coordinator
