"""Protection of the public form: honeypot, rate limit, double tap, oversized body."""

from __future__ import annotations

import pytest
from django.urls import reverse

from families.models import Family, Parent, SupportRequest
from tests.families.request_steps import answer_steps, complete_request, send, step_url

pytestmark = pytest.mark.django_db


def test_a_filled_honeypot_is_rejected_and_nothing_is_saved(client):
    response = complete_request(client, website="https://spam.example.org")

    assert response.status_code == 400
    assert "Something went wrong" in response.content.decode()
    assert not SupportRequest.objects.exists()
    assert not Family.objects.exists()


def test_the_honeypot_is_hidden_from_people(client):
    answer_steps(client)
    page = client.get(step_url(7)).content.decode()

    assert 'class="hp-field" aria-hidden="true"' in page
    assert 'name="website" id="id_website" tabindex="-1"' in page


def test_a_double_tap_creates_one_request_and_shows_the_same_confirmation(client):
    answer_steps(client)
    key = client.session["request_wizard"]["key"]

    first = send(client)
    second = client.post(step_url(7), {"consent": "on", "submission_key": key, "website": ""})

    assert SupportRequest.objects.count() == 1
    assert first["Location"] == second["Location"] == reverse("families:request_sent")
    page = client.get(second["Location"]).content.decode()
    assert SupportRequest.objects.get().reference_code in page


def test_the_same_key_from_another_browser_shows_the_reference_only(client, django_user_model):
    from django.test import Client

    answer_steps(client)
    key = client.session["request_wizard"]["key"]
    send(client)

    other = Client()
    response = other.post(step_url(7), {"consent": "on", "submission_key": key})

    assert SupportRequest.objects.count() == 1
    page = other.get(response["Location"]).content.decode()
    assert SupportRequest.objects.get().reference_code in page
    assert "/hulp-vragen/status/" not in page


def test_too_many_submissions_from_one_address_get_a_clear_429(client, settings):
    settings.PUBLIC_FORM_SUBMISSIONS_PER_HOUR = 2
    complete_request(client)
    complete_request(client)

    response = complete_request(client)

    assert response.status_code == 429
    assert "Please wait a moment" in response.content.decode()
    assert SupportRequest.objects.count() == 2


def test_another_address_is_not_limited(client, settings):
    from django.test import Client

    settings.PUBLIC_FORM_SUBMISSIONS_PER_HOUR = 1
    complete_request(client)

    other = Client(REMOTE_ADDR="192.0.2.10")
    response = complete_request(other)

    assert response.status_code == 302
    assert SupportRequest.objects.count() == 2


def test_an_oversized_step_gets_a_clear_413_and_stores_nothing(client):
    answer_steps(client, until=3)
    response = client.post(
        step_url(4), {"situation": ["overloaded"], "situation_text": "x" * 300_000}
    )

    assert response.status_code == 413
    assert "Your message is too long" in response.content.decode()
    assert "4" not in client.session["request_wizard"]["data"]


def test_an_oversized_final_post_stores_nothing(client):
    answer_steps(client)
    response = send(client, website="", padding="y" * 300_000)

    assert response.status_code == 413
    assert not SupportRequest.objects.exists()
    assert not Parent.objects.exists()


def test_an_error_inside_the_save_leaves_nothing_half_saved(client, monkeypatch):
    from families.services import front_door

    def broken(**kwargs):
        raise RuntimeError("mail queue down")

    # The confirmation email is scheduled last, inside the same transaction.
    monkeypatch.setattr(front_door, "notification_schedule", broken)
    answer_steps(client)
    client.raise_request_exception = False
    response = send(client)

    assert response.status_code == 500
    assert not SupportRequest.objects.exists()
    assert not Family.objects.exists()
    assert not Parent.objects.exists()


def test_behind_the_tls_proxy_the_address_the_proxy_saw_counts(rf, settings):
    from families.throttle import client_ip

    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    request = rf.post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7")

    assert client_ip(request) == "198.51.100.7"


def test_without_a_proxy_a_forwarded_header_is_ignored(rf, settings):
    from families.throttle import client_ip

    settings.SECURE_PROXY_SSL_HEADER = None
    request = rf.post("/", REMOTE_ADDR="192.0.2.5", HTTP_X_FORWARDED_FOR="203.0.113.9")

    assert client_ip(request) == "192.0.2.5"


def test_a_double_tap_that_races_the_first_one_shows_the_confirmation(client, monkeypatch):
    from django.db import IntegrityError

    from families.views import request_form as views
    from tests.factories import SupportRequestFactory

    answer_steps(client)
    key = client.session["request_wizard"]["key"]

    def first_tap_won(**kwargs):
        # The other tap committed this key a moment before this one.
        SupportRequestFactory(submission_key=key)
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(views.services, "request_submit", first_tap_won)
    response = send(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("families:request_sent")
    assert SupportRequest.objects.count() == 1


def test_thirty_parents_on_one_shared_connection_all_get_through(settings):
    """A morning at a community centre: a parent every two minutes, one wifi."""
    from datetime import timedelta

    import time_machine
    from django.test import Client
    from django.utils import timezone

    start = timezone.now()
    for parent in range(30):
        with time_machine.travel(start + timedelta(minutes=2 * parent), tick=False):
            response = complete_request(Client(REMOTE_ADDR="192.0.2.77"))
        assert response.status_code == 302

    assert SupportRequest.objects.count() == 30


def test_one_browser_sending_again_and_again_is_stopped(client):
    for _send in range(3):
        assert complete_request(client).status_code == 302

    response = complete_request(client)

    assert response.status_code == 429
    assert SupportRequest.objects.count() == 3


def test_a_burst_from_one_address_is_stopped(settings):
    from django.test import Client

    from families.throttle import BURST_LIMIT

    answered = [
        complete_request(Client(REMOTE_ADDR="192.0.2.78")).status_code
        for _send in range(BURST_LIMIT + 1)
    ]

    assert answered[:BURST_LIMIT] == [302] * BURST_LIMIT
    assert answered[-1] == 429


def test_an_address_that_keeps_filling_the_hidden_field_is_shut_out(client):
    from django.test import Client

    for _bot in range(3):
        send_as_bot = Client(REMOTE_ADDR="192.0.2.79")
        complete_request(send_as_bot, website="http://spam.example")

    response = complete_request(Client(REMOTE_ADDR="192.0.2.79"))

    assert response.status_code == 429
    assert SupportRequest.objects.count() == 0
