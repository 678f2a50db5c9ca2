"""A parent answers the pulse on a phone (390 x 844) in Arabic: by touch, and with the
keyboard alone; axe finds no serious or critical problem on the pulse pages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from matching.models import Pulse, Side
from matching.pulses import pulse_text_message
from tests.browser.journey_helpers import Screenshots, serious_accessibility_problems
from tests.factories import MatchFactory, ParentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    """A parent's phone whose browser speaks Dutch: the page follows the request's language."""
    return {
        **browser_context_args,
        "viewport": {"width": 390, "height": 844},
        "locale": "nl-NL",
        "is_mobile": True,
        "has_touch": True,
    }


def arabic_pulse_path() -> tuple[str, object]:
    match = MatchFactory(status="active")
    match.request.language = "ar"
    match.request.save(update_fields=["language"])
    ParentFactory(family=match.request.family, is_primary_contact=True, first_name="Amina")
    today = timezone.localdate()
    # An earlier pulse: this is not the first one, so it asks "as agreed".
    Pulse.objects.create(match=match, side=Side.PARENT, due_on=today - dt.timedelta(days=30))
    pulse = Pulse.objects.create(match=match, side=Side.PARENT, due_on=today)
    text = pulse_text_message(pulse=pulse)
    return re.search(r"/puls/\S+/", text).group(0), pulse


def fits_the_phone(page: Page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def test_a_parent_answers_the_pulse_on_a_phone_in_arabic(page: Page, live_server):
    shot = Screenshots("pulse-phone")
    path, pulse = arabic_pulse_path()
    page.goto(live_server.url + path)

    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("main h1")).to_have_text(re.compile("[\u0600-\u06ff]"))  # Arabic
    assert fits_the_phone(page)
    problems = {"form": serious_accessibility_problems(page)}
    shot(page, "form")
    # Sent without a score: the mistake is shown, still without serious problems.
    page.get_by_test_id("pulse-send").tap()
    expect(page.locator("#score-error")).to_be_visible()
    problems["form with mistakes"] = serious_accessibility_problems(page)
    page.locator("label[for=id_score_7]").tap()
    page.locator("label[for=id_fits_0]").tap()
    page.locator("label[for=id_as_agreed_1]").tap()
    page.fill("textarea[name=message]", "كل شيء بخير")
    page.get_by_test_id("pulse-send").tap()

    expect(page.get_by_test_id("pulse-thanks")).to_be_visible()
    problems["thanks"] = serious_accessibility_problems(page)
    shot(page, "thanks")
    pulse.refresh_from_db()
    assert (pulse.score, pulse.fits, pulse.message) == (7, "yes", "كل شيء بخير")
    assert {name: found for name, found in problems.items() if found} == {}


# --- The keyboard alone -------------------------------------------------------------

FOCUSED = "(s) => !!document.activeElement?.matches(s)"
# The radios are visually hidden behind their buttons (Bootstrap's btn-check): the
# focus must show on the button a sighted keyboard user sees.
FOCUS_SHOWN = """() => {
    const el = document.activeElement;
    const seen = el.classList.contains("btn-check")
        ? document.querySelector(`label[for="${el.id}"]`) : el;
    const style = getComputedStyle(seen);
    return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
        || style.boxShadow !== "none";
}"""


def tab_to(page: Page, selector: str) -> None:
    for _ in range(60):
        if page.evaluate(FOCUSED, selector):
            assert page.evaluate(FOCUS_SHOWN), f"no visible focus on {selector}"
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def choose(page: Page, group: str, value: str) -> None:
    """A radio group is one tab stop; the arrow keys move the choice (and select it)."""
    tab_to(page, f"input[name={group}]")
    for _ in range(12):
        if page.evaluate(FOCUSED, f'input[name={group}][value="{value}"]'):
            page.keyboard.press("Space")
            assert page.evaluate(FOCUS_SHOWN), f"no visible focus on {group}={value}"
            return
        # Right-to-left: the arrow keys still walk the group in document order.
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"the arrow keys never reached {group}={value}")


def test_a_parent_answers_the_pulse_in_arabic_with_the_keyboard_alone(page: Page, live_server):
    path, pulse = arabic_pulse_path()
    page.goto(live_server.url + path)

    choose(page, "score", "4")
    choose(page, "fits", "not_sure")
    choose(page, "as_agreed", "partly")
    tab_to(page, "textarea[name=message]")
    page.keyboard.type("نحتاج إلى التحدث")
    tab_to(page, "input[name=wants_call]")
    page.keyboard.press("Space")
    tab_to(page, "[data-testid=pulse-send]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.get_by_test_id("pulse-thanks")).to_be_visible()
    pulse.refresh_from_db()
    assert (pulse.score, pulse.fits, pulse.wants_call) == (4, "not_sure", True)
