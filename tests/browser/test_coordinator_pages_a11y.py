"""The coordinator pages pass axe-core's WCAG 2.1 A/AA checks (served locally, no CDN)."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from playwright.sync_api import Page

from tests.browser.journey_helpers import serious_accessibility_problems
from tests.coordinators.builders import build_caseload
from tests.factories import CoordinatorFactory, programme


@pytest.mark.browser
@pytest.mark.browser_context_args(locale="en-GB")
@pytest.mark.django_db(transaction=True)
def test_the_coordinator_pages_have_no_serious_accessibility_problems(
    page: Page, live_server, log_in
):
    buurtgezinnen = programme("buurtgezinnen")
    build_caseload(buurtgezinnen, 4, other_programme=programme("home-start"))
    user = CoordinatorFactory(
        user__email="a11y@buurtgezinnen.example.org",
        programme_for_org=buurtgezinnen,
        programmes=[buurtgezinnen],
    ).user
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    log_in(user.email)
    page.wait_for_url("**/dashboard/")

    from families.models import SupportRequest
    from matching.models import Match

    request = SupportRequest.objects.filter(programme=buurtgezinnen).first()
    match = Match.objects.filter(started_on__lte=timezone.localdate()).first()
    urls = [
        "/dashboard/",
        "/dashboard/verzoeken/",
        f"/dashboard/verzoeken/{request.pk}/",
        f"/dashboard/verzoeken/{request.pk}/intake/",
        "/dashboard/gezinnen/",
        "/dashboard/vrijwilligers/pijplijn/",
        f"/dashboard/vrijwilligers/{match.volunteer_id}/",
        "/dashboard/koppelingen/",
        f"/dashboard/koppelingen/{match.pk}/",
        "/dashboard/rapportages/",
    ]
    problems = {}
    for url in urls:
        page.goto(f"{live_server.url}{url}")
        serious = serious_accessibility_problems(page)
        if serious:
            problems[url] = serious
    assert problems == {}
