"""The parent's private status link is shown once and emailed once; only its hash
is kept. Once the confirmation is out, no notification row holds the link, and
the Django admin never shows what a parent's notification contains."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from django.core import mail

from coalition.notifications.models import Notification, NotificationStatus
from coalition.notifications.sending import notification_send
from coalition.notifications.services import notification_resolve
from coalition.people.models import Role
from families.services import request_submit
from tests.factories import UserFactory
from tests.trust.test_erasure import rows_mentioning

pytestmark = pytest.mark.django_db


def submit_request(email="fatma@example.org"):
    return request_submit(
        first_name="Fatma",
        phone="06 12345678",
        email=email,
        contact_preference="phone",
        contact_times="after 3 pm",
        postcode="5038 AB",
        children=[("Sara", 3)],
        situation=["overloaded"],
        situation_text="",
        programme=None,
        availability=0b111,
        languages=["nl"],
        needs_shared_language=False,
        language="nl",
        consent_text="Ik geef toestemming.",
        consent_version="test",
    )


def confirmation():
    return Notification.objects.get(kind="request_confirmation")


def test_after_the_confirmation_is_sent_no_row_holds_the_status_link(client, buurtgezinnen):
    token = submit_request().status_token

    assert notification_send(notification_id=confirmation().pk) == NotificationStatus.SENT

    assert rows_mentioning(token) == []
    assert token not in str(confirmation().context)
    # The email itself still carries the working link.
    assert len(mail.outbox) == 1
    assert token in mail.outbox[0].body
    link = next(word for word in mail.outbox[0].body.split() if token in word)
    assert client.get(urlparse(link).path).status_code == 200


def test_a_flagged_confirmation_marked_handled_forgets_the_status_link_too(
    buurtgezinnen, coordinator
):
    token = submit_request().status_token
    Notification.objects.filter(pk=confirmation().pk).update(
        status=NotificationStatus.NEEDS_ATTENTION
    )

    notification_resolve(notification=confirmation(), send_again=False, by=coordinator)

    assert confirmation().status == NotificationStatus.CANCELLED
    assert rows_mentioning(token) == []


def test_the_admin_does_not_show_what_a_parents_notification_contains(staff_client, buurtgezinnen):
    token = submit_request().status_token
    superuser = UserFactory(
        email="beheer@example.org", role=Role.COALITION_ADMIN, is_staff=True, is_superuser=True
    )
    client = staff_client(superuser)

    response = client.get(f"/beheer/notifications/notification/{confirmation().pk}/change/")

    assert response.status_code == 200
    assert token not in response.content.decode()
