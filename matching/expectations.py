"""What each side expects at the start (how long, how often, what for): recorded by
the coordinator at the proposal or introduction, or by the side in its first pulse."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from matching.models import Expectation, Match


@transaction.atomic
def expectation_record(
    *, match: Match, side: str, months: int, frequency: str, purpose: str = "", by=None
) -> Expectation:
    """Record (or correct) one side's expectation; the latest word counts."""
    expectation = Expectation.objects.filter(match=match, side=side).first() or Expectation(
        match=match, side=side
    )
    expectation.months = months
    expectation.frequency = frequency
    expectation.purpose = purpose.strip()
    expectation.recorded_by = by
    expectation.recorded_at = timezone.now()
    expectation.full_clean(exclude=["match"])
    expectation.save()
    return expectation
