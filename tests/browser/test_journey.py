"""The whole journey in one browser test, from a parent's request to the end of the support.

A parent asks for support on a phone, in Dutch; a school refers a second family; a
volunteer signs up; a coordinator (two-step login) screens and approves the volunteer,
triages both requests, accepts the engine's proposals and walks the matches to active.
A real Celery worker sends the evaluation reminder; the coordinator records the
evaluation and ends the support. The school sees "support ended" for its family, with
the category of why, and the parent's private status link says the support has ended.

Screenshots: test-artifacts/screenshots/journey-NN-<step>.png.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlparse

import pytest
from allauth.account.models import EmailAddress
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from playwright.sync_api import Page, expect

from coalition.notifications.models import Notification
from coalition.notifications.tasks import notifications_sweep
from coalition.people.models import Role
from coalition.programmes.models import OrganisationKind
from families.models import SupportRequest
from matching.models import FollowUp, FollowUpKind, Match, MatchStatus
from tests.browser.journey_helpers import (
    PHONE,
    Screenshots,
    in_dutch,
    log_in_on,
    plain_text,
    sent_emails,
)
from tests.factories import CoordinatorFactory, OrganisationFactory, UserFactory, programme
from tests.reminders import conftest as reminders
from volunteers.models import Volunteer, VolunteerStatus

needs_redis, wait_for = reminders.needs_redis, reminders.wait_for
workers = reminders.workers  # the real Celery worker fixture

SCREENING_STEPS = ["intake", "vog", "references"]  # what Buurtgezinnen asks of a volunteer alone
STAGES = ["Volunteer agreed", "Family agreed", "Introduction meeting", "Trial period", "Active"]


@pytest.fixture
def browser_context_args(browser_context_args):
    """The coordinator works on a desktop in English (the source texts)."""
    return {**browser_context_args, "locale": "en-GB", "viewport": {"width": 1280, "height": 900}}


# --- The parent, the partner and the volunteer ---------------------------------------


def parent_asks_for_support(page: Page, url: str, shot: Screenshots) -> str:
    """The 7-step request form in Dutch on a phone; returns the status link's path."""
    page.goto(url + "/hulp-vragen/")
    assert page.locator("html").get_attribute("lang") == "nl"
    page.fill("#id_first_name", "Amina")
    page.fill("#id_postcode", "5038 AB")
    shot(page, "parent-about-you")
    next_step(page)
    page.fill("#id_phone", "06 12345678")
    page.fill("#id_email", "amina.testouder@example.org")
    next_step(page)
    page.fill("#id_child_1_name", "Sara")
    page.fill("#id_child_1_age", "3")
    next_step(page)
    page.check("input[name=situation][value=overloaded]")
    page.check("input[name=situation][value=no_network]")
    next_step(page)
    page.check("input[name=support][value=help]")
    next_step(page)
    page.check("#id_availability_mon_afternoon")
    page.check("#id_availability_sat_morning")
    shot(page, "parent-when")
    next_step(page)
    page.check("#id_consent")
    next_step(page)
    expect(page.get_by_test_id("reference-code")).to_be_visible()
    shot(page, "parent-request-sent")
    return urlparse(page.locator(".status-link a").get_attribute("href")).path


def next_step(page: Page) -> None:
    page.locator("main form button[type=submit]").last.click()


def partner_refers_a_family(page: Page, url: str, shot: Screenshots) -> str:
    page.goto(url + "/partner/verwijzen/")
    page.fill("#id_parent_first_name", "Fatima")
    page.fill("#id_phone", "06 87654321")
    page.fill("#id_postcode", "5038 AB")
    page.select_option("#id_language", "nl")
    page.fill("#id_child_1_name", "Y.")
    page.fill("#id_child_1_age", "5")
    page.fill("#id_reason", "Moeder staat er alleen voor en is overbelast.")
    page.select_option("#id_advised_programme", label="Buurtgezinnen")
    page.check("#id_parents_agreed")
    page.fill("#id_parents_agreed_on", timezone.localdate().isoformat())
    shot(page, "partner-refers")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_test_id("referral-status")).to_be_visible()
    return SupportRequest.objects.get(source="partner").reference_code


