"""Demo support moments: weekly dagdelen, overnight stays or visits for matches in
their trial or active (and for the last weeks of ended ones), mostly confirmed,
some cancelled, the latest ones still waiting for the volunteer's tap."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone

from matching.models import Match, MatchStatus
from matching.moments.models import CancelledBy, Moment, MomentStatus
from matching.moments.selectors import MomentKindSpec, planned_moment_kinds

# Weeks of moments behind and ahead of today for an open match.
WEEKS_BEHIND = 12
WEEKS_AHEAD = 4


class MomentMixin:
    """Moments: one part of `DemoBuilder`, sharing its RNG and state."""

    def _moment_kinds(self, match: Match) -> list[MomentKindSpec]:
        cache = self.__dict__.setdefault("_kinds_by_programme", {})
        if match.programme_id not in cache:
            cache[match.programme_id] = planned_moment_kinds(match.programme)
        return cache[match.programme_id]

    def _moments(self, match: Match) -> list[Moment]:
        begin = match.trial_started_on or match.started_on
        if begin is None:
            return []
        today = self.today
        open_match = match.status in (MatchStatus.TRIAL, MatchStatus.ACTIVE)
        if not open_match and match.status != MatchStatus.ENDED:
            return []
        until = today + timedelta(weeks=WEEKS_AHEAD) if open_match else match.ended_on
        first = max(begin, (until or today) - timedelta(weeks=WEEKS_BEHIND + WEEKS_AHEAD))
        kinds = self._moment_kinds(match)
        if not kinds or until is None:
            return []
        moments = []
        day = first + timedelta(days=self.rng.randint(0, 6))
        while day <= until:
            spec = kinds[0] if len(kinds) == 1 or self.rng.random() < 0.7 else kinds[1]
            moments.append(self._moment(match, spec, day, open_match))
            day += timedelta(days=7 if self.rng.random() < 0.85 else 14)
        return moments

    def _moment(self, match: Match, spec: MomentKindSpec, day: date, open_match: bool) -> Moment:
        rng = self.rng
        start = timezone.make_aware(datetime.combine(day, spec.usual_start))
        moment = Moment(
            match=match,
            kind=spec.kind,
            starts_at=start,
            ends_at=start + timedelta(minutes=spec.usual_minutes),
            planned_by=match.coordinator if rng.random() < 0.5 else None,
            planned_at=self._past(start - timedelta(days=rng.randint(3, 21))),
        )
        age = (self.today - day).days
        if age <= 0:
            return moment  # ahead: planned
        if open_match and age <= 7 and rng.random() < 0.6:
            return moment  # last week's: still waiting for the volunteer's tap
        roll = rng.random()
        if roll < 0.82:
            moment.status = MomentStatus.HAPPENED
        else:
            moment.status = MomentStatus.CANCELLED
            moment.cancelled_by = rng.choice(
                [CancelledBy.FAMILY, CancelledBy.FAMILY, CancelledBy.VOLUNTEER, CancelledBy.OTHER]
            )
        moment.confirmed_at = self._past(moment.ends_at + timedelta(hours=rng.randint(1, 40)))
        return moment
