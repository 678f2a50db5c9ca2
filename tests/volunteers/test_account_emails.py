"""allauth's emails speak for the coalition, at the address the platform runs on."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from tests.volunteers.test_volunteer_signup import SIGNUP_URL, signup_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "http://127.0.0.1:8123"


def test_the_verification_email_names_the_coalition_not_the_server(client):
    client.post(SIGNUP_URL, signup_data())

    email = mail.outbox[0]
    assert email.subject.startswith("[Coalitie Informele Steun Tilburg] ")
    assert "Coalitie Informele Steun Tilburg" in email.body
    assert "[127.0.0.1" not in email.subject
    assert "127.0.0.1:8000" not in email.body


def test_the_verification_link_points_where_the_platform_runs(client):
    client.post(SIGNUP_URL, signup_data(), HTTP_HOST="127.0.0.1:8123")

    assert "http://127.0.0.1:8123" + reverse("account_confirm_email", args=["x"])[:-2] in (
        mail.outbox[0].body
    )
