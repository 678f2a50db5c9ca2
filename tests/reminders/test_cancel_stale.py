"""A service that takes a reminder's reason away cancels it at once, not at send time."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from coalition.notifications.models import Notification, NotificationStatus
from coalition.notifications.reminders import reminders_cancel_stale
from matching.models import FollowUp, FollowUpKind, Match, MatchStatus
from matching.services import match_advance, match_propose
from tests.factories import SupportRequestFactory, VolunteerFactory
from tests.reminders.conftest import amsterdam

pytestmark = pytest.mark.django_db


def match_in_trial(coordinator):
    with time_machine.travel(amsterdam(2026, 3, 2, 11, 0), tick=False):
        request = SupportRequestFactory(status="waiting")
        match = match_propose(request=request, volunteer=VolunteerFactory(), by=coordinator)
        for stage in ("volunteer_agreed", "family_agreed", "introduction", "trial"):
            match = match_advance(match=match, to_status=stage, by=coordinator, on=date(2026, 3, 2))
    return match


def test_a_reminder_whose_reason_is_gone_is_cancelled(coordinator, buurtgezinnen):
    match = match_in_trial(coordinator)
    trial_end = FollowUp.objects.get(match=match, kind=FollowUpKind.TRIAL_END)
    Match.objects.filter(pk=match.pk).update(status=MatchStatus.ACTIVE)

    assert reminders_cancel_stale(trial_end) == 1

    reminder = Notification.objects.get(kind="trial_ending")
    assert reminder.status == NotificationStatus.CANCELLED


def test_a_reminder_that_still_matters_stays_pending(coordinator, buurtgezinnen):
    match = match_in_trial(coordinator)
    trial_end = FollowUp.objects.get(match=match, kind=FollowUpKind.TRIAL_END)

    assert reminders_cancel_stale(trial_end, match) == 0

    assert Notification.objects.get(kind="trial_ending").status == NotificationStatus.PENDING


def test_a_cancelled_evaluation_takes_its_reminders_with_it(coordinator, buurtgezinnen):
    match = match_in_trial(coordinator)
    trial_end = FollowUp.objects.get(match=match, kind=FollowUpKind.TRIAL_END)
    trial_end.cancelled_on = timezone.localdate()
    trial_end.save()

    assert reminders_cancel_stale(trial_end) == 1
    # The match's pulses go on; nothing about the cancelled evaluation is left.
    assert not Notification.objects.filter(
        status=NotificationStatus.PENDING,
        target_type=ContentType.objects.get_for_model(FollowUp),
        target_id=trial_end.pk,
    ).exists()
