from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone
from icalendar import Calendar

from coalition.notifications.digest import digests_plan
from coalition.notifications.models import Notification, NotificationPreference, NotificationStatus
from coalition.notifications.reminders import reminders_plan
from matching.services import match_activate, match_advance, match_propose
from tests.factories import SupportRequestFactory, VolunteerFactory
from tests.reminders.conftest import amsterdam

pytestmark = pytest.mark.django_db


def active_match(coordinator, start=date(2026, 3, 2)):
    with time_machine.travel(amsterdam(start.year, start.month, start.day, 11, 0), tick=False):
        request = SupportRequestFactory(status="waiting")
        match = match_propose(request=request, volunteer=VolunteerFactory(), by=coordinator)
        for stage in ("volunteer_agreed", "family_agreed", "introduction", "trial"):
            match = match_advance(match=match, to_status=stage, by=coordinator, on=start)
        return match_activate(match=match, by=coordinator, on=start)


def test_the_evaluation_reminder_carries_a_valid_calendar_event(coordinator, sweep, outbox):
    match = active_match(coordinator)
    evaluation = match.followups.filter(kind="evaluation").order_by("due_on").first()
    with time_machine.travel(amsterdam(2026, 4, 10, 9, 5), tick=False):
        sweep()

    message = next(m for m in outbox if m.to == [coordinator.email])
    assert match.request.reference_code in message.subject
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == ("evaluation.ics", "text/calendar")
    calendar = Calendar.from_ical(content)
    [event] = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == evaluation.due_on
    assert event.decoded("dtend") == evaluation.due_on + timedelta(days=1)
    assert match.request.reference_code in str(event["summary"])
    assert str(event["uid"]).startswith(f"followup-{evaluation.pk}@")


def test_the_volunteer_gets_an_invitation_a_week_ahead_with_the_calendar(
    coordinator, outbox, sweep, settings
):
    # A volunteer without an account of their own hears from us in the site's language.
    settings.LANGUAGE_CODE = "nl"
    match = active_match(coordinator)
    with time_machine.travel(amsterdam(2026, 4, 6, 9, 5), tick=False):
        sweep()
    [message] = [m for m in outbox if m.attachments]
    assert message.to == [match.volunteer.email]
    assert message.attachments[0][0] == "evaluation.ics"
    assert "13 april 2026" in message.body  # Dutch: the volunteer's language


def test_a_done_evaluation_is_not_reminded(coordinator, outbox, sweep):
    match = active_match(coordinator)
    match.followups.filter(kind="evaluation").update(done_on=date(2026, 4, 1))
    with time_machine.travel(amsterdam(2026, 4, 14, 9, 5), tick=False):
        sweep()
    assert not [m for m in outbox if "valuation" in m.subject]


def test_a_kind_chosen_for_the_digest_arrives_in_mondays_digest(coordinator, sweep, outbox):
    NotificationPreference.objects.create(
        user=coordinator, kind="evaluation_due", delivery="digest"
    )
    match = active_match(coordinator)
    evaluation = match.followups.filter(kind="evaluation").order_by("due_on").first()
    assert evaluation.due_on == date(2026, 4, 13)  # a Monday
    with time_machine.travel(amsterdam(2026, 4, 13, 9, 0), tick=False):
        sweep()
    assert not [m for m in outbox if "due today" in m.subject]
    assert Notification.objects.get(
        kind="evaluation_due", due_at__date=date(2026, 4, 13)
    ).status == (NotificationStatus.DIGEST)

    with time_machine.travel(amsterdam(2026, 4, 20, 8, 1), tick=False):
        assert digests_plan() >= 1
        digests_plan()  # twice: still one digest
        sweep()
    [digest] = [m for m in outbox if "Your week" in m.subject]
    assert digest.to == [coordinator.email]
    assert "Your week" in digest.subject
    assert f"Evaluation due today: {match.request.reference_code}" in digest.body
    assert Notification.objects.filter(kind="weekly_digest").count() == 1


def test_the_plan_reminds_of_a_request_waiting_past_the_intake_promise(coordinator, sweep, outbox):
    with time_machine.travel(amsterdam(2026, 11, 2, 10, 0), tick=False):  # a Monday
        request = SupportRequestFactory(status="new")
    with time_machine.travel(amsterdam(2026, 11, 9, 9, 30), tick=False):  # promise was the 9th
        reminders_plan()
        reminders_plan()
        sweep()
    assert not [m for m in outbox if "Waiting for a call" in m.subject]
    with time_machine.travel(amsterdam(2026, 11, 10, 9, 1), tick=False):
        reminders_plan()
        sweep()
    [message] = [m for m in outbox if "Waiting for a call" in m.subject]
    assert message.to == [coordinator.email]
    assert request.reference_code in message.subject


def test_the_plan_warns_coordinator_and_volunteer_sixty_days_before_a_vog_expires(
    coordinator, sweep, outbox
):
    from volunteers.models import ScreeningStep

    # A Wednesday: on a Monday the plan also sends the weekly digest.
    with time_machine.travel(amsterdam(2026, 11, 4, 10, 0), tick=False):
        volunteer = VolunteerFactory(first_name="Joke")
        ScreeningStep.objects.filter(volunteer=volunteer, kind="vog").update(
            expires_on=timezone.localdate() + timedelta(days=45)
        )
        reminders_plan()
        sweep()
    recipients = sorted(m.to[0] for m in outbox if "VOG" in m.subject)
    assert recipients == sorted([coordinator.email, volunteer.email])
    assert all("Joke" in m.subject or "VOG" in m.subject for m in outbox)


