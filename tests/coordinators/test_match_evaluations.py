"""The match page shows the one evaluation to do now with its form and only the
dates of the later ones; a coordinator moves an evaluation with a reason."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from coalition.people.models import AuditAction, AuditEvent
from matching.models import FollowUp, FollowUpKind
from matching.services import followup_record
from tests.factories import MatchFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def active_match():
    today = timezone.localdate()
    match = MatchFactory(
        request=SupportRequestFactory(status="matched"),
        status="active",
        started_on=today - dt.timedelta(days=40),
    )
    for months in range(1, 10):
        FollowUp.objects.create(
            match=match,
            kind=FollowUpKind.EVALUATION,
            due_on=today - dt.timedelta(days=10) + dt.timedelta(days=30 * (months - 1)),
        )
    return match


def page_of(client, match) -> str:
    return client.get(f"/dashboard/koppelingen/{match.pk}/").content.decode()


def test_one_form_for_the_evaluation_due_and_dates_for_the_rest(client, coordinator, active_match):
    client.force_login(coordinator)
    page = page_of(client, active_match)
    assert page.count('name="done_on"') == 1
    assert page.count("/verzetten/") == 1
    first = active_match.followups.order_by("due_on").first()
    assert f"/evaluatie/{first.pk}/" in page
    assert "Overdue" in page
    later = page.split('data-testid="followups-later"')[1].split("</ul>")[0]
    assert later.count("<li") == 8


def test_after_recording_the_next_one_is_shown(client, coordinator, active_match):
    first, second = active_match.followups.order_by("due_on")[:2]
    followup_record(followup=first, done_on=timezone.localdate(), notes="Gaat goed", by=coordinator)
    client.force_login(coordinator)
    page = page_of(client, active_match)
    assert f"/evaluatie/{second.pk}/" in page
    assert f"/evaluatie/{first.pk}/" not in page
    assert "Gaat goed" in page  # in the evaluations held
    assert "Next" in page


def test_a_coordinator_moves_an_evaluation_with_a_reason(client, coordinator, active_match):
    first = active_match.followups.order_by("due_on").first()
    original = first.due_on
    new_day = timezone.localdate() + dt.timedelta(days=3)
    client.force_login(coordinator)
    response = client.post(
        f"/dashboard/koppelingen/{active_match.pk}/evaluatie/{first.pk}/verzetten/",
        {"due_on": new_day.isoformat(), "reason": "Gezin op vakantie"},
        follow=True,
    )
    assert "Evaluation moved." in response.content.decode()
    first.refresh_from_db()
    assert (first.due_on, first.rescheduled_from, first.reschedule_reason) == (
        new_day,
        original,
        "Gezin op vakantie",
    )
    assert "Gezin op vakantie" in response.content.decode()
    assert AuditEvent.objects.filter(
        action=AuditAction.CHANGE, target_type="matching.followup", target_id=str(first.pk)
    ).exists()


def test_moving_needs_a_reason_and_a_free_day(client, coordinator, active_match):
    first, second = active_match.followups.order_by("due_on")[:2]
    client.force_login(coordinator)
    url = f"/dashboard/koppelingen/{active_match.pk}/evaluatie/{first.pk}/verzetten/"
    response = client.post(url, {"due_on": second.due_on.isoformat(), "reason": ""}, follow=True)
    assert "Why it moves" in response.content.decode()
    response = client.post(
        url, {"due_on": second.due_on.isoformat(), "reason": "Ziek"}, follow=True
    )
    assert "already has an evaluation on that day" in response.content.decode()
    first.refresh_from_db()
    assert first.rescheduled_from is None


def test_a_done_evaluation_cannot_be_moved(coordinator, active_match):
    from django.core.exceptions import ValidationError

    from matching.followups import followup_reschedule

    first = active_match.followups.order_by("due_on").first()
    followup_record(followup=first, done_on=timezone.localdate(), by=coordinator)
    with pytest.raises(ValidationError, match="still to come"):
        followup_reschedule(
            followup=first,
            due_on=timezone.localdate() + dt.timedelta(days=2),
            reason="x",
            by=coordinator,
        )
