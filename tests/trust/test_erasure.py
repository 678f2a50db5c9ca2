"""Erasure on request: no personal data of the person is left anywhere."""

import os

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.functions import Cast
from django.urls import reverse

from coalition.notifications.models import Notification
from coalition.people.models import AuditEvent, Role, User
from families.models import Child, Family, Parent, SupportRequest
from families.privacy import family_erase
from matching.models import Match
from volunteers.models import ScreeningStep, Volunteer
from volunteers.privacy import volunteer_erase

pytestmark = pytest.mark.django_db

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def rows_mentioning(secret: str) -> list[str]:
    """Every row of every model with `secret` in any text, char, email or JSON field."""
    hits = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, TEXT_FIELDS):
                continue
            matches = (
                model._base_manager.annotate(_as_text=Cast(field.name, models.TextField()))
                .filter(_as_text__icontains=secret)
                .values_list("pk", flat=True)
            )
            hits += [f"{model._meta.label}.{field.name}#{pk}" for pk in matches]
    return hits


def test_after_erasure_no_field_in_the_database_holds_the_familys_data(family_a, family_b):
    family_erase(family=family_a.family)

    for secret in [*family_a.secrets, "Zwaantje"]:
        assert rows_mentioning(secret) == [], secret


def test_erasure_leaves_another_family_alone(family_a, family_b):
    family_erase(family=family_a.family)

    for secret in family_b.secrets:
        assert rows_mentioning(secret), secret


def test_what_counts_for_the_statistics_stays_without_names(family_a):
    family_erase(family=family_a.family)

    family = Family.objects.get(pk=family_a.family.pk)
    assert family.anonymised_at is not None
    assert family.pc4 == "5038"
    assert family.postcode == ""
    assert family.wijk_id == "WK085510"
    assert Parent.objects.filter(family=family).count() == 0
    assert sorted(Child.objects.filter(family=family).values_list("first_name", flat=True)) == [
        "",
        "",
    ]
    request = SupportRequest.objects.get(pk=family_a.request.pk)
    assert (request.status, request.programme_id) == ("withdrawn", family_a.request.programme_id)
    assert request.situation == ["overloaded"]  # the special-category entry went
    assert request.health_notes == ""
    match = Match.objects.get(pk=family_a.match.pk)
    assert (match.status, match.end_reason, match.end_note) == ("ended", "family_withdrew", "")


def test_pending_notifications_for_the_family_are_gone(family_a):
    # The request's confirmation and the invitation to rate the goals.
    assert Notification.objects.filter(recipient_email=family_a.parent.email).count() == 2

    report = family_erase(family=family_a.family)

    assert report.notifications_deleted == 2
    assert not Notification.objects.filter(recipient_email=family_a.parent.email).exists()


def test_erasing_a_volunteer_removes_their_files_account_and_details(
    screened_volunteer, media_root, django_capture_on_commit_callbacks
):
    volunteer = screened_volunteer
    user = User.objects.create_user(email=volunteer.email, role=Role.VOLUNTEER)
    volunteer.user = user
    volunteer.save()
    files = [step.document.path for step in ScreeningStep.objects.filter(volunteer=volunteer)]

    with django_capture_on_commit_callbacks(execute=True):
        report = volunteer_erase(volunteer=volunteer)

    assert report.files_deleted == 2
    assert not any(os.path.exists(path) for path in files)
    assert not Volunteer.objects.filter(pk=volunteer.pk).exists()
    assert not User.objects.filter(pk=user.pk).exists()
    for secret in ["Gerlinde", "Oosterwijk", volunteer.email, "06-55554444", "Hidde"]:
        assert rows_mentioning(secret) == [], secret


def test_a_volunteer_with_matches_stays_as_an_anonymous_row(
    family_a, media_root, django_capture_on_commit_callbacks
):
    volunteer = family_a.volunteer
    volunteer.first_name, volunteer.last_name = "Hendrikje", "Wolfkamp"
    volunteer.save()
    names = ["Hendrikje", "Wolfkamp", volunteer.email]
    step = volunteer.screening.first()
    step.exempt, step.exemption_reason = True, f"Bekend bij {volunteer.first_name}"
    step.document.save("vog.pdf", ContentFile(b"%PDF-1.4 fictional"), save=True)
    path = step.document.path

    with django_capture_on_commit_callbacks(execute=True):
        volunteer_erase(volunteer=volunteer)

    volunteer.refresh_from_db()
    assert volunteer.anonymised_at is not None
    assert Match.objects.filter(volunteer=volunteer).count() == 1
    for secret in names:
        assert rows_mentioning(secret) == [], secret
    assert not os.path.exists(path)


def test_files_stay_when_the_erasure_fails(screened_volunteer, media_root, monkeypatch):
    path = screened_volunteer.screening.first().document.path
    pk = screened_volunteer.pk
    monkeypatch.setattr(
        "volunteers.privacy.user_delete_sessions",
        lambda user: (_ for _ in ()).throw(RuntimeError("boom")),
    )
    screened_volunteer.user = User.objects.create_user(email="x@example.org", role=Role.VOLUNTEER)
    screened_volunteer.save()

    with pytest.raises(RuntimeError):
        volunteer_erase(volunteer=screened_volunteer)

    assert os.path.exists(path)
    assert Volunteer.objects.filter(pk=pk).exists()


def test_a_coordinator_erases_after_confirming(staff_client, coordinator, family_a):
    client = staff_client(coordinator)
    url = reverse("privacy:family_erase", args=[family_a.family.pk])

    assert client.post(url, {}).status_code == 200  # not confirmed: nothing happens
    assert Parent.objects.filter(family=family_a.family).exists()

    response = client.post(url, {"confirm": "on"})

    assert response.status_code == 302
    assert not Parent.objects.filter(family=family_a.family).exists()
    assert AuditEvent.objects.filter(action="erase", target_id=str(family_a.family.pk)).exists()


def test_a_partner_cannot_erase(client, partner, family_a):
    client.force_login(partner)

    response = client.post(
        reverse("privacy:family_erase", args=[family_a.family.pk]), {"confirm": "on"}
    )

    assert response.status_code == 404
    assert Parent.objects.filter(family=family_a.family).exists()


def test_erasing_a_volunteer_through_the_page_is_logged_with_its_number(
    staff_client, coordinator, screened_volunteer
):
    pk = screened_volunteer.pk

    response = staff_client(coordinator).post(
        reverse("privacy:volunteer_erase", args=[pk]), {"confirm": "on"}
    )

    assert response.status_code == 302
    assert not Volunteer.objects.filter(pk=pk).exists()
    assert AuditEvent.objects.filter(
        action="erase", target_type="volunteers.volunteer", target_id=str(pk)
    ).exists()
