"""A real Celery worker process round trip: against the configured Redis, and on the
no-server broker that `make run` uses when there is no Redis."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery.backends.filesystem import FilesystemBackend
from celery.backends.redis import RedisBackend
from celery.result import AsyncResult
from django.conf import settings
from kombu import Connection

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
    # The platform itself keeps no results; this test reads one from Redis.
    answer, output = ping_through_a_worker(
        env,
        connection=app.connection_for_write(REDIS_URL),
        results=RedisBackend(app=app, url=REDIS_URL),
    )

    assert answer == "pong"
    assert "coalition.ping" in output
    assert "succeeded" in output


@pytest.mark.celery_worker
def test_the_no_server_broker_carries_a_task_to_a_worker_process(tmp_path: Path):
    """What `make run` does without Redis: kombu's filesystem transport in VAR_DIR."""
    results_dir = tmp_path / "results"
    results_dir.mkdir()
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env.update(
        CELERY_BROKER_URL="filesystem://",
        CELERY_RESULT_BACKEND=f"file://{results_dir}",
        VAR_DIR=str(tmp_path),
    )
    broker_dir = tmp_path / "broker"
    folders = {
        "data_folder_in": str(broker_dir),
        "data_folder_out": str(broker_dir),
        "control_folder": str(broker_dir / "control"),
    }
    (broker_dir / "control").mkdir(parents=True)
    answer, output = ping_through_a_worker(
        env,
        connection=Connection("filesystem://", transport_options=folders),
        results=FilesystemBackend(app=app, url=f"file://{results_dir}"),
    )

    assert answer == "pong"
    assert "succeeded" in output


def ping_through_a_worker(env: dict, *, connection, results) -> tuple[str, str]:
    """Publish `ping` on a queue of its own, let a new worker process run it, and read
    the answer from `results`; returns the answer and the worker's output."""
    queue = f"roundtrip-{os.getpid()}-{time.time_ns()}"
    worker = start_worker(env, queue)
    try:
        with connection:
            sent = ping.apply_async(queue=queue, ignore_result=False, connection=connection)
        answer = AsyncResult(sent.id, backend=results, app=app).get(timeout=60)
    finally:
        worker.terminate()
        output, _ = worker.communicate(timeout=30)
    return answer, output


def start_worker(env: dict, queue: str) -> subprocess.Popen:
    return subprocess.Popen(
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
