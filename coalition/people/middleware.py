"""Account safety: the admin login goes through allauth, staff set up two-step
login before any page, staff and partners are logged out when idle; private pages
are not cached.

They run after AuthenticationMiddleware and MessageMiddleware (see MIDDLEWARE).
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from coalition.people.models import STAFF_ROLES, Role

IDLE_SESSION_KEY = "staff_last_activity"
# Everyone whose pages show families' data at a desk: staff, and partners (the
# families they referred). Volunteers only see their own match, on their own phone.
IDLE_LOGOUT_ROLES = frozenset(STAFF_ROLES | {Role.PARTNER})
MFA_CHECKED_SESSION_KEY = "staff_totp_checked_at"
# Removing one's authenticator app takes effect within this many seconds.
MFA_RECHECK_SECONDS = 300


def _exempt_prefixes() -> tuple[str, ...]:
    """Pages a staff member without a second factor may still open: everything of
    allauth (login, logout, two-step setup, password), language switch, static files."""
    accounts = reverse("account_login").rsplit("login/", 1)[0]
    return (
        accounts,
        reverse("set_language"),
        "/" + settings.STATIC_URL.lstrip("/"),
        *getattr(settings, "MFA_REQUIRED_EXEMPT_PREFIXES", ()),
    )


def _admin_login_path() -> str:
    return reverse("admin:login")


class AdminLoginThroughAllauthMiddleware:
    """The Django admin's own login form would skip the two-step login: send it to
    allauth's login (which asks for the code) and come back afterwards."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == _admin_login_path():
            if request.user.is_authenticated:
                # Logged in but not admin staff: allauth would send them straight
                # back here (a loop); outsiders do not learn the admin exists.
                raise Http404
            next_url = request.GET.get("next") or reverse("admin:index")
            return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
        return self.get_response(request)


class StaffMfaRequiredMiddleware:
    """Coordinators and administrators set up an authenticator app before any
    other page; partners and volunteers are not forced."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and user.role in STAFF_ROLES
            and not request.path.startswith(_exempt_prefixes())
            and not _has_totp(request, user)
        ):
            messages.warning(
                request,
                _(
                    "Set up two-step login with an authenticator app first. "
                    "It protects the families' information."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def _has_totp(request, user) -> bool:
    """Whether the user has an authenticator app; a positive answer is kept in the
    session for a few minutes, so a staff page costs no extra query."""
    now = time.time()
    if now - request.session.get(MFA_CHECKED_SESSION_KEY, 0) < MFA_RECHECK_SECONDS:
        return True
    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        request.session[MFA_CHECKED_SESSION_KEY] = now
        return True
    return False


class IdleTimeoutMiddleware:
    """Log staff and partners (IDLE_LOGOUT_ROLES) out after `STAFF_IDLE_TIMEOUT_MINUTES`
    without a request: a screen left open in a shared office shows families' data."""

    # Write the session at most once a minute, not on every request.
    TOUCH_EVERY_SECONDS = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.role in IDLE_LOGOUT_ROLES:
            now = time.time()
            last = request.session.get(IDLE_SESSION_KEY)
            limit = settings.STAFF_IDLE_TIMEOUT_MINUTES * 60
            if last is not None and now - last > limit:
                logout(request)
                messages.info(request, _("You were logged out after a period without activity."))
                return redirect(
                    f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}"
                )
            if last is None or now - last > self.TOUCH_EVERY_SECONDS:
                request.session[IDLE_SESSION_KEY] = now
        return self.get_response(request)


class PrivacyHeadersMiddleware:
    """Pages shown to a logged-in user are never stored by the browser or a proxy
    (the back button after logging out on a shared computer shows nothing), and
    no page may use the camera, microphone or location."""

    PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.PERMISSIONS_POLICY)
        # Anyone with a session (logged in, or a parent halfway through the form);
        # decided from the cookie, not request.user: no database query, so this
        # also works on the error page shown while the database is down.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and "Cache-Control" not in response:
            response["Cache-Control"] = "no-store, private"
        return response
