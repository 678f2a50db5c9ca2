"""Working a request: each action through its service, and through the page with
the message a coordinator sees when a step is not allowed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from coalition.notifications.sending import notifications_send_many
from coalition.notifications.services import notification_schedule
from coalition.programmes.weekgrid import mask_from_slots
from families.models import RequestStatus
from families.services import (
    request_end,
    request_mark_waiting,
    request_plan_intake,
)
from matching.intake import request_record_intake
from matching.models import ContactNote, Match
from tests.factories import ChildFactory, SupportRequestFactory, VolunteerFactory

pytestmark = pytest.mark.django_db


def later(hours: int = 48):
    return timezone.now() + dt.timedelta(hours=hours)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --- Services -----------------------------------------------------------------


def test_planning_an_intake_moves_a_new_request_to_intake_planned(coordinator):
    request = SupportRequestFactory()
    when = later()
    request_plan_intake(request=request, when=when, by=coordinator)
    request.refresh_from_db()
    assert request.status == RequestStatus.INTAKE_PLANNED
    assert request.intake_planned_for == when


def test_an_intake_can_be_moved_to_another_moment(coordinator):
    request = SupportRequestFactory()
    first, second = later(24), later(72)
    request_plan_intake(request=request, when=first, by=coordinator)
    request_plan_intake(request=request, when=second, by=coordinator)
    request.refresh_from_db()
    assert request.intake_planned_for == second
    # One status step (the coordinator taking the request is a hand-over row).
    assert request.status_changes.filter(to_owner__isnull=True).count() == 1


def test_an_intake_cannot_be_planned_for_a_family_already_waiting(coordinator):
    request = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH)
    with pytest.raises(ValidationError, match="only be planned for a new request"):
        request_plan_intake(request=request, when=later(), by=coordinator)


def test_recording_the_intake_stores_what_was_agreed(coordinator, buurtgezinnen):
    request = SupportRequestFactory(status=RequestStatus.INTAKE_PLANNED)
    request_record_intake(
        request=request,
        by=coordinator,
        done_on=timezone.localdate(),
        situation=["single_parent", "parent_illness"],
        programme=buurtgezinnen,
        availability=mask_from_slots(["sat_morning"]),
        languages=["nl", "ar"],
        needs_shared_language=True,
        excludes_pets=True,
        excludes_smoking=False,
        health_notes="Moeder herstelt van een operatie.",
        notes="Moeder wil graag hulp op zaterdag.",
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.INTAKE_DONE
    assert request.intake_done_on == timezone.localdate()
    assert request.situation == ["single_parent", "parent_illness"]
    assert request.availability == mask_from_slots(["sat_morning"])
    assert request.health_notes == "Moeder herstelt van een operatie."
    assert request.family.languages == ["nl", "ar"]
    assert request.family.needs_shared_language is True
    assert request.family.excludes_pets is True
    note = ContactNote.objects.get(family=request.family)
    assert note.confidential is True
    assert "zaterdag" in note.text


def test_recording_the_intake_without_health_rights_keeps_the_health_notes(coordinator):
    request = SupportRequestFactory(health_notes="Vader is ziek.")
    request_record_intake(request=request, by=coordinator, health_notes=None)
    request.refresh_from_db()
    assert request.health_notes == "Vader is ziek."


def test_an_intake_cannot_be_recorded_twice(coordinator):
    request = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH)
    with pytest.raises(ValidationError, match="Cannot go from"):
        request_record_intake(request=request, by=coordinator)


def test_an_intake_cannot_be_recorded_in_the_future(coordinator):
    request = SupportRequestFactory()
    with pytest.raises(ValidationError, match="future"):
        request_record_intake(
            request=request, by=coordinator, done_on=timezone.localdate() + dt.timedelta(days=1)
        )


def test_a_family_without_a_programme_cannot_wait_for_a_match(intake_coordinator):
    request = SupportRequestFactory(
        programme=None, help_me_choose=True, status=RequestStatus.INTAKE_DONE
    )
    with pytest.raises(ValidationError, match="Choose a programme"):
        request_mark_waiting(request=request, by=intake_coordinator)


def test_a_request_ends_only_with_a_reason(coordinator):
    request = SupportRequestFactory()
    with pytest.raises(ValidationError, match="reason"):
        request_end(request=request, to_status=RequestStatus.WITHDRAWN, reason=" ", by=coordinator)
    request_end(
        request=request,
        to_status=RequestStatus.WITHDRAWN,
        reason="Hulp via familie",
        by=coordinator,
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN
    assert request.closed_at is not None


def test_a_withdrawn_request_cannot_be_closed_again(coordinator):
    request = SupportRequestFactory(status=RequestStatus.WITHDRAWN)
    with pytest.raises(ValidationError, match="Cannot go from"):
        request_end(
            request=request, to_status=RequestStatus.CLOSED, reason="dubbel", by=coordinator
        )


# --- Through the pages ---------------------------------------------------------------


def test_a_coordinator_plans_the_intake_from_the_request_page(client, coordinator):
    request = SupportRequestFactory()
    client.force_login(coordinator)
    response = client.post(
        f"/dashboard/verzoeken/{request.pk}/intake-plannen/",
        {"when": "2026-11-25T10:30"},
        follow=True,
    )
    assert "Intake planned." in messages_of(response)
    assert "Intake planned for" in response.content.decode()
    request.refresh_from_db()
    assert timezone.localtime(request.intake_planned_for).hour == 10


def test_planning_an_intake_for_a_waiting_family_shows_why_it_is_refused(client, coordinator):
    request = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH)
    client.force_login(coordinator)
    response = client.post(
        f"/dashboard/verzoeken/{request.pk}/intake-plannen/",
        {"when": "2026-11-25T10:30"},
        follow=True,
    )
    assert any("only be planned for a new request" in m for m in messages_of(response))
    request.refresh_from_db()
    assert request.status == RequestStatus.WAITING_FOR_MATCH


def test_a_coordinator_records_the_intake_on_its_own_page(client, coordinator, buurtgezinnen):
    request = SupportRequestFactory(status=RequestStatus.INTAKE_PLANNED)
    client.force_login(coordinator)
    page = client.get(f"/dashboard/verzoeken/{request.pk}/intake/")
    assert "Health notes (special category)" in page.content.decode()
    response = client.post(
        f"/dashboard/verzoeken/{request.pk}/intake/",
        {
            "done_on": timezone.localdate().isoformat(),
            "programme": buurtgezinnen.pk,
            "situation": ["overloaded"],
            "availability": ["mon_afternoon", "sat_morning"],
            "languages": "nl, tr",
            "needs_shared_language": "on",
            "health_notes": "Moeder slaapt slecht.",
            "notes": "Goed gesprek.",
            "notes_confidential": "on",
        },
        follow=True,
    )
    assert "Intake recorded." in messages_of(response)
    request.refresh_from_db()
    assert request.status == RequestStatus.INTAKE_DONE
    assert request.family.languages == ["nl", "tr"]
    assert request.health_notes == "Moeder slaapt slecht."


def test_the_intake_form_refuses_a_made_up_language(client, coordinator):
    request = SupportRequestFactory()
    client.force_login(coordinator)
    response = client.post(
        f"/dashboard/verzoeken/{request.pk}/intake/",
        {"done_on": timezone.localdate().isoformat(), "languages": "nl, Klingon!"},
    )
    assert any("is not a language code" in m for m in messages_of(response))
    request.refresh_from_db()
    assert request.status == RequestStatus.NEW


def test_confirming_a_programme_that_does_not_fit_the_childs_age_is_refused(
    client, intake_coordinator, meeleefgezin
):
    request = SupportRequestFactory(programme=None, help_me_choose=True, with_child=False)
    request.children.add(
        ChildFactory(
            family=request.family, first_name="Noor", birth_year=timezone.localdate().year - 1
        )
    )
    client.force_login(intake_coordinator)
    meeleefgezin.child_min_age = 4
    meeleefgezin.save()
    response = client.post(
        f"/dashboard/verzoeken/{request.pk}/programma/",
        {"programme": meeleefgezin.pk},
        follow=True,
    )
    assert any("Noor" in m and "do not fit" in m for m in messages_of(response))
    request.refresh_from_db()
    assert request.programme is None


def test_after_intake_the_family_joins_the_waiting_list(client, coordinator):
    request = SupportRequestFactory(status=RequestStatus.INTAKE_DONE)
    client.force_login(coordinator)
    response = client.post(f"/dashboard/verzoeken/{request.pk}/wachtlijst/", follow=True)
    assert "The family is now waiting for a match." in messages_of(response)
    assert f"/dashboard/verzoeken/{request.pk}/koppelen/" in response.content.decode()


def test_putting_a_new_request_on_the_waiting_list_is_refused_with_a_message(client, coordinator):
    request = SupportRequestFactory()
    client.force_login(coordinator)
    response = client.post(f"/dashboard/verzoeken/{request.pk}/wachtlijst/", follow=True)
    assert any("Cannot go from “New” to “Waiting for a match”" in m for m in messages_of(response))


def test_withdrawing_without_a_reason_is_refused_with_a_message(client, coordinator):
    request = SupportRequestFactory()
    client.force_login(coordinator)
    response = client.post(
        f"/dashboard/verzoeken/{request.pk}/afsluiten/",
        {"to_status": "withdrawn", "reason": ""},
        follow=True,
    )
    assert any("Reason" in m for m in messages_of(response))
    request.refresh_from_db()
    assert request.status == RequestStatus.NEW


def test_a_coordinator_proposes_a_volunteer_from_the_request_page(client, coordinator):
    request = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH)
    volunteer = VolunteerFactory()
    client.force_login(coordinator)
    response = client.post(
        f"/dashboard/verzoeken/{request.pk}/voorstellen/", {"volunteer": volunteer.pk}, follow=True
    )
    match = Match.objects.get(request=request)
    assert response.redirect_chain[-1][0] == f"/dashboard/koppelingen/{match.pk}/"
    assert "Match proposed." in messages_of(response)


def test_a_volunteer_of_another_programme_cannot_be_proposed(client, coordinator, home_start):
    request = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH)
    volunteer = VolunteerFactory(programmes=[home_start])
    client.force_login(coordinator)
    response = client.post(
        f"/dashboard/verzoeken/{request.pk}/voorstellen/", {"volunteer": volunteer.pk}, follow=True
    )
    assert not Match.objects.exists()
    levels = [m.level_tag for m in response.context["messages"]]
    assert levels == ["error"]


def test_a_note_on_the_family_appears_in_the_timeline(client, coordinator):
    request = SupportRequestFactory()
    client.force_login(coordinator)
    response = client.post(
        f"/dashboard/verzoeken/{request.pk}/notitie/",
        {"kind": "phone", "text": "Voicemail ingesproken."},
        follow=True,
    )
    assert "Voicemail ingesproken." in response.content.decode()


def test_the_timeline_shows_status_changes_and_sent_emails_in_words(
    client, coordinator, mailoutbox
):
    request = SupportRequestFactory()
    request_plan_intake(request=request, when=later(), by=coordinator)
    email = notification_schedule(
        kind="request_confirmation",
        due_at=timezone.now(),
        target=request,
        recipient_email="ouder@example.org",
        context={"reference_code": request.reference_code},
    )
    notifications_send_many([email.pk])
    assert len(mailoutbox) == 1
    client.force_login(coordinator)
    page = client.get(f"/dashboard/verzoeken/{request.pk}/").content.decode()
    timeline = page.split('data-testid="timeline"')[1].split("</ol>")[0]
    assert "Intake planned" in timeline
    assert "Request received" in timeline
    assert "Sent" in timeline
    assert "ouder@example.org" in timeline
    assert "request_confirmation" not in timeline


def test_an_intake_coordinator_hands_a_queued_request_to_another_programme(
    client, intake_coordinator, home_start
):
    queued = SupportRequestFactory(programme=None, help_me_choose=True)
    client.force_login(intake_coordinator)
    response = client.post(
        f"/dashboard/verzoeken/{queued.pk}/intake/",
        {"done_on": timezone.localdate().isoformat(), "programme": home_start.pk},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/dashboard/"
    assert "Intake recorded." in messages_of(response)
    queued.refresh_from_db()
    assert queued.programme == home_start
    assert queued.help_me_choose is False
    assert queued.status == RequestStatus.INTAKE_DONE
