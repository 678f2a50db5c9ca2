"""The shortlist of one request: best first, explained, and helpful when empty."""

from __future__ import annotations

import pytest

from matching.engine import rank_candidates
from matching.models import MatchingWeights
from tests.factories import SupportRequestFactory
from tests.matching.engine_helpers import engine_distance, volunteer_for, waiting_request

pytestmark = pytest.mark.django_db


def test_the_nearest_volunteer_comes_first_with_its_explanation(buurtgezinnen):
    request = waiting_request(buurtgezinnen)
    further = volunteer_for(buurtgezinnen, pc4="5037")
    nearest = volunteer_for(buurtgezinnen, pc4="5038")

    ranking = rank_candidates(request)
    assert [c.volunteer for c in ranking.candidates] == [nearest, further]
    best = ranking.candidates[0]
    assert best.distance_km == 0.0
    assert best.shared_dagdelen == 3
    assert [c.criterion for c in best.contributions] == [
        "distance",
        "availability",
        "language",
        "age_fit",
        "same_wijk",
        "waiting",
        "load",
    ]
    assert sum(c.points for c in best.contributions) == pytest.approx(best.score)
    labels = [c.label for c in best.contributions]
    assert "Lives 0 km away (travels up to 5 km)" in labels
    assert "3 of the family's 3 dagdelen in common" in labels
    assert "0 of 1 place taken" in labels


def test_the_shortlist_is_cut_at_the_limit(buurtgezinnen):
    request = waiting_request(buurtgezinnen)
    for _ in range(4):
        volunteer_for(buurtgezinnen)

    ranking = rank_candidates(request, limit=3)
    assert len(ranking.candidates) == 3
    assert ranking.eligible_count == 4


def test_a_coalition_admins_weights_change_the_order(buurtgezinnen):
    request = waiting_request(buurtgezinnen, wijk_id="WK085510")
    same_wijk = volunteer_for(buurtgezinnen, pc4="5037", wijk_id="WK085510")
    nearer = volunteer_for(buurtgezinnen, pc4="5038", wijk_id="WK085537")
    assert rank_candidates(request).candidates[0].volunteer == nearer

    MatchingWeights.objects.update_or_create(
        programme=buurtgezinnen, defaults={"distance": 0, "same_wijk": 50}
    )
    assert rank_candidates(request).candidates[0].volunteer == same_wijk


def test_when_no_one_is_eligible_it_says_what_relaxing_the_distance_would_bring(
    buurtgezinnen, home_start
):
    request = waiting_request(buurtgezinnen)
    distance = engine_distance("5038", "5043")  # 5.2 km, beyond Buurtgezinnen's 5 km
    for _ in range(3):
        volunteer_for(buurtgezinnen, pc4="5043", travel_radius_km=5)
    volunteer_for(home_start, travel_radius_km=5)

    ranking = rank_candidates(request)
    assert ranking.candidates == []
    assert ranking.excluded_summary == ["3 too far"]
    assert ranking.relaxations == [
        "3 candidates within 6 km instead of 5 km (the programme's maximum is 5 km)"
    ]
    assert distance > 5
    assert ranking.other_programmes == [(home_start, 1)]


def test_relaxing_a_volunteers_own_radius_is_worded_as_travelling_further(home_start):
    request = waiting_request(home_start)
    volunteer_for(home_start, pc4="5043", travel_radius_km=3)

    ranking = rank_candidates(request)
    assert ranking.relaxations == [
        "1 candidate within 6 km instead of 3 km, if they would travel further"
    ]


def test_a_request_in_the_intake_queue_is_shown_the_programmes_with_volunteers(
    buurtgezinnen, home_start
):
    request = SupportRequestFactory(programme=None, help_me_choose=True)
    volunteer_for(buurtgezinnen)
    volunteer_for(buurtgezinnen)
    volunteer_for(home_start)

    ranking = rank_candidates(request)
    assert ranking.candidates == []
    assert ranking.other_programmes == [(buurtgezinnen, 2), (home_start, 1)]
