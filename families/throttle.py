"""A per-IP limit for the public forms, counted in the shared (database) cache."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def client_ip(request) -> str:
    # REMOTE_ADDR is the proxy's address behind a TLS proxy; the proxy sets it
    # right (gunicorn --forwarded-allow-ips) rather than trusting a client header.
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
