"""The three front doors in a real browser, at the size of a phone (390x844)."""

from __future__ import annotations

import gzip
import importlib
import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from coalition.people.models import Role
from coalition.programmes.models import OrganisationKind
from families.models import Referral, SupportRequest
from tests.browser.journey_helpers import serious_accessibility_problems as axe_problems
from tests.factories import OrganisationFactory, UserFactory
from volunteers.models import Volunteer, VolunteerStatus

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PASSWORD = "correct horse battery staple"

pytestmark = [
    pytest.mark.browser,
    # No serialized_rollback: the reference_data fixture reloads programmes and wijken.
    # Restoring a snapshot after another transactional test's flush collides with the
    # content types that flush recreated (UNIQUE constraint on django_content_type).
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def reference_data():
    """Wijken and programmes come from a data migration. A transactional test empties
    every table when it ends; load them again if an earlier one left them empty."""
    from django.apps import apps

    from coalition.programmes.models import Programme

    if not Programme.objects.exists():
        migration = importlib.import_module(
            "coalition.programmes.migrations.0002_load_wijken_and_programmes"
        )
        migration.load(apps, None)


@pytest.fixture
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": {"width": 390, "height": 844},
        "locale": "nl-NL",
        "is_mobile": True,
        "has_touch": True,
    }


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def next_step(page) -> None:
    page.locator("main form button[type=submit]").last.click()


def serious_accessibility_problems(page) -> list[str]:
    """Every axe-core rule, not only the WCAG-tagged ones: serious and critical only."""
    return axe_problems(page, tags=None)


def fill_request(page, prefix: str) -> None:
    page.fill("#id_first_name", "Amina")
    page.fill("#id_postcode", "5038 AB")
    shot(page, f"{prefix}-1-about-you")
    next_step(page)
    page.fill("#id_phone", "06 12345678")
    page.fill("#id_email", "amina@example.org")
    shot(page, f"{prefix}-2-contact")
    next_step(page)
    page.fill("#id_child_1_name", "Sara")
    page.fill("#id_child_1_age", "3")
    shot(page, f"{prefix}-3-children")
    next_step(page)
    page.check("input[name=situation][value=overloaded]")
    page.check("input[name=situation][value=no_network]")
    shot(page, f"{prefix}-4-situation")
    next_step(page)
    page.check("input[name=support][value=help]")
    shot(page, f"{prefix}-5-support")
    next_step(page)
    page.check("#id_availability_mon_afternoon")
    page.check("#id_availability_sat_morning")
    page.check("input[name=languages][value=ar]")
    assert serious_accessibility_problems(page) == []
    shot(page, f"{prefix}-6-when")
    next_step(page)
    page.check("#id_consent")
    shot(page, f"{prefix}-7-send")
    next_step(page)


def test_a_parent_asks_for_support_in_dutch_on_a_phone(page, live_server):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Vraag om steun").or_(
        page.get_by_role("link", name="Ask for support")
    ).first.click()
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("progress").count() == 1
    assert serious_accessibility_problems(page) == []

    fill_request(page, "request-nl")

    code = page.get_by_test_id("reference-code").inner_text()
    shot(page, "request-nl-8-sent")
    request = SupportRequest.objects.get(reference_code=code)
    assert request.language == "nl"
    assert request.programme is None and request.help_me_choose


def test_a_parent_uses_the_private_status_link_in_a_real_browser(page, live_server):
    """The status pages send no referrer, so the browser posts with Origin: null."""
    page.goto(live_server.url + "/hulp-vragen/")
    fill_request(page, "status")
    # The link carries SITE_URL; the live server listens on another port.
    page.goto(live_server.url + urlparse(page.locator(".status-link a").get_attribute("href")).path)
    shot(page, "status-link-page")
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_test_id("status-headline").inner_text() == "We received your request"

    page.fill("#id_phone", "06 99998888")
    page.get_by_role("button", name="Save my contact details").click()
    assert page.get_by_text("We saved your new contact details").count() == 1
    page.get_by_text("I do not need support any more").click()
    page.get_by_role("button", name="Stop my request").click()
    assert page.get_by_test_id("status-headline").inner_text() == "You stopped your request"
    shot(page, "status-link-withdrawn")

    request = SupportRequest.objects.get()
    assert request.status == "withdrawn"
    assert request.family.parents.get().phone == "06 99998888"