def volunteer_signs_up(page: Page, url: str, shot: Screenshots) -> Volunteer:
    page.goto(url + "/vrijwilliger-worden/")
    page.check(f"input[name=programmes][value='{programme('buurtgezinnen').pk}']")
    page.fill("#id_first_name", "Joris")
    page.fill("#id_last_name", "Verbeek")
    page.fill("#id_phone", "06 22223333")
    page.fill("#id_postcode", "5037 AB")  # the next postcode: a few streets away
    page.check("input[name=languages][value=nl]")
    page.check("#id_availability_mon_afternoon")
    page.check("#id_availability_sat_morning")
    page.fill("#id_email", "joris.verbeek@example.org")
    page.fill("#id_password1", "lange-wandeling-42")
    page.fill("#id_password2", "lange-wandeling-42")
    page.check("#id_consent")
    shot(page, "volunteer-signs-up")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r".*/vrijwilliger-worden/verstuurd/(#.*)?$"))
    shot(page, "volunteer-signed-up")
    volunteer = Volunteer.objects.get(email="joris.verbeek@example.org")
    assert volunteer.status == VolunteerStatus.APPLIED
    # In the screening talk the family says it can take two children's families.
    Volunteer.objects.filter(pk=volunteer.pk).update(capacity=2)
    return volunteer


# --- The coordinator ------------------------------------------------------------------


def approve_volunteer(page: Page, url: str, volunteer: Volunteer) -> None:
    page.goto(f"{url}/dashboard/vrijwilligers/{volunteer.pk}/")
    page.locator("form:has(input[name=to_status][value=screening]) button").click()
    expect(page.get_by_test_id("volunteer-status")).to_have_text("Screening")
    for kind in SCREENING_STEPS:
        page.locator("summary", has_text="Record a step").click()
        page.select_option("#record_kind", kind)
        page.fill("#record_done_on", timezone.localdate().isoformat())
        page.get_by_role("button", name="Save step").click()
        expect(page.get_by_text("Screening step recorded.")).to_be_visible()
        expect(page.locator("[data-testid=screening] tr.table-warning")).to_have_count(
            len(SCREENING_STEPS) - SCREENING_STEPS.index(kind) - 1
        )
    page.locator("form:has(input[name=to_status][value=approved]) button").click()
    expect(page.get_by_test_id("volunteer-status")).to_have_text("Approved")


def triage(page: Page, url: str, request: SupportRequest) -> None:
    """Plan the intake, record it, confirm the programme, put the family on the waiting list."""
    page.goto(f"{url}/dashboard/verzoeken/{request.pk}/")
    expect(page.get_by_test_id("request-status")).to_have_text("New")
    page.fill("#plan_when", f"{timezone.localdate() + dt.timedelta(days=2)}T10:30")
    page.get_by_role("button", name="Plan intake").click()
    expect(page.get_by_test_id("request-status")).to_have_text("Intake planned")
    page.get_by_role("link", name="Record the intake").click()
    page.get_by_label("Agreed programme").select_option(label="Buurtgezinnen")
    page.get_by_label("Monday afternoon").check()
    page.get_by_label("Saturday morning").check()
    page.fill("#id_languages", "nl")
    page.fill("#id_notes", "Moeder wil graag een steungezin dichtbij.")
    page.get_by_role("button", name="Save intake").click()
    expect(page.get_by_test_id("request-status")).to_have_text("Intake done")
    # The programme was agreed at the intake; routing from the queue is the intake desk's.
    expect(page.get_by_role("button", name="Confirm programme")).to_have_count(0)
    page.get_by_role("button", name="The family waits for a match").click()
    expect(page.get_by_test_id("request-status")).to_have_text("Waiting for a match")