def test_a_moved_evaluation_drops_the_old_reminders_and_gets_new_ones(coordinator, sweep, outbox):
    from matching.reminders import match_reminders_schedule

    match = active_match(coordinator)
    evaluation = match.followups.filter(kind="evaluation").order_by("due_on").first()
    evaluation.due_on = date(2026, 4, 20)
    evaluation.save()
    match_reminders_schedule(match=match, now=amsterdam(2026, 3, 20, 12, 0))

    with time_machine.travel(amsterdam(2026, 4, 13, 9, 5), tick=False):
        sweep()
    assert not [m for m in outbox if "Evaluation due today" in m.subject]
    with time_machine.travel(amsterdam(2026, 4, 20, 9, 5), tick=False):
        sweep()
    assert len([m for m in outbox if "Evaluation due today" in m.subject]) == 1


def test_the_plan_reminds_of_volunteers_waiting_and_their_screening_steps(
    coordinator, sweep, outbox
):
    with time_machine.travel(amsterdam(2026, 11, 2, 10, 0), tick=False):
        waiting = VolunteerFactory(status="applied", first_name="Ahmed", screened=False)
        screening = VolunteerFactory(status="screening", first_name="Petra", screened=False)
    with time_machine.travel(amsterdam(2026, 11, 17, 9, 5), tick=False):
        reminders_plan()
        sweep()
    subjects = {(m.to[0], m.subject) for m in outbox}
    assert (coordinator.email, "A volunteer is waiting: Ahmed") in subjects
    assert (coordinator.email, "A volunteer is waiting: Petra") in subjects
    assert (screening.email, "A few steps before you can start") in subjects
    assert waiting.email not in {m.to[0] for m in outbox}
    steps = next(m for m in outbox if m.to == [screening.email])
    assert "Certificate of conduct (VOG)" in steps.body


def test_the_plan_reminds_of_a_proposal_awaiting_review(coordinator, sweep, outbox):
    with time_machine.travel(amsterdam(2026, 11, 2, 10, 0), tick=False):
        request = SupportRequestFactory(status="waiting")
        match_propose(request=request, volunteer=VolunteerFactory(), by=coordinator)
    with time_machine.travel(amsterdam(2026, 11, 5, 9, 5), tick=False):
        reminders_plan()
        sweep()
    assert [m.subject for m in outbox] == [f"Proposal waiting: {request.reference_code}"]


def test_a_parent_hears_that_a_coordinator_will_call_once_the_intake_is_planned(
    coordinator, sweep, outbox
):
    from families.services import request_change_status
    from tests.factories import ParentFactory

    request = SupportRequestFactory(status="new", language="en")
    ParentFactory(family=request.family, first_name="Fatma", email="fatma@example.org")
    request_change_status(request=request, to_status="intake_planned", by=coordinator)
    reminders_plan()
    reminders_plan()
    sweep()
    [message] = [m for m in outbox if m.to == ["fatma@example.org"]]
    assert message.subject == "A coordinator will call you soon"
    assert message.body.startswith("Hello Fatma,")


def test_a_volunteer_gets_a_digest_only_when_it_holds_something(volunteer_user, sweep, outbox):
    from coalition.notifications.services import notification_schedule

    NotificationPreference.objects.create(
        user=volunteer_user, kind="volunteer_check_in", delivery="digest"
    )
    with time_machine.travel(amsterdam(2026, 11, 9, 8, 5), tick=False):
        digests_plan()
        sweep()
    assert outbox == []

    with time_machine.travel(amsterdam(2026, 11, 12, 10, 0), tick=False):
        notification_schedule(
            kind="volunteer_check_in",
            due_at=timezone.now() - timedelta(minutes=1),
            recipient_user=volunteer_user,
            context={"month": 3},
        )
        Notification.objects.update(claimed_at=None)
        sweep()
    with time_machine.travel(amsterdam(2026, 11, 16, 8, 5), tick=False):
        digests_plan()
        sweep()
    [digest] = outbox
    assert digest.to == [volunteer_user.email]
    assert "How is it going?" in digest.body
    assert "new requests" not in digest.body


def test_planning_the_intake_schedules_the_parents_message_at_once(coordinator):
    """No wait for the planner: the service that plans the intake creates the row,
    in its own transaction (the planner only catches up, without doubling it)."""
    from families.services import request_change_status
    from tests.factories import ParentFactory

    request = SupportRequestFactory(status="new", language="en")
    ParentFactory(family=request.family, first_name="Fatma", email="fatma@example.org")

    request_change_status(request=request, to_status="intake_planned", by=coordinator)

    [row] = Notification.objects.filter(kind="coordinator_will_call")
    assert row.recipient_email == "fatma@example.org"
    reminders_plan()
    assert Notification.objects.filter(kind="coordinator_will_call").count() == 1
