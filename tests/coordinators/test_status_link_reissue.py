"""A coordinator gives the parent a new status link: the old one stops, the new one
is emailed in the parent's language and not kept once sent, and the step is audited."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.urls import reverse

from coalition.notifications.models import Notification, NotificationStatus
from coalition.notifications.sending import notification_send
from coalition.people.models import AuditAction, AuditEvent
from families.models import SupportRequest
from families.services import request_issue_status_link
from tests.factories import ParentFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    request = SupportRequestFactory(status="waiting", language="en")
    ParentFactory(family=request.family, first_name="Amina", email="amina@example.org")
    return request, request_issue_status_link(request=request)


def reissue(client, request):
    return client.post(f"/dashboard/verzoeken/{request.pk}/statuslink/", follow=True)


def test_the_old_link_stops_and_a_new_one_is_emailed(client, coordinator, case):
    request, old_token = case
    client.force_login(coordinator)
    response = reissue(client, request)
    assert "A new status link is on its way to the parent." in response.content.decode()

    old_page = client.get(reverse("families:request_status", args=[old_token]))
    assert old_page.status_code == 404
    assert "no longer" in old_page.content.decode().lower()

    notification = Notification.objects.get(kind="status_link")
    assert notification.recipient_email == "amina@example.org"
    mail.outbox = []
    notification_send(notification_id=notification.pk)
    [message] = mail.outbox
    assert message.subject == f"Follow your request {request.reference_code}"
    assert "The old link no longer works." in message.body
    new_url = re.search(r"https?://\S+", message.body.split("yourself:")[1]).group(0)
    new_page = client.get(urlparse(new_url).path)
    assert new_page.status_code == 200
    assert request.reference_code in new_page.content.decode()


def test_the_new_link_is_not_kept_once_sent(client, coordinator, case):
    request, _token = case
    client.force_login(coordinator)
    reissue(client, request)
    notification = Notification.objects.get(kind="status_link")
    notification_send(notification_id=notification.pk)
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert "status_url" not in notification.context


def test_the_email_is_in_the_parents_language(coordinator, case):
    from families.services import request_reissue_status_link

    request, _token = case
    SupportRequest.objects.filter(pk=request.pk).update(language="nl")
    notification = request_reissue_status_link(request=request, by=coordinator)
    assert notification.language == "nl"
    mail.outbox = []
    notification_send(notification_id=notification.pk)
    assert "De oude link werkt niet meer." in mail.outbox[0].body


def test_the_reissue_is_audited(client, coordinator, case):
    request, _token = case
    client.force_login(coordinator)
    reissue(client, request)
    event = AuditEvent.objects.filter(
        action=AuditAction.CHANGE, target_type="families.supportrequest", target_id=str(request.pk)
    ).get(path__endswith="/statuslink/")
    assert event.actor_email == coordinator.email


def test_without_an_email_address_the_coordinator_is_told_and_nothing_changes(client, coordinator):
    request = SupportRequestFactory(status="waiting")
    ParentFactory(family=request.family, email="", phone="06 11112222")
    token = request_issue_status_link(request=request)
    client.force_login(coordinator)
    detail = client.get(f"/dashboard/verzoeken/{request.pk}/").content.decode()
    assert "The parent has no email address." in detail
    response = reissue(client, request)
    assert "The parent has no email address." in response.content.decode()
    assert client.get(reverse("families:request_status", args=[token])).status_code == 200
    assert not Notification.objects.filter(kind="status_link").exists()


def test_a_closed_request_gets_no_new_link(client, coordinator, case):
    request, _token = case
    SupportRequest.objects.filter(pk=request.pk).update(status="closed")
    client.force_login(coordinator)
    response = reissue(client, request)
    assert "no longer open" in response.content.decode()
    assert not Notification.objects.filter(kind="status_link").exists()


def test_another_programme_cannot_reissue(client, other_coordinator, case):
    request, token = case
    client.force_login(other_coordinator)
    assert client.post(f"/dashboard/verzoeken/{request.pk}/statuslink/").status_code == 404
    assert client.get(reverse("families:request_status", args=[token])).status_code == 200
