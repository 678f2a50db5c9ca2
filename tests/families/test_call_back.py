""" "Bel mij terug": four answers on one screen become a request in the intake queue,
marked "call back", with the full form's consent and abuse protection."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from families.forms import BestTime
from families.models import Consent, RequestStatus, SupportRequest

pytestmark = pytest.mark.django_db

URL = reverse("families:call_back")


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()


def answers(**changes) -> dict:
    page_key = "k" * 32
    return {
        "first_name": "Amina",
        "phone": "٠٦ ١٢٣٤٥٦٧٨",
        "language": "ar",
        "best_time": "evening",
        "consent": "on",
        "submission_key": page_key,
        "website": "",
        **changes,
    }


def test_the_home_page_offers_call_me_back_first(client):
    page = client.get(reverse("coordinators:home")).content.decode()

    assert page.index(f'href="{URL}"') < page.index('href="/hulp-vragen/"')


def test_four_answers_and_consent_make_a_call_back_request_in_the_intake_queue(client):
    response = client.post(URL, answers())

    assert response.status_code == 302
    request = SupportRequest.objects.get()
    assert request.call_back and request.in_intake_queue
    assert request.status == RequestStatus.NEW
    parent = request.family.parents.get()
    assert (parent.first_name, parent.phone) == ("Amina", "06 12345678")
    assert request.family.languages == ["ar"]
    # The coordinators read it in Dutch, whatever the page's language.
    with translation.override("nl"):
        assert request.family.contact_times == str(BestTime.EVENING.label)
    consent = Consent.objects.get(family=request.family)
    assert "take back this consent" in consent.text
    sent = client.get(response["Location"]).content.decode()
    assert request.reference_code in sent
    assert "at the time you chose" in sent


def test_without_consent_nothing_is_saved(client):
    response = client.post(URL, answers(consent=""))

    assert response.status_code == 200
    assert "We can only help if you agree" in response.content.decode()
    assert not SupportRequest.objects.exists()


def test_a_filled_honeypot_saves_nothing(client):
    response = client.post(URL, answers(website="http://spam.example"))

    assert response.status_code == 400
    assert not SupportRequest.objects.exists()


def test_a_double_tap_saves_one_request(client):
    client.post(URL, answers())
    client.post(URL, answers())

    assert SupportRequest.objects.count() == 1


def test_one_browser_asking_again_and_again_is_stopped(client):
    for n in range(3):
        client.post(URL, answers(submission_key=f"{n}" * 32))

    response = client.post(URL, answers(submission_key="x" * 32))

    assert response.status_code == 429
    assert SupportRequest.objects.count() == 3


def test_thirty_parents_on_one_shared_connection_all_get_through():
    """A morning at a community centre: a parent every two minutes, one wifi."""
    start = timezone.now()
    for n in range(30):
        with time_machine.travel(start + dt.timedelta(minutes=2 * n), tick=False):
            response = Client(REMOTE_ADDR="192.0.2.77").post(
                URL, answers(submission_key=f"{n:02d}" * 16)
            )
        assert response.status_code == 302

    assert SupportRequest.objects.count() == 30


def test_the_language_to_talk_in_defaults_to_the_page_language(client):
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="tr").content.decode()

    assert '<option value="tr" selected>' in page
