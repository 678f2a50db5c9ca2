"""The week grid of dagdelen (part-days) used for availability.

A grid is stored as a 21-bit integer: bit (day * 3 + part) is set when that
dagdeel is available. Overlap between a family and a volunteer is then one
AND and a popcount, which keeps matching over thousands of volunteers cheap.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

DAYS = (
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
    ("sat", _("Saturday")),
    ("sun", _("Sunday")),
)
PARTS = (
    ("morning", _("morning")),
    ("afternoon", _("afternoon")),
    ("evening", _("evening")),
)
SLOTS = tuple(f"{day}_{part}" for day, _label in DAYS for part, _plabel in PARTS)
FULL_WEEK = (1 << len(SLOTS)) - 1


def slot_choices() -> list[tuple[str, str]]:
    return [
        (f"{day}_{part}", f"{day_label} {part_label}")
        for day, day_label in DAYS
        for part, part_label in PARTS
    ]


def mask_from_slots(slots: Iterable[str]) -> int:
    mask = 0
    for slot in slots:
        try:
            mask |= 1 << SLOTS.index(slot)
        except ValueError:
            raise ValueError(f"Unknown dagdeel {slot!r}.") from None
    return mask


def slots_from_mask(mask: int) -> list[str]:
    return [slot for index, slot in enumerate(SLOTS) if mask & (1 << index)]


def count_dagdelen(mask: int) -> int:
    return (mask & FULL_WEEK).bit_count()


def shared_dagdelen(a: int, b: int) -> int:
    return count_dagdelen(a & b)
