"""A programme's volunteers as columns (NumPy arrays), so that one request is
checked against thousands of volunteers with a handful of vector operations."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from matching.engine.facts import SCREENING_KINDS, VolunteerFacts

EARTH_RADIUS_KM = 6371.0088


def distances_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Great-circle distances from one point, rounded to 0.1 km: the precision a
    coordinator reads, and the one at which "exactly at the radius" is decided."""
    phi1 = math.radians(lat)
    phi2 = np.radians(lats)
    dphi = phi2 - phi1
    dlambda = np.radians(lons) - math.radians(lon)
    a = np.sin(dphi / 2) ** 2 + math.cos(phi1) * np.cos(phi2) * np.sin(dlambda / 2) ** 2
    exact = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    return np.round(exact, 1)


def language_mask(languages, bits: dict[str, int]) -> int:
    mask = 0
    for code in languages:
        bit = bits.get(code)
        if bit is not None:
            mask |= 1 << bit
    return mask


@dataclass
class Pool:
    ids: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    wijk: np.ndarray  # index into wijk_codes, -1 when unknown
    wijk_codes: dict[str, int]
    radius: np.ndarray
    availability: np.ndarray
    languages: list  # the language codes per volunteer, for explanations
    language_bits: dict[str, int]
    language_count: int  # distinct languages in the pool (more than 63: no bits for some)
    language_mask: np.ndarray
    age_min: np.ndarray
    age_max: np.ndarray
    has_pets: np.ndarray
    smokes: np.ndarray
    available: np.ndarray
    capacity: np.ndarray
    open_matches: np.ndarray
    screening: dict[str, np.ndarray]  # kind -> valid on the start date

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def from_columns(
        cls,
        *,
        ids: Sequence[int],
        lat: Sequence[float],
        lon: Sequence[float],
        wijk: Sequence[str | None],
        radius: Sequence[float],
        availability: Sequence[int],
        languages: Sequence[tuple[str, ...]],
        age_min: Sequence[int],
        age_max: Sequence[int],
        has_pets: Sequence[bool],
        smokes: Sequence[bool],
        available: Sequence[bool],
        capacity: Sequence[int],
        open_matches: Sequence[int],
        screening: dict[str, Sequence[bool]],
    ) -> Pool:
        n = len(ids)
        codes = sorted({code for code in wijk if code})
        wijk_codes = {code: i for i, code in enumerate(codes)}
        wijk_index = dict(wijk_codes)
        wijk_index.update({code: -1 for code in set(wijk) if not code})
        languages = list(languages)  # tuples of codes (hashable)
        # 63 distinct languages fit a signed 64-bit mask; with more, the check
        # falls back to comparing sets (see `shared_language_mask`).
        combinations = set(languages)
        all_languages = sorted({code for langs in combinations for code in langs})
        bits = {code: i for i, code in enumerate(all_languages[:63])}
        mask_of = {langs: language_mask(langs, bits) for langs in combinations}
        return cls(
            ids=np.asarray(ids, dtype=np.int64).reshape(n),
            lat=np.asarray(lat, dtype=np.float64).reshape(n),
            lon=np.asarray(lon, dtype=np.float64).reshape(n),
            wijk=np.fromiter(map(wijk_index.__getitem__, wijk), dtype=np.int32, count=n),
            wijk_codes=wijk_codes,
            radius=np.asarray(radius, dtype=np.float64).reshape(n),
            availability=np.asarray(availability, dtype=np.int64).reshape(n),
            languages=languages,
            language_count=len(all_languages),
            language_bits=bits,
            language_mask=np.fromiter(map(mask_of.__getitem__, languages), np.int64, count=n),
            age_min=np.asarray(age_min, dtype=np.int32).reshape(n),
            age_max=np.asarray(age_max, dtype=np.int32).reshape(n),
            has_pets=np.asarray(has_pets, dtype=bool).reshape(n),
            smokes=np.asarray(smokes, dtype=bool).reshape(n),
            available=np.asarray(available, dtype=bool).reshape(n),
            capacity=np.asarray(capacity, dtype=np.int32).reshape(n),
            open_matches=np.asarray(open_matches, dtype=np.int32).reshape(n),
            screening={
                kind: np.asarray(screening.get(kind, [True] * n), dtype=bool).reshape(n)
                for kind in SCREENING_KINDS
            },
        )

    @classmethod
    def from_facts(cls, volunteers: Sequence[VolunteerFacts]) -> Pool:
        return cls.from_columns(
            ids=[v.id for v in volunteers],
            lat=[v.lat for v in volunteers],
            lon=[v.lon for v in volunteers],
            wijk=[v.wijk for v in volunteers],
            radius=[v.travel_radius_km for v in volunteers],
            availability=[v.availability for v in volunteers],
            languages=[tuple(sorted(v.languages)) for v in volunteers],
            age_min=[v.child_age_min for v in volunteers],
            age_max=[v.child_age_max for v in volunteers],
            has_pets=[v.has_pets for v in volunteers],
            smokes=[v.smokes for v in volunteers],
            available=[v.available for v in volunteers],
            capacity=[v.capacity for v in volunteers],
            open_matches=[v.open_matches for v in volunteers],
            screening={
                kind: [kind in v.valid_screening for v in volunteers] for kind in SCREENING_KINDS
            },
        )

    @classmethod
    def for_programme(cls, programme_id: int, volunteers: Sequence[VolunteerFacts]) -> Pool:
        """The volunteers who volunteer for the programme; the others are not in its pool."""
        return cls.from_facts([v for v in volunteers if programme_id in v.programme_ids])

    def subset(self, index: Sequence[int] | np.ndarray) -> Pool:
        index = np.asarray(index, dtype=np.int64)
        return Pool(
            ids=self.ids[index],
            lat=self.lat[index],
            lon=self.lon[index],
            wijk=self.wijk[index],
            wijk_codes=self.wijk_codes,
            radius=self.radius[index],
            availability=self.availability[index],
            languages=[self.languages[i] for i in index],
            language_bits=self.language_bits,
            language_count=self.language_count,
            language_mask=self.language_mask[index],
            age_min=self.age_min[index],
            age_max=self.age_max[index],
            has_pets=self.has_pets[index],
            smokes=self.smokes[index],
            available=self.available[index],
            capacity=self.capacity[index],
            open_matches=self.open_matches[index],
            screening={kind: valid[index] for kind, valid in self.screening.items()},
        )
