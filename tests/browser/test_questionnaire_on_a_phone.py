"""A parent fills in the coalition's questionnaire on a phone, in Turkish: they stop
half-way, come back with the same link, and send their answers."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from coalition.instruments.models import Instrument
from families.models import Administration
from families.services import administration_start
from tests.browser.journey_helpers import Screenshots, serious_accessibility_problems
from tests.factories import ParentFactory, SupportRequestFactory, programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    """A parent's phone, whose browser asks for Dutch: the page speaks Turkish anyway."""
    return {
        **browser_context_args,
        "viewport": {"width": 390, "height": 844},
        "locale": "nl-NL",
        "is_mobile": True,
        "has_touch": True,
    }


def test_a_parent_fills_in_the_questionnaire_in_turkish_on_a_phone(page: Page, live_server):
    request = SupportRequestFactory(
        programme=programme("buurtgezinnen"), status="matched", language="tr"
    )
    ParentFactory(family=request.family, email="ayse@example.org", is_primary_contact=True)
    _administration, token = administration_start(
        request=request,
        instrument=Instrument.objects.get(code="coalitie-ouderbalans"),
        moment="intake",
        mode="link",
    )
    shot = Screenshots("questionnaire-tr")
    url = f"{live_server.url}/vragenlijst/{token}/"

    page.goto(url)
    expect(page.locator("html")).to_have_attribute("lang", "tr")
    first = page.get_by_role("group", name="1. Çocuklarımın bakımından yoruluyorum.")
    expect(first).to_be_visible()
    assert serious_accessibility_problems(page) == []
    shot(page, "start")

    # Three answers, then "save and continue later"
    first.get_by_label("Sık sık").check()
    page.get_by_role("group", name="2. Her şeyin üstesinden").get_by_label("Her zaman").check()
    page.get_by_role("group", name="3. Çocuklarımla birlikteyken").get_by_label("Bazen").check()
    page.locator("button[name=save]").click()
    expect(page.get_by_role("status")).to_be_visible()
    shot(page, "saved")

    # Later, from the same link: the answers are still there
    page.goto(url)
    expect(first.get_by_label("Sık sık")).to_be_checked()
    for number, answer in ((4, "Nadiren"), (5, "Her zaman"), (6, "Sık sık"), (7, "Hiçbir zaman")):
        page.locator(f"#item-{number}").get_by_label(answer).check()
    shot(page, "all-answered")
    page.locator("button[name=finish]").click()

    expect(page.get_by_test_id("questionnaire-done")).to_be_visible()
    assert serious_accessibility_problems(page) == []
    shot(page, "done")
    administration = Administration.objects.get()
    # stress 3 + 4 + (4 - 2) + 1 = 10; too little support (4 - 4) + (4 - 3) + (4 - 0) = 5
    assert administration.scores == {"total": 15.0, "stress": 10.0, "support": 5.0}
