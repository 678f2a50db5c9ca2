"""scripts/run_stack_native.sh brings up gunicorn, a Celery worker and beat
against the configured database and a real Redis, checks them and stops them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL: a real Redis"),
]


def stack_database_url(tmp_path: Path) -> str:
    """The test database on PostgreSQL (already migrated), or a fresh SQLite file."""
    settings = connection.settings_dict
    if settings["ENGINE"] == "django.db.backends.postgresql":
        user = settings["USER"] or "postgres"
        password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
        host = settings["HOST"] or "127.0.0.1"
        port = settings["PORT"] or 5432
        return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"
    return f"sqlite:///{tmp_path / 'stack.sqlite3'}"


@pytest.mark.django_db(transaction=True)
def test_web_worker_and_beat_come_up_answer_and_stop(tmp_path):
    env = {
        **os.environ,
        "PYTHON": sys.executable,
        "DATABASE_URL": stack_database_url(tmp_path),
        "STACK_TIMEOUT": "90",
    }

    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "run_stack_native.sh")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert 'web ok: {"database": "ok", "broker": "ok"}' in result.stdout
    assert "worker ok: ran a task" in result.stdout
    assert "beat ok" in result.stdout
    assert "ALL UP" in result.stdout
