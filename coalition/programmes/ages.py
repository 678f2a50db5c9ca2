"""Children's ages: how old a child is on a day, and whether an age fits a range.

Plain functions free of the database, so that the models and forms (one child at
a time) and the matching engine (ages loaded with one query, whole pools checked
at once) apply the same rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date


def age_on(*, birth_year: int, birth_month: int, day: date) -> int:
    """Completed years on `day`, counting from the first of the birth month."""
    years = day.year - birth_year
    if day.month < birth_month:
        years -= 1
    return max(years, 0)


def age_fits(age: int, *, youngest: int, oldest: int) -> bool:
    """An age fits a range of child ages when it lies within it, both ends included."""
    return youngest <= age <= oldest


def ages_fit(ages: Iterable[int], *, youngest: int, oldest: int) -> bool:
    return all(age_fits(age, youngest=youngest, oldest=oldest) for age in ages)
