"""Answers within a deadline: whoever receives a referral (the central intake queue or
a programme) accepts or declines it within a number of working days.

The number is data: `Programme.answer_within_working_days`, and the setting
INTAKE_ANSWER_WORKING_DAYS for the intake queue. The due day is stored with the
referral when it is made, so a later change of the number does not move it.
A referral is overdue from the day after its due day.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils import timezone

from coalition.workdays import add_working_days


def answer_due_on(programme, received_on: date | None = None) -> date:
    """The last working day for `programme` (None: the intake queue) to answer."""
    received_on = received_on or timezone.localdate()
    days = (
        programme.answer_within_working_days
        if programme is not None
        else settings.INTAKE_ANSWER_WORKING_DAYS
    )
    return add_working_days(received_on, days)


def is_overdue(due_on: date | None, today: date | None = None) -> bool:
    return due_on is not None and (today or timezone.localdate()) > due_on
