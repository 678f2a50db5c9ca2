"""Every public page and every email says how to reach the coalition and its privacy contact."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coalition.notifications.rendering import notification_message
from coalition.notifications.services import notification_schedule

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [reverse("coordinators:home"), reverse("families:request_start"), reverse("privacy:statement")],
)
def test_a_public_page_gives_the_phone_number_and_privacy_contact(client, settings, url):
    settings.COALITION_PHONE = "013 000 11 22"
    settings.PRIVACY_CONTACT_EMAIL = "privacy@steun.example.org"

    page = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()

    assert "013 000 11 22" in page
    assert "privacy@steun.example.org" in page


def test_an_email_to_a_parent_gives_them_too(settings):
    settings.COALITION_PHONE = "013 000 11 22"
    settings.PRIVACY_CONTACT_EMAIL = "privacy@steun.example.org"
    notification = notification_schedule(
        kind="request_confirmation",
        due_at=timezone.now() + timedelta(hours=1),
        recipient_email="ouder@example.org",
        language="ar",
        context={"reference_code": "TLB-ABCDEF", "parent_first_name": "Amina"},
    )

    message = notification_message(notification)

    assert "013 000 11 22" in message.body
    assert "privacy@steun.example.org" in message.alternatives[0][0]
