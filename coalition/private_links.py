"""Private links without a login (the parent's status page, goal rating and questionnaire,
the pulse, the volunteer's calendar feed): a random token in the address, only its
SHA-256 in the database, so a copy of the database opens none of them."""

from __future__ import annotations

import hashlib
import secrets

# Longer than any token we hand out: a longer one is refused before it is hashed.
MAX_TOKEN_LENGTH = 100


def link_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_link_token() -> tuple[str, str]:
    """A new token for a link, and the hash to store."""
    token = secrets.token_urlsafe(32)
    return token, link_token_hash(token)


def lookup_hash(token: str) -> str | None:
    """The hash to look a presented token up by, or None when it cannot be one of ours."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return link_token_hash(token)
