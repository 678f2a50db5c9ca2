"""Erasing a person also reaches notifications that merely mention them: a
coordinator's pending reminder about a match carries the volunteer's first name."""

from __future__ import annotations

import pytest
from django.utils import timezone

from coalition.notifications.models import Notification
from coalition.notifications.services import notification_schedule
from matching.models import FollowUp
from volunteers.privacy import volunteer_erase

pytestmark = pytest.mark.django_db


def test_a_coordinators_reminder_about_the_match_forgets_the_erased_volunteers_name(
    family_a, coordinator, media_root, django_capture_on_commit_callbacks
):
    volunteer = family_a.volunteer
    volunteer.first_name = "Wendelmoet"
    volunteer.save()
    followup = FollowUp.objects.filter(match__volunteer=volunteer).first()
    reminder = notification_schedule(
        kind="followup_due",
        due_at=timezone.now() + timezone.timedelta(days=3),
        target=followup,
        recipient_user=coordinator,
        context={"reference_code": "TLB-ERASE1", "volunteer_first_name": "Wendelmoet"},
    )

    with django_capture_on_commit_callbacks(execute=True):
        volunteer_erase(volunteer=volunteer)

    remaining = Notification.objects.filter(pk=reminder.pk).first()
    assert remaining is None or "Wendelmoet" not in str(remaining.context)
    assert not Notification.objects.filter(context__icontains="Wendelmoet").exists()
