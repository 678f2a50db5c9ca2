"""A volunteer with an active match of Buurtgezinnen, for the support-moment tests."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from tests.factories import (
    ChildFactory,
    FamilyFactory,
    MatchFactory,
    ParentFactory,
    SupportRequestFactory,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# A Thursday in December; 29 March 2027 follows the change to summer time.
NOW = dt.datetime(2026, 12, 3, 9, 0, tzinfo=AMSTERDAM)


def at(day: int, hour: int, month: int = 12, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=AMSTERDAM)


def active_match(volunteer, *, programme=None, child_name="Sam", surname="Quirijnsen"):
    """An active match of `volunteer` with a family (parent `surname`) and one child."""
    family = FamilyFactory(postcode="5038 AB")
    ParentFactory(family=family, first_name="Fatima", last_name=surname, is_primary_contact=True)
    extra = {"programme": programme} if programme else {}
    request = SupportRequestFactory(family=family, status="matched", with_child=False, **extra)
    request.children.add(ChildFactory(family=family, first_name=child_name))
    return MatchFactory(
        request=request, volunteer=volunteer, status="active", started_on=dt.date(2026, 10, 1)
    )
