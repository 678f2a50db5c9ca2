"""A reminder due at 09:00 Amsterdam is sent once, at 09:00 local, across DST changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from coalition.notifications.models import Notification, NotificationStatus
from coalition.notifications.moments import digest_moment, local_moment
from coalition.notifications.services import notification_schedule
from tests.reminders.conftest import amsterdam

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [
        (datetime(2026, 3, 29).date(), 7),  # summer time began at 02:00 that night
        (datetime(2026, 10, 25).date(), 8),  # winter time began at 03:00 that night
    ],
)
def test_a_nine_oclock_reminder_goes_out_once_at_nine_local_time(day, utc_hour, sweep, outbox):
    due = local_moment(day)
    assert due.astimezone(UTC).hour == utc_hour
    with time_machine.travel(amsterdam(day.year, day.month, day.day, 0, 30), tick=False):
        notification_schedule(
            kind="status_link",
            due_at=due,
            recipient_email="ouder@example.org",
            context={"reference_code": "TLB-DST234"},
        )

    for hour, minute in [(1, 30), (3, 30), (8, 59)]:
        with time_machine.travel(amsterdam(day.year, day.month, day.day, hour, minute), tick=False):
            sweep()
    assert outbox == []

    for minute in (0, 2, 4):  # the beat every two minutes, and once more
        with time_machine.travel(amsterdam(day.year, day.month, day.day, 9, minute), tick=False):
            sweep()
    assert len(outbox) == 1
    sent = Notification.objects.get()
    assert sent.status == NotificationStatus.SENT
    assert sent.sent_at.astimezone(amsterdam(2026, 1, 1).tzinfo).hour == 9


def test_the_monday_digest_is_at_eight_local_time_in_summer_and_winter():
    summer = digest_moment(amsterdam(2026, 3, 31, 12, 0))  # Tuesday after the change
    winter = digest_moment(amsterdam(2026, 10, 28, 12, 0))
    assert summer == amsterdam(2026, 3, 30, 8, 0)
    assert summer.astimezone(UTC).hour == 6
    assert winter == amsterdam(2026, 10, 26, 8, 0)
    assert winter.astimezone(UTC).hour == 7


def test_the_beat_runs_the_digest_on_monday_at_eight_amsterdam_time_across_dst():
    from coalition.celery import app

    schedule = app.conf.beat_schedule["weekly-digests"]["schedule"]
    schedule.app = app
    for monday in (datetime(2026, 3, 30), datetime(2026, 10, 26)):
        last_run = amsterdam(monday.year, monday.month, monday.day, 8, 0) - timedelta(days=7)
        with time_machine.travel(amsterdam(monday.year, monday.month, monday.day, 7, 59)):
            assert not schedule.is_due(last_run).is_due
        with time_machine.travel(amsterdam(monday.year, monday.month, monday.day, 8, 0, 30)):
            assert schedule.is_due(last_run).is_due
