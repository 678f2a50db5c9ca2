"""The link in an invitation: valid for seven days, once.

It is signed (no table of tokens to leak) over the account's password state:
choosing a password changes that state, so a used link stops working, and so
does an older link once a newer one has been used.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.core import signing
from django.urls import reverse

from coalition.people.models import User

INVITATION_VALID_FOR = timedelta(days=7)
_SALT = "coalition.people.invitation"


def _account_state(user: User) -> str:
    raw = f"{user.pk}:{user.password}:{user.last_login}:{user.is_active}"
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


def invitation_token(user: User) -> str:
    return signing.TimestampSigner(salt=_SALT).sign(f"{user.pk}.{_account_state(user)}")


def invitation_path(user: User) -> str:
    return reverse("people:invitation_accept", args=[invitation_token(user)])


def invited_user(token: str) -> User | None:
    """The account a still valid, unused link was made for; None otherwise."""
    try:
        value = signing.TimestampSigner(salt=_SALT).unsign(
            token, max_age=INVITATION_VALID_FOR.total_seconds()
        )
    except signing.BadSignature:
        return None
    pk, _, state = value.partition(".")
    user = User.objects.filter(pk=pk, is_active=True).first() if pk.isdigit() else None
    if user is None or user.has_usable_password() or state != _account_state(user):
        return None
    return user
