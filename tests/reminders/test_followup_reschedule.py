"""Moving an evaluation re-plans its reminders exactly once: the old day's are
cancelled, the new day's scheduled, and the periodic plan adds nothing."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType

from coalition.notifications.models import Notification, NotificationStatus
from coalition.notifications.reminders import reminders_plan
from matching.followups import followup_reschedule
from matching.models import FollowUp, FollowUpKind
from matching.reminders import match_reminders_schedule
from tests.factories import MatchFactory, SupportRequestFactory
from tests.reminders.conftest import amsterdam

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 3)


def reminders_of(followup, status=NotificationStatus.PENDING):
    return Notification.objects.filter(
        target_type=ContentType.objects.get_for_model(FollowUp),
        target_id=followup.pk,
        status=status,
    )


@time_machine.travel(amsterdam(2026, 12, 3, 9, 0), tick=False)
def test_moving_an_evaluation_replans_its_reminders_once(coordinator, sweep, outbox):
    match = MatchFactory(
        request=SupportRequestFactory(status="matched"),
        status="active",
        started_on=TODAY - dt.timedelta(days=60),
        coordinator=coordinator,
    )
    followup = FollowUp.objects.create(
        match=match, kind=FollowUpKind.EVALUATION, due_on=TODAY + dt.timedelta(days=14)
    )
    match_reminders_schedule(match=match)
    before = {n.kind for n in reminders_of(followup)}
    assert before == {
        "evaluation_upcoming",
        "evaluation_due",
        "evaluation_overdue",
        "evaluation_invitation",
    }

    new_day = TODAY + dt.timedelta(days=21)
    followup_reschedule(followup=followup, due_on=new_day, reason="Vakantie", by=coordinator)
    reminders_plan()
    match_reminders_schedule(match=match)
    reminders_plan()

    cancelled = reminders_of(followup, NotificationStatus.CANCELLED)
    assert sorted(n.kind for n in cancelled) == sorted(before)
    assert all(n.context["due_on"] == "2026-12-17" for n in cancelled)
    pending = list(reminders_of(followup))
    assert sorted(n.kind for n in pending) == sorted(before)
    assert all(n.context["due_on"] == new_day.isoformat() for n in pending)
    assert {n.due_at.date() for n in pending if n.kind == "evaluation_due"} == {new_day}

    # When the new day's reminders come due, each is sent once; nothing for the old day.
    with time_machine.travel(amsterdam(2026, 12, 24, 9, 30), tick=False):
        sweep()
    subjects = [m.subject for m in outbox]
    assert subjects.count(f"Evaluation due today: {match.request.reference_code}") == 1
    assert len(subjects) == len(set(subjects))


@time_machine.travel(amsterdam(2026, 12, 3, 9, 0), tick=False)
def test_moving_twice_keeps_the_first_original_day(coordinator):
    match = MatchFactory(
        request=SupportRequestFactory(status="matched"),
        status="active",
        started_on=TODAY - dt.timedelta(days=60),
    )
    followup = FollowUp.objects.create(
        match=match, kind=FollowUpKind.EVALUATION, due_on=TODAY + dt.timedelta(days=5)
    )
    followup_reschedule(
        followup=followup, due_on=TODAY + dt.timedelta(days=8), reason="Ziek", by=coordinator
    )
    followup_reschedule(
        followup=followup, due_on=TODAY + dt.timedelta(days=9), reason="Nog ziek", by=coordinator
    )
    followup.refresh_from_db()
    assert followup.rescheduled_from == TODAY + dt.timedelta(days=5)
    assert followup.reschedule_reason == "Nog ziek"
    assert reminders_of(followup).filter(kind="evaluation_due").count() == 1
