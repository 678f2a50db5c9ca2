"""Plain snapshots of the facts the engine works on, free of the database.

The loaders (`matching.engine.loaders`) build them from the models with a fixed
number of queries; tests build them directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from coalition.programmes.ages import ages_fit

# Screening kinds, as in coordinators.models.ScreeningKind (kept as plain strings
# so this module does not import Django models).
SCREENING_KINDS = ("intake", "vog", "references", "training", "household_vog")


@dataclass(frozen=True)
class ProgrammeRules:
    id: int
    name: str = ""
    child_min_age: int = 0
    child_max_age: int = 17
    min_dagdelen: int = 1
    max_distance_km: float = 10.0
    required_screening: tuple[str, ...] = ("intake", "vog")

    def accepts_child_ages(self, ages: Iterable[int]) -> bool:
        """As `Programme.accepts_child_age`, for every child of a request."""
        return ages_fit(ages, youngest=self.child_min_age, oldest=self.child_max_age)


@dataclass(frozen=True)
class Weights:
    distance: float = 30
    availability: float = 25
    language: float = 10
    age_fit: float = 10
    same_wijk: float = 10
    waiting: float = 10
    load: float = 5
    waiting_full_days: int = 180


@dataclass(frozen=True)
class RequestFacts:
    id: int
    programme_id: int | None
    lat: float
    lon: float
    wijk: str | None = None
    wijk_name: str = ""
    availability: int = 0
    languages: frozenset[str] = frozenset({"nl"})
    needs_shared_language: bool = False
    excludes_pets: bool = False
    excludes_smoking: bool = False
    # Ages of the children concerned on the planned start date.
    child_ages: tuple[int, ...] = ()
    waiting_days: int = 0
    # Volunteers who already have an open match with this request.
    matched_volunteer_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class VolunteerFacts:
    id: int
    lat: float
    lon: float
    programme_ids: frozenset[int] = frozenset()
    available: bool = True  # status approved or active
    wijk: str | None = None
    travel_radius_km: float = 5.0
    availability: int = 0
    languages: frozenset[str] = frozenset({"nl"})
    child_age_min: int = 0
    child_age_max: int = 17
    has_pets: bool = False
    smokes: bool = False
    capacity: int = 1
    open_matches: int = 0
    # Screening kinds that are valid on the planned start date; "household_vog"
    # means every other adult of the household has a valid VOG (or there is none).
    valid_screening: frozenset[str] = field(default_factory=lambda: frozenset(SCREENING_KINDS))

    def accepts_child_ages(self, ages: Iterable[int]) -> bool:
        """As `Volunteer.accepts_child_age`, for every child of a request."""
        return ages_fit(ages, youngest=self.child_age_min, oldest=self.child_age_max)

    @property
    def free_places(self) -> int:
        return max(self.capacity - self.open_matches, 0)
