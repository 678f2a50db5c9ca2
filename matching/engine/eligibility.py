"""The hard rules: who may be proposed for a request at all.

`assess` checks one request against a whole pool with vector operations and
keeps, per rule, which volunteers fail it (so every exclusion can be counted and
explained). `reasons` checks one pair in plain Python: it is the readable
statement of the rules, used inside `match_propose` and as the oracle in tests.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matching.engine.facts import ProgrammeRules, RequestFacts, VolunteerFacts
from matching.engine.pool import Pool, distances_km, language_mask

# Rule keys in the order a coordinator reads them.
RULES = (
    "status",
    "already_matched",
    "capacity",
    "screening_intake",
    "screening_vog",
    "screening_references",
    "screening_training",
    "screening_household_vog",
    "age_programme",
    "age_preference",
    "distance",
    "availability",
    "language",
    "pets",
    "smoking",
)


def popcount(values: np.ndarray) -> np.ndarray:
    return np.bitwise_count(values)


def limit_km(programme: ProgrammeRules, radius: float) -> float:
    return min(radius, programme.max_distance_km)


@dataclass
class Assessment:
    request: RequestFacts
    programme: ProgrammeRules
    pool: Pool
    distance_km: np.ndarray
    limit_km: np.ndarray
    shared_dagdelen: np.ndarray
    shared_language: np.ndarray
    failures: dict[str, np.ndarray]
    eligible: np.ndarray

    def excluded_counts(self) -> dict[str, int]:
        """Per rule, how many volunteers of the pool fail it (one volunteer may
        fail several rules and is then counted under each)."""
        counts = {rule: int(mask.sum()) for rule, mask in self.failures.items()}
        return {rule: n for rule, n in counts.items() if n}

    def blocked_only_by(self, rule: str) -> np.ndarray:
        """Volunteers for whom this rule is the only obstacle."""
        others = np.zeros(len(self.pool), dtype=bool)
        for key, mask in self.failures.items():
            if key != rule:
                others |= mask
        return self.failures[rule] & ~others


def shared_language_mask(request: RequestFacts, pool: Pool) -> np.ndarray:
    if len(pool.language_bits) < pool.language_count:
        # More distinct languages than bits: compare sets (rare, slower, exact).
        family = request.languages
        return np.asarray([bool(family & set(langs)) for langs in pool.languages], dtype=bool)
    mask = language_mask(request.languages, pool.language_bits)
    return (pool.language_mask & mask) != 0


def assess(request: RequestFacts, programme: ProgrammeRules, pool: Pool) -> Assessment:
    n = len(pool)
    distance = distances_km(request.lat, request.lon, pool.lat, pool.lon)
    limit = np.minimum(pool.radius, programme.max_distance_km)
    shared = popcount(pool.availability & request.availability)
    shared_language = shared_language_mask(request, pool)
    ages = request.child_ages
    none = np.zeros(n, dtype=bool)
    if ages:
        youngest, oldest = min(ages), max(ages)
        outside_programme = not programme.accepts_child_ages(ages)
        # `age_fits` for the whole pool at once: a range holds every child when it
        # holds the youngest and the oldest.
        age_preference = (pool.age_min > youngest) | (pool.age_max < oldest)
    else:
        outside_programme = False
        age_preference = none
    if request.matched_volunteer_ids:
        already = np.isin(pool.ids, np.fromiter(request.matched_volunteer_ids, dtype=np.int64))
    else:
        already = none
    failures = {
        "status": ~pool.available,
        "already_matched": already,
        "capacity": pool.open_matches >= pool.capacity,
    }
    for kind in programme.required_screening:
        failures[f"screening_{kind}"] = ~pool.screening[kind]
    failures.update(
        {
            "age_programme": np.full(n, outside_programme, dtype=bool),
            "age_preference": age_preference,
            "distance": distance > limit,
            "availability": shared < programme.min_dagdelen,
            "language": (
                ~shared_language if request.needs_shared_language else np.zeros(n, dtype=bool)
            ),
            "pets": pool.has_pets if request.excludes_pets else none,
            "smoking": pool.smokes if request.excludes_smoking else none,
        }
    )
    eligible = np.ones(n, dtype=bool)
    for mask in failures.values():
        eligible &= ~mask
    return Assessment(
        request=request,
        programme=programme,
        pool=pool,
        distance_km=distance,
        limit_km=limit,
        shared_dagdelen=shared,
        shared_language=shared_language,
        failures=failures,
        eligible=eligible,
    )


def reasons(
    request: RequestFacts, programme: ProgrammeRules, volunteer: VolunteerFacts
) -> list[str]:
    """Every rule the pair breaks, in plain Python; empty means eligible."""
    broken: list[str] = []
    if programme.id not in volunteer.programme_ids:
        broken.append("programme")
    if not volunteer.available:
        broken.append("status")
    if volunteer.id in request.matched_volunteer_ids:
        broken.append("already_matched")
    if volunteer.open_matches >= volunteer.capacity:
        broken.append("capacity")
    for kind in programme.required_screening:
        if kind not in volunteer.valid_screening:
            broken.append(f"screening_{kind}")
    ages = request.child_ages
    if not programme.accepts_child_ages(ages):
        broken.append("age_programme")
    if not volunteer.accepts_child_ages(ages):
        broken.append("age_preference")
    distance = float(
        distances_km(
            request.lat, request.lon, np.array([volunteer.lat]), np.array([volunteer.lon])
        )[0]
    )
    if distance > min(volunteer.travel_radius_km, programme.max_distance_km):
        broken.append("distance")
    if (volunteer.availability & request.availability).bit_count() < programme.min_dagdelen:
        broken.append("availability")
    if request.needs_shared_language and not (request.languages & volunteer.languages):
        broken.append("language")
    if request.excludes_pets and volunteer.has_pets:
        broken.append("pets")
    if request.excludes_smoking and volunteer.smokes:
        broken.append("smoking")
    return broken
