from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import with_totp


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff(coordinator, intake_coordinator, other_coordinator, coalition_admin):
    for user in (coordinator, intake_coordinator, other_coordinator, coalition_admin):
        with_totp(user)


def pdf(name: str = "overeenkomst.pdf", content: bytes = b"%PDF-1.4 invented agreement"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")
