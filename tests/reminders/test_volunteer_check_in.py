from __future__ import annotations

import re
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from matching.models import ContactNote, PulseStep
from tests.reminders.conftest import amsterdam
from tests.reminders.test_calendar_and_digest import active_match

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def programmes_without_a_pulse(db):
    """A programme without pulse moments keeps the volunteer's monthly check-in."""
    PulseStep.objects.all().delete()


def check_in_link(coordinator, sweep, outbox) -> tuple:
    match = active_match(coordinator, start=date(2026, 3, 2))
    with time_machine.travel(amsterdam(2026, 4, 2, 10, 1), tick=False):
        sweep()
    [message] = [m for m in outbox if m.to == [match.volunteer.email] and "going" in m.subject]
    url = re.search(r"https?://\S+/vrijwilliger/check-in/\S+/", message.body).group(0)
    return match, url.split("://", 1)[1].split("/", 1)[1]


@time_machine.travel(amsterdam(2026, 4, 3, 20, 0), tick=False)
def test_the_volunteers_answer_lands_on_the_match_timeline(client, coordinator, sweep, outbox):
    match, path = check_in_link(coordinator, sweep, outbox)

    page = client.get("/" + path)
    assert page.status_code == 200
    response = client.post(
        "/" + path, {"feeling": "hard", "message": "Het gaat wat stroef.", "call_me": "on"}
    )

    assert response.status_code == 302
    note = ContactNote.objects.get(match=match)
    assert "stroef" in note.text
    assert "call" in note.text
    assert "Thank you" in client.get("/" + path).content.decode()


@time_machine.travel(amsterdam(2026, 4, 3, 20, 0), tick=False)
def test_a_check_in_is_answered_once(client, coordinator, sweep, outbox):
    match, path = check_in_link(coordinator, sweep, outbox)
    client.post("/" + path, {"feeling": "good"})
    client.post("/" + path, {"feeling": "hard"})
    assert ContactNote.objects.filter(match=match).count() == 1


def test_an_old_link_is_refused(client, coordinator, sweep, outbox):
    _match, path = check_in_link(coordinator, sweep, outbox)
    with time_machine.travel(amsterdam(2026, 6, 5, 20, 0), tick=False):
        assert client.get("/" + path).status_code == 404


def test_a_tampered_link_is_refused(client):
    url = reverse("checkin:volunteer_check_in", args=["not-a-real-token"])
    assert client.get(url).status_code == 404
