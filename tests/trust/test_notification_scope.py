from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from coalition.notifications.models import Notification, NotificationStatus
from coalition.notifications.services import notification_schedule
from tests.factories import SupportRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed_email(buurtgezinnen):
    request = SupportRequestFactory(programme=buurtgezinnen)
    notification = notification_schedule(
        kind="request_confirmation",
        due_at=timezone.now(),
        target=request,
        recipient_email="ouder.buurtgezinnen@example.org",
    )
    Notification.objects.filter(pk=notification.pk).update(
        status=NotificationStatus.NEEDS_ATTENTION
    )
    return SimpleNamespace(notification=notification, request=request)


def test_a_coordinator_of_another_programme_does_not_see_a_failed_email(
    client, other_coordinator, failed_email
):
    client.force_login(other_coordinator)
    page = client.get(reverse("coordinators:notifications")).content.decode()

    assert "ouder.buurtgezinnen@example.org" not in page
    assert failed_email.request.reference_code not in page


def test_the_programmes_coordinator_sees_and_resolves_it(client, coordinator, failed_email):
    client.force_login(coordinator)
    page = client.get(reverse("coordinators:notifications")).content.decode()
    assert "ouder.buurtgezinnen@example.org" in page

    url = reverse("coordinators:notification_resolve", args=[failed_email.notification.pk])
    assert client.post(url, {"action": "handled"}).status_code == 302
    failed_email.notification.refresh_from_db()
    assert failed_email.notification.status != NotificationStatus.NEEDS_ATTENTION


def test_another_programmes_coordinator_cannot_resolve_it(client, other_coordinator, failed_email):
    client.force_login(other_coordinator)
    url = reverse("coordinators:notification_resolve", args=[failed_email.notification.pk])

    assert client.post(url, {"action": "send_again"}).status_code == 404
    failed_email.notification.refresh_from_db()
    assert failed_email.notification.status == NotificationStatus.NEEDS_ATTENTION
