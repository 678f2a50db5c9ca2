"""One volunteer across programmes: a second application is the same person with the
same account, and screening another programme accepts is not asked again."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import VolunteerFactory, with_totp
from volunteers.applications import application_checklist, application_create, application_decide
from volunteers.models import ApplicationStatus, ScreeningAcceptance, ScreeningStep, Volunteer
from volunteers.services import screening_record

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def vog_of(volunteer: Volunteer) -> ScreeningStep:
    return volunteer.screening.get(kind="vog")


def row(checklist, kind: str):
    return next(r for r in checklist if r.kind == kind)


def test_a_volunteer_applies_to_a_second_programme_from_their_own_page(
    client, volunteer_user, home_start
):
    client.force_login(volunteer_user)

    response = client.post(
        reverse("volunteers:apply_programme"),
        {"programme": home_start.pk, "motivation": "Ik wil ook thuis bij gezinnen komen."},
        follow=True,
    )

    volunteer = volunteer_user.volunteer
    assert Volunteer.objects.filter(user=volunteer_user).count() == 1
    application = volunteer.applications.get()
    assert application.programme == home_start
    assert application.status == ApplicationStatus.PENDING
    assert "Home-Start" in response.content.decode()
    # Not in Home-Start's pool until Home-Start accepts the volunteer.
    assert list(volunteer.programmes.values_list("slug", flat=True)) == ["buurtgezinnen"]


def test_applying_twice_to_the_same_programme_is_refused(volunteer_user, home_start):
    volunteer = volunteer_user.volunteer
    application_create(volunteer=volunteer, programme=home_start)

    with pytest.raises(ValidationError):
        application_create(volunteer=volunteer, programme=home_start)


def test_the_programme_applied_to_sees_the_applicant(
    client, other_coordinator, volunteer_user, home_start
):
    with_totp(other_coordinator)
    volunteer = volunteer_user.volunteer
    url = reverse("coordinators:volunteer_detail", args=[volunteer.pk])
    client.force_login(other_coordinator)
    assert client.get(url).status_code == 404

    application_create(volunteer=volunteer, programme=home_start)

    assert client.get(url).status_code == 200


def test_a_recent_vog_of_another_programme_counts_as_accepted(volunteer_user, home_start):
    volunteer = volunteer_user.volunteer
    application_create(volunteer=volunteer, programme=home_start)

    checklist = application_checklist(volunteer=volunteer, programme=home_start, on=TODAY())

    vog = row(checklist, "vog")
    assert vog.done and vog.accepted_from.slug == "buurtgezinnen"
    assert vog.step.done_on == vog_of(volunteer).done_on
    # Home-Start's own training was never done: still asked.
    assert not row(checklist, "training").done


def test_the_coordinator_reads_accepted_from_the_programme_on_the_date(
    client, other_coordinator, volunteer_user, home_start
):
    with_totp(other_coordinator)
    volunteer = volunteer_user.volunteer
    application_create(volunteer=volunteer, programme=home_start)
    client.force_login(other_coordinator)

    page = client.get(reverse("coordinators:volunteer_detail", args=[volunteer.pk]))

    done_on = vog_of(volunteer).done_on
    assert f"accepted from Buurtgezinnen on {done_on:%-d %b %Y}" in page.content.decode()


def test_a_vog_older_than_the_programme_accepts_is_asked_again(volunteer_user, home_start):
    volunteer = volunteer_user.volunteer
    ScreeningStep.objects.filter(volunteer=volunteer, kind="vog").update(
        done_on=TODAY() - dt.timedelta(days=400)
    )
    application_create(volunteer=volunteer, programme=home_start)

    checklist = application_checklist(volunteer=volunteer, programme=home_start, on=TODAY())

    assert not row(checklist, "vog").done
    # Still valid for Buurtgezinnen, which recorded it.
    assert vog_of(volunteer).is_valid_on(TODAY())


def test_a_vog_with_another_screening_profile_is_not_accepted(volunteer_user, home_start):
    volunteer = volunteer_user.volunteer
    ScreeningAcceptance.objects.filter(programme=home_start, kind="vog").update(
        screening_profile="45 Kinderopvang"
    )
    application_create(volunteer=volunteer, programme=home_start)
    assert not row(
        application_checklist(volunteer=volunteer, programme=home_start, on=TODAY()), "vog"
    ).done

    ScreeningStep.objects.filter(volunteer=volunteer, kind="vog").update(
        screening_profile="45 Kinderopvang"
    )
    volunteer = Volunteer.objects.get(pk=volunteer.pk)

    assert (
        row(
            application_checklist(volunteer=volunteer, programme=home_start, on=TODAY()), "vog"
        ).accepted_from.slug
        == "buurtgezinnen"
    )


def test_without_a_rule_nothing_is_accepted(volunteer_user, home_start):
    ScreeningAcceptance.objects.filter(programme=home_start).delete()
    volunteer = volunteer_user.volunteer
    application_create(volunteer=volunteer, programme=home_start)

    checklist = application_checklist(volunteer=volunteer, programme=home_start, on=TODAY())

    assert not any(r.done for r in checklist)


def test_acceptance_waits_for_the_missing_steps_then_adds_the_programme(
    volunteer_user, home_start, other_coordinator
):
    volunteer = volunteer_user.volunteer
    application = application_create(volunteer=volunteer, programme=home_start)
    with pytest.raises(ValidationError, match="Screening is not complete"):
        application_decide(application=application, accept=True, by=other_coordinator)

    for kind in ("intake", "training"):
        screening_record(
            volunteer=volunteer,
            kind=kind,
            done_on=TODAY(),
            by=other_coordinator,
            programme=home_start,
        )
    application_decide(application=application, accept=True, by=other_coordinator)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert set(volunteer.programmes.values_list("slug", flat=True)) == {
        "buurtgezinnen",
        "home-start",
    }
    # The VOG was not recorded twice.
    assert volunteer.screening.filter(kind="vog").count() == 1


def test_a_step_recorded_for_one_programme_is_judged_by_the_rules_of_the_other(
    buurtgezinnen, home_start, coordinator
):
    volunteer = VolunteerFactory(programmes=[home_start], screened=False)
    screening_record(
        volunteer=volunteer,
        kind="vog",
        done_on=TODAY() - dt.timedelta(days=500),
        by=None,
        programme=home_start,
    )
    application_create(volunteer=volunteer, programme=buurtgezinnen)

    checklist = application_checklist(volunteer=volunteer, programme=buurtgezinnen, on=TODAY())

    assert not row(checklist, "vog").done


def test_the_programme_applied_to_does_not_change_the_volunteers_status(
    client, other_coordinator, volunteer_user, home_start
):
    with_totp(other_coordinator)
    volunteer = volunteer_user.volunteer
    application_create(volunteer=volunteer, programme=home_start)
    client.force_login(other_coordinator)

    response = client.post(
        reverse("coordinators:volunteer_status", args=[volunteer.pk]),
        {"to_status": "paused", "reason": "test"},
    )

    assert response.status_code == 404
    volunteer.refresh_from_db()
    assert volunteer.status == "approved"


def test_a_step_the_applied_programme_records_is_its_own(
    client, other_coordinator, volunteer_user, home_start
):
    with_totp(other_coordinator)
    volunteer = volunteer_user.volunteer
    application_create(volunteer=volunteer, programme=home_start)
    client.force_login(other_coordinator)

    client.post(
        reverse("coordinators:volunteer_screening", args=[volunteer.pk]),
        {"kind": "training", "done_on": TODAY().isoformat(), "screening_profile": ""},
    )

    step = volunteer.screening.get(kind="training")
    assert step.programme == home_start
    checklist = application_checklist(volunteer=volunteer, programme=home_start, on=TODAY())
    training = row(checklist, "training")
    assert training.done and training.accepted_from is None
