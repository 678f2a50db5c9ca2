"""Scoring as pure functions: scale scores with their missing-item rules, the
change between two measurements, the reliable change index and clinical cut-offs.

Nothing here touches the database: `spec_of` turns a registry scale into a
`ScaleSpec` once, and the functions compute on plain numbers (tested against
hand-computed examples in tests/instruments/test_scoring.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

# Jacobson & Truax (1991): a change beyond 1.96 standard errors of the difference
# is unlikely (p < .05) to be measurement error alone.
RCI_THRESHOLD = 1.96


@dataclass(frozen=True)
class ScaleSpec:
    code: str
    item_keys: tuple[str, ...]
    reverse_keys: frozenset[str]
    method: str  # "sum" or "mean"
    max_missing: int
    prorate: bool
    low: int  # lowest and highest answer value, to reverse an item
    high: int
    higher_is_better: bool = False
    reliability: float | None = None
    norm_sd: float | None = None
    cutoff: float | None = None


def item_score(value: int, *, reverse: bool, low: int, high: int) -> int:
    """A reverse-scored item counts from the other end of the scale."""
    return low + high - value if reverse else value


def scale_score(answers: dict[str, int | None], spec: ScaleSpec) -> float | None:
    """The scale's score, or None when more items are missing than its rule allows.

    A mean is over the answered items. A sum with missing items is prorated to all
    items (sum x items / answered) when the rule says so, else it is the plain sum."""
    scores = [
        item_score(answers[key], reverse=key in spec.reverse_keys, low=spec.low, high=spec.high)
        for key in spec.item_keys
        if answers.get(key) is not None
    ]
    missing = len(spec.item_keys) - len(scores)
    if not scores or missing > spec.max_missing:
        return None
    if spec.method == "mean":
        return sum(scores) / len(scores)
    if missing and spec.prorate:
        return sum(scores) * len(spec.item_keys) / len(scores)
    return float(sum(scores))


def scores_of(answers: dict[str, int | None], specs: list[ScaleSpec]) -> dict[str, float | None]:
    return {spec.code: scale_score(answers, spec) for spec in specs}


def standard_error_of_difference(*, norm_sd: float, reliability: float) -> float:
    """S_diff = √2 · SE, with SE = SD · √(1 - r)."""
    return math.sqrt(2) * norm_sd * math.sqrt(1 - reliability)


def reliable_change_index(
    before: float, after: float, *, norm_sd: float, reliability: float
) -> float:
    """Jacobson-Truax: RCI = (x2 - x1) / S_diff."""
    return (after - before) / standard_error_of_difference(norm_sd=norm_sd, reliability=reliability)


class Change(StrEnum):
    IMPROVED = "improved"
    UNCHANGED = "unchanged"
    WORSE = "worse"


def classify_change(before: float, after: float, spec: ScaleSpec) -> Change | None:
    """Reliably improved, unchanged or reliably worse, in the scale's direction; None
    when the scale has no reliability or norm SD to judge by."""
    if spec.reliability is None or not spec.norm_sd:
        return None
    rci = reliable_change_index(before, after, norm_sd=spec.norm_sd, reliability=spec.reliability)
    if abs(rci) < RCI_THRESHOLD:
        return Change.UNCHANGED
    went_up = rci > 0
    return Change.IMPROVED if went_up == spec.higher_is_better else Change.WORSE


def in_clinical_range(score: float, spec: ScaleSpec) -> bool | None:
    """At or beyond the cut-off, in the scale's direction; None without a cut-off."""
    if spec.cutoff is None:
        return None
    return score <= spec.cutoff if spec.higher_is_better else score >= spec.cutoff
