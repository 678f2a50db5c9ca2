"""Small deterministic helpers: shares of a total, and chains of dated events."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone


def apportion(total: int, weights: dict[str, float], minimum: int = 1) -> list[str]:
    """`total` labels in the given shares (largest remainder). Every label gets at
    least `minimum` when the total allows it, so small data sets still show every
    status."""
    scale = sum(weights.values())
    raw = {key: total * weight / scale for key, weight in weights.items()}
    counts = {key: int(value) for key, value in raw.items()}
    rest = total - sum(counts.values())
    for key in sorted(raw, key=lambda k: raw[k] - counts[k], reverse=True)[:rest]:
        counts[key] += 1
    if total >= minimum * len(weights):
        for key in counts:
            while counts[key] < minimum:
                donor = max(counts, key=counts.__getitem__)
                counts[donor] -= 1
                counts[key] += 1
    return [key for key, count in counts.items() for _ in range(count)]


def pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class Timeline:
    """A chain of named events with random gaps in days, placed so that the last
    event falls in a given window before today and nothing lies in the future."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.steps: list[tuple[str, int]] = []

    def then(self, name: str, low: int, high: int) -> Timeline:
        self.steps.append((name, self.rng.randint(low, high)))
        return self

    def place(self, *, today: date, end_ago: tuple[int, int], earliest: date) -> dict[str, date]:
        total = sum(gap for _name, gap in self.steps)
        end = today - timedelta(days=self.rng.randint(*end_ago))
        day = max(end - timedelta(days=total), earliest)
        latest = today - timedelta(days=1)
        days: dict[str, date] = {}
        for name, gap in self.steps:
            day = min(day + timedelta(days=gap), latest)
            days[name] = day
        return days


class Clock:
    """Aware datetimes for event days, strictly increasing within one chain."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.zone = timezone.get_current_timezone()

    def at(self, day: date, after: datetime | None = None) -> datetime:
        moment = datetime.combine(
            day, time(hour=self.rng.randint(8, 18), minute=self.rng.randint(0, 59)), self.zone
        )
        if after is not None and moment <= after:
            moment = after + timedelta(minutes=self.rng.randint(5, 50))
        return moment
