"""In the browser: a match ends early after the trial, the family is back on the
waiting list with its original date, a new volunteer is proposed from the request
page, and at each step the parent's status link and the partner's page say the right
thing. Screenshots go to test-artifacts/screenshots/rematch-NN-<step>.png."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from playwright.sync_api import Page, expect

from coalition.people.models import Role
from coalition.programmes.models import OrganisationKind
from families.models import SupportRequest
from families.services import request_issue_status_link
from tests.browser.journey_helpers import Screenshots, in_dutch, log_in_on
from tests.factories import CoordinatorFactory, OrganisationFactory, UserFactory, programme
from tests.matching.case_helpers import match_to, waiting_family
from tests.matching.engine_helpers import volunteer_for

pytestmark = [
    pytest.mark.browser,
    pytest.mark.browser_context_args(locale="en-GB"),
    pytest.mark.django_db(transaction=True),
]


def test_a_family_whose_match_ended_gets_a_new_volunteer(page: Page, browser, live_server):
    url = live_server.url
    shot = Screenshots("rematch")
    buurtgezinnen = programme("buurtgezinnen")
    coordinator = CoordinatorFactory(
        user__email="sanne@buurtgezinnen.example.org",
        programme_for_org=buurtgezinnen,
        programmes=[buurtgezinnen],
    ).user
    school = OrganisationFactory(name="Basisschool De Vlinder", kind=OrganisationKind.SCHOOL)
    partner = UserFactory(email="ib@devlinder.example.org", role=Role.PARTNER, organisation=school)
    for user in (partner, coordinator):
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    request = waiting_family(organisation=partner.organisation)
    SupportRequest.objects.filter(pk=request.pk).update(
        waiting_since=timezone.make_aware(
            dt.datetime.combine(timezone.localdate() - dt.timedelta(days=40), dt.time(12))
        ),
        language="nl",
    )
    request.family.pc4 = "5038"
    request.family.save(update_fields=["pc4"])
    henk = volunteer_for(buurtgezinnen, first_name="Henk", last_name="Eerder")
    anna = volunteer_for(buurtgezinnen, first_name="Anna", last_name="Nieuw")
    match = match_to(request, coordinator, volunteer=henk)
    token = request_issue_status_link(request=request)

    parent = browser.new_context(locale="nl-NL").new_page()
    partner_page = browser.new_context(locale="en-GB").new_page()
    log_in_on(partner_page, url, partner.email)
    log_in_on(page, url, coordinator.email)

    def parent_reads(text: str, step: str) -> None:
        parent.goto(f"{url}/hulp-vragen/status/{token}/")
        expect(parent.get_by_test_id("status-headline")).to_have_text(in_dutch(text))
        shot(parent, step)

    def partner_reads(text: str, step: str) -> None:
        partner_page.goto(f"{url}/partner/")
        row = partner_page.locator("li", has_text=request.reference_code)
        expect(row.get_by_test_id("referral-status")).to_contain_text(text)
        shot(partner_page, step)

    parent_reads("We found a volunteer", "parent-matched")
    partner_reads("Support started", "partner-started")

    # The match ends early: no click. The family waits again.
    page.goto(f"{url}/dashboard/koppelingen/{match.pk}/")
    page.locator("summary", has_text="End the match").click()
    page.get_by_label("Why it ends").select_option("no_click")
    page.get_by_label("Outcome").select_option("not_met")
    page.get_by_label("The family waits for another volunteer").check()
    page.get_by_role("button", name="End the match").click()
    expect(page.get_by_test_id("match-status")).to_have_text("Ended")
    shot(page, "match-ended")
    parent_reads("We are looking for a new volunteer", "parent-waits-again")
    partner_reads("Support stopped, looking for a new volunteer", "partner-looking-again")

    # Back on today's waiting list with its original date: 40 days.
    page.goto(f"{url}/dashboard/?fresh=1")
    row = page.locator("tr", has_text=request.reference_code)
    expect(row.locator("td").nth(3)).to_have_text("40")
    shot(page, "waiting-list")

    # From the request page: find another volunteer. Henk is left out.
    page.goto(f"{url}/dashboard/verzoeken/{request.pk}/")
    earlier = page.get_by_test_id(f"match-{match.pk}")
    expect(earlier).to_contain_text("Henk Eerder")
    expect(earlier).to_contain_text("No click between family and volunteer")
    page.get_by_test_id("find-another").click()
    expect(page.get_by_test_id("earlier-left-out")).to_be_visible()
    expect(page.get_by_role("button", name="Propose Henk")).to_have_count(0)
    shot(page, "shortlist")
    page.get_by_role("button", name="Propose Anna").click()
    expect(page).to_have_url(re.compile(rf"/dashboard/verzoeken/{request.pk}/$"))
    expect(page.get_by_text(f"{anna} is proposed for")).to_be_visible()
    shot(page, "proposed-again")

    # Until the new match starts, the parent and the partner read the same.
    parent_reads("We are looking for a new volunteer", "parent-still-waiting")
    partner_reads("Support stopped, looking for a new volunteer", "partner-still-looking")
