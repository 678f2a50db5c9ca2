"""Small counts in reports for funders: a count from 1 to 4 is shown as "<5".

A handful of dagdelen in one programme and month can point at one family; a
funder needs the order of magnitude, not that. Zero stays zero (it points at
nobody), and totals are suppressed by the same rule, so a hidden cell cannot be
worked out from its row's total.
"""

from __future__ import annotations

from dataclasses import dataclass

SMALL_COUNT_THRESHOLD = 5


@dataclass(frozen=True)
class Suppressed:
    """A count too small to show. Reads as "<5" in a table and a CSV; a chart draws
    it as an empty bar labelled "<5"."""

    threshold: int = SMALL_COUNT_THRESHOLD
    suppressed: bool = True

    def __str__(self) -> str:
        return f"<{self.threshold}"

    def __float__(self) -> float:
        return 0.0


def suppress_small(count: int, *, threshold: int = SMALL_COUNT_THRESHOLD) -> int | Suppressed:
    """`count`, or `Suppressed` when it is from 1 to `threshold - 1`."""
    return Suppressed(threshold) if 0 < count < threshold else count