def test_a_parent_asks_for_support_in_arabic_right_to_left(page, live_server):
    page.goto(live_server.url + "/hulp-vragen/")
    page.select_option("#language-select", "ar")
    page.locator(".language-switch button[type=submit]").click()
    assert page.locator("html[dir=rtl][lang=ar]").count() == 1

    fill_request(page, "request-ar")

    code = page.get_by_test_id("reference-code").inner_text()
    assert page.locator("html[dir=rtl]").count() == 1
    shot(page, "request-ar-8-sent")
    assert SupportRequest.objects.get(reference_code=code).language == "ar"


def test_a_mistake_is_shown_next_to_the_field_on_a_phone(page, live_server):
    page.goto(live_server.url + "/hulp-vragen/")
    page.fill("#id_first_name", "Amina")
    page.fill("#id_postcode", "12")
    next_step(page)

    assert page.locator("#id_postcode.is-invalid").count() == 1
    assert page.input_value("#id_first_name") == "Amina"
    shot(page, "request-error-postcode")


def test_a_partner_refers_a_family_and_sees_the_referral(page, live_server):
    organisation = OrganisationFactory(name="Basisschool De Vlinder", kind=OrganisationKind.SCHOOL)
    partner = UserFactory(
        email="ib@devlinder.example.org", role=Role.PARTNER, organisation=organisation
    )
    EmailAddress.objects.create(user=partner, email=partner.email, primary=True, verified=True)

    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", partner.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/partner/")
    page.get_by_role("link", name="Refer a family").or_(
        page.get_by_role("link", name="Gezin verwijzen")
    ).first.click()

    page.fill("#id_parent_first_name", "Fatima")
    page.fill("#id_phone", "06 12345678")
    page.fill("#id_postcode", "5038 AB")
    page.select_option("#id_language", "ar")
    page.fill("#id_child_1_name", "Y.")
    page.fill("#id_child_1_age", "5")
    page.fill("#id_reason", "Moeder staat er alleen voor.")
    page.check("#id_parents_agreed")
    page.fill("#id_parents_agreed_on", timezone.localdate().isoformat())
    shot(page, "partner-1-refer")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/partner/verwijzingen/*/")

    referral = Referral.objects.select_related("request").get()
    assert page.get_by_test_id("referral-status").inner_text().strip() != ""
    shot(page, "partner-2-detail")
    page.goto(live_server.url + "/partner/")
    assert page.get_by_text(referral.request.reference_code).count() == 1
    shot(page, "partner-3-list")
    assert referral.organisation == organisation


def test_a_volunteer_signs_up_on_a_phone(page, live_server):
    page.goto(live_server.url + "/vrijwilliger-worden/")
    assert serious_accessibility_problems(page) == []
    page.locator("input[name=programmes]").first.check()
    page.fill("#id_first_name", "Joris")
    page.fill("#id_last_name", "Verbeek")
    page.fill("#id_phone", "06 22223333")
    page.fill("#id_postcode", "5037 AB")
    page.check("#id_availability_sat_morning")
    page.check("#id_availability_wed_afternoon")
    page.fill("#id_email", "joris.verbeek@example.org")
    page.fill("#id_password1", "lange-wandeling-42")
    page.fill("#id_password2", "lange-wandeling-42")
    page.check("#id_consent")
    shot(page, "volunteer-1-signup")
    page.locator("main form button[type=submit]").last.click()

    page.wait_for_url(re.compile(r".*/vrijwilliger-worden/verstuurd/(#.*)?$"))
    shot(page, "volunteer-2-done")
    volunteer = Volunteer.objects.get(email="joris.verbeek@example.org")
    assert volunteer.status == VolunteerStatus.APPLIED


def test_the_request_page_is_light_and_uses_no_other_host(page, live_server):
    """Records every request of the first step; prints raw and gzip sizes as JSON."""
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(live_server.url + "/hulp-vragen/")
    page.wait_for_load_state("networkidle")

    server = urlparse(live_server.url).netloc
    hosts = {urlparse(r.url).netloc for r in responses}
    files = []
    for response in responses:
        body = response.body()
        files.append(
            {
                "url": urlparse(response.url).path,
                "raw_bytes": len(body),
                "gzip_bytes": len(gzip.compress(body, compresslevel=9)),
            }
        )
    figure = {
        "page": "/hulp-vragen/",
        "requests": len(files),
        "raw_bytes": sum(f["raw_bytes"] for f in files),
        "gzip_bytes": sum(f["gzip_bytes"] for f in files),
        "files": files,
    }
    print(json.dumps(figure, indent=2))
    SCREENSHOTS.parent.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS.parent / "request_page_weight.json").write_text(json.dumps(figure, indent=2))

    assert hosts == {server}
    assert figure["gzip_bytes"] < 100 * 1024
