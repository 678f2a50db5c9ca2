"""What can be checked of the image without a Docker engine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text()


def instructions(keyword: str) -> list[str]:
    return [
        line.split(None, 1)[1]
        for line in DOCKERFILE.splitlines()
        if line.split(None, 1)[:1] == [keyword]
    ]


def test_it_builds_on_python_3_11_slim():
    assert instructions("FROM") == ["python:3.11-slim"]


def test_it_installs_the_dependencies_from_pyproject():
    assert "COPY pyproject.toml ./" in DOCKERFILE
    assert "RUN pip install ." in DOCKERFILE


def test_the_processes_run_as_a_user_without_root_rights():
    assert instructions("USER") == ["app"]
    user_at = DOCKERFILE.index("\nUSER app")
    assert DOCKERFILE.index("\nENTRYPOINT") > user_at
    assert DOCKERFILE.index("\nCMD") > user_at


def test_gunicorn_is_the_default_command_behind_the_entrypoint():
    assert json.loads(instructions("ENTRYPOINT")[0]) == ["/app/docker/entrypoint.sh"]
    assert json.loads(instructions("CMD")[0])[:2] == ["gunicorn", "coalition.wsgi:application"]


def test_collectstatic_runs_at_build_with_debug_off_and_a_throwaway_key():
    assert "DEBUG=0 SECRET_KEY=build-only-not-a-secret" in DOCKERFILE
    assert "manage.py collectstatic --noinput" in DOCKERFILE


def test_the_build_step_collectstatic_succeeds_with_production_storage(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "build-only-not-a-secret",
        "MFA_ENCRYPTION_KEY": "build-only-not-an-mfa-key-0123456789",
        "VAR_DIR": str(tmp_path / "var"),
        "STATIC_ROOT": str(tmp_path / "static"),
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    assert "css/coalition.css" in manifest["paths"]


def test_the_image_leaves_out_secrets_history_and_local_state():
    ignored = (ROOT / ".dockerignore").read_text().split()

    assert {".git", ".env", ".venv", "var/"} <= set(ignored)
