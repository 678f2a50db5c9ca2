"""The report of support moments delivered, for funders: per month or quarter and
programme, aggregates only, counts from 1 to 4 shown as <5, on the page and as CSV."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from coordinators.reports import moments_delivered, scope_for, suppressed
from tests.factories import VolunteerFactory, moment_at, with_totp
from tests.matching.moment_helpers import NOW, active_match, at

pytestmark = pytest.mark.django_db


def test_counts_from_one_to_four_are_suppressed_and_zero_and_five_are_not():
    assert [str(suppressed(n)) for n in (0, 1, 4, 5, 12)] == ["0", "<5", "<5", "5", "12"]


@pytest.fixture
def matches(buurtgezinnen):
    return [active_match(VolunteerFactory(programmes=[buurtgezinnen])) for _ in range(5)]


def deliver(matches, home_start):
    """November: 6 dagdelen over 5 matches, 2 overnights; December: 5 dagdelen of one
    match; Home-Start: 3 visits in November; plus moments that do not count."""
    for i, match in enumerate(matches):
        moment_at(match, at(3 + i, 13, month=11), status="happened")
    moment_at(matches[0], at(20, 13, month=11), status="happened")
    for day in (21, 22):
        moment_at(matches[1], at(day, 17, month=11), kind="overnight", hours=17, status="happened")
    for day in (1, 2, 3):
        moment_at(matches[2], at(day, 9), status="happened")
    moment_at(matches[2], at(1, 14), status="happened")
    moment_at(matches[2], at(1, 18), status="happened")
    moment_at(matches[3], at(1, 18), status="cancelled", cancelled_by="family")
    moment_at(matches[4], at(2, 18))  # planned, never confirmed
    visiting = active_match(VolunteerFactory(programmes=[home_start]), programme=home_start)
    for day in (4, 11, 18):
        moment_at(visiting, at(day, 10, month=11), kind="visit", status="happened")


@time_machine.travel(NOW, tick=False)
def test_moments_that_took_place_are_counted_per_month_and_programme(
    matches, home_start, coalition_admin
):
    deliver(matches, home_start)
    scope = scope_for(user=coalition_admin, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))

    table = moments_delivered(scope)

    rows = [[str(cell) for cell in row] for row in table.rows]
    assert rows == [
        # period · programme, dagdelen, overnights, visits, matches
        ["2026-11 · Buurtgezinnen", "6", "<5", "0", "5"],
        ["2026-11 · Home-Start", "0", "0", "<5", "<5"],
        ["2026-12 · Buurtgezinnen", "5", "0", "0", "<5"],
    ]


@time_machine.travel(NOW, tick=False)
def test_per_quarter_the_months_add_up(matches, home_start, coalition_admin):
    deliver(matches, home_start)
    scope = scope_for(
        user=coalition_admin, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31), per="quarter"
    )

    rows = [[str(cell) for cell in row] for row in moments_delivered(scope).rows]

    assert rows[0] == ["2026 Q4 · Buurtgezinnen", "11", "<5", "0", "5"]


@time_machine.travel(NOW, tick=False)
def test_a_coordinator_sees_only_their_programmes_moments(matches, home_start, coordinator):
    deliver(matches, home_start)
    scope = scope_for(user=coordinator, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))

    labels = [row[0] for row in moments_delivered(scope).rows]

    assert labels == ["2026-11 · Buurtgezinnen", "2026-12 · Buurtgezinnen"]


@time_machine.travel(NOW, tick=False)
def test_the_reports_page_and_csv_show_the_moments_suppressed(
    client, matches, home_start, coordinator
):
    deliver(matches, home_start)
    with_totp(coordinator)
    client.force_login(coordinator)

    page = client.get(reverse("coordinators:reports"), {"per": "month"}).content.decode()
    csv = client.get(reverse("coordinators:report_csv", args=["moments"])).content.decode()

    assert "Support moments that took place" in page
    assert "&lt;5" in page
    assert "Counts from 1 to 4 are shown as &lt;5." in page
    assert csv.splitlines()[1] == "2026-11 · Buurtgezinnen,6,<5,0,5"
    assert "Quirijnsen" not in csv
