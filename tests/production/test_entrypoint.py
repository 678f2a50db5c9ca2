"""docker/entrypoint.sh, run with bash in a subprocess against a SQLite file."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENTRYPOINT = ROOT / "docker" / "entrypoint.sh"


@pytest.fixture
def database(tmp_path) -> Path:
    return tmp_path / "entrypoint.sqlite3"


def run_entrypoint(database: Path, *command: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "PYTHON": sys.executable,
        "VAR_DIR": str(database.parent / "var"),
        "DATABASE_URL": f"sqlite:///{database}",
        "WAIT_FOR_DB_TIMEOUT": "5",
        **env,
    }
    return subprocess.run(
        ["bash", str(ENTRYPOINT), *command],
        cwd=database.parent,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def has_table(database: Path, name: str) -> bool:
    with sqlite3.connect(database) as db:
        return db.execute("SELECT 1 FROM sqlite_master WHERE name=?", [name]).fetchone() is not None


def applied_migrations(database: Path) -> int:
    with sqlite3.connect(database) as db:
        tables = db.execute("SELECT name FROM sqlite_master WHERE name='django_migrations'")
        if tables.fetchone() is None:
            return 0
        return db.execute("SELECT count(*) FROM django_migrations").fetchone()[0]


def test_the_web_role_applies_migrations_then_runs_the_command(database):
    result = run_entrypoint(
        database, sys.executable, "-c", "print('started')", COALITION_ROLE="web", RUN_MIGRATIONS="1"
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("started")
    assert applied_migrations(database) > 0
    # The login rate limits live in the database cache: the page 500s without it.
    assert has_table(database, "django_cache")


def test_the_web_role_leaves_migrations_alone_unless_asked(database):
    result = run_entrypoint(
        database, sys.executable, "-c", "print('started')", COALITION_ROLE="web", RUN_MIGRATIONS="0"
    )

    assert result.returncode == 0, result.stderr
    assert applied_migrations(database) == 0


@pytest.mark.parametrize("role", ["worker", "beat"])
def test_worker_and_beat_never_migrate_even_when_asked(database, role):
    result = run_entrypoint(
        database, sys.executable, "-c", "print('started')", COALITION_ROLE=role, RUN_MIGRATIONS="1"
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started"
    assert applied_migrations(database) == 0


def test_the_command_replaces_the_entrypoint_so_it_receives_stop_signals(database):
    process = subprocess.Popen(
        ["bash", str(ENTRYPOINT), sys.executable, "-c", "import os; print(os.getpid())"],
        cwd=database.parent,
        env={
            **os.environ,
            "PYTHON": sys.executable,
            "VAR_DIR": str(database.parent / "var"),
            "DATABASE_URL": f"sqlite:///{database}",
            "COALITION_ROLE": "worker",
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    stdout, _ = process.communicate(timeout=120)

    assert int(stdout.strip()) == process.pid


def test_it_gives_up_when_the_database_never_answers(database):
    result = run_entrypoint(
        database,
        sys.executable,
        "-c",
        "print('started')",
        COALITION_ROLE="web",
        RUN_MIGRATIONS="1",
        DATABASE_URL="postgres://postgres@127.0.0.1:1/nowhere",
        WAIT_FOR_DB_TIMEOUT="2",
    )

    assert result.returncode != 0
    assert "the database did not answer in time" in result.stderr
    assert "started" not in result.stdout


def test_it_refuses_to_start_without_a_command(database):
    result = run_entrypoint(database, COALITION_ROLE="web")

    assert result.returncode == 64
    assert "no command given" in result.stderr
