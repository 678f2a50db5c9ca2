"""Helpers for the reminder tests: an in-process sweep, and a real Celery worker."""

from __future__ import annotations

import os
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from coordinators.notifications import notifications_send_many, notifications_sweep

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def amsterdam(*args) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM)


@pytest.fixture
def sweep(django_capture_on_commit_callbacks):
    """Run the sweep and send what it hands off, in this process (locmem mail)."""

    def run(now: datetime | None = None) -> int:
        handed: list[int] = []
        with django_capture_on_commit_callbacks(execute=True):
            notifications_sweep(now=now, hand_off=handed.extend)
        notifications_send_many(handed)
        return len(handed)

    return run


@pytest.fixture
def outbox():
    mail.outbox = []
    return mail.outbox


# The one place that decides whether the real-worker tests can run: they need a
# Redis broker. CI always sets REDIS_URL, so there they always run.
REDIS_URL = os.environ.get("REDIS_URL", "")
needs_redis = pytest.mark.skipif(
    not REDIS_URL and not os.environ.get("CI"),
    reason="no REDIS_URL configured (CI always sets one)",
)
