"""A volunteer hears by email that they are approved: once, in their language."""

from __future__ import annotations

import pytest
from django.core import mail

from coalition.notifications.models import Notification
from coalition.notifications.reminders import reminders_plan
from coalition.notifications.sending import notification_send
from coalition.people.models import Role
from tests.factories import UserFactory, VolunteerFactory
from volunteers.models import VolunteerStatus
from volunteers.services import volunteer_change_status

pytestmark = pytest.mark.django_db


def approve(volunteer, by):
    volunteer_change_status(volunteer=volunteer, to_status=VolunteerStatus.APPROVED, by=by)


def sent_messages():
    mail.outbox = []
    for notification in Notification.objects.filter(kind="volunteer_approved"):
        notification_send(notification_id=notification.pk)
    return mail.outbox


def test_an_approved_volunteer_gets_one_email_in_their_language(coordinator):
    user = UserFactory(
        email="joke@example.org", first_name="Joke", role=Role.VOLUNTEER, preferred_language="nl"
    )
    volunteer = VolunteerFactory(
        user=user, email=user.email, first_name="Joke", status=VolunteerStatus.SCREENING
    )
    approve(volunteer, coordinator)
    reminders_plan()
    reminders_plan()
    [message] = sent_messages()
    assert message.to == ["joke@example.org"]
    assert message.subject == "Welkom: je kunt beginnen als vrijwilliger"
    assert message.body.startswith("Hallo Joke,")
    assert "Buurtgezinnen" in message.body
    assert "/vrijwilliger/" in message.body


def test_an_english_speaking_volunteer_reads_it_in_english(coordinator):
    user = UserFactory(email="sam@example.org", role=Role.VOLUNTEER, preferred_language="en")
    volunteer = VolunteerFactory(user=user, email=user.email, status=VolunteerStatus.SCREENING)
    approve(volunteer, coordinator)
    [message] = sent_messages()
    assert message.subject == "Welcome: you can start as a volunteer"
    assert "you are approved as a volunteer" in message.body


def test_other_steps_send_no_welcome(coordinator):
    volunteer = VolunteerFactory(status=VolunteerStatus.APPROVED)
    volunteer_change_status(volunteer=volunteer, to_status=VolunteerStatus.ACTIVE, by=coordinator)
    volunteer_change_status(volunteer=volunteer, to_status=VolunteerStatus.PAUSED, by=coordinator)
    reminders_plan()
    assert not Notification.objects.filter(kind="volunteer_approved").exists()


def test_a_volunteer_who_stopped_before_it_went_out_gets_no_welcome(coordinator):
    volunteer = VolunteerFactory(status=VolunteerStatus.SCREENING)
    approve(volunteer, coordinator)
    volunteer_change_status(
        volunteer=volunteer, to_status=VolunteerStatus.STOPPED, by=coordinator, reason="Verhuisd"
    )
    Notification.objects.update(claimed_at=None)
    assert sent_messages() == []
