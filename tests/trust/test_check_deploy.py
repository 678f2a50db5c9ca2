"""`manage.py check --deploy` is clean with production settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings


def test_check_deploy_passes_with_production_settings(tmp_path: Path):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "x7-fictional-production-secret-" + "k" * 40,
        "MFA_ENCRYPTION_KEY": "x7-fictional-mfa-encryption-key-" + "m" * 40,
        "ALLOWED_HOSTS": "steun.tilburg.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://steun.tilburg.example.org",
        "SITE_URL": "https://steun.tilburg.example.org",
        "VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
    }
    for name in (
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_COOKIES",
        "DJANGO_ALLOW_ASYNC_UNSAFE",  # set for the browser tests, never in deployment
    ):
        env.pop(name, None)

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("secret", [None, ""], ids=["unset", "empty"])
def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path, secret):
    env = {**os.environ, "DEBUG": "0", "VAR_DIR": str(tmp_path)}
    env.pop("SECRET_KEY", None)
    if secret is not None:
        env["SECRET_KEY"] = secret

    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
