"""Every staff page is usable on a phone: at 390 px wide nothing sticks out of the
screen (wide tables scroll inside their own box), and the reports' chart labels
are not cut off."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.journey_helpers import staff_pages_of_a_caseload

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PAGE_WIDER_THAN_SCREEN = (
    "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
)


# What sticks out, for the failure message (a wide table scrolls inside its own box).
WIDEST_ELEMENTS = """() => [...document.querySelectorAll('body *')]
    .filter(e => !e.closest('.table-responsive'))
    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""


@pytest.mark.browser
@pytest.mark.browser_context_args(locale="nl-NL", viewport={"width": 390, "height": 844})
@pytest.mark.django_db(transaction=True)
def test_no_staff_page_is_wider_than_a_phone(page: Page, live_server, log_in):
    urls = staff_pages_of_a_caseload(page, log_in, "telefoon@buurtgezinnen.example.org")
    too_wide = {}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for url in urls:
        page.goto(f"{live_server.url}{url}")
        overflow = page.evaluate(PAGE_WIDER_THAN_SCREEN)
        if overflow > 1:
            too_wide[url] = page.evaluate(WIDEST_ELEMENTS) or overflow
    page.goto(f"{live_server.url}/dashboard/")
    page.screenshot(path=str(SCREENSHOTS / "phone-coordinator-today.png"), full_page=True)
    assert too_wide == {}
