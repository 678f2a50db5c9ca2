"""The funders' reports: questionnaire change, match survival, early closures;
aggregates only, with counts of 1 to 4 suppressed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from coalition.instruments.models import Instrument
from coordinators.reports import (
    SUPPRESSED,
    early_closures,
    instrument_change,
    match_survival,
    scope_for,
    suppressed,
    suppressed_rate,
)
from coordinators.reports.survival import survival_curve
from families.models import Administration
from tests.factories import MatchFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db


def test_a_count_of_1_to_4_is_suppressed_and_0_or_5_is_shown():
    assert [suppressed(n) for n in (0, 1, 4, 5, 12)] == [0, "<5", "<5", 5, 12]


def test_a_rate_on_a_suppressed_count_is_not_shown():
    assert suppressed_rate(3, 20) == SUPPRESSED
    assert suppressed_rate(5, 4) == SUPPRESSED
    assert suppressed_rate(5, 20) == 25.0
    assert suppressed_rate(0, 20) == 0.0


def test_the_survival_curve_equals_the_one_computed_by_hand():
    # days 2, 3, 3+, 5, 8+ (+ = still running):
    # t=2: 5 at risk, 1 ends: S = 4/5 = 0.8
    # t=3: 4 at risk, 1 ends (one censored): S = 0.8 x 3/4 = 0.6
    # t=5: 2 at risk, 1 ends: S = 0.6 x 1/2 = 0.3; t=8 censored: stays 0.3
    curve = survival_curve([2, 3, 3, 5, 8], [True, True, False, True, False])

    assert [day for day, _share in curve.points] == [0, 2, 3, 5, 8]
    assert [share for _day, share in curve.points] == pytest.approx([1.0, 0.8, 0.6, 0.3, 0.3])
    # the first day the share is at or below one half
    assert curve.median == 5


def test_lifelines_gives_the_same_numbers_as_the_hand_computation():
    from lifelines import KaplanMeierFitter

    fitter = KaplanMeierFitter().fit([2, 3, 3, 5, 8], event_observed=[1, 1, 0, 1, 0])

    assert list(fitter.survival_function_.iloc[:, 0]) == pytest.approx([1, 0.8, 0.6, 0.3, 0.3])
    assert fitter.median_survival_time_ == 5


def test_a_median_that_is_not_reached_is_said_so():
    assert survival_curve([10, 20, 30], [True, False, False]).median is None


def _matches(programme, *, started_days_ago, ended_days_ago):
    today = timezone.localdate()
    for start, end in zip(started_days_ago, ended_days_ago, strict=True):
        MatchFactory(
            request=SupportRequestFactory(programme=programme, status="matched"),
            programme=programme,
            status="active" if end is None else "ended",
            end_reason="" if end is None else "no_click",
            started_on=today - dt.timedelta(days=start),
            ended_on=None if end is None else today - dt.timedelta(days=end),
        )


def _scope(user, days=60):
    today = timezone.localdate()
    return scope_for(user=user, start=today - dt.timedelta(days=days), end=today)


def test_match_survival_per_programme_censors_running_matches(
    coalition_admin, buurtgezinnen, home_start
):
    # durations 2, 3, 3+, 5, 8+ as above, measured up to today
    _matches(
        buurtgezinnen, started_days_ago=[10, 10, 3, 10, 8], ended_days_ago=[8, 7, None, 5, None]
    )
    _matches(home_start, started_days_ago=[5, 5], ended_days_ago=[1, None])

    table = match_survival(_scope(coalition_admin))

    assert table.rows == [["Buurtgezinnen", 5, "<5", 5.0], ["Home-Start", "<5", "<5", "<5"]]
    chart = str(table.chart())
    assert chart.count("<polyline") == 1  # no curve for fewer than 5 matches
    assert "Buurtgezinnen" in chart and "Home-Start" not in chart


def test_early_closures_are_counted_per_programme(coalition_admin, buurtgezinnen):
    _matches(buurtgezinnen, started_days_ago=[30] * 6, ended_days_ago=[5] * 6)
    MatchFactory(
        request=SupportRequestFactory(programme=buurtgezinnen, status="closed"),
        programme=buurtgezinnen,
        status="ended",
        end_reason="goals_reached",
        started_on=timezone.localdate() - dt.timedelta(days=40),
        ended_on=timezone.localdate() - dt.timedelta(days=2),
    )

    table = early_closures(_scope(coalition_admin))

    # 7 ended, 6 early (no click): 85.7 %
    assert table.rows == [["Buurtgezinnen", 7, 6, 85.7]]


def _measured(programme, before: dict, after: dict, *, days_ago=3):
    instrument = Instrument.objects.get(code="coalitie-ouderbalans")
    request = SupportRequestFactory(programme=programme, status="matched")
    now = timezone.now()
    for moment, scores, when in (
        ("intake", before, now - dt.timedelta(days=100)),
        ("closure", after, now - dt.timedelta(days=days_ago)),
    ):
        Administration.objects.create(
            request=request,
            instrument=instrument,
            moment=moment,
            mode="conversation",
            scores=scores,
            completed_at=when,
            created_at=when,
        )


def test_instrument_change_counts_families_by_their_reliable_change(coalition_admin, buurtgezinnen):
    # S_diff = sqrt(2) x 5 x sqrt(0.2) = 3.162: a change of 7 is reliable, of 6 is not
    for _ in range(5):
        _measured(buurtgezinnen, {"total": 20.0}, {"total": 13.0})  # RCI -2.21: improved
    for _ in range(6):
        _measured(buurtgezinnen, {"total": 20.0}, {"total": 14.0})  # RCI -1.90: unchanged
    _measured(buurtgezinnen, {"total": 10.0}, {"total": 17.0})  # RCI +2.21: worse
    _measured(buurtgezinnen, {"total": 10.0}, {"total": 17.0}, days_ago=90)  # before the period

    table = instrument_change(_scope(coalition_admin))

    assert table.rows == [["Buurtgezinnen · Ouderbalans (1.0)", 5, 6, "<5"]]


def test_the_report_page_shows_the_new_reports_and_their_csv(
    staff_client, coordinator, buurtgezinnen
):
    _matches(buurtgezinnen, started_days_ago=[10] * 5, ended_days_ago=[8, 7, None, 5, None])
    client = staff_client(coordinator)

    page = client.get(reverse("coordinators:reports")).content.decode()
    csv = client.get(reverse("coordinators:report_csv", args=["match-survival"])).content.decode()

    assert "How long matches last (Kaplan-Meier)" in page
    assert "Counts from 1 to 4 are shown as &lt;5." in page or "1 to 4 are shown as <5" in page
    assert csv.splitlines()[1] == "Buurtgezinnen,5,<5,5.0"


def _grow(programme, n):
    for _ in range(n):
        _measured(programme, {"total": 20.0}, {"total": 10.0})
        _matches(programme, started_days_ago=[20], ended_days_ago=[None])


def test_the_report_page_costs_the_same_queries_with_more_data(
    staff_client, coordinator, buurtgezinnen, home_start, django_assert_num_queries
):
    client = staff_client(coordinator)
    assert client.get("/dashboard/").status_code == 200
    _grow(buurtgezinnen, 6)
    _grow(home_start, 6)
    with django_assert_num_queries(29):
        assert client.get(reverse("coordinators:reports")).status_code == 200
    _grow(buurtgezinnen, 30)
    with django_assert_num_queries(29):
        assert client.get(reverse("coordinators:reports")).status_code == 200