def accept_proposal(page: Page, reference_code: str) -> None:
    card = page.locator("article", has_text=reference_code)
    card.get_by_role("button", name="Accept: propose this match").click()
    expect(page.locator("article", has_text=reference_code)).to_have_count(0)


def walk_to_active(page: Page, url: str, match: Match) -> None:
    page.goto(f"{url}/dashboard/koppelingen/{match.pk}/")
    expect(page.get_by_test_id("match-status")).to_have_text("Proposed")
    for status in STAGES:
        page.get_by_test_id("next-step").click()
        expect(page.get_by_test_id("match-status")).to_have_text(status)


def end_match(page: Page, url: str, match: Match) -> None:
    page.goto(f"{url}/dashboard/koppelingen/{match.pk}/")
    page.locator("summary", has_text="End the match").click()
    page.get_by_label("Why it ends").select_option("goals_reached")
    page.get_by_label("Outcome").select_option("met")
    # The goals are reached: the request closes with the match.
    page.get_by_label("Close the request").check()
    page.get_by_label("Why the request closes (only when you close it)").fill(
        "De steun is afgerond, de doelen zijn bereikt."
    )
    page.get_by_role("button", name="End the match").click()
    expect(page.get_by_test_id("match-status")).to_have_text("Ended")


# --- The journey --------------------------------------------------------------------------


