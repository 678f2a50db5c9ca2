"""Staff TOTP secrets and recovery-code seeds are encrypted at rest with a key from the
environment, and the admin never shows them (issue 14)."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.urls import reverse

from coalition.people.mfa_secrets import is_encrypted, mfa_decrypt
from tests.factories import TEST_TOTP_SECRET, totp_code_now, with_totp

pytestmark = pytest.mark.django_db

migration = importlib.import_module("coalition.people.migrations.0003_encrypt_mfa_secrets")


def _stored_data(user) -> str:
    """The authenticator rows of `user` as the database holds them."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM mfa_authenticator WHERE user_id = %s", [user.pk])
        return " ".join(str(row[0]) for row in cursor.fetchall())


def test_the_database_holds_no_plaintext_totp_secret(coordinator):
    with_totp(coordinator)

    stored = _stored_data(coordinator)

    assert TEST_TOTP_SECRET not in stored
    secret = Authenticator.objects.get(user=coordinator, type="totp").data["secret"]
    assert mfa_decrypt(secret) == TEST_TOTP_SECRET


def test_the_recovery_code_seed_is_encrypted_too(coordinator):
    codes = RecoveryCodes.activate(coordinator)

    seed = Authenticator.objects.get(user=coordinator, type="recovery_codes").data["seed"]

    assert is_encrypted(seed)
    assert codes.get_unused_codes()  # still usable


def test_a_coordinator_logs_in_with_the_code_of_their_app(client, coordinator):
    with_totp(coordinator)
    EmailAddress.objects.create(
        user=coordinator, email=coordinator.email, verified=True, primary=True
    )
    client.post(
        reverse("account_login"),
        {"login": coordinator.email, "password": "correct horse battery staple"},
    )

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code_now()})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(coordinator.pk)


def test_the_admin_shows_neither_the_secret_nor_its_encrypted_form(
    staff_client, coalition_admin, coordinator
):
    with_totp(coordinator)
    authenticator = Authenticator.objects.get(user=coordinator, type="totp")
    client = staff_client(coalition_admin)

    pages = [
        client.get(reverse("admin:mfa_authenticator_change", args=[authenticator.pk])),
        client.get(reverse("admin:mfa_authenticator_changelist")),
    ]

    for page in pages:
        assert page.status_code == 200
        text = page.content.decode()
        assert TEST_TOTP_SECRET not in text
        assert authenticator.data["secret"] not in text
        assert "secret" not in text.lower()


def test_the_migration_encrypts_plaintext_secrets_once(coordinator):
    Authenticator.objects.filter(user=coordinator).delete()
    plain = Authenticator.objects.create(
        user=coordinator, type="totp", data={"secret": TEST_TOTP_SECRET}
    )

    migration.encrypt_secrets(apps, None)
    once = Authenticator.objects.get(pk=plain.pk).data["secret"]
    migration.encrypt_secrets(apps, None)

    assert TEST_TOTP_SECRET not in _stored_data(coordinator)
    assert Authenticator.objects.get(pk=plain.pk).data["secret"] == once
    assert TOTP(Authenticator.objects.get(pk=plain.pk)).validate_code(totp_code_now())


def test_the_migration_can_be_reversed(coordinator):
    with_totp(coordinator)

    migration.decrypt_secrets(apps, None)

    assert Authenticator.objects.get(user=coordinator).data["secret"] == TEST_TOTP_SECRET


def _check(tmp_path: Path, **changes) -> subprocess.CompletedProcess:
    env = {**os.environ, "DEBUG": "0", "VAR_DIR": str(tmp_path)}
    env.pop("MFA_ENCRYPTION_KEY", None)
    env.update({"SECRET_KEY": "x7-fictional-production-secret-" + "k" * 40, **changes})
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_the_key(tmp_path: Path):
    result = _check(tmp_path)

    assert result.returncode != 0
    assert "MFA_ENCRYPTION_KEY must be set" in result.stderr


@pytest.mark.parametrize("key", ["too-short", "x7-fictional-production-secret-" + "k" * 40])
def test_a_weak_key_or_the_secret_key_itself_is_refused(tmp_path: Path, key):
    result = _check(tmp_path, MFA_ENCRYPTION_KEY=key)

    assert result.returncode != 0
    assert "MFA_ENCRYPTION_KEY must be at least 32 characters" in result.stderr
