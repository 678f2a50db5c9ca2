"""A programme a request is offered to exports what it may see, nothing of the sender's work."""

from __future__ import annotations

import json

import pytest

from coalition.privacy.export import subject_export_json
from families.services import request_refer_to_programme
from matching.models import ContactNote, FollowUp
from tests.factories import MatchFactory, SupportRequestFactory, VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def offered(buurtgezinnen, home_start, other_coordinator):
    request = SupportRequestFactory(programme=home_start, status="waiting")
    volunteer = VolunteerFactory(programmes=[home_start], first_name="Wieteke")
    match = MatchFactory(
        request=request, volunteer=volunteer, status="ended", end_reason="no_click"
    )
    FollowUp.objects.create(
        match=match, kind="evaluation", due_on="2026-01-05", notes="Evaluatie van Home-Start"
    )
    ContactNote.objects.create(match=match, text="Matchnotitie van Home-Start")
    ContactNote.objects.create(family=request.family, text="Intakenotitie van Home-Start")
    request_refer_to_programme(
        request=request,
        to_programme=buurtgezinnen,
        reason="Past beter bij een steungezin.",
        family_agreed=True,
        by=other_coordinator,
    )
    return request


def test_the_export_of_a_pending_receiver_has_nothing_of_the_senders_matches(offered, coordinator):
    export = json.loads(subject_export_json(subject=offered.family, user=coordinator))

    text = json.dumps(export, ensure_ascii=False)
    assert offered.reference_code in text  # the request itself is shared
    assert "Evaluatie van Home-Start" not in text
    assert "Matchnotitie van Home-Start" not in text
    assert not any("match" in title.lower() for title in export["data"])


def test_the_senders_export_still_has_everything(offered, other_coordinator):
    text = subject_export_json(subject=offered.family, user=other_coordinator)

    assert "Evaluatie van Home-Start" in text
    assert "Intakenotitie van Home-Start" in text
