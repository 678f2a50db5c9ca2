"""A coordinator's day in the browser: triage a new request, propose a volunteer from
the ranked and explained shortlist, walk the match to active, evaluate it and end it.
Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import Page, expect

from families.models import RequestStatus
from matching.models import Match, MatchStatus
from tests.factories import (
    CoordinatorFactory,
    ParentFactory,
    SupportRequestFactory,
    VolunteerFactory,
    programme,
)

SCREENSHOTS = Path("test-artifacts/screenshots")
PASSWORD = "correct horse battery staple"


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"coordinator_flow_{name}.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.browser_context_args(locale="en-GB")
@pytest.mark.django_db(transaction=True)
def test_a_coordinator_triages_matches_evaluates_and_ends(page: Page, live_server, log_in):
    buurtgezinnen = programme("buurtgezinnen")
    user = CoordinatorFactory(
        user__email="sanne@buurtgezinnen.example.org",
        user__first_name="Sanne",
        programme_for_org=buurtgezinnen,
        programmes=[buurtgezinnen],
    ).user
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    request = SupportRequestFactory(situation_text="Ik sta er alleen voor met drie kinderen.")
    ParentFactory(family=request.family, first_name="Fatima", last_name="Testouder")
    VolunteerFactory(first_name="Henk", last_name="Voorbeeld")
    VolunteerFactory(first_name="Piet", last_name="Verweg", pc4="5043")

    # Log in.
    log_in(user.email)
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_role("heading", name="Today's work")).to_be_visible()
    shot(page, "01_dashboard")

    # Triage: open the new request, plan the intake.
    page.get_by_role("link", name=request.reference_code).first.click()
    expect(page.get_by_test_id("request-status")).to_have_text("New")
    page.fill("#plan_when", "2026-11-25T10:30")
    page.get_by_role("button", name="Plan intake").click()
    expect(page.get_by_test_id("request-status")).to_have_text("Intake planned")
    shot(page, "02_intake_planned")

    # Record the intake.
    page.get_by_role("link", name="Record the intake").click()
    page.get_by_label("Agreed programme").select_option(str(buurtgezinnen.pk))
    page.get_by_label("I raise my children alone").check()
    page.get_by_label("Saturday morning").check()
    page.fill("#id_languages", "nl, ar")
    page.fill("#id_notes", "Moeder wil graag een steungezin in het weekend.")
    shot(page, "03_intake_form")
    page.get_by_role("button", name="Save intake").click()
    expect(page.get_by_test_id("request-status")).to_have_text("Intake done")

    # The programme was agreed at the intake; only the intake desk routes requests
    # from the queue, so a programme's coordinator is not offered "Confirm programme".
    # The family waits for a match.
    expect(page.get_by_role("button", name="Confirm programme")).to_have_count(0)
    page.get_by_role("button", name="The family waits for a match").click()
    expect(page.get_by_test_id("request-status")).to_have_text("Waiting for a match")
    shot(page, "04_waiting")

    # Open the ranked shortlist: Henk is first, with why; Piet lives too far away.
    page.get_by_role("link", name="Open the shortlist").click()
    expect(page).to_have_url(re.compile(rf"/dashboard/verzoeken/{request.pk}/koppelen/$"))
    candidates = page.get_by_role("region", name="1 suitable volunteer")
    henk = candidates.get_by_role("listitem")
    expect(henk).to_have_count(1)
    expect(henk.get_by_role("heading")).to_have_text("1. Henk Voorbeeld")
    henk.get_by_text("Why this volunteer").click()
    explanation = henk.get_by_role("table", name="How the score is made up")
    expect(explanation).to_be_visible()
    expect(explanation).to_contain_text(re.compile(r"Lives [\d.]+ km away \(travels up to 5 km\)"))
    expect(explanation).to_contain_text("Speaks Dutch, like the family")
    excluded = page.get_by_role("region", name="Why other volunteers are not on the list")
    expect(excluded).to_be_visible()
    expect(excluded.get_by_role("listitem")).to_have_text(["1 too far"])
    shot(page, "04b_shortlist")

    # Propose him with the shortlist's own button.
    henk.get_by_role("button", name="Propose Henk").click()
    # Proposing takes the coordinator back to the request, where the match is followed.
    expect(
        page.get_by_text(f"Henk Voorbeeld is proposed for {request.reference_code}.")
    ).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/dashboard/verzoeken/{request.pk}/$"))

    # The proposed match, from the request's page.
    page.get_by_role("link", name=re.compile(r"^Henk Voorbeeld")).click()
    expect(page.get_by_test_id("match-status")).to_have_text("Proposed")
    shot(page, "05_match_proposed")

    # Walk it to active, one button per stage.
    for label, status in [
        ("The volunteer agreed", "Volunteer agreed"),
        ("The family agreed", "Family agreed"),
        ("Introduction meeting held", "Introduction meeting"),
        ("Start the trial period", "Trial period"),
        ("Make the match active", "Active"),
    ]:
        page.get_by_role("button", name=label).click()
        expect(page.get_by_test_id("match-status")).to_have_text(status)
    shot(page, "06_match_active")

    # Record the first evaluation.
    page.get_by_text("Record this evaluation").first.click()
    page.locator("[data-testid=followup-current] textarea").first.fill(
        "Het klikt goed, Henk komt op zaterdag."
    )
    page.get_by_role("button", name="Save evaluation").first.click()
    expect(page.get_by_text("Evaluation recorded.")).to_be_visible()
    expect(page.get_by_text("Het klikt goed, Henk komt op zaterdag.")).to_be_visible()
    shot(page, "07_evaluation")

    # End the match with a reason and an outcome.
    page.locator("summary", has_text="End the match").click()
    page.get_by_label("Why it ends").select_option("goals_reached")
    page.get_by_label("Outcome").select_option("met")
    page.get_by_role("button", name="End the match").click()
    expect(page.get_by_test_id("match-status")).to_have_text("Ended")
    shot(page, "08_match_ended")

    # The day ends with the overview pages.
    page.get_by_role("link", name="Reports").click()
    expect(page.get_by_role("heading", name="Reports")).to_be_visible()
    shot(page, "09_reports")
    page.get_by_role("link", name="Volunteers").click()
    expect(page.get_by_role("heading", name="Volunteer pipeline")).to_be_visible()
    shot(page, "10_volunteer_pipeline")

    match = Match.objects.get(request=request)
    assert str(match.volunteer) == "Henk Voorbeeld"
    assert match.status == MatchStatus.ENDED
    assert match.end_reason == "goals_reached"
    assert match.followups.filter(done_on__isnull=False).count() == 1
    request.refresh_from_db()
    # Ended without closing the request: the family is back on the waiting list.
    assert request.status == RequestStatus.WAITING_FOR_MATCH
