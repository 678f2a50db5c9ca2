"""Hostile input gets a clear refusal, never a server error: a NUL byte in a URL or
a form field, a date far outside any real intake, a body that cannot be decoded."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from families.models import SupportRequest
from families.submission import new_submission_key
from tests.factories import SupportRequestFactory, with_totp
from tests.families.request_steps import answer_steps, send
from tests.families.test_partner_referrals import referral_data
from tests.volunteers.test_volunteer_signup import signup_data
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db

NUL = "\x00"


@pytest.fixture
def raising_client() -> Client:
    """A client that answers a server error with the 500 page, as a browser sees it."""
    return Client(raise_request_exception=False)


def test_a_nul_byte_in_a_partner_referral_address_is_refused(raising_client, partner):
    raising_client.force_login(partner)

    response = raising_client.get("/partner/verwijzingen/%00/")

    assert response.status_code == 400


def test_a_nul_byte_in_a_query_string_is_refused(raising_client, partner):
    raising_client.force_login(partner)

    response = raising_client.get(reverse("families:partner_home"), {"q": f"a{NUL}b"})

    assert response.status_code == 400


def test_a_nul_byte_in_the_volunteer_sign_up_key_is_refused_and_nothing_is_saved(
    raising_client,
):
    response = raising_client.post(
        reverse("volunteers:signup"), signup_data(submission_key=f"abc{NUL}def")
    )

    assert response.status_code == 400
    assert not Volunteer.objects.exists()


def test_a_nul_byte_in_the_last_step_of_the_request_form_is_refused(raising_client):
    answer_steps(raising_client)
    before = SupportRequest.objects.count()

    response = send(raising_client, submission_key=f"abc{NUL}def")

    assert response.status_code == 400
    assert SupportRequest.objects.count() == before


def test_a_nul_byte_in_a_partner_referral_is_refused_and_nothing_is_saved(raising_client, partner):
    raising_client.force_login(partner)

    response = raising_client.post(
        reverse("families:partner_refer"),
        referral_data(submission_key=f"{NUL}{new_submission_key()}"),
    )

    assert response.status_code == 400
    assert not SupportRequest.objects.exists()


def test_a_nul_byte_in_a_field_name_is_refused(raising_client, partner):
    raising_client.force_login(partner)

    response = raising_client.post(reverse("families:partner_refer"), {f"x{NUL}": "1"})

    assert response.status_code == 400


def test_an_intake_in_the_year_one_is_refused_with_a_clear_message(
    raising_client, coordinator, buurtgezinnen
):
    with_totp(coordinator)
    raising_client.force_login(coordinator)
    request = SupportRequestFactory(programme=buurtgezinnen, status="new")

    response = raising_client.post(
        reverse("coordinators:request_plan_intake", args=[request.pk]),
        {"when": "0001-01-01T00:00"},
        follow=True,
    )

    assert response.status_code == 200
    assert "between" in response.content.decode()
    request.refresh_from_db()
    assert request.intake_planned_for is None


def test_an_intake_in_the_year_9999_is_refused(raising_client, coordinator, buurtgezinnen):
    with_totp(coordinator)
    raising_client.force_login(coordinator)
    request = SupportRequestFactory(programme=buurtgezinnen, status="new")

    raising_client.post(
        reverse("coordinators:request_plan_intake", args=[request.pk]),
        {"when": "9999-12-31T23:59"},
    )

    request.refresh_from_db()
    assert request.intake_planned_for is None


def test_a_body_that_is_not_valid_utf16_is_refused(partner):
    # The CSRF check reads the form, as in production; a valid-looking cookie gets it that far.
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(partner)
    client.cookies["csrftoken"] = "x" * 32

    response = client.generic(
        "POST",
        reverse("families:partner_refer"),
        b"\xff\xfe\x00\xd8a=b",
        content_type="application/x-www-form-urlencoded; charset=utf-16",
    )

    assert response.status_code == 400
