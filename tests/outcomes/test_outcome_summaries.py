"""The report selectors against small examples computed by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from families.models import GoalRating, NetworkMap, SupportRequest
from families.outcomes.summary import goals_attained_summary, network_change_summary
from families.services import goals_set
from tests.factories import SupportRequestFactory, programme

pytestmark = pytest.mark.django_db

START = timezone.now() - dt.timedelta(days=300)


def rate(goal, *scores):
    for day, score in enumerate(scores):
        GoalRating.objects.create(
            goal=goal,
            score=score,
            moment="intake" if day == 0 else "evaluation",
            rater="parent",
            rated_at=START + dt.timedelta(days=30 * day),
        )


def with_goals(request, count):
    return goals_set(request=request, goals=[(f"Doel {n}", "parenting") for n in range(count)])


def test_goals_attained_per_programme_as_computed_by_hand():
    # Buurtgezinnen, request A: 2 → 4 → 6 (+4, improved) and 5 → 6 (+1)
    a1, a2 = with_goals(SupportRequestFactory(), 2)
    rate(a1, 2, 4, 6)
    rate(a2, 5, 6)
    # Buurtgezinnen, request B: 7 → 5 (-2); a goal never rated; a goal rated once
    b1, _b2, b3 = with_goals(SupportRequestFactory(), 3)
    rate(b1, 7, 5)
    rate(b3, 3)
    # Home-Start, request C: 1 → 3 (+2, improved: exactly two points counts)
    (c1,) = with_goals(SupportRequestFactory(programme=programme("home-start")), 1)
    rate(c1, 1, 3)

    rows = {row.group: row for row in goals_attained_summary(SupportRequest.objects.all())}

    buurt = rows["Buurtgezinnen"]
    assert (buurt.goals, buurt.measured, buurt.improved) == (5, 3, 1)
    assert buurt.mean_change == pytest.approx((4 + 1 - 2) / 3)
    assert buurt.improved_share == pytest.approx(1 / 3)
    home = rows["Home-Start"]
    assert (home.goals, home.measured, home.mean_change, home.improved_share) == (1, 1, 2.0, 1.0)

    (everyone,) = goals_attained_summary(SupportRequest.objects.all(), by="wijk")
    assert (everyone.goals, everyone.measured, everyone.improved) == (6, 4, 2)
    assert everyone.mean_change == pytest.approx((4 + 1 - 2 + 2) / 4)


def test_only_the_requests_asked_for_are_counted():
    (goal,) = with_goals(SupportRequestFactory(), 1)
    rate(goal, 1, 9)
    other = SupportRequestFactory()

    assert goals_attained_summary(SupportRequest.objects.filter(pk=other.pk)) == []


def network(request, moment, **answers):
    NetworkMap.objects.create(request=request, moment=moment, answers=answers, rater="parent")


def test_network_change_counts_families_with_both_maps_as_computed_by_hand():
    a, b, c, d = (SupportRequestFactory() for _ in range(4))
    network(a, "intake", talk=["nobody"], daily_care=["family"])
    network(a, "closure", talk=["volunteer"], daily_care=["family"])
    network(b, "intake", talk=["nobody"], daily_care=["nobody"])
    network(b, "closure", talk=["nobody"], daily_care=["network"])
    network(c, "intake", talk=["nobody"])  # no closure map yet: not counted
    network(d, "intake", talk=["network"], daily_care=["nobody"])
    network(d, "closure", talk=["network", "volunteer"])  # daily care not answered at closure

    rows = {row.domain: row for row in network_change_summary(SupportRequest.objects.all())}

    talk = rows["talk"]
    assert (talk.families, talk.nobody_at_intake, talk.nobody_at_closure) == (3, 2, 1)
    assert talk.nobody_at_intake_share == pytest.approx(2 / 3)
    assert talk.nobody_at_closure_share == pytest.approx(1 / 3)
    care = rows["daily_care"]
    assert (care.families, care.nobody_at_intake, care.nobody_at_closure) == (2, 1, 0)
    assert rows["practical"].families == 0
    assert rows["practical"].nobody_at_intake_share is None


def test_the_summaries_take_a_fixed_number_of_queries(django_assert_num_queries):
    for _ in range(3):
        (goal,) = with_goals(SupportRequestFactory(), 1)
        rate(goal, 2, 8)

    with django_assert_num_queries(2):
        goals_attained_summary(SupportRequest.objects.all())
    with django_assert_num_queries(1):
        network_change_summary(SupportRequest.objects.all())
