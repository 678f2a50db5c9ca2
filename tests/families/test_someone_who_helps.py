"""A partner or a language ambassador fills in the request together with the parent,
from the partner area: who helped is recorded on the request, and the consent is
recorded as given in person to them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from families.models import ConsentMethod, HelperKind, SupportRequest
from tests.families.request_steps import answer_steps, step_url

pytestmark = pytest.mark.django_db


def send(client):
    page = client.get(step_url(7))
    key = page.context["form"]["submission_key"].value()
    return client.post(step_url(7), {"consent": "on", "submission_key": key, "website": ""})


def test_a_language_ambassador_fills_in_the_request_with_the_parent(client, partner):
    client.force_login(partner)
    response = client.post(
        reverse("families:partner_assist"),
        {"helped_as": HelperKind.LANGUAGE_AMBASSADOR, "parent_present": "on"},
    )
    assert response["Location"] == reverse("families:request_start")

    answer_steps(client)
    check = client.get(step_url(7)).content.decode()
    assert "You fill this in together with the parent" in check
    assert "agreed in person" in check
    assert send(client).status_code == 302

    request = SupportRequest.objects.get()
    assert request.helped_by == partner
    assert request.helped_as == HelperKind.LANGUAGE_AMBASSADOR
    consent = request.family.consents.get()
    assert consent.method == ConsentMethod.IN_PERSON
    assert consent.recorded_by == partner
    assert "take back this consent" in consent.text


def test_the_next_request_from_the_same_phone_is_the_parents_own_again(client, partner):
    client.force_login(partner)
    client.post(
        reverse("families:partner_assist"),
        {"helped_as": HelperKind.PARTNER, "parent_present": "on"},
    )
    answer_steps(client)
    send(client)

    answer_steps(client)
    assert "You fill this in together" not in client.get(step_url(7)).content.decode()


def test_a_parent_on_their_own_gives_consent_on_the_web_form(client):
    answer_steps(client)
    send(client)

    request = SupportRequest.objects.get()
    assert request.helped_by is None and request.helped_as == ""
    assert request.family.consents.get().method == ConsentMethod.WEB_FORM


def test_the_helper_must_say_the_parent_is_there(client, partner):
    client.force_login(partner)

    response = client.post(reverse("families:partner_assist"), {"helped_as": HelperKind.PARTNER})

    assert response.status_code == 200
    assert "Fill in the request only together with the parent." in response.content.decode()
