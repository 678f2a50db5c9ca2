"""Accessibility in a real browser: axe-core's WCAG 2.1 A/AA checks (vendored, served from
the page's own origin) on the pages parents and coordinators meet first, and the parent's
request form completed with the keyboard alone."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import Page, expect

from coalition.people.models import Role
from tests.browser.journey_helpers import Screenshots, serious_accessibility_problems
from tests.factories import CoordinatorFactory, SupportRequestFactory, programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    """A parent's phone, in Dutch."""
    return {
        **browser_context_args,
        "viewport": {"width": 390, "height": 844},
        "locale": "nl-NL",
        "is_mobile": True,
        "has_touch": True,
    }


def next_step(page: Page) -> None:
    page.locator("main form button[type=submit]").last.click()


# Each step of the form, filled with what a parent would give; `None` is the last one.
STEPS = [
    ("about-you", lambda p: (p.fill("#id_first_name", "Amina"), p.fill("#id_postcode", "5038 AB"))),
    (
        "contact",
        lambda p: (p.fill("#id_phone", "06 12345678"), p.fill("#id_email", "a@example.org")),
    ),
    ("children", lambda p: (p.fill("#id_child_1_name", "Sara"), p.fill("#id_child_1_age", "3"))),
    ("situation", lambda p: p.check("input[name=situation][value=overloaded]")),
    ("support", lambda p: p.check("input[name=support][value=help]")),
    ("when", lambda p: p.check("#id_availability_mon_afternoon")),
    ("send", lambda p: p.check("#id_consent")),
]


def test_every_step_of_the_request_form_passes_the_wcag_checks(page: Page, live_server):
    shot = Screenshots("a11y-request")
    page.goto(live_server.url + "/hulp-vragen/")
    problems = {}
    # The first step with its mistakes shown next to the fields.
    page.fill("#id_postcode", "12")
    next_step(page)
    expect(page.locator("#id_postcode.is-invalid")).to_be_visible()
    problems["about-you (with mistakes)"] = serious_accessibility_problems(page)
    shot(page, "about-you-mistakes")
    for name, fill in STEPS:
        problems[name] = serious_accessibility_problems(page)
        fill(page)
        shot(page, name)
        next_step(page)
    expect(page.get_by_test_id("reference-code")).to_be_visible()
    problems["sent"] = serious_accessibility_problems(page)

    assert {step: found for step, found in problems.items() if found} == {}


def test_the_login_page_passes_the_wcag_checks(page: Page, live_server):
    page.goto(live_server.url + "/accounts/login/")
    assert serious_accessibility_problems(page) == []
    # With the message about a wrong password.
    page.fill("input[name=login]", "niemand@example.org")
    page.fill("input[name=password]", "fout wachtwoord")
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    expect(page.locator("input[name=password]")).to_be_visible()
    assert serious_accessibility_problems(page) == []


def test_the_parent_status_page_passes_the_wcag_checks(page: Page, live_server):
    page.goto(live_server.url + "/hulp-vragen/")
    for _name, fill in STEPS:
        fill(page)
        next_step(page)
    status_path = urlparse(page.locator(".status-link a").get_attribute("href")).path
    page.goto(live_server.url + status_path)
    expect(page.get_by_test_id("status-headline")).to_be_visible()
    assert serious_accessibility_problems(page) == []
    # The withdraw form opened, as a parent who thinks about stopping sees it.
    page.locator("details summary").first.click()
    assert serious_accessibility_problems(page) == []


def test_the_coordinator_home_passes_the_wcag_checks(page: Page, live_server, log_in):
    buurtgezinnen = programme("buurtgezinnen")
    user = CoordinatorFactory(
        user__email="a11y@buurtgezinnen.example.org",
        user__role=Role.COORDINATOR,
        programme_for_org=buurtgezinnen,
        programmes=[buurtgezinnen],
    ).user
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    for _ in range(3):
        SupportRequestFactory(programme=buurtgezinnen)
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(user.email)
    page.goto(live_server.url + "/dashboard/")
    expect(page.locator("main h1")).to_be_visible()
    Screenshots("a11y-coordinator")(page, "home")
    assert serious_accessibility_problems(page) == []


# --- The keyboard alone ---------------------------------------------------------------


def is_focused(page: Page, selector: str) -> bool:
    return page.evaluate("(s) => !!document.activeElement?.matches(s)", selector)


def tab_to(page: Page, selector: str, *, limit: int = 80) -> None:
    """Press Tab until `selector` has the focus, as a keyboard user moves through a page."""
    for _ in range(limit):
        if is_focused(page, selector):
            assert page.evaluate(FOCUS_SHOWN), f"no visible focus on {selector}"
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


# WCAG 2.4.7: the element with the keyboard focus shows it (an outline or a ring).
FOCUS_SHOWN = """() => {
    const style = getComputedStyle(document.activeElement);
    return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
        || style.boxShadow !== "none";
}"""


MAIN_BUTTON = """() => {
    const buttons = document.querySelectorAll("main form button[type=submit]");
    return document.activeElement === buttons[buttons.length - 1];
}"""


def type_into(page: Page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def tick(page: Page, selector: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Space")
    assert page.evaluate("(s) => document.querySelector(s).checked", selector)


def choose(page: Page, group: str, value: str) -> None:
    """A radio group is one tab stop; the arrow keys move the choice."""
    tab_to(page, f"input[name={group}]")
    for _ in range(20):
        if is_focused(page, f"input[name={group}][value={value}]"):
            page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"the arrow keys never reached {group}={value}")


def submit(page: Page) -> None:
    """Enter on the form's main button (the last one: 'back' comes first)."""
    for _ in range(80):
        if page.evaluate(MAIN_BUTTON):
            assert page.evaluate(FOCUS_SHOWN), "no visible focus on the form's main button"
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError("Tab never reached the form's main button")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_parent_completes_the_request_form_with_the_keyboard_alone(page: Page, live_server):
    shot = Screenshots("keyboard-request")
    page.goto(live_server.url + "/hulp-vragen/")

    type_into(page, "#id_first_name", "Amina")
    type_into(page, "#id_postcode", "5038 AB")
    submit(page)
    type_into(page, "#id_phone", "06 12345678")
    type_into(page, "#id_email", "amina@example.org")
    submit(page)
    type_into(page, "#id_child_1_name", "Sara")
    type_into(page, "#id_child_1_age", "3")
    submit(page)
    tick(page, "input[name=situation][value=overloaded]")
    submit(page)
    choose(page, "support", "help")
    submit(page)
    tick(page, "#id_availability_mon_afternoon")
    tick(page, "#id_availability_sat_morning")
    shot(page, "when")
    submit(page)
    tick(page, "#id_consent")
    submit(page)

    expect(page.get_by_test_id("reference-code")).to_have_text(re.compile(r"^TLB-\w+$"))
    shot(page, "sent")
