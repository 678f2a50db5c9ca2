"""Working days (Monday to Friday): the one rule for everything promised or counted in them.

Public holidays count as working days, for the intake promise as for the reminders.
"""

from __future__ import annotations

from datetime import date, timedelta


def add_working_days(day: date, days: int) -> date:
    """The working day that is `days` working days after `day`."""
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`.

    A request received on a Monday has waited 5 working days on the next Monday.
    """
    if end <= start:
        return 0
    days = (end - start).days
    full_weeks, rest = divmod(days, 7)
    count = full_weeks * 5
    for offset in range(1, rest + 1):
        if (start + timedelta(days=full_weeks * 7 + offset)).weekday() < 5:
            count += 1
    return count
