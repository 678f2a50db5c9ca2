"""Helpers for the reminder tests: an in-process sweep, and a real Celery worker."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail

from coalition.notifications.sending import notifications_send_many
from coalition.notifications.services import notifications_sweep

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


# --- A real worker --------------------------------------------------------------


def use_broker(url: str) -> None:
    """Point this process's Celery app at `url` (the web side of the tests)."""
    from coalition.celery import app
    from coalition.notifications import services as notifications

    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None
    notifications._broker_down_until = 0.0


def test_database_url() -> str:
    """The URL of the database this test runs on, for a worker subprocess."""
    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


test_database_url.__test__ = False  # a helper, not a test


class Mailbox:
    """The worker's file-based email backend writes here; count what it sent."""

    def __init__(self, path: Path):
        self.path = path
        path.mkdir()

    def notification_ids(self) -> Counter:
        ids: Counter = Counter()
        for file in self.path.glob("*"):
            for line in file.read_text(errors="replace").splitlines():
                if line.startswith("X-Coalition-Notification:"):
                    ids[int(line.split(":", 1)[1])] += 1
        return ids

    def text(self) -> str:
        return "\n".join(f.read_text(errors="replace") for f in self.path.glob("*"))


@dataclass
class Workers:
    tmp_path: Path
    mailbox: Mailbox
    started: list = field(default_factory=list)

    def start(self, **extra_env: str) -> subprocess.Popen:
        log = self.tmp_path / f"worker-{len(self.started)}.log"
        env = {
            **os.environ,
            "REDIS_URL": REDIS_URL,
            "CELERY_BROKER_URL": REDIS_URL,
            "DATABASE_URL": test_database_url(),
            "CONN_MAX_AGE": "0",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.mailbox.path),
            "VAR_DIR": str(self.tmp_path / "var"),
            **extra_env,
        }
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "coalition",
                "worker",
                "--pool",
                "solo",
                "--loglevel",
                "INFO",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        self.started.append(process)
        wait_for(lambda: "ready." in log.read_text(), what=f"worker ready ({log})")
        return process

    def stop_all(self) -> None:
        for process in self.started:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def wait_for(condition, *, what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting for: {what}")


# The default queue and kombu's bookkeeping of messages delivered but not acknowledged.
QUEUE_KEYS = ("celery", "unacked", "unacked_index", "unacked_mutex")


@pytest.fixture
def workers(transactional_db, tmp_path):
    """Start real Celery workers (solo pool) on the test database and Redis.

    Depends on `transactional_db` so the workers are stopped before the
    database is flushed, and data committed here is visible to them."""
    import redis

    assert REDIS_URL, "CI must set REDIS_URL"
    broker = redis.Redis.from_url(REDIS_URL)
    broker.delete(*QUEUE_KEYS)  # leftovers of an earlier run, e.g. of a killed worker
    use_broker(REDIS_URL)
    pool = Workers(tmp_path=tmp_path, mailbox=Mailbox(tmp_path / "mail"))
    yield pool
    pool.stop_all()
    broker.delete(*QUEUE_KEYS)
