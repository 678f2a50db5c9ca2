"""The staff's second factor at rest: TOTP secrets and recovery-code seeds are
encrypted (Fernet: AES-128-CBC with an HMAC) with a key from the environment
(`MFA_ENCRYPTION_KEY`), so a copy of the database (a backup, a dump) holds no usable
second factor. allauth calls these through `adapters.MFAAdapter`."""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


def _fernet(key: str) -> Fernet:
    # Any long random string is accepted as the key; Fernet wants 32 bytes in base64.
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(key.encode()).digest()))


def _cipher() -> MultiFernet:
    return MultiFernet([_fernet(key) for key in settings.MFA_ENCRYPTION_KEYS])


def mfa_encrypt(text: str) -> str:
    return _cipher().encrypt(text.encode()).decode()


def mfa_decrypt(token: str) -> str:
    """Raises `InvalidToken` for a value no configured key encrypted."""
    return _cipher().decrypt(token.encode()).decode()


def is_encrypted(value: str) -> bool:
    try:
        mfa_decrypt(value)
    except InvalidToken:
        return False
    return True
