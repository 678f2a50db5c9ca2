"""Builders for the engine's database tests: a family at a known place and a
volunteer at a known distance from it."""

from __future__ import annotations

import datetime as dt

import numpy as np
from django.utils import timezone

from coalition.programmes.geography import locate
from families.models import RequestStatus
from tests.factories import ChildFactory, SupportRequestFactory, VolunteerFactory

FAMILY_PC4 = "5038"


def waiting_request(programme, *, age: int = 6, on: dt.date | None = None, **family):
    on = on or timezone.localdate()
    request = SupportRequestFactory(
        programme=programme,
        status=RequestStatus.WAITING_FOR_MATCH,
        with_child=False,
        family__pc4=FAMILY_PC4,
        **{f"family__{k}": v for k, v in family.items()},
    )
    child = ChildFactory(family=request.family, birth_year=on.year - age, birth_month=1)
    request.children.add(child)
    return request


def volunteer_for(programme, **fields):
    fields.setdefault("pc4", FAMILY_PC4)
    return VolunteerFactory(programmes=[programme], **fields)


def engine_distance(pc4_a: str, pc4_b: str) -> float:
    """The distance as the engine sees it (rounded to 0.1 km)."""
    from matching.engine.pool import distances_km

    a, b = locate(pc4_a), locate(pc4_b)
    return float(distances_km(a.lat, a.lon, np.array([b.lat]), np.array([b.lon]))[0])
