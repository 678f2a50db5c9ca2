"""Which reminders a match causes, at which local moments, per programme (time travel)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from dateutil.relativedelta import relativedelta
from django.db import transaction

from coalition.notifications.models import Notification
from matching.services import match_activate, match_advance, match_propose
from tests.factories import ParentFactory, SupportRequestFactory, VolunteerFactory, programme
from tests.reminders.conftest import amsterdam

pytestmark = pytest.mark.django_db

START = date(2026, 3, 2)


def active_match(slug: str, coordinator):
    from coalition.people.models import Coordinator

    prog = programme(slug)
    Coordinator.objects.get(user=coordinator).programmes.add(prog)
    # A child of two fits every programme (MeeleefGezin is for 0 to 4).
    request = SupportRequestFactory(
        programme=prog, status="waiting", with_child__birth_year=START.year - 2
    )
    ParentFactory(family=request.family, first_name="Fatma", email="fatma@example.org")
    volunteer = VolunteerFactory(programmes=[prog], first_name="Joke")
    match = match_propose(request=request, volunteer=volunteer, by=coordinator)
    for stage in ("volunteer_agreed", "family_agreed", "introduction", "trial"):
        match = match_advance(match=match, to_status=stage, by=coordinator, on=START)
    return match_activate(match=match, by=coordinator, on=START)


def due_moments(kind: str) -> list:
    return list(
        Notification.objects.filter(kind=kind).order_by("due_at").values_list("due_at", flat=True)
    )


@pytest.mark.parametrize(
    "slug", ["buurtgezinnen", "steunouder", "meeleefgezin", "home-start", "samen-oplopen"]
)
def test_activation_schedules_each_evaluation_reminder_at_nine_local_time(slug, coordinator):
    with time_machine.travel(amsterdam(2026, 3, 2, 11, 0), tick=False):
        match = active_match(slug, coordinator)
    prog = match.programme
    until = START + relativedelta(months=prog.typical_duration_months)
    evaluations = prog.evaluation_dates(START, until)

    assert due_moments("evaluation_due") == [
        amsterdam(d.year, d.month, d.day, 9) for d in evaluations
    ]
    upcoming = [d - timedelta(days=3) for d in evaluations]
    assert due_moments("evaluation_upcoming") == [
        amsterdam(d.year, d.month, d.day, 9) for d in upcoming
    ]
    overdue = [d + timedelta(days=8) for d in evaluations]
    assert due_moments("evaluation_overdue") == [
        amsterdam(d.year, d.month, d.day, 9) for d in overdue
    ]
    assert Notification.objects.filter(
        kind="evaluation_due", recipient_user=coordinator
    ).count() == len(evaluations)
    # The pulse asks both sides (it replaces the monthly check-in and the parent's
    # check-in after the trial): at the end of the trial (here the day it started),
    # then a month after the start and monthly for the programme's typical duration.
    # (The pulses the introduction and the trial planned are cancelled when the
    # activation moves the end of the trial.)
    for kind in ("pulse_volunteer", "pulse_parent"):
        pending = Notification.objects.filter(kind=kind, status="pending").order_by("due_at")
        assert pending.count() == prog.typical_duration_months + 1
        assert [n.due_at for n in pending[:2]] == [
            amsterdam(2026, 3, 2, 10),
            amsterdam(2026, 4, 1, 10),
        ]
    assert due_moments("volunteer_check_in") == due_moments("parent_trial_check_in") == []
    assert START + relativedelta(days=30) == date(2026, 4, 1)


def test_the_trial_period_reminder_comes_three_days_before_it_ends(coordinator, buurtgezinnen):
    with time_machine.travel(amsterdam(2026, 3, 2, 11, 0), tick=False):
        request = SupportRequestFactory(status="waiting")
        match = match_propose(request=request, volunteer=VolunteerFactory(), by=coordinator)
        for stage in ("volunteer_agreed", "family_agreed", "introduction"):
            match = match_advance(match=match, to_status=stage, by=coordinator)
        match = match_advance(match=match, to_status="trial", by=coordinator, on=START)

    ends = START + timedelta(weeks=buurtgezinnen.trial_weeks)
    reminder = Notification.objects.get(kind="trial_ending")
    assert reminder.due_at == amsterdam(ends.year, ends.month, ends.day - 3, 9)
    assert reminder.recipient_user == coordinator
    assert reminder.context["reference_code"] == request.reference_code


def test_a_rolled_back_activation_leaves_no_reminder(coordinator, buurtgezinnen):
    with time_machine.travel(amsterdam(2026, 3, 2, 11, 0), tick=False):
        request = SupportRequestFactory(status="waiting")
        match = match_propose(request=request, volunteer=VolunteerFactory(), by=coordinator)
        for stage in ("volunteer_agreed", "family_agreed", "introduction", "trial"):
            match = match_advance(match=match, to_status=stage, by=coordinator, on=START)
        before = Notification.objects.count()
        with pytest.raises(RuntimeError), transaction.atomic():
            match_activate(match=match, by=coordinator, on=START)
            raise RuntimeError("the coordinator's browser crashed")
    assert Notification.objects.count() == before


def test_reminders_hold_no_special_category_data(coordinator):
    with time_machine.travel(amsterdam(2026, 3, 2, 11, 0), tick=False):
        match = active_match("buurtgezinnen", coordinator)
    request = match.request
    request.situation_text = "Moeder heeft een depressie"
    request.health_notes = "Ziekenhuisopname"
    request.save()
    for notification in Notification.objects.all():
        flat = str(notification.context)
        assert "depressie" not in flat and "Ziekenhuis" not in flat
        assert set(notification.context) <= {
            "reference_code",
            "due_on",
            "volunteer_first_name",
            "followup_id",
            "month",
            "parent_first_name",
            "first_name",  # the pulse's greeting
            "exit",  # whether a pulse is the exit pulse
        }
