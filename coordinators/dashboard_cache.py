"""A short-lived cache of a coordinator's rendered "today's work" page.

The page runs ~17 queries and renders eight panels; coordinators reload it all day.
A rendered copy is kept per session for `DASHBOARD_CACHE_SECONDS` (60 by default)
in each web process's own memory:

- per session, so a copy is never shown to anyone else, its CSRF tokens stay valid
  and it ends with the session (logout, idle timeout, deactivation);
- the key holds the session's dashboard version, which `dashboard_cache_forget`
  bumps whenever the coordinator changes something (any POST by staff, see
  `DashboardCacheMiddleware`): their own action shows at once, in every web process,
  because the version lives in the shared session;
- the key also holds the language and today's date (days waiting roll over at
  midnight); what colleagues or families changed shows within the cache period;
- a page rendered with a flash message is never stored, and `?fresh=1` (the page's
  "refresh" link) renders anew.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

from coalition.people.models import STAFF_ROLES

CACHE_ALIAS = "pages"
VERSION_SESSION_KEY = "dashboard_version"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


def _key(request: HttpRequest) -> str:
    session = hashlib.sha256(request.session.session_key.encode()).hexdigest()[:32]
    version = request.session.get(VERSION_SESSION_KEY, 0)
    language = translation.get_language()
    # "Mine" or "my programme's" (coordinators.views.today): a copy per view.
    scope = {"mine": "mine", "programme": "programme"}.get(request.GET.get("scope", ""), "")
    day = timezone.localdate().isoformat()
    return f"dashboard:{session}:{version}:{language}:{scope}:{day}"


def dashboard_cached(request: HttpRequest, render_page: Callable[[], HttpResponse]):
    """The cached copy of the page when there is one, else `render_page()` (stored
    when it may be)."""
    seconds = settings.DASHBOARD_CACHE_SECONDS
    if not seconds or not request.session.session_key or request.GET.get("fresh"):
        return render_page()
    cache = caches[CACHE_ALIAS]
    key = _key(request)
    content = cache.get(key)
    if content is not None:
        return HttpResponse(content)
    had_messages = len(messages.get_messages(request)) > 0
    response = render_page()
    if response.status_code == 200 and not had_messages:
        cache.set(key, response.content, seconds)
    return response


def dashboard_cache_forget(request: HttpRequest) -> None:
    """The coordinator changed something: their next dashboard is rendered anew."""
    request.session[VERSION_SESSION_KEY] = request.session.get(VERSION_SESSION_KEY, 0) + 1


class DashboardCacheMiddleware:
    """Every change a staff member makes is a POST (or another unsafe method):
    one place that makes sure none of them leaves a stale dashboard behind."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated and user.role in STAFF_ROLES:
                dashboard_cache_forget(request)
        return self.get_response(request)
