from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coalition.notifications.models import Notification, NotificationPreference, NotificationStatus
from coalition.notifications.services import Reminder, notifications_schedule_many

pytestmark = pytest.mark.django_db

URL = reverse("coordinators:notifications")


def give(user, count: int = 1, *, kind: str = "proposal_waiting", due_in=timedelta(hours=-1)):
    notifications_schedule_many(
        Reminder(
            kind,
            timezone.now() + due_in + timedelta(seconds=i),
            recipient_user=user,
            context={"reference_code": f"TLB-PAGE{i:02d}", "volunteer_first_name": "Joke"},
        )
        for i in range(count)
    )


def test_anonymous_visitors_are_asked_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_coordinator_sees_their_own_due_notifications_only(
    client, coordinator, other_coordinator
):
    give(coordinator)
    give(coordinator, kind="evaluation_due", due_in=timedelta(days=3))  # not due yet
    give(other_coordinator, kind="vog_expiring")
    client.force_login(coordinator)

    response = client.get(URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Proposal waiting: TLB-PAGE00" in content
    assert "Evaluation due today" not in content
    assert "VOG" not in content


def test_the_page_costs_the_same_queries_with_many_notifications(
    client, coordinator, django_assert_num_queries
):
    client.force_login(coordinator)
    give(coordinator, 2)
    client.get(URL)  # warm the session and content types
    with django_assert_num_queries(7):  # two for the audit event
        client.get(URL)
    give(coordinator, 40)
    with django_assert_num_queries(7):
        client.get(URL)


def test_marking_one_and_then_all_read(client, volunteer_user):
    give(volunteer_user, 3, kind="vog_renewal")
    client.force_login(volunteer_user)
    first = Notification.objects.order_by("pk").first()

    client.post(reverse("coordinators:notifications_read"), {"id": first.pk})
    assert Notification.objects.filter(read_at__isnull=True).count() == 2

    client.post(reverse("coordinators:notifications_read"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_nobody_can_mark_someone_elses_notification_read(client, coordinator, volunteer_user):
    give(coordinator)
    client.force_login(volunteer_user)
    client.post(reverse("coordinators:notifications_read"), {"id": Notification.objects.get().pk})
    assert Notification.objects.get().read_at is None


def test_a_volunteer_chooses_the_digest_for_check_ins(client, volunteer_user):
    client.force_login(volunteer_user)
    url = reverse("coordinators:notification_preferences")
    page = client.get(url).content.decode()
    assert "Monthly check-in" in page
    assert "Evaluation overdue" not in page  # a coordinators' kind

    # Every kind a volunteer gets keeps its email, but these two.
    kinds = re.findall(r'name="([a-z_]+)" value="email"', page)
    choices = dict.fromkeys(kinds, "email") | {
        "vog_renewal": "none",
        "volunteer_check_in": "digest",
    }
    response = client.post(url, choices)

    assert response.status_code == 302
    assert dict(
        NotificationPreference.objects.filter(user=volunteer_user).values_list("kind", "delivery")
    ) == {"vog_renewal": "none", "volunteer_check_in": "digest"}


def test_a_coordinator_sends_a_flagged_message_again(client, coordinator):
    give(coordinator)
    Notification.objects.update(status=NotificationStatus.NEEDS_ATTENTION)
    flagged = Notification.objects.get()
    client.force_login(coordinator)
    assert "may not have been sent" in client.get(URL).content.decode()

    client.post(
        reverse("coordinators:notification_resolve", args=[flagged.pk]), {"action": "send_again"}
    )

    flagged.refresh_from_db()
    assert flagged.status == NotificationStatus.PENDING


def test_a_volunteer_cannot_resolve_flagged_messages(client, volunteer_user, coordinator):
    give(coordinator)
    Notification.objects.update(status=NotificationStatus.NEEDS_ATTENTION)
    client.force_login(volunteer_user)
    response = client.post(
        reverse("coordinators:notification_resolve", args=[Notification.objects.get().pk]),
        {"action": "send_again"},
    )
    assert response.status_code == 404
    assert Notification.objects.get().status == NotificationStatus.NEEDS_ATTENTION


def test_a_flagged_evaluation_invitation_and_vog_reminder_reach_the_volunteers_coordinator(
    client, coordinator, other_coordinator
):
    from coalition.notifications.services import notification_schedule
    from tests.factories import MatchFactory
    from volunteers.models import ScreeningStep

    match = MatchFactory(status="active")
    evaluation = match.followups.create(kind="evaluation", due_on=timezone.localdate())
    vog = ScreeningStep.objects.get(volunteer=match.volunteer, kind="vog")
    for kind, target in (("evaluation_invitation", evaluation), ("vog_renewal", vog)):
        notification_schedule(
            kind=kind,
            due_at=timezone.now() - timedelta(hours=1),
            target=target,
            recipient_email=match.volunteer.email,
            context={"reference_code": "TLB-FLAG01", "volunteer_first_name": "Joke"},
        )
    Notification.objects.update(status=NotificationStatus.NEEDS_ATTENTION)

    client.force_login(coordinator)
    mine = client.get(URL).content.decode()
    client.force_login(other_coordinator)
    theirs = client.get(URL).content.decode()

    assert mine.count('value="send_again"') == 2
    assert 'value="send_again"' not in theirs
