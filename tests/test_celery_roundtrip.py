"""A real Celery worker process round trip against the configured Redis."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery.backends.redis import RedisBackend
from celery.result import AsyncResult
from django.conf import settings

from coalition.celery import app, ping

REDIS_URL = os.environ.get("REDIS_URL", "")
needs_redis = pytest.mark.skipif(
    not REDIS_URL and not os.environ.get("CI"),
    reason="no REDIS_URL configured (CI always sets one)",
)


@needs_redis
@pytest.mark.celery_worker
def test_a_task_published_here_is_run_by_a_separate_worker_process(tmp_path: Path):
    assert REDIS_URL, "CI must set REDIS_URL"
    env = {
        **os.environ,
        "CELERY_BROKER_URL": REDIS_URL,
        "CELERY_RESULT_BACKEND": REDIS_URL,
        "VAR_DIR": str(tmp_path),
    }
    queue = f"roundtrip-{os.getpid()}-{time.time_ns()}"
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "coalition",
            "worker",
            "--pool",
            "solo",
            "--queues",
            queue,
            "--loglevel",
            "INFO",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    # The platform itself keeps no results; this test reads one from Redis.
    results = RedisBackend(app=app, url=REDIS_URL)
    try:
        with app.connection_for_write(REDIS_URL) as connection:
            sent = ping.apply_async(queue=queue, ignore_result=False, connection=connection)
        assert AsyncResult(sent.id, backend=results, app=app).get(timeout=60) == "pong"
    finally:
        worker.terminate()
        output, _ = worker.communicate(timeout=30)
    assert "coalition.ping" in output
    assert "succeeded" in output
