"""Switching language in the middle of a step keeps what was typed: the switch sends
the step's form along (it works without JavaScript) and the page comes back in the
new language with the answers filled in, and without error messages."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from families.models import SupportRequest
from tests.families.request_steps import answer_steps, step_url

pytestmark = pytest.mark.django_db

SWITCH = reverse("families:language_switch")


def switch(client, to: str, *, draft_for: str, next_url: str, **typed):
    return client.post(
        SWITCH, {"switch_language": to, "draft_for": draft_for, "next": next_url, **typed}
    )


def test_the_language_switch_of_a_step_belongs_to_the_step_form(client):
    page = client.get(step_url(1)).content.decode()

    assert f'formaction="{SWITCH}"' in page
    assert 'name="draft_for" type="hidden" value="request_step_1" form="step-form"' in page


def test_what_was_typed_on_a_step_stays_after_switching_language(client):
    response = switch(
        client, "ar", draft_for="request_step_1", next_url=step_url(1), first_name="Amina"
    )

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert 'value="Amina"' in page
    # Not finished yet, so no error for the postcode.
    assert "is-invalid" not in page


def test_ticked_options_of_a_later_step_stay_too(client):
    answer_steps(client, until=3)

    response = switch(
        client,
        "pl",
        draft_for="request_step_4",
        next_url=step_url(4),
        situation=["no_network"],
        situation_text="Nikt nie pomaga",
    )

    page = client.get(response["Location"]).content.decode()
    assert re.search(r'value="no_network"\s+id="\w+" checked', page)
    assert "Nikt nie pomaga" in page


def test_the_call_back_page_keeps_what_was_typed_and_its_own_language_question(client):
    url = reverse("families:call_back")

    response = switch(
        client,
        "tr",
        draft_for="call_back",
        next_url=url,
        first_name="Ayşe",
        phone="0612345678",
        language="ku",
    )

    page = client.get(response["Location"]).content.decode()
    assert '<html lang="tr"' in page
    assert 'value="Ayşe"' in page and 'value="0612345678"' in page
    assert '<option value="ku" selected>' in page


def test_the_kept_answers_are_shown_once_and_nothing_is_saved(client):
    switch(client, "en", draft_for="call_back", next_url="/", first_name="Ayşe")

    client.get(reverse("families:call_back"))
    page = client.get(reverse("families:call_back")).content.decode()

    assert "Ayşe" not in page
    assert not SupportRequest.objects.exists()
