"""Limits for the public forms that stop abuse without punishing a shared connection.

Thirty parents at a community centre or on a school's wifi share one address, so
the per-address limit is generous (PUBLIC_FORM_SUBMISSIONS_PER_HOUR). What stops
abuse is narrower: a few sends per browser session, a burst limit per address,
and an address that keeps filling in the hidden field (a bot) is shut out for
the hour. Counted in the shared (database) cache, and the session.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600
BURST_SECONDS = 60
BURST_LIMIT = 10
PER_SESSION_PER_HOUR = 3
HONEYPOT_HITS_BEFORE_BLOCK = 3
_SESSION_KEY = "public_form_sends"


def client_ip(request) -> str:
    """The visitor's address. Behind our TLS proxy (BEHIND_TLS_PROXY) REMOTE_ADDR is the
    proxy itself, so the last X-Forwarded-For entry counts: the one our proxy added.
    Entries before it come from the client and could be made up."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.SECURE_PROXY_SSL_HEADER and forwarded:
        return forwarded.split(",")[-1].strip() or "unknown"
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _count(key: str, window: int) -> int:
    """Count one event in a fixed window that starts with the first event. The
    window's end is stored with the count: the database cache's `incr` rewrites the
    entry with the default timeout, which would stretch the window with every hit."""
    now = time.time()
    count, until = cache.get(key) or (0, now + window)
    if until <= now:
        count, until = 0, now + window
    cache.set(key, (count + 1, until), max(1, round(until - now)))
    return count + 1


def _session_sends(request, scope: str) -> list[float]:
    """When this browser session sent the form successfully in the last hour."""
    now = time.time()
    sends = request.session.get(_SESSION_KEY, {}).get(scope, [])
    return [moment for moment in sends if now - moment < WINDOW_SECONDS]


def submission_succeeded(request, *, scope: str) -> None:
    """A form was sent: it counts towards this session's few sends per hour."""
    sends = request.session.get(_SESSION_KEY, {})
    request.session[_SESSION_KEY] = {**sends, scope: [*_session_sends(request, scope), time.time()]}


def submission_allowed(request, *, scope: str) -> bool:
    """Count one attempt to send; False when this session already sent a few, a burst
    or this address is past its limit, or the address was shut out for filling in
    the hidden field."""
    ip = client_ip(request)
    hits, _until = cache.get(f"honeypot:{scope}:{ip}") or (0, 0)
    if hits >= HONEYPOT_HITS_BEFORE_BLOCK:
        return False
    if len(_session_sends(request, scope)) >= PER_SESSION_PER_HOUR:
        return False
    burst = _count(f"throttle-burst:{scope}:{ip}", BURST_SECONDS)
    hourly = _count(f"throttle:{scope}:{ip}", WINDOW_SECONDS)
    return burst <= BURST_LIMIT and hourly <= settings.PUBLIC_FORM_SUBMISSIONS_PER_HOUR


def honeypot_hit(request, *, scope: str) -> None:
    """A bot filled in the hidden field: a few of those shut its address out for the hour."""
    _count(f"honeypot:{scope}:{client_ip(request)}", WINDOW_SECONDS)
