"""A malformed environment variable stops start-up with a message naming it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings


def start_with(tmp_path, **variables: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "VAR_DIR": str(tmp_path), **variables}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("DEBUG", "perhaps", "is not a boolean"),
        ("CONN_MAX_AGE", "a minute", "is not a whole number"),
        ("PUBLIC_FORM_SUBMISSIONS_PER_HOUR", "0", "must be at least 1"),
        ("DATABASE_URL", "not a database address", "is not valid"),
        ("CELERY_BROKER_URL", "http://broker.example.org", "is not a valid URL"),
    ],
)
def test_a_malformed_value_stops_start_up_naming_the_variable(tmp_path, name, value, says):
    result = start_with(tmp_path, **{name: value})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert name in result.stderr
    assert says in result.stderr


def test_the_defaults_start_cleanly(tmp_path):
    result = start_with(tmp_path)

    assert result.returncode == 0, result.stderr


def settings_value(tmp_path, name: str, **variables: str) -> str:
    inherited = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    env = {**inherited, "VAR_DIR": str(tmp_path), **variables}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django; django.setup(); from django.conf import settings; print(settings.{name})",
        ],
        cwd=settings.BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "coalition.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_links_follow_the_port_make_run_serves_on(tmp_path):
    assert settings_value(tmp_path, "SITE_URL", HOST="127.0.0.1", PORT="8123") == (
        "http://127.0.0.1:8123"
    )


def test_an_explicit_site_url_wins_over_host_and_port(tmp_path):
    site = settings_value(
        tmp_path, "SITE_URL", HOST="127.0.0.1", PORT="8123", SITE_URL="https://steun.example.org"
    )
    assert site == "https://steun.example.org"
