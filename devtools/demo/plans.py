"""In-memory plans of the demo rows, before they are written."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from coalition.programmes.models import Programme
from devtools.demo.timeline import Timeline
from families.models import Family, SupportRequest
from matching.models import Match
from volunteers.models import HouseholdMember, Volunteer


@dataclass
class VolunteerPlan:
    obj: Volunteer
    programmes: list[Programme]
    status: str
    expiring_vog: bool
    stopped_after_approval: bool
    members: list[HouseholdMember] = field(default_factory=list)
    matches: list[MatchPlan] = field(default_factory=list)
    days: dict[str, date] = field(default_factory=dict)
    open: int = 0

    @property
    def capacity(self) -> int:
        return self.obj.capacity


@dataclass
class MatchPlan:
    prefix: str
    status: str  # the final status
    reached: str  # the last stage before it ended (or the final stage)
    end_reason: str = ""
    outcome: str = ""
    volunteer: VolunteerPlan | None = None
    obj: Match | None = None


@dataclass
class RequestPlan:
    family: Family
    request: SupportRequest
    programme: Programme | None
    ages: list[int]
    status: str
    timeline: Timeline
    # (from_status, to_status, event name, reason)
    changes: list[tuple[str, str, str, str]]
    matches: list[MatchPlan]
    end_ago: tuple[int, int]
    days: dict[str, date] = field(default_factory=dict)
    moments: dict[str, datetime] = field(default_factory=dict)
