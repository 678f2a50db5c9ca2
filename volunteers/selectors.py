from __future__ import annotations

from datetime import date

from coordinators.models import Programme, ScreeningKind
from volunteers.models import Volunteer


def screening_missing(*, volunteer: Volunteer, programme: Programme, on: date) -> list[str]:
    """The programme's screening requirements that are not done or not valid on `on`.

    Uses `volunteer.screening.all()` and `volunteer.household_members.all()`, so a
    caller that prefetched them pays no queries per volunteer.
    """
    steps = list(volunteer.screening.all())
    missing: list[str] = []
    for kind in programme.required_screening:
        if kind == ScreeningKind.HOUSEHOLD_VOG:
            adults = [m for m in volunteer.household_members.all() if m.is_adult_on(on)]
            for adult in adults:
                if not any(
                    s.kind == kind and s.household_member_id == adult.pk and s.is_valid_on(on)
                    for s in steps
                ):
                    missing.append(kind)
                    break
            continue
        if not any(
            s.kind == kind and s.household_member_id is None and s.is_valid_on(on) for s in steps
        ):
            missing.append(kind)
    return missing
