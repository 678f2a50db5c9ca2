"""Today's work: what needs the coordinator, with days waiting against the intake promise."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from coalition.workdays import working_days_between
from coordinators.selectors import (
    PANEL_LIMIT,
    dashboard_overview,
    promise_level,
)
from families.models import RequestStatus
from matching.models import FollowUp, FollowUpKind, MatchStatus
from tests.factories import MatchFactory, SupportRequestFactory, VolunteerFactory
from volunteers.models import ScreeningStep, VolunteerStatus

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 11, 16)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def amsterdam(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=AMSTERDAM)


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (MONDAY, MONDAY, 0),
        (MONDAY, MONDAY + dt.timedelta(days=1), 1),
        (MONDAY, MONDAY + dt.timedelta(days=4), 4),  # Friday
        (MONDAY, MONDAY + dt.timedelta(days=6), 4),  # Sunday: the weekend does not count
        (MONDAY, MONDAY + dt.timedelta(days=7), 5),  # next Monday
        (MONDAY + dt.timedelta(days=5), MONDAY + dt.timedelta(days=7), 1),  # Sat -> Mon
        (MONDAY, MONDAY + dt.timedelta(days=21), 15),
        (MONDAY, MONDAY - dt.timedelta(days=3), 0),
    ],
)
def test_working_days_count_monday_to_friday_only(start, end, days):
    assert working_days_between(start, end) == days


def test_the_colour_follows_the_intake_promise_of_five_working_days(settings):
    settings.INTAKE_PROMISE_WORKING_DAYS = 5
    assert [promise_level(d) for d in range(7)] == [
        "ok",
        "ok",
        "ok",
        "soon",
        "soon",
        "late",
        "late",
    ]


@time_machine.travel(dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC), tick=False)
def test_a_request_from_last_monday_is_late_on_the_dashboard(client, coordinator):
    late = SupportRequestFactory(created_at=dt.datetime(2026, 11, 16, 10, 0, tzinfo=dt.UTC))
    fresh = SupportRequestFactory(created_at=dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC))
    overview = dashboard_overview(user=coordinator)
    rows = {row.obj: row for row in overview.new_requests}
    assert (rows[late].days, rows[late].level) == (5, "late")
    assert (rows[fresh].days, rows[fresh].level) == (1, "ok")
    client.force_login(coordinator)
    page = client.get("/dashboard/").content.decode()
    assert "text-bg-danger" in page
    assert "5 working days" in page


def test_followups_overdue_and_due_this_week_are_listed_apart(coordinator):
    today = timezone.localdate()
    match = MatchFactory(status=MatchStatus.ACTIVE, started_on=today - dt.timedelta(days=90))
    overdue = match.followups.create(kind=FollowUpKind.EVALUATION, due_on=today - dt.timedelta(3))
    this_week = match.followups.create(kind=FollowUpKind.CHECK_IN, due_on=today)
    match.followups.create(kind=FollowUpKind.EVALUATION, due_on=today + dt.timedelta(days=30))
    match.followups.create(
        kind=FollowUpKind.CHECK_IN, due_on=today - dt.timedelta(days=1), done_on=today
    )
    overview = dashboard_overview(user=coordinator)
    assert overview.followups_overdue == [overdue]
    assert overview.followups_this_week == [this_week]


def test_trials_ending_within_two_weeks_are_listed(coordinator):
    today = timezone.localdate()
    soon = MatchFactory(status=MatchStatus.TRIAL, trial_ends_on=today + dt.timedelta(days=10))
    MatchFactory(status=MatchStatus.TRIAL, trial_ends_on=today + dt.timedelta(days=40))
    assert dashboard_overview(user=coordinator).trials_ending == [soon]


def test_volunteers_needing_action_are_listed(coordinator):
    today = timezone.localdate()
    applicant = VolunteerFactory(status=VolunteerStatus.APPLIED, screened=False)
    unscreened = VolunteerFactory(status=VolunteerStatus.SCREENING, screened=False)
    expiring = VolunteerFactory(status=VolunteerStatus.ACTIVE)
    ScreeningStep.objects.filter(volunteer=expiring, kind="vog").update(
        expires_on=today + dt.timedelta(days=45)
    )
    overview = dashboard_overview(user=coordinator)
    assert [row.obj for row in overview.applicants] == [applicant]
    assert [row.obj for row in overview.screening_incomplete] == [unscreened]
    assert "Certificate of conduct (VOG)" in overview.screening_incomplete[0].extra
    assert [step.volunteer for step in overview.vogs_expiring] == [expiring]


# Late in the evening in Amsterdam: 22:30 UTC, after the clocks went back on
# 25 October, so "40 days ago" in Amsterdam days is not 40 times 24 hours ago.
LATE_EVENING = amsterdam(2026, 11, 20, 23, 30)


@time_machine.travel(LATE_EVENING, tick=False)
def test_approved_volunteers_without_a_match_for_30_days_are_listed(coordinator):
    idle = VolunteerFactory(status_changed_at=amsterdam(2026, 10, 11, 0, 30))  # 40 days
    VolunteerFactory(status_changed_at=amsterdam(2026, 11, 15, 10, 0))  # just approved
    # 29 Amsterdam days ago, though more than 30 times 24 hours have passed.
    VolunteerFactory(status_changed_at=amsterdam(2026, 10, 22, 0, 15))
    busy = VolunteerFactory(status_changed_at=amsterdam(2026, 10, 11, 0, 30))
    MatchFactory(volunteer=busy, status=MatchStatus.ACTIVE)
    recently_ended = VolunteerFactory(status_changed_at=amsterdam(2026, 10, 11, 0, 30))
    MatchFactory(
        volunteer=recently_ended,
        status=MatchStatus.ENDED,
        end_reason="planned_end",
        ended_on=dt.date(2026, 11, 17),
    )
    rows = dashboard_overview(user=coordinator).idle_volunteers
    assert [row.obj for row in rows] == [idle]
    assert rows[0].days == 40


@time_machine.travel(LATE_EVENING, tick=False)
def test_a_volunteer_free_for_30_amsterdam_days_is_idle_at_the_end_of_the_day(coordinator):
    idle = VolunteerFactory(status_changed_at=amsterdam(2026, 10, 21, 23, 45))
    rows = dashboard_overview(user=coordinator).idle_volunteers
    assert [(row.obj, row.days) for row in rows] == [(idle, 30)]


@time_machine.travel(LATE_EVENING, tick=False)
def test_families_waiting_longest_come_first(coordinator):
    recent = SupportRequestFactory(
        status=RequestStatus.WAITING_FOR_MATCH, status_changed_at=amsterdam(2026, 11, 17, 9, 0)
    )
    oldest = SupportRequestFactory(
        status=RequestStatus.WAITING_FOR_MATCH, status_changed_at=amsterdam(2026, 9, 21, 0, 30)
    )
    rows = dashboard_overview(user=coordinator).families_waiting
    assert [row.obj for row in rows] == [oldest, recent]
    assert [row.days for row in rows] == [60, 3]


def test_many_overdue_followups_do_not_hide_the_ones_due_this_week(coordinator):
    today = timezone.localdate()
    match = MatchFactory(status=MatchStatus.ACTIVE, started_on=today - dt.timedelta(days=400))
    FollowUp.objects.bulk_create(
        FollowUp(match=match, kind=FollowUpKind.CHECK_IN, due_on=today - dt.timedelta(days=d))
        for d in range(1, 46)
    )
    this_week = match.followups.create(kind=FollowUpKind.EVALUATION, due_on=today)
    overview = dashboard_overview(user=coordinator)
    assert overview.followups_this_week == [this_week]
    assert len(overview.followups_overdue) == PANEL_LIMIT
    # The longest overdue first.
    assert overview.followups_overdue[0].due_on == today - dt.timedelta(days=45)


def test_volunteers_with_complete_screening_do_not_crowd_out_the_incomplete_one(coordinator):
    long_ago = timezone.now() - dt.timedelta(days=100)
    for _ in range(PANEL_LIMIT + 5):
        VolunteerFactory(status=VolunteerStatus.SCREENING, status_changed_at=long_ago)
    waiting = VolunteerFactory(status=VolunteerStatus.SCREENING, screened=False)
    rows = dashboard_overview(user=coordinator).screening_incomplete
    assert [row.obj for row in rows] == [waiting]


def test_the_dashboard_links_waiting_families_to_the_shortlist(client, coordinator):
    waiting = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH)
    client.force_login(coordinator)
    page = client.get("/dashboard/").content.decode()
    assert f"/dashboard/verzoeken/{waiting.pk}/koppelen/" in page


def test_the_coordinator_menu_is_on_the_dashboard(client, coordinator):
    client.force_login(coordinator)
    page = client.get("/dashboard/").content.decode()
    for label in ("Today", "Requests", "Families", "Volunteers", "Matches", "Reports"):
        assert f">{label}</a>" in page
