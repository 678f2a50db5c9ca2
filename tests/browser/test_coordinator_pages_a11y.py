"""The coordinator pages pass axe-core's WCAG 2.1 A/AA checks (served locally, no CDN)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.journey_helpers import (
    serious_accessibility_problems,
    staff_pages_of_a_caseload,
)


@pytest.mark.browser
@pytest.mark.browser_context_args(locale="en-GB")
@pytest.mark.django_db(transaction=True)
def test_the_coordinator_pages_have_no_serious_accessibility_problems(
    page: Page, live_server, log_in
):
    urls = staff_pages_of_a_caseload(page, log_in, "a11y@buurtgezinnen.example.org")
    problems = {}
    for url in urls:
        page.goto(f"{live_server.url}{url}")
        serious = serious_accessibility_problems(page)
        if serious:
            problems[url] = serious
    assert problems == {}
