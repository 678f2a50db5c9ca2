"""Every mistake gets a clear message next to the field, and what was typed stays."""

from __future__ import annotations

import html

import pytest

from families.models import Family, SupportRequest
from tests.families.request_steps import STEP_DATA, answer_steps, send, step_url

pytestmark = pytest.mark.django_db


def post_step(client, number: int, changes: dict):
    if number > 1:
        answer_steps(client, until=number - 1)
    data = {**STEP_DATA.get(number, {}), **changes}
    response = client.post(step_url(number), data)
    return response, html.unescape(response.content.decode())


@pytest.mark.parametrize(
    ("number", "changes", "message"),
    [
        (1, {"first_name": ""}, "Write your first name"),
        (1, {"postcode": ""}, "Fill in your postcode"),
        (1, {"postcode": "12"}, "Fill in a Dutch postcode, for example 5038 AB."),
        (1, {"postcode": "0123 AB"}, "Fill in a Dutch postcode"),
        (2, {"phone": "", "email": ""}, "Give a phone number or an email address"),
        (2, {"phone": "call me"}, "This does not look like a phone number"),
        (2, {"email": "amina@"}, "This does not look like an email address."),
        (
            2,
            {"phone": "", "contact_preference": "whatsapp"},
            "Give your phone number, or choose email.",
        ),
        (
            2,
            {"email": "", "contact_preference": "email"},
            "Give your email address, or choose phone.",
        ),
        (
            3,
            {"child_1_name": "", "child_1_age": "", "child_2_name": "", "child_2_age": ""},
            "Tell us about at least one child.",
        ),
        (3, {"child_2_age": ""}, "How old is Ali?"),
        (3, {"child_2_name": ""}, "Write a first name or an initial."),
        (3, {"child_2_age": "30"}, "Fill in an age from 0 to 23."),
        (3, {"child_2_age": "six"}, "Fill in the age as a number"),
        (
            4,
            {"situation": [], "situation_text": ""},
            "Tick at least one, or tell us in your own words.",
        ),
        (4, {"situation": ["aliens"]}, "Choose one of the options shown."),
        (4, {"situation_text": "x" * 2001}, "Please keep it shorter: at most 2000 characters."),
        (5, {"support": ""}, "Choose a programme, or choose 'Help me choose'."),
        (
            5,
            {"support": "meeleefgezin"},
            "MeeleefGezin is for children from 0 to 4 years old (not for Ali)",
        ),
        (5, {"support": "no-such-programme"}, "Choose one of the options shown."),
        (6, {"availability": []}, "Tick at least one part of the week."),
        (6, {"availability": ["someday_morning"]}, "Choose one of the options shown."),
        (6, {"languages": ["xx"]}, "Choose one of the options shown."),
    ],
)
def test_a_wrong_answer_shows_a_clear_message_and_keeps_the_step(client, number, changes, message):
    response, page = post_step(client, number, changes)

    assert response.status_code == 200
    assert message in page
    assert "is-invalid" in page or "alert-danger" in page
    assert f"Step {number} of 7" in page
    assert not Family.objects.exists()


def test_what_was_typed_stays_after_a_mistake(client):
    _response, page = post_step(client, 1, {"first_name": "Amina", "postcode": "12"})

    assert 'value="Amina"' in page
    assert 'value="12"' in page


def test_ticked_dagdelen_stay_ticked_after_a_mistake(client):
    answer_steps(client, until=5)
    response = client.post(step_url(6), {"availability": ["tue_evening"], "languages": ["xx"]})
    page = response.content.decode()

    assert 'value="tue_evening" id="id_availability_tue_evening" checked' in page


def test_without_consent_nothing_is_saved(client):
    answer_steps(client)
    response = send(client, consent="")

    assert response.status_code == 200
    assert "We can only help if you agree." in response.content.decode()
    assert not SupportRequest.objects.exists()
    assert not Family.objects.exists()


def test_a_step_changed_afterwards_is_checked_again_before_saving(client):
    answer_steps(client, {5: {"support": "home-start"}})
    # The parent goes back and adds a child of 15, too old for Home-Start.
    client.post(step_url(3), {**STEP_DATA[3], "child_3_name": "Omar", "child_3_age": "15"})

    response = send(client)

    assert response.status_code == 302
    assert response["Location"] == step_url(5)
    assert not SupportRequest.objects.exists()