@needs_redis
@pytest.mark.browser
@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_family_is_supported_from_the_request_to_the_end(
    page: Page, browser, live_server, log_in, workers
):
    url = live_server.url
    shot = Screenshots("journey")
    buurtgezinnen = programme("buurtgezinnen")
    school = OrganisationFactory(name="Basisschool De Vlinder", kind=OrganisationKind.SCHOOL)
    partner = UserFactory(email="ib@devlinder.example.org", role=Role.PARTNER, organisation=school)
    coordinator = CoordinatorFactory(
        user__email="sanne@buurtgezinnen.example.org",
        user__first_name="Sanne",
        user__role=Role.INTAKE_COORDINATOR,
        programme_for_org=buurtgezinnen,
        programmes=[buurtgezinnen],
    ).user
    for user in (partner, coordinator):
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    # 1. A parent asks for support, in Dutch on a phone.
    parent = browser.new_context(**PHONE).new_page()
    status_path = parent_asks_for_support(parent, url, shot)
    request_a = SupportRequest.objects.get(source="self")

    # 2. A school refers a second family.
    partner_page = browser.new_context(locale="en-GB").new_page()
    log_in_on(partner_page, url, partner.email)
    code_b = partner_refers_a_family(partner_page, url, shot)
    request_b = SupportRequest.objects.get(reference_code=code_b)

    # 3. A volunteer signs up, on a phone.
    volunteer = volunteer_signs_up(browser.new_context(**PHONE).new_page(), url, shot)

    # 4. The coordinator logs in with the two-step code and approves the volunteer.
    log_in(coordinator.email)
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    shot(page, "coordinator-today")
    approve_volunteer(page, url, volunteer)
    shot(page, "volunteer-approved")

    # 5. Triage: both families wait for a match in Buurtgezinnen.
    triage(page, url, request_a)
    shot(page, "request-waiting")
    triage(page, url, request_b)

    # 6. The engine proposes the volunteer for both families; the coordinator accepts.
    page.goto(f"{url}/dashboard/programmas/buurtgezinnen/voorstellen/")
    page.get_by_role("button", name="Make new proposals for the waiting list").click()
    expect(page.locator("article", has_text=request_a.reference_code)).to_contain_text(
        "Joris Verbeek"
    )
    shot(page, "proposals")
    accept_proposal(page, request_a.reference_code)
    accept_proposal(page, code_b)
    match_a = Match.objects.get(request=request_a, volunteer=volunteer)
    match_b = Match.objects.get(request=request_b, volunteer=volunteer)

    # 7. Both matches go through the stages to active.
    walk_to_active(page, url, match_a)
    shot(page, "match-active")
    walk_to_active(page, url, match_b)

    # 8. The first evaluation falls due today; the worker sends the reminder.
    # The evaluation is weeks away, and the clock cannot be moved: the live server
    # thread and the worker process both read the real time. So the follow-up and the
    # reminder that activating the match scheduled are moved to today in the database,
    # as if those weeks had passed. From there it is the real path: the worker runs
    # the normal sweep, which checks the reminder still applies, and sends the email.
    evaluation = (
        FollowUp.objects.filter(match=match_a, kind=FollowUpKind.EVALUATION)
        .order_by("due_on")
        .first()
    )
    today = timezone.localdate()
    FollowUp.objects.filter(pk=evaluation.pk).update(due_on=today)
    reminder = Notification.objects.get(
        kind="evaluation_due",
        target_type=ContentType.objects.get_for_model(FollowUp),
        target_id=evaluation.pk,
    )
    reminder.due_at = timezone.now() - dt.timedelta(minutes=1)
    reminder.context = {**reminder.context, "due_on": today.isoformat()}
    reminder.save(update_fields=["due_at", "context"])
    assert reminder.sent_at is None and not workers.mailbox.notification_ids()
    workers.start()
    notifications_sweep.delay()
    wait_for(
        lambda: reminder.pk in workers.mailbox.notification_ids(),
        what="the evaluation reminder in the outbox",
    )
    reminder.refresh_from_db()
    assert reminder.sent_at is not None
    (message,) = [
        m
        for m in sent_emails(workers.mailbox.path)
        if m["X-Coalition-Notification"] == str(reminder.pk)
    ]
    assert message["To"] == coordinator.email
    assert request_a.reference_code in message["Subject"]
    outbox_page = browser.new_context().new_page()
    outbox_page.set_content(
        "<h1>Outbox</h1><pre id=mail></pre>",
    )
    outbox_page.locator("#mail").evaluate(
        "(el, text) => { el.textContent = text; }",
        f"To: {message['To']}\nSubject: {message['Subject']}\n\n{plain_text(message)}",
    )
    shot(outbox_page, "evaluation-reminder-email")

    # 9. The coordinator records the evaluation.
    page.goto(f"{url}/dashboard/koppelingen/{match_a.pk}/")
    page.get_by_text("Record this evaluation").first.click()
    page.locator("[data-testid=followup-current] textarea").first.fill(
        "Het klikt goed, Joris komt op zaterdagochtend."
    )
    page.get_by_role("button", name="Save evaluation").first.click()
    expect(page.get_by_text("Evaluation recorded.")).to_be_visible()
    shot(page, "evaluation-recorded")

    # 10. The support ends: both matches, and the parent's request is closed.
    end_match(page, url, match_a)
    shot(page, "match-ended")
    end_match(page, url, match_b)
    page.goto(f"{url}/dashboard/verzoeken/{request_a.pk}/")
    expect(page.get_by_test_id("request-status")).to_have_text("Closed")
    shot(page, "request-closed")

    # 11. The school sees that the support for its family ended.
    partner_page.goto(f"{url}/partner/")
    row = partner_page.locator("li", has_text=code_b)
    expect(row.get_by_test_id("referral-status")).to_have_text("Support ended")
    expect(row).to_contain_text("Goals reached, support no longer needed")
    shot(partner_page, "partner-support-ended")

    # 12. The parent's private link says so, in Dutch.
    parent.goto(url + status_path)
    expect(parent.get_by_test_id("status-headline")).to_have_text(in_dutch("The support has ended"))
    shot(parent, "parent-support-ended")

    match_a.refresh_from_db()
    assert match_a.status == MatchStatus.ENDED
    assert match_a.followups.filter(done_on__isnull=False).count() == 1
