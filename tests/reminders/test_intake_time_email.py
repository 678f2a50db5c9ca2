"""The parent reads the planned time of the intake in their email, in their language;
a new time is told again, the same time is not."""

from __future__ import annotations

import pytest
import time_machine

from coalition.notifications.models import Notification, NotificationStatus
from coalition.notifications.reminders import reminders_plan
from families.services import request_plan_intake
from tests.factories import ParentFactory, SupportRequestFactory
from tests.reminders.conftest import amsterdam

pytestmark = pytest.mark.django_db


def planned_request(language: str):
    request = SupportRequestFactory(status="new", language=language)
    ParentFactory(family=request.family, first_name="Fatma", email="fatma@example.org")
    return request


def test_the_parent_reads_the_planned_day_and_time_in_english(coordinator, sweep, outbox):
    request = planned_request("en")
    with time_machine.travel(amsterdam(2026, 12, 3, 9, 0), tick=False):
        request_plan_intake(request=request, when=amsterdam(2026, 12, 8, 10, 30), by=coordinator)
        sweep()
    [message] = outbox
    assert message.subject == "A coordinator will call you soon"
    assert "on Tuesday 8 December 2026 at 10:30" in message.body
    assert request.reference_code in message.body


def test_the_parent_reads_the_planned_time_in_dutch_in_amsterdam_time(coordinator, sweep, outbox):
    request = planned_request("nl")
    with time_machine.travel(amsterdam(2026, 12, 3, 9, 0), tick=False):
        # Given in UTC (09:30 UTC is 10:30 in Amsterdam in winter).
        when = amsterdam(2026, 12, 8, 10, 30).astimezone(tz=None)
        request_plan_intake(request=request, when=when, by=coordinator)
        sweep()
    [message] = outbox
    assert "dinsdag 8 december 2026" in message.body
    assert "10:30" in message.body


@pytest.mark.parametrize(
    ("language", "day"),
    [("ar", "الثلاثاء"), ("tr", "salı"), ("pl", "wtorek"), ("uk", "вівторок")],
)
def test_the_parent_reads_the_day_in_their_own_language(coordinator, sweep, outbox, language, day):
    request = planned_request(language)
    with time_machine.travel(amsterdam(2026, 12, 3, 9, 0), tick=False):
        request_plan_intake(request=request, when=amsterdam(2026, 12, 8, 10, 30), by=coordinator)
        sweep()
    [message] = outbox
    assert day in message.body.lower()
    assert "A coordinator will call" not in message.body


def test_a_new_time_sends_one_updated_email_and_the_same_time_none(coordinator, sweep, outbox):
    request = planned_request("en")
    with time_machine.travel(amsterdam(2026, 12, 3, 9, 0), tick=False):
        request_plan_intake(request=request, when=amsterdam(2026, 12, 8, 10, 30), by=coordinator)
        sweep()
    with time_machine.travel(amsterdam(2026, 12, 4, 9, 0), tick=False):
        request_plan_intake(request=request, when=amsterdam(2026, 12, 8, 10, 30), by=coordinator)
        request_plan_intake(request=request, when=amsterdam(2026, 12, 9, 14, 0), by=coordinator)
        request_plan_intake(request=request, when=amsterdam(2026, 12, 9, 14, 0), by=coordinator)
        reminders_plan()
        sweep()
    assert len(outbox) == 2
    assert "The time of your conversation has changed." in outbox[1].body
    assert "on Wednesday 9 December 2026 at 14:00" in outbox[1].body


def test_an_unsent_email_with_the_old_time_is_cancelled_by_the_new_time(coordinator, sweep, outbox):
    request = planned_request("en")
    with time_machine.travel(amsterdam(2026, 12, 3, 9, 0), tick=False):
        request_plan_intake(request=request, when=amsterdam(2026, 12, 8, 10, 30), by=coordinator)
    with time_machine.travel(amsterdam(2026, 12, 3, 9, 0, 20), tick=False):
        request_plan_intake(request=request, when=amsterdam(2026, 12, 9, 14, 0), by=coordinator)
    first, second = Notification.objects.filter(kind="coordinator_will_call").order_by("pk")
    assert first.status == NotificationStatus.CANCELLED
    assert second.status == NotificationStatus.PENDING
    with time_machine.travel(amsterdam(2026, 12, 3, 9, 1), tick=False):
        sweep()
    [message] = outbox
    assert "9 December 2026" in message.body


def test_an_email_about_an_intake_already_held_is_not_sent(coordinator, sweep, outbox):
    from families.services import request_change_status

    request = planned_request("en")
    with time_machine.travel(amsterdam(2026, 12, 3, 9, 0), tick=False):
        request_plan_intake(request=request, when=amsterdam(2026, 12, 3, 9, 30), by=coordinator)
        request_change_status(request=request, to_status="intake_done", by=coordinator)
    with time_machine.travel(amsterdam(2026, 12, 3, 10, 0), tick=False):
        Notification.objects.update(claimed_at=None)
        sweep()
    assert outbox == []
