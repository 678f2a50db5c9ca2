"""Scores, missing items, subscales and the reliable change index, against sums done by hand."""

from __future__ import annotations

import math

import pytest

from coalition.instruments.scoring import (
    Change,
    ScaleSpec,
    classify_change,
    in_clinical_range,
    reliable_change_index,
    scale_score,
    standard_error_of_difference,
)

# A made-up 0-4 scale of four items; item 3 is reverse-scored.
TOTAL = ScaleSpec(
    code="total",
    item_keys=("1", "2", "3", "4"),
    reverse_keys=frozenset({"3"}),
    method="sum",
    max_missing=1,
    prorate=True,
    low=0,
    high=4,
    reliability=0.84,
    norm_sd=5.0,
)


def test_a_reverse_scored_item_counts_from_the_other_end():
    # 1 + 2 + (4 - 4 = 0) + 3 = 6
    assert scale_score({"1": 1, "2": 2, "3": 4, "4": 3}, TOTAL) == 6.0


def test_a_sum_with_one_missing_item_is_prorated_to_all_items():
    # answered: 2 + (4 - 1 = 3) + 4 = 9 over 3 items; 9 x 4 / 3 = 12
    assert scale_score({"1": 2, "3": 1, "4": 4}, TOTAL) == 12.0


def test_a_sum_without_prorating_is_the_plain_sum_of_what_was_answered():
    spec = ScaleSpec(**{**vars(TOTAL), "prorate": False})

    assert scale_score({"1": 2, "3": 1, "4": 4}, spec) == 9.0


def test_more_missing_items_than_the_rule_allows_gives_no_score():
    assert scale_score({"1": 2, "2": 2}, TOTAL) is None
    assert scale_score({}, TOTAL) is None


def test_a_mean_is_over_the_answered_items():
    spec = ScaleSpec(**{**vars(TOTAL), "method": "mean"})

    # (3 + 1 + (4 - 2 = 2)) / 3 = 2
    assert scale_score({"1": 3, "2": 1, "3": 2}, spec) == 2.0


def test_a_subscale_scores_only_its_own_items_and_its_own_missing_rule():
    support = ScaleSpec(
        code="support",
        item_keys=("5", "6"),
        reverse_keys=frozenset({"5", "6"}),
        method="sum",
        max_missing=0,
        prorate=False,
        low=0,
        high=4,
    )
    answers = {"1": 4, "5": 3, "6": 0}

    # (4 - 3) + (4 - 0) = 5; item 1 is not in it
    assert scale_score(answers, support) == 5.0
    assert scale_score({"5": 3}, support) is None


def test_the_reliable_change_index_follows_jacobson_and_truax():
    # S_diff = sqrt(2) x 5 x sqrt(1 - 0.84) = sqrt(2) x 5 x 0.4 = 2.8284...
    s_diff = standard_error_of_difference(norm_sd=5.0, reliability=0.84)
    assert s_diff == pytest.approx(2 * math.sqrt(2))

    # from 20 to 12: -8 / 2.8284 = -2.828
    assert reliable_change_index(20, 12, norm_sd=5.0, reliability=0.84) == pytest.approx(
        -2.8284, abs=1e-4
    )


def test_a_lower_strain_score_beyond_the_threshold_is_reliably_improved():
    assert classify_change(20, 12, TOTAL) == Change.IMPROVED  # RCI -2.83
    assert classify_change(12, 20, TOTAL) == Change.WORSE  # RCI +2.83
    # 20 -> 15: -5 / 2.8284 = -1.77, within 1.96
    assert classify_change(20, 15, TOTAL) == Change.UNCHANGED


def test_on_a_scale_where_higher_is_better_a_rise_is_improvement():
    better = ScaleSpec(**{**vars(TOTAL), "higher_is_better": True})

    assert classify_change(12, 20, better) == Change.IMPROVED
    assert classify_change(20, 12, better) == Change.WORSE


def test_the_boundary_of_the_reliable_change_is_1_96():
    # a change of exactly 1.96 x S_diff counts as reliable
    s_diff = 2 * math.sqrt(2)
    assert classify_change(10, 10 + 1.96 * s_diff + 1e-9, TOTAL) == Change.WORSE
    assert classify_change(10, 10 + 1.95 * s_diff, TOTAL) == Change.UNCHANGED


def test_without_reliability_there_is_no_judgement_of_change():
    spec = ScaleSpec(**{**vars(TOTAL), "reliability": None})

    assert classify_change(20, 2, spec) is None


def test_the_clinical_range_is_at_or_beyond_the_cut_off_in_the_scales_direction():
    worse_high = ScaleSpec(**{**vars(TOTAL), "cutoff": 14})
    better_high = ScaleSpec(**{**vars(TOTAL), "cutoff": 14, "higher_is_better": True})

    assert in_clinical_range(14, worse_high) is True
    assert in_clinical_range(13, worse_high) is False
    assert in_clinical_range(14, better_high) is True
    assert in_clinical_range(15, better_high) is False
    assert in_clinical_range(30, TOTAL) is None
