"""The soft criteria: a weighted score per eligible volunteer, and its explanation.

Each criterion gives points between 0 and its weight. The score is the sum of
the points, so an explanation (one line per criterion) always adds up to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
    # What the label says, as data (distance, shared dagdelen, ...).
    facts: dict = field(default_factory=dict, compare=False)

    def as_dict(self) -> dict:
        return {
            "criterion": self.criterion,
            "label": self.label,
            "points": self.points,
            "facts": self.facts,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Contribution:
        """A stored contribution, its label in the active language when it kept its facts."""
        facts = data.get("facts") or {}
        text = label(data["criterion"], facts) if facts else data.get("label", "")
        return cls(data["criterion"], text, float(data["points"]), facts)


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


def label(criterion: str, facts: dict) -> str:
    """A criterion's line in words, in the active language: explanations keep
    their facts, so a stored proposal reads in whichever language its reader uses."""
    if criterion == "distance":
        return gettext("Lives %(km)s km away (travels up to %(limit)s km)") % {
            "km": _km(facts["km"]),
            "limit": _km(facts["limit"]),
        }
    if criterion == "availability":
        return ngettext(
            "%(shared)s of the family's %(wanted)s dagdeel in common",
            "%(shared)s of the family's %(wanted)s dagdelen in common",
            facts["wanted"],
        ) % {"shared": facts["shared"], "wanted": facts["wanted"]}
    if criterion == "language":
        if not facts["languages"]:
            return gettext("Speaks none of the family's home languages")
        return gettext("Speaks %(languages)s, like the family") % {
            "languages": ", ".join(_language_name(c) for c in facts["languages"])
        }
    if criterion == "age_fit":
        if not facts["ages"]:
            return gettext("No children's ages known")
        return gettext("Prefers children aged %(low)s to %(high)s; the children are %(ages)s") % {
            "low": facts["low"],
            "high": facts["high"],
            "ages": ", ".join(str(a) for a in facts["ages"]),
        }
    if criterion == "same_wijk":
        if facts["same"]:
            return gettext("Lives in the same wijk (%(wijk)s)") % {"wijk": facts["wijk"]}
        return gettext("Lives in another wijk")
    if criterion == "waiting":
        return ngettext(
            "The family has waited %(days)s day",
            "The family has waited %(days)s days",
            facts["days"],
        ) % {"days": facts["days"]}
    if criterion == "load":
        return ngettext(
            "%(open)s of %(capacity)s place taken",
            "%(open)s of %(capacity)s places taken",
            facts["capacity"],
        ) % {"open": facts["open"], "capacity": facts["capacity"]}
    return criterion


def explain(
    assessment: Assessment, points: dict[str, np.ndarray], position: int, pool_index: int
) -> list[Contribution]:
    """The explanation of one candidate: `position` in the points arrays,
    `pool_index` in the assessment's pool."""
    pool, request = assessment.pool, assessment.request
    family_wijk = pool.wijk_codes.get(request.wijk, -2) if request.wijk else -2
    facts = {
        "distance": {
            "km": float(assessment.distance_km[pool_index]),
            "limit": float(assessment.limit_km[pool_index]),
        },
        "availability": {
            "shared": int(assessment.shared_dagdelen[pool_index]),
            "wanted": int(request.availability).bit_count(),
        },
        "language": {"languages": sorted(set(pool.languages[pool_index]) & request.languages)},
        "age_fit": {
            "low": int(pool.age_min[pool_index]),
            "high": int(pool.age_max[pool_index]),
            "ages": list(request.child_ages),
        },
        "same_wijk": {
            "same": bool(pool.wijk[pool_index] == family_wijk),
            "wijk": request.wijk_name or request.wijk or "",
        },
        "waiting": {"days": request.waiting_days},
        "load": {
            "open": int(pool.open_matches[pool_index]),
            "capacity": int(pool.capacity[pool_index]),
        },
    }
    return [
        Contribution(
            criterion,
            label(criterion, facts[criterion]),
            float(points[criterion][position]),
            facts[criterion],
        )
        for criterion in CRITERIA
    ]
