from __future__ import annotations

import smtplib
from datetime import timedelta

import pytest
from django.utils import timezone

from coalition.notifications.models import Notification, NotificationPreference, NotificationStatus
from coalition.notifications.sending import notification_send
from coalition.notifications.services import (
    notification_resolve,
    notification_schedule,
    notifications_sweep,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def due_reminder(**kwargs) -> Notification:
    defaults = {
        "kind": "request_confirmation",
        "due_at": timezone.now() - timedelta(minutes=1),
        "recipient_email": "ouder@example.org",
        "context": {"reference_code": "TLB-ABC234", "parent_first_name": "Fatma"},
    }
    return notification_schedule(**{**defaults, **kwargs})


def test_a_due_reminder_is_sent_once(sweep, outbox):
    notification = due_reminder()
    Notification.objects.filter(pk=notification.pk).update(claimed_at=None)

    sweep()
    sweep()

    assert len(outbox) == 1
    assert outbox[0].to == ["ouder@example.org"]
    assert "TLB-ABC234" in outbox[0].subject
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert notification.sent_at is not None


def test_a_reminder_that_is_not_due_yet_waits(sweep, outbox):
    due_reminder(due_at=timezone.now() + timedelta(hours=1))
    sweep()
    assert outbox == []


def test_scheduling_the_same_reminder_twice_keeps_one_row():
    due = timezone.now() + timedelta(days=2)
    first = due_reminder(due_at=due)
    second = due_reminder(due_at=due.astimezone(timezone.get_default_timezone()))
    assert first.pk == second.pk
    assert Notification.objects.count() == 1


def test_the_email_is_in_the_recipients_language_with_a_plain_text_part(sweep, outbox):
    due_reminder(language="en", kind="status_link", context={"reference_code": "TLB-XYZ789"})
    Notification.objects.update(claimed_at=None)
    sweep()
    message = outbox[0]
    assert "Follow your request TLB-XYZ789" in message.subject
    assert "Keep it to yourself" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "TLB-XYZ789" in html


def test_a_claimed_row_whose_hand_off_was_lost_is_taken_again_after_the_lease(sweep, outbox):
    due_reminder()  # claimed for an immediate hand-off that never ran (no commit here)
    sweep()
    assert outbox == []

    sweep(now=timezone.now() + timedelta(minutes=11))
    assert len(outbox) == 1


def test_a_row_left_half_sent_is_flagged_for_a_coordinator_not_sent_again(sweep, outbox):
    notification = due_reminder()
    Notification.objects.filter(pk=notification.pk).update(
        status=NotificationStatus.SENDING, claimed_at=timezone.now() - timedelta(minutes=30)
    )

    result = notifications_sweep(hand_off=lambda ids: None)

    notification.refresh_from_db()
    assert result.flagged == 1
    assert notification.status == NotificationStatus.NEEDS_ATTENTION
    assert outbox == []


def test_a_coordinator_can_send_a_flagged_row_again(sweep, outbox, coordinator):
    notification = due_reminder()
    Notification.objects.filter(pk=notification.pk).update(
        status=NotificationStatus.NEEDS_ATTENTION
    )
    notification_resolve(notification=notification, send_again=True, by=coordinator)
    sweep()
    assert len(outbox) == 1


def test_an_smtp_error_leaves_the_row_pending_for_a_retry(monkeypatch, outbox):
    notification = due_reminder()

    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with pytest.raises(smtplib.SMTPException):
        notification_send(notification_id=notification.pk)
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.PENDING
    assert notification.attempts == 1
    assert "gone" in notification.last_error

    monkeypatch.undo()
    assert notification_send(notification_id=notification.pk) == NotificationStatus.SENT
    assert len(outbox) == 1


def test_a_user_who_wants_no_email_for_a_kind_sees_it_only_on_the_site(sweep, outbox):
    user = UserFactory(email="coordinator@example.org")
    NotificationPreference.objects.create(user=user, kind="proposal_waiting", delivery="none")
    notification = due_reminder(
        kind="proposal_waiting", recipient_user=user, recipient_email="", context={}
    )
    Notification.objects.update(claimed_at=None)
    sweep()
    notification.refresh_from_db()
    assert outbox == []
    assert notification.status == NotificationStatus.SKIPPED


def test_a_reminder_that_became_pointless_is_cancelled(sweep, outbox, coordinator):
    from tests.factories import SupportRequestFactory

    request = SupportRequestFactory(status="intake_planned")
    notification = due_reminder(
        kind="request_waiting",
        target=request,
        recipient_user=coordinator,
        recipient_email="",
        context={"reference_code": request.reference_code},
    )
    Notification.objects.update(claimed_at=None)
    sweep()
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.CANCELLED
    assert outbox == []
