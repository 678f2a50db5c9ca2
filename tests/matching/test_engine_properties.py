"""Properties of the engine's pure core, on generated snapshots (no database)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from matching.engine.batch import candidate_edges, greedy, prune, solve
from matching.engine.eligibility import assess, reasons
from matching.engine.facts import (
    SCREENING_KINDS,
    ProgrammeRules,
    RequestFacts,
    VolunteerFacts,
    Weights,
)
from matching.engine.pool import Pool
from matching.engine.ranking import rank_facts

PROGRAMME_ID = 1
LANGUAGES = ["nl", "en", "ar", "tr"]
WIJKEN = [None, "WK1", "WK2", "WK3"]

# Around Tilburg: a few kilometres either way, so that radii matter.
lats = st.floats(min_value=51.52, max_value=51.62)
lons = st.floats(min_value=4.98, max_value=5.16)
masks = st.integers(min_value=0, max_value=(1 << 21) - 1)
language_sets = st.frozensets(st.sampled_from(LANGUAGES), max_size=3)


@st.composite
def programmes(draw):
    low = draw(st.integers(0, 10))
    return ProgrammeRules(
        id=PROGRAMME_ID,
        child_min_age=low,
        child_max_age=draw(st.integers(low, 23)),
        min_dagdelen=draw(st.integers(0, 4)),
        max_distance_km=draw(st.sampled_from([3.0, 5.0, 7.5, 10.0, 15.0])),
        required_screening=tuple(
            draw(st.lists(st.sampled_from(SCREENING_KINDS), unique=True, max_size=5))
        ),
    )


@st.composite
def requests(draw, request_id=1):
    return RequestFacts(
        id=request_id,
        programme_id=PROGRAMME_ID,
        lat=draw(lats),
        lon=draw(lons),
        wijk=draw(st.sampled_from(WIJKEN)),
        availability=draw(masks),
        languages=draw(language_sets),
        needs_shared_language=draw(st.booleans()),
        excludes_pets=draw(st.booleans()),
        excludes_smoking=draw(st.booleans()),
        child_ages=tuple(draw(st.lists(st.integers(0, 20), max_size=3))),
        waiting_days=draw(st.integers(0, 500)),
    )


@st.composite
def volunteers(draw, volunteer_id):
    low = draw(st.integers(0, 12))
    capacity = draw(st.integers(1, 3))
    return VolunteerFacts(
        id=volunteer_id,
        lat=draw(lats),
        lon=draw(lons),
        # The pool of a programme holds its own volunteers only.
        programme_ids=frozenset({PROGRAMME_ID}),
        available=draw(st.booleans()) or draw(st.booleans()),
        wijk=draw(st.sampled_from(WIJKEN)),
        travel_radius_km=draw(st.sampled_from([0.0, 1.0, 2.5, 3.0, 5.0, 10.0, 20.0])),
        availability=draw(masks),
        languages=draw(language_sets),
        child_age_min=low,
        child_age_max=draw(st.integers(low, 23)),
        has_pets=draw(st.booleans()),
        smokes=draw(st.booleans()),
        capacity=capacity,
        open_matches=draw(st.integers(0, capacity)),
        valid_screening=draw(st.frozensets(st.sampled_from(SCREENING_KINDS))),
    )


@st.composite
def volunteer_lists(draw, max_size=25):
    n = draw(st.integers(0, max_size))
    return [draw(volunteers(volunteer_id=i + 1)) for i in range(n)]


@st.composite
def request_lists(draw, max_size=12):
    n = draw(st.integers(0, max_size))
    return [draw(requests(request_id=i + 1)) for i in range(n)]


weights = st.builds(
    Weights,
    distance=st.integers(0, 50),
    availability=st.integers(0, 50),
    language=st.integers(0, 50),
    age_fit=st.integers(0, 50),
    same_wijk=st.integers(0, 50),
    waiting=st.integers(0, 50),
    load=st.integers(0, 50),
    waiting_full_days=st.integers(1, 365),
)

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(programmes(), requests(), volunteer_lists(), weights)
def test_the_vector_check_agrees_with_the_plain_rules_for_every_volunteer(
    programme, request, people, weights
):
    pool = Pool.from_facts(people)
    assessment = assess(request, programme, pool)
    for i, volunteer in enumerate(people):
        broken = reasons(request, programme, volunteer)
        assert bool(assessment.eligible[i]) == (not broken)
        failing = {rule for rule, mask in assessment.failures.items() if mask[i]}
        assert failing == set(broken)


@SETTINGS
@given(programmes(), requests(), volunteer_lists(), weights)
def test_no_ineligible_volunteer_is_ever_ranked(programme, request, people, weights):
    pool = Pool.from_facts(people)
    _assessment, ranked = rank_facts(request, programme, pool, weights, limit=None)
    for i in ranked.pool_index:
        assert reasons(request, programme, people[i]) == []
    eligible = [v for v in people if not reasons(request, programme, v)]
    assert len(ranked.pool_index) == len(eligible)


@SETTINGS
@given(programmes(), requests(), volunteer_lists(), weights)
def test_every_explanation_adds_up_to_its_score(programme, request, people, weights):
    pool = Pool.from_facts(people)
    _assessment, ranked = rank_facts(request, programme, pool, weights, limit=None)
    for score, contributions in zip(ranked.scores, ranked.contributions, strict=True):
        assert sum(c.points for c in contributions) == pytest.approx(score, abs=1e-9)
        assert all(c.label for c in contributions)
    assert ranked.scores == sorted(ranked.scores, reverse=True)


@SETTINGS
@given(programmes(), requests(), volunteer_lists(), weights)
def test_excluded_counts_are_the_volunteers_each_rule_excludes(programme, request, people, weights):
    assessment = assess(request, programme, Pool.from_facts(people))
    expected: dict[str, int] = {}
    for volunteer in people:
        for rule in reasons(request, programme, volunteer):
            expected[rule] = expected.get(rule, 0) + 1
    assert assessment.excluded_counts() == expected


def _batch(programme, request_list, people, weights):
    pool = Pool.from_facts(people)
    edges = candidate_edges(
        request_list, {PROGRAMME_ID: programme}, {PROGRAMME_ID: pool}, {PROGRAMME_ID: weights}
    )
    return edges, solve(edges, len(request_list)), greedy(edges)


@SETTINGS
@given(programmes(), request_lists(), volunteer_lists(), weights)
def test_the_batch_proposes_only_eligible_pairs_within_capacity(
    programme, request_list, people, weights
):
    _edges, pairs, _baseline = _batch(programme, request_list, people, weights)
    by_id = {v.id: v for v in people}
    assert len({p.request for p in pairs}) == len(pairs)
    for pair in pairs:
        assert reasons(request_list[pair.request], programme, by_id[pair.volunteer]) == []
    for volunteer in people:
        offered = sum(1 for p in pairs if p.volunteer == volunteer.id)
        assert offered <= volunteer.free_places


@SETTINGS
@given(programmes(), request_lists(), volunteer_lists(), weights)
def test_the_batch_total_is_never_below_the_greedy_total(programme, request_list, people, weights):
    _edges, pairs, baseline = _batch(programme, request_list, people, weights)
    assert sum(p.score for p in pairs) >= sum(p.score for p in baseline) - 1e-9


@settings(max_examples=40, deadline=None)
@given(programmes(), request_lists(max_size=6), volunteer_lists(max_size=8), weights)
def test_the_batch_finds_the_same_optimum_as_a_dense_assignment(
    programme, request_list, people, weights
):
    edges, pairs, _baseline = _batch(programme, request_list, people, weights)
    # Dense reference: one column per free place, ineligible pairs impossible.
    columns = [v.id for v in people for _ in range(v.free_places)]
    if not request_list or not columns:
        assert pairs == []
        return
    score = np.full((len(request_list), len(columns)), -1e6)
    for r, v, s in zip(edges.request, edges.volunteer, edges.score, strict=True):
        for c, owner in enumerate(columns):
            if owner == v:
                score[r, c] = s
    padded = np.hstack([score, np.zeros((len(request_list), len(request_list)))])
    rows, cols = linear_sum_assignment(padded, maximize=True)
    best = sum(padded[r, c] for r, c in zip(rows, cols, strict=True) if padded[r, c] > 0)
    assert sum(p.score for p in pairs) == pytest.approx(best, abs=1e-6)


def test_one_strong_volunteer_is_not_offered_to_every_family():
    programme = ProgrammeRules(id=PROGRAMME_ID, required_screening=())
    near = {"lat": 51.56, "lon": 5.08, "availability": 0b111, "languages": frozenset({"nl"})}
    families = [RequestFacts(id=i, programme_id=PROGRAMME_ID, **near) for i in (1, 2, 3)]
    star = VolunteerFacts(id=1, programme_ids=frozenset({1}), capacity=1, **near)
    second = VolunteerFacts(
        id=2, programme_ids=frozenset({1}), capacity=2, **{**near, "availability": 0b1}
    )
    _edges, pairs, _baseline = _batch(programme, families, [star, second], Weights())

    offered = [p.volunteer for p in pairs]
    assert sorted(offered) == [1, 2, 2]


@SETTINGS
@given(programmes(), request_lists(), volunteer_lists(), weights)
def test_pruning_the_pairs_changes_neither_the_optimum_nor_the_greedy_result(
    programme, request_list, people, weights
):
    edges, pairs, baseline = _batch(programme, request_list, people, weights)
    pruned = prune(edges, len(request_list))
    assert sum(p.score for p in solve(pruned, len(request_list))) == pytest.approx(
        sum(p.score for p in pairs), abs=1e-9
    )
    assert greedy(pruned) == baseline
