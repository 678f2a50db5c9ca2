"""Postcode (PC4) -> position and wijk, and distances between postcodes.

The data ships with the project (coordinators/data/, sources in the README):
GeoNames PC4 centroids (CC BY 4.0) and the Kadaster / CBS wijken of Tilburg.
It is read once per process and kept in memory: 4,081 points.
"""

from __future__ import annotations

import bisect
import csv
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Location:
    pc4: str
    lat: float
    lon: float
    place: str
    wijk_code: str | None
    wijk_name: str | None
    # True when the PC4 itself is unknown and the nearest known one stands in.
    approximate: bool = False


@dataclass(frozen=True)
class _Point:
    lat: float
    lon: float
    place: str


@cache
def _centroids() -> dict[str, _Point]:
    with open(DATA_DIR / "nl_pc4_centroids.csv", encoding="utf-8") as fh:
        return {
            row["pc4"]: _Point(float(row["lat"]), float(row["lon"]), row["place"])
            for row in csv.DictReader(fh)
        }


@cache
def _sorted_codes() -> list[int]:
    return sorted(int(code) for code in _centroids())


@cache
def _pc4_wijk() -> dict[str, tuple[str, str]]:
    with open(DATA_DIR / "tilburg_pc4_wijk.csv", encoding="utf-8") as fh:
        return {row["pc4"]: (row["wijk_code"], row["wijk_name"]) for row in csv.DictReader(fh)}


def wijk_rows() -> list[dict[str, str]]:
    with open(DATA_DIR / "tilburg_wijken.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def tilburg_pc4s() -> list[str]:
    return sorted(_pc4_wijk())


def in_tilburg(pc4: str) -> bool:
    """Whether a PC4 lies in the municipality (a dictionary lookup, no list to build)."""
    return pc4 in _pc4_wijk()


def normalise_pc4(postcode: str) -> str | None:
    """'5038 AB', '5038ab' or '5038' -> '5038'; anything else -> None."""
    digits = postcode.strip().replace(" ", "")[:4]
    if len(digits) == 4 and digits.isdigit() and digits[0] != "0":
        return digits
    return None


def _nearest_known(pc4: str) -> str:
    codes = _sorted_codes()
    target = int(pc4)
    index = bisect.bisect_left(codes, target)
    neighbours = codes[max(index - 1, 0) : index + 1]
    return f"{min(neighbours, key=lambda code: abs(code - target)):04d}"


def locate(pc4: str) -> Location:
    """Where a PC4 lies. An unknown PC4 (a PO box, a brand-new code) falls back to
    the numerically nearest known PC4, which in the Dutch system lies in the same
    region, and is marked approximate."""
    if normalise_pc4(pc4) != pc4:
        raise ValueError(f"{pc4!r} is not a 4-digit Dutch postcode.")
    point = _centroids().get(pc4)
    approximate = point is None
    source = _nearest_known(pc4) if approximate else pc4
    point = _centroids()[source]
    wijk_code, wijk_name = _pc4_wijk().get(source, (None, None))
    return Location(pc4, point.lat, point.lon, point.place, wijk_code, wijk_name, approximate)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def distance_km(pc4_a: str, pc4_b: str) -> float:
    a, b = locate(pc4_a), locate(pc4_b)
    return haversine_km(a.lat, a.lon, b.lat, b.lon)
