"""Reminders through a real Celery worker process, Redis and the same test database."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
from datetime import timedelta
from types import SimpleNamespace

import pytest
import redis
from django.db import transaction
from django.utils import timezone

from coalition.notifications.models import Notification, NotificationStatus
from coalition.notifications.services import (
    Reminder,
    notifications_hand_off,
    notifications_schedule_many,
    notifications_sweep,
)
from families.models import SupportRequest
from families.services import request_submit
from tests.reminders.conftest import needs_redis, use_broker, wait_for

pytestmark = [
    needs_redis,
    pytest.mark.celery_worker,
    # No serialized_rollback: the reference_data fixture reloads programmes and wijken.
    # Restoring a snapshot after another transactional test's flush collides with the
    # content types that flush recreated (UNIQUE constraint on django_content_type).
    pytest.mark.django_db(transaction=True),
]


def due_reminders(count: int) -> list[int]:
    past = timezone.now() - timedelta(minutes=5)
    notifications_schedule_many(
        Reminder(
            "status_link",
            past,
            recipient_email=f"ouder{i}@example.org",
            context={"reference_code": f"TLB-TEST{i:02d}", "status_url": "https://example.org/s"},
        )
        for i in range(count)
    )
    return list(Notification.objects.order_by("pk").values_list("pk", flat=True))


def due_reminders_after(ids: list[int]) -> list[int]:
    notifications_schedule_many(
        [
            Reminder(
                "status_link",
                timezone.now() - timedelta(minutes=1),
                recipient_email="laatste@example.org",
                context={"reference_code": "TLB-LAST23"},
            )
        ]
    )
    return list(Notification.objects.exclude(pk__in=ids).values_list("pk", flat=True))


def statuses() -> dict[int, str]:
    return dict(Notification.objects.values_list("pk", "status"))


def all_settled(ids: list[int]) -> bool:
    return all(s in ("sent", "attention") for pk, s in statuses().items() if pk in ids)


def test_a_due_reminder_is_sent_once_even_when_the_sweep_runs_twice(workers):
    ids = due_reminders(5)
    workers.start()

    notifications_sweep()
    notifications_sweep()  # a doubled beat run: the rows are claimed, it takes nothing
    notifications_hand_off(ids)  # even a doubled hand-off of the same ids
    wait_for(lambda: all_settled(ids), what="all reminders sent")
    notifications_sweep(now=timezone.now() + timedelta(hours=1))  # long after: nothing left
    notifications_hand_off(ids)  # a redelivered message
    # The solo worker takes messages in order: once a reminder handed off after
    # these is sent, the worker has dealt with all of them.
    [last] = due_reminders_after(ids)
    notifications_hand_off([last])
    wait_for(lambda: all_settled([last]), what="the last reminder sent")

    assert set(statuses().values()) == {NotificationStatus.SENT}
    assert workers.mailbox.notification_ids() == dict.fromkeys([*ids, last], 1)


def test_a_worker_killed_in_the_middle_of_a_send_never_sends_twice(workers):
    ids = due_reminders(3)
    doomed = workers.start(NOTIFICATION_TEST_PAUSE_SECONDS="120")
    notifications_sweep()
    wait_for(
        lambda: Notification.objects.filter(status=NotificationStatus.SENDING).exists(),
        what="a send in progress",
    )
    interrupted = Notification.objects.get(status=NotificationStatus.SENDING).pk

    os.kill(doomed.pid, signal.SIGKILL)
    doomed.wait(timeout=20)
    workers.start()
    # The lease runs out: the half-sent row is flagged, the others are taken again.
    result = notifications_sweep(now=timezone.now() + timedelta(minutes=11))
    wait_for(lambda: all_settled(ids), what="every reminder sent or flagged")

    assert result.flagged == 1
    sent = {pk for pk, status in statuses().items() if status == NotificationStatus.SENT}
    assert sent == set(ids) - {interrupted}
    assert statuses()[interrupted] == NotificationStatus.NEEDS_ATTENTION
    assert workers.mailbox.notification_ids() == dict.fromkeys(sent, 1)


def submit_request_as_a_parent():
    """The public form's own service: saves the request and schedules the
    confirmation in one transaction, handing it to the broker after commit."""
    return request_submit(
        first_name="Fatma",
        phone="06 12345678",
        email="f@example.org",
        contact_preference="phone",
        contact_times="after 3 pm",
        postcode="5038 AB",
        children=[("Sara", 3)],
        situation=["overloaded"],
        situation_text="Ik ben alleen.",
        programme=None,
        availability=0b111,
        languages=["nl"],
        needs_shared_language=False,
        language="en",
        consent_text="Ik geef toestemming.",
        consent_version="test",
    ).request


@pytest.fixture
def private_redis(tmp_path):
    """A Redis server of this test's own, so it can really be stopped and started
    again (the machine's Redis serves the rest of the suite)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    servers: list[subprocess.Popen] = []

    def start() -> str:
        servers.append(
            subprocess.Popen(
                [
                    *("redis-server", "--port", str(port), "--bind", "127.0.0.1"),
                    *("--save", "", "--appendonly", "no", "--dir", str(tmp_path)),
                ],
                stdout=subprocess.DEVNULL,
            )
        )
        client = redis.Redis(port=port)
        wait_for(lambda: _answers(client), what="private Redis up")
        return f"redis://127.0.0.1:{port}/0"

    def stop() -> None:
        servers[-1].terminate()
        servers[-1].wait(timeout=10)

    yield SimpleNamespace(start=start, stop=stop)
    for server in servers:
        if server.poll() is None:
            server.kill()
            server.wait()


def _answers(client) -> bool:
    try:
        return client.ping()
    except redis.ConnectionError:
        return False


def test_with_redis_down_a_request_is_saved_and_confirmed_once_redis_is_back(
    workers, private_redis
):
    broker_url = private_redis.start()
    use_broker(broker_url)
    private_redis.stop()

    # Publishing fails fast (short socket timeouts, no publish retry: settings), so
    # the submit returns; speed is not asserted here (no timed assertions in tests).
    request = submit_request_as_a_parent()

    assert SupportRequest.objects.filter(pk=request.pk).exists()
    confirmation = Notification.objects.get(kind="request_confirmation")
    assert confirmation.status == NotificationStatus.PENDING
    assert confirmation.claimed_at is None  # free for the next sweep

    private_redis.start()
    use_broker(broker_url)
    workers.start(REDIS_URL=broker_url, CELERY_BROKER_URL=broker_url)
    notifications_sweep()
    wait_for(lambda: all_settled([confirmation.pk]), what="confirmation sent")

    assert workers.mailbox.notification_ids() == {confirmation.pk: 1}
    assert request.reference_code in workers.mailbox.text()


def test_a_rolled_back_change_sends_nothing(workers):
    workers.start()
    with pytest.raises(RuntimeError), transaction.atomic():
        submit_request_as_a_parent()
        raise RuntimeError("the form failed after scheduling")
    assert not Notification.objects.exists()

    sentinel = due_reminders(1)
    notifications_sweep()
    wait_for(lambda: all_settled(sentinel), what="the sentinel reminder sent")

    assert workers.mailbox.notification_ids() == {sentinel[0]: 1}
