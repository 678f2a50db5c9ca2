"""The soft criteria: a weighted score per eligible volunteer, and its explanation.

Each criterion gives points between 0 and its weight. The score is the sum of
the points, so an explanation (one line per criterion) always adds up to it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.utils.translation import get_language_info, gettext, ngettext

from matching.engine.eligibility import Assessment, popcount
from matching.engine.facts import Weights

CRITERIA = ("distance", "availability", "language", "age_fit", "same_wijk", "waiting", "load")


@dataclass(frozen=True)
class Contribution:
    criterion: str
    label: str
    points: float

    def as_dict(self) -> dict:
        return {"criterion": self.criterion, "label": self.label, "points": self.points}


def criterion_points(
    assessment: Assessment, weights: Weights, index: np.ndarray
) -> dict[str, np.ndarray]:
    """Points per criterion for the volunteers at `index` (eligible ones)."""
    pool, request = assessment.pool, assessment.request
    distance = assessment.distance_km[index]
    limit = assessment.limit_km[index]
    with np.errstate(divide="ignore", invalid="ignore"):
        closeness = np.where(limit > 0, 1.0 - distance / limit, 1.0)
    closeness = np.clip(closeness, 0.0, 1.0)

    wanted = int(popcount(np.array([request.availability], dtype=np.int64))[0])
    shared = assessment.shared_dagdelen[index].astype(np.float64)
    overlap = np.clip(shared / wanted, 0.0, 1.0) if wanted else np.zeros(len(index))

    language = assessment.shared_language[index].astype(np.float64)

    ages = request.child_ages
    if ages:
        mean_age = sum(ages) / len(ages)
        low = pool.age_min[index].astype(np.float64)
        high = pool.age_max[index].astype(np.float64)
        middle, half = (low + high) / 2, (high - low) / 2
        age_fit = np.clip(1.0 - np.abs(mean_age - middle) / (half + 1.0), 0.0, 1.0)
    else:
        age_fit = np.ones(len(index))

    family_wijk = pool.wijk_codes.get(request.wijk, -2) if request.wijk else -2
    same_wijk = (pool.wijk[index] == family_wijk).astype(np.float64)

    waiting = min(request.waiting_days / max(weights.waiting_full_days, 1), 1.0)
    waiting = max(waiting, 0.0)

    capacity = pool.capacity[index].astype(np.float64)
    load = np.clip(1.0 - pool.open_matches[index] / capacity, 0.0, 1.0)

    return {
        "distance": weights.distance * closeness,
        "availability": weights.availability * overlap,
        "language": weights.language * language,
        "age_fit": weights.age_fit * age_fit,
        "same_wijk": weights.same_wijk * same_wijk,
        "waiting": np.full(len(index), weights.waiting * waiting),
        "load": weights.load * load,
    }


def total(points: dict[str, np.ndarray]) -> np.ndarray:
    """The score: criterion points added in the fixed order of CRITERIA, the same
    order in which an explanation lists them."""
    score = None
    for criterion in CRITERIA:
        score = points[criterion] if score is None else score + points[criterion]
    return score


def _km(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def explain(
    assessment: Assessment, points: dict[str, np.ndarray], position: int, pool_index: int
) -> list[Contribution]:
    """The explanation of one candidate: `position` in the points arrays,
    `pool_index` in the assessment's pool."""
    pool, request = assessment.pool, assessment.request
    distance = float(assessment.distance_km[pool_index])
    limit = float(assessment.limit_km[pool_index])
    shared = int(assessment.shared_dagdelen[pool_index])
    wanted = int(request.availability).bit_count()
    common = sorted(set(pool.languages[pool_index]) & request.languages)
    ages = request.child_ages
    open_matches = int(pool.open_matches[pool_index])
    capacity = int(pool.capacity[pool_index])
    same_wijk = bool(points["same_wijk"][position] > 0) or (
        request.wijk is not None
        and pool.wijk[pool_index] >= 0
        and pool.wijk[pool_index] == pool.wijk_codes.get(request.wijk, -2)
    )

    labels = {
        "distance": gettext("Lives %(km)s km away (travels up to %(limit)s km)")
        % {"km": _km(distance), "limit": _km(limit)},
        "availability": ngettext(
            "%(shared)s of the family's %(wanted)s dagdeel in common",
            "%(shared)s of the family's %(wanted)s dagdelen in common",
            wanted,
        )
        % {"shared": shared, "wanted": wanted},
        "language": (
            gettext("Speaks %(languages)s, like the family")
            % {"languages": ", ".join(_language_name(c) for c in common)}
            if common
            else gettext("Speaks none of the family's home languages")
        ),
        "age_fit": (
            gettext("Prefers children aged %(low)s to %(high)s; the children are %(ages)s")
            % {
                "low": int(pool.age_min[pool_index]),
                "high": int(pool.age_max[pool_index]),
                "ages": ", ".join(str(a) for a in ages),
            }
            if ages
            else gettext("No children's ages known")
        ),
        "same_wijk": (
            gettext("Lives in the same wijk (%(wijk)s)")
            % {"wijk": request.wijk_name or request.wijk}
            if same_wijk
            else gettext("Lives in another wijk")
        ),
        "waiting": ngettext(
            "The family has waited %(days)s day",
            "The family has waited %(days)s days",
            request.waiting_days,
        )
        % {"days": request.waiting_days},
        "load": ngettext(
            "%(open)s of %(capacity)s place taken",
            "%(open)s of %(capacity)s places taken",
            capacity,
        )
        % {"open": open_matches, "capacity": capacity},
    }
    return [
        Contribution(criterion, labels[criterion], float(points[criterion][position]))
        for criterion in CRITERIA
    ]
