"""A per-IP limit for the public forms, counted in the shared (database) cache."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def client_ip(request) -> str:
    """The visitor's address. Behind our TLS proxy (BEHIND_TLS_PROXY) REMOTE_ADDR is the
    proxy itself, so the last X-Forwarded-For entry counts: the one our proxy added.
    Entries before it come from the client and could be made up."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.SECURE_PROXY_SSL_HEADER and forwarded:
        return forwarded.split(",")[-1].strip() or "unknown"
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def submission_allowed(request, *, scope: str) -> bool:
    """Count one submission for this IP; False once the hourly limit is passed."""
    key = f"throttle:{scope}:{client_ip(request)}"
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count <= settings.PUBLIC_FORM_SUBMISSIONS_PER_HOUR
