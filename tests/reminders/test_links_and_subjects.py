"""Every reminder to staff links to the record it is about; two reminders about
different people never share a subject line."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coalition.notifications.models import Notification
from coalition.notifications.reminders import reminders_plan
from coalition.notifications.rendering import notification_message
from coalition.people.models import Coordinator
from matching.models import FollowUp
from tests.factories import VolunteerFactory, programme
from tests.reminders.test_cancel_stale import match_in_trial
from volunteers.models import HouseholdMember, ScreeningStep

pytestmark = pytest.mark.django_db


def test_a_reminder_to_a_coordinator_links_to_the_match(coordinator, buurtgezinnen, settings):
    settings.SITE_URL = "https://steun.example.org"
    match = match_in_trial(coordinator)
    reminder = Notification.objects.get(kind="trial_ending")

    message = notification_message(reminder)

    link = "https://steun.example.org" + reverse("coordinators:match_detail", args=[match.pk])
    assert link in message.body
    assert f'href="{link}"' in message.alternatives[0][0]
    assert FollowUp.objects.filter(match=match).exists()


def test_a_reminder_to_a_parent_or_volunteer_carries_no_staff_link(settings):
    settings.SITE_URL = "https://steun.example.org"
    volunteer = VolunteerFactory(first_name="Joris")
    step = ScreeningStep.objects.get(volunteer=volunteer, kind="vog")
    ScreeningStep.objects.filter(pk=step.pk).update(
        expires_on=timezone.localdate() + timedelta(days=20)
    )
    reminders_plan()

    renewal = Notification.objects.get(kind="vog_renewal")
    assert "/dashboard/" not in notification_message(renewal).body


def test_household_vog_reminders_for_different_adults_have_different_subjects(coordinator):
    Coordinator.objects.get(user=coordinator).programmes.add(programme("buurtgezinnen"))
    volunteer = VolunteerFactory(first_name="Joris")
    expires = timezone.localdate() + timedelta(days=30)
    for name in ("Sanne", "Mehmet"):
        member = HouseholdMember.objects.create(
            volunteer=volunteer, first_name=name, birth_year=1980
        )
        ScreeningStep.objects.create(
            volunteer=volunteer,
            kind="household_vog",
            household_member=member,
            done_on=date(2024, 1, 5),
            expires_on=expires,
        )
    reminders_plan()

    subjects = [
        notification_message(n).subject
        for n in Notification.objects.filter(
            kind="vog_expiring", recipient_user=coordinator
        ).exclude(context__household_member_first_name="")
    ]
    assert len(subjects) == 2
    assert len(set(subjects)) == 2
    assert any("Sanne" in subject and "Joris" in subject for subject in subjects)
