"""The reports page shows goals attained and network change per programme, with
cells under 5 suppressed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from coordinators.reports import SUPPRESSED, Scope, goals_attained, network_change
from families.models import GoalRating, NetworkMap
from families.services import goals_set
from tests.factories import SupportRequestFactory, programme

pytestmark = pytest.mark.django_db


def rated_request(first: int, last: int, **kwargs):
    request = SupportRequestFactory(**kwargs)
    (goal,) = goals_set(request=request, goals=[("Rust", "daily_care")])
    for days_ago, score in ((40, first), (5, last)):
        GoalRating.objects.create(
            goal=goal,
            score=score,
            moment="intake",
            rater="parent",
            rated_at=timezone.now() - dt.timedelta(days=days_ago),
        )
    return request


def scope() -> Scope:
    today = timezone.localdate()
    return Scope(start=today - dt.timedelta(days=60), end=today, programme_ids=None)


def test_a_large_enough_group_shows_its_figures_and_a_small_one_is_suppressed():
    for first, last in ((2, 6), (3, 5), (4, 4), (1, 8), (5, 6), (2, 2)):
        rated_request(first, last)
    rated_request(1, 9, programme=programme("home-start"))
    rated_request(2, 3, programme=programme("home-start"))

    rows = {row[0]: row for row in goals_attained(scope()).rows}

    # Buurtgezinnen: changes +4 +2 0 +7 +1 0 → mean 14/6 = 2.3; 3 of 6 improved by ≥ 2
    # (3 is under 5: the share is suppressed too, it would tell about 3 families).
    assert rows["Buurtgezinnen"] == ["Buurtgezinnen", 6, 6, 2.3, SUPPRESSED]
    assert rows["Home-Start"] == ["Home-Start", SUPPRESSED, SUPPRESSED, None, SUPPRESSED]


def test_network_change_in_percent_when_five_families_or_more():
    for n in range(6):
        request = rated_request(1, 5)
        NetworkMap.objects.create(
            request=request, moment="intake", answers={"talk": ["nobody"]}, rater="parent"
        )
        NetworkMap.objects.create(
            request=request,
            moment="closure",
            answers={"talk": ["nobody"] if n == 0 else ["volunteer"]},
            rater="parent",
        )

    talk = next(row for row in network_change(scope()).rows if row[0] == "Someone to talk to")

    assert talk == ["Someone to talk to", 6, 100, SUPPRESSED]


def test_the_reports_page_shows_the_outcome_tables(client, coordinator):
    for first, last in ((2, 6), (3, 5), (1, 8), (5, 9), (0, 3)):
        rated_request(first, last)  # +4 +2 +7 +4 +3: mean 4.0, all five improved
    client.force_login(coordinator)

    page = client.get("/dashboard/rapportages/").content.decode()

    assert "Parents&#x27; own goals: change from first to last rating" in page
    assert "Cells under 5 are not shown." in page
    csv = client.get("/dashboard/rapportages/goals-attained.csv").content.decode()
    assert "Buurtgezinnen,5,5,4.0,100" in csv.replace("\r", "")
