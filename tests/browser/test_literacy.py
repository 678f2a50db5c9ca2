"""For the parent who reads little (issue 18), in a real browser on a phone: "Bel mij
terug" with the keyboard alone, read-aloud buttons on every question, the request's
language on the status link whatever the browser says, a language switch that keeps
what was typed, taking back consent; axe finds nothing serious on these pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from families.models import RequestStatus, SupportRequest
from families.services import request_issue_status_link
from tests.browser.journey_helpers import Screenshots, in_dutch, serious_accessibility_problems
from tests.browser.test_accessibility import choose, submit, tick, type_into
from tests.factories import ParentFactory, SupportRequestFactory

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


def status_link(language: str = "nl") -> str:
    support_request = SupportRequestFactory(
        programme=None, help_me_choose=True, language=language, status=RequestStatus.NEW
    )
    ParentFactory(family=support_request.family, first_name="Amina", phone="06 11112222")
    return f"/hulp-vragen/status/{request_issue_status_link(request=support_request)}/"


def test_a_parent_asks_to_be_called_back_with_the_keyboard_alone(page: Page, live_server):
    shot = Screenshots("call-back-keyboard")
    page.goto(live_server.url + "/")
    # First on the home page: the first link of the page's own content.
    call_back = page.locator("main a.btn").first
    expect(call_back).to_have_text(in_dutch("Call me back"))
    with page.expect_navigation():
        call_back.focus()
        page.keyboard.press("Enter")
    assert serious_accessibility_problems(page) == []
    shot(page, "form")

    type_into(page, "#id_first_name", "Amina")
    type_into(page, "#id_phone", "06 12345678")
    choose(page, "best_time", "evening")
    tick(page, "#id_consent")
    shot(page, "filled")
    submit(page)

    expect(page.get_by_test_id("reference-code")).to_be_visible()
    assert serious_accessibility_problems(page) == []
    shot(page, "sent")
    request = SupportRequest.objects.get()
    assert request.call_back and request.language == "nl"
    assert request.family.parents.get().phone == "06 12345678"


def test_a_mistake_on_the_call_back_page_passes_the_wcag_checks(page: Page, live_server):
    page.goto(live_server.url + "/hulp-vragen/bel-mij-terug/")
    page.fill("#id_phone", "12")
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator("#id_phone.is-invalid")).to_be_visible()
    assert serious_accessibility_problems(page) == []


@pytest.mark.parametrize(
    ("path", "questions"),
    [
        ("/hulp-vragen/bel-mij-terug/", ["#id_first_name", "#id_phone", "#id_language"]),
        ("/hulp-vragen/", ["#id_first_name", "#id_postcode"]),
        ("status", ["#id_phone", "#id_email", "#id_contact_times"]),
    ],
)
def test_every_question_has_a_labelled_read_aloud_button(page: Page, live_server, path, questions):
    page.goto(live_server.url + (status_link() if path == "status" else path))
    buttons = page.locator("button[data-read-aloud]")
    expect(buttons.first).to_be_visible()
    read_aloud = in_dutch("Read aloud")
    for selector in questions:
        label = page.locator(f"label[for={selector[1:]}]").first.inner_text().strip(" *")
        button = page.get_by_role("button", name=f"{read_aloud}: {label}")
        expect(button).to_be_visible()
        expect(button).to_contain_text(read_aloud)
    # Each button reads a part of this page that is there.
    targets = buttons.evaluate_all(
        "bs => bs.map(b => !!document.getElementById(b.dataset.readAloud))"
    )
    assert targets and all(targets)


def test_a_read_aloud_button_speaks_the_question_in_the_pages_language(page: Page, live_server):
    page.add_init_script(
        """window.__spoken = [];
        window.speechSynthesis.speak = (u) => { window.__spoken.push([u.lang, u.text]); };"""
    )
    page.goto(live_server.url + "/hulp-vragen/bel-mij-terug/")
    page.locator("button[data-read-aloud='div_id_best_time']").click()

    [(language, text)] = page.evaluate("window.__spoken")
    assert language == "nl"
    assert in_dutch("When can we call you?") in text
    assert in_dutch("Any time") in text


def test_without_javascript_no_read_aloud_button_shows(browser, live_server):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto(live_server.url + "/hulp-vragen/bel-mij-terug/")
    expect(page.locator("#id_first_name")).to_be_visible()
    assert page.locator("button[data-read-aloud]:visible").count() == 0
    context.close()


def test_the_arabic_status_link_stays_arabic_on_a_dutch_phone(page: Page, live_server):
    page.goto(live_server.url + status_link("ar"))

    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert serious_accessibility_problems(page) == []


def test_switching_language_mid_step_keeps_what_was_typed(page: Page, live_server):
    page.goto(live_server.url + "/hulp-vragen/bel-mij-terug/")
    page.fill("#id_first_name", "Amina")
    page.fill("#id_phone", "06 12345678")
    page.select_option("#language-select", "uk")
    with page.expect_navigation():
        page.locator(".language-switch button:visible").click()

    assert page.locator("html").get_attribute("lang") == "uk"
    expect(page.locator("#id_first_name")).to_have_value("Amina")
    expect(page.locator("#id_phone")).to_have_value("06 12345678")
    # Enter in a field still sends the form itself, not the language switch.
    with page.expect_navigation():
        page.locator("#id_first_name").press("Enter")
    expect(page.locator("#id_consent.is-invalid")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "uk"


def test_a_parent_takes_back_consent_after_reading_what_happens(page: Page, live_server):
    shot = Screenshots("consent-withdraw")
    page.goto(live_server.url + status_link())
    assert serious_accessibility_problems(page) == []
    page.get_by_role("link", name=in_dutch("Take back my consent")).click()
    expect(page.locator("main h1")).to_have_text(in_dutch("Take back your consent"))
    assert serious_accessibility_problems(page) == []
    shot(page, "confirm")

    page.get_by_role(
        "button", name=in_dutch("Yes, take back my consent and delete my data")
    ).click()

    expect(page.get_by_test_id("consent-withdrawn")).to_be_visible()
    assert serious_accessibility_problems(page) == []
    shot(page, "done")
    request = SupportRequest.objects.get()
    assert request.status == RequestStatus.WITHDRAWN
    assert request.family.anonymised_at is not None
