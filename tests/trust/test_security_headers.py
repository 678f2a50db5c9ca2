"""Headers and cookies that browsers use to protect the families' data."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_carries_a_strict_content_security_policy(client):
    response = client.get(reverse("coordinators:home"))

    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_pages_refuse_framing_sniffing_and_leaking_the_address(client):
    response = client.get(reverse("coordinators:home"))

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_https_pages_carry_hsts_in_production(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_SSL_REDIRECT = False

    response = client.get(reverse("coordinators:home"), secure=True)

    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "includeSubDomains" in response["Strict-Transport-Security"]


def test_the_session_cookie_is_httponly_samesite_and_secure(staff_client, coordinator, settings):
    settings.SESSION_COOKIE_SECURE = True
    client = staff_client(coordinator)

    # The first staff page stores the activity time, so the cookie is sent again.
    response = client.get(reverse("coordinators:dashboard"))
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]

    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["secure"] is True


def test_no_page_template_has_inline_scripts_or_styles():
    """The CSP would block them in the browser: catch them before that."""
    import re
    from pathlib import Path

    from django.conf import settings

    offenders = []
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        if template.parent.name == "emails":
            # Emails are read in mail clients, never under our CSP; mail clients
            # drop <style> blocks, so inline styles are the only portable choice.
            continue
        text = template.read_text(encoding="utf-8")
        # Data blocks (type="application/json", as from |json_script) are not run: allowed.
        inline_script = r"<script(?![^>]*\b(src=|type=\"application/json\"))[^>]*>"
        if re.search(inline_script, text) or re.search(r"\sstyle=\"", text):
            offenders.append(str(template.relative_to(settings.BASE_DIR)))
        if re.search(r"\son(click|load|change|submit|input)=", text):
            offenders.append(str(template.relative_to(settings.BASE_DIR)))
    assert offenders == []


def test_request_bodies_and_uploads_are_limited(settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS <= 1000
    assert settings.SCREENING_DOCUMENT_MAX_BYTES <= 10 * 1024 * 1024


def test_pages_for_logged_in_users_are_not_stored_by_the_browser(staff_client, coordinator, client):
    public = client.get(reverse("coordinators:home"))
    assert "no-store" not in public.get("Cache-Control", "")

    response = staff_client(coordinator).get(reverse("coordinators:dashboard"))

    assert response["Cache-Control"] == "no-store, private"
    assert "camera=()" in response["Permissions-Policy"]
