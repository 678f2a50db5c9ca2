"""Small helpers for the end-to-end journey and the accessibility tests."""

from __future__ import annotations

import email
import re
from email import policy
from pathlib import Path

from django.utils import translation
from playwright.sync_api import Page, expect

from coalition.people.models import STAFF_ROLES, User
from tests.factories import totp_code_now

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"
PASSWORD = "correct horse battery staple"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "locale": "nl-NL",
    "is_mobile": True,
    "has_touch": True,
}


def in_dutch(text: str) -> str:
    """What a Dutch page shows for the English source `text` (the nl catalogue)."""
    with translation.override("nl"):
        return translation.gettext(text)


class Screenshots:
    """Numbered full-page screenshots: test-artifacts/screenshots/<prefix>-NN-<step>.png."""

    def __init__(self, prefix: str):
        self.prefix = prefix
        self.number = 0
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def __call__(self, page: Page, step: str) -> Path:
        self.number += 1
        path = SCREENSHOTS / f"{self.prefix}-{self.number:02d}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


def log_in_on(
    page: Page,
    base_url: str,
    email_address: str,
    password: str = PASSWORD,
    *,
    totp_secret: str | None = None,
) -> None:
    """Log in through the real forms on `page`.

    Staff (coordinators and administrators) must get the two-step page and answer it:
    a login that skipped it fails here. Partners and volunteers are not forced to use
    an authenticator app; they answer the code only if they turned it on."""
    staff = User.objects.filter(email__iexact=email_address, role__in=STAFF_ROLES).exists()
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=login]", email_address)
    page.fill("input[name=password]", password)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    if staff:
        expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    if "/accounts/2fa/authenticate/" in page.url:
        page.fill("input[name=code]", totp_code_now(*([totp_secret] if totp_secret else [])))
        page.locator("form:has(input[name=code]) button[type=submit]").first.click()
        expect(page).not_to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    expect(page.locator("input[name=password]")).to_have_count(0)


def serious_accessibility_problems(page: Page, tags: list[str] | None = WCAG_AA) -> list[str]:
    """axe-core's checks on the current page (WCAG 2.1 A/AA by default, every rule with
    `tags=None`): serious and critical only.

    axe is served from the page's own origin (intercepted, it never reaches the
    server), so the strict Content-Security-Policy stays on while it runs."""
    origin = "/".join(page.url.split("/")[:3])
    page.route(
        f"{origin}/__axe__.js",
        lambda route: route.fulfill(path=str(AXE), content_type="application/javascript"),
    )
    page.add_script_tag(url=f"{origin}/__axe__.js")
    result = page.evaluate(
        "async (tags) => await axe.run(document,"
        " tags ? {runOnly: {type: 'tag', values: tags}} : {})",
        tags,
    )
    assert result["passes"], "axe-core checked nothing"
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x: {v['nodes'][0]['target']})"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def sent_emails(folder: Path) -> list[email.message.EmailMessage]:
    """The messages Django's file-based email backend wrote to `folder`."""
    messages = []
    for file in sorted(folder.glob("*")):
        # One file per connection; messages are separated by a line of dashes.
        for chunk in file.read_text(errors="replace").split("-" * 79 + "\n"):
            if chunk.strip():
                messages.append(email.message_from_string(chunk, policy=policy.default))
    return messages


def plain_text(message: email.message.EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain",))
    return body.get_content() if body else ""


def staff_pages_of_a_caseload(page: Page, log_in, email: str) -> list[str]:
    """A Buurtgezinnen coordinator with a small case load (and a colleague programme),
    logged in through the real forms; the staff pages worth visiting, one of each kind."""
    from allauth.account.models import EmailAddress
    from django.utils import timezone

    from families.models import GoalRating, NetworkMap, SupportRequest
    from families.services import goals_set
    from matching.models import Match
    from tests.coordinators.builders import build_caseload
    from tests.factories import CoordinatorFactory, programme

    buurtgezinnen = programme("buurtgezinnen")
    build_caseload(buurtgezinnen, 4, other_programme=programme("home-start"))
    user = CoordinatorFactory(
        user__email=email, programme_for_org=buurtgezinnen, programmes=[buurtgezinnen]
    ).user
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    log_in(user.email)
    page.wait_for_url("**/dashboard/")
    request = SupportRequest.objects.filter(programme=buurtgezinnen).first()
    match = Match.objects.filter(started_on__lte=timezone.localdate()).first()
    (goal,) = goals_set(request=request, goals=[("Rustige ochtenden", "daily_care")])
    GoalRating.objects.create(goal=goal, score=3, moment="intake", rater="parent")
    NetworkMap.objects.create(
        request=request, moment="intake", answers={"talk": ["nobody"]}, rater="parent"
    )
    return [
        "/dashboard/",
        "/dashboard/verzoeken/",
        f"/dashboard/verzoeken/{request.pk}/",
        f"/dashboard/verzoeken/{request.pk}/intake/",
        f"/dashboard/verzoeken/{request.pk}/doelen/",
        "/dashboard/gezinnen/",
        "/dashboard/vrijwilligers/",
        "/dashboard/vrijwilligers/pijplijn/",
        f"/dashboard/vrijwilligers/{match.volunteer_id}/",
        "/dashboard/koppelingen/",
        f"/dashboard/koppelingen/{match.pk}/",
        "/dashboard/rapportages/",
        "/dashboard/intakes/",
        "/meldingen/",
    ]
