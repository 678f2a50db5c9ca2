"""The volunteer page: screening checklist, status actions, notes; and the pipeline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories import VolunteerFactory
from volunteers.models import HouseholdMember, ScreeningStep, VolunteerStatus
from volunteers.services import screening_attach_document

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_approving_with_screening_missing_is_refused_with_a_message(client, coordinator):
    volunteer = VolunteerFactory(status=VolunteerStatus.SCREENING, screened=False)
    client.force_login(coordinator)
    response = client.post(
        f"/dashboard/vrijwilligers/{volunteer.pk}/status/", {"to_status": "approved"}, follow=True
    )
    assert any("Screening is not complete" in m for m in messages_of(response))
    volunteer.refresh_from_db()
    assert volunteer.status == VolunteerStatus.SCREENING


def test_a_coordinator_completes_screening_and_approves(client, coordinator, buurtgezinnen):
    volunteer = VolunteerFactory(status=VolunteerStatus.SCREENING, screened=False)
    client.force_login(coordinator)
    today = timezone.localdate().isoformat()
    # No other adults at home: the household VOG asks nothing of this volunteer.
    for kind in set(buurtgezinnen.required_screening) - {"household_vog"}:
        data = {"kind": kind, "done_on": today}
        if kind == "vog":
            data["document"] = SimpleUploadedFile("vog.pdf", b"%PDF-1.4 fictief", "application/pdf")
        response = client.post(
            f"/dashboard/vrijwilligers/{volunteer.pk}/screening/", data, follow=True
        )
        assert "Screening step recorded." in messages_of(response)
    vog = ScreeningStep.objects.get(volunteer=volunteer, kind="vog")
    assert vog.document.name.endswith(".pdf")
    assert vog.expires_on == buurtgezinnen.vog_valid_until(timezone.localdate())
    response = client.post(
        f"/dashboard/vrijwilligers/{volunteer.pk}/status/", {"to_status": "approved"}, follow=True
    )
    assert "Status changed." in messages_of(response)
    volunteer.refresh_from_db()
    assert volunteer.status == VolunteerStatus.APPROVED


def volunteer_with_a_partner_at_home(**kwargs):
    """A hosting household with another adult, and the volunteer's own steps done."""
    volunteer = VolunteerFactory(status=VolunteerStatus.SCREENING, is_household=True, **kwargs)
    partner = HouseholdMember.objects.create(
        volunteer=volunteer, first_name="Sem", birth_year=timezone.localdate().year - 40
    )
    return volunteer, partner


def test_the_checklist_has_a_row_for_the_vog_of_another_adult_at_home(client, coordinator):
    volunteer, partner = volunteer_with_a_partner_at_home()
    HouseholdMember.objects.create(
        volunteer=volunteer, first_name="Noor", birth_year=timezone.localdate().year - 8
    )
    client.force_login(coordinator)
    response = client.get(f"/dashboard/vrijwilligers/{volunteer.pk}/")
    rows = [r for r in response.context["checklist"] if r["kind"] == "household_vog"]
    assert [(r["label"], r["required"], r["valid"]) for r in rows] == [
        ("VOG of Sem (household member)", True, False)
    ]
    page = response.content.decode()
    assert "VOG of Sem (household member)" in page
    assert f'value="household_vog:{partner.pk}"' in page  # the step can be recorded
    assert "Noor" not in page.split('data-testid="screening"')[1]  # a child needs no VOG


def test_approval_is_refused_while_the_vog_of_another_adult_at_home_is_missing(client, coordinator):
    volunteer, _partner = volunteer_with_a_partner_at_home()
    client.force_login(coordinator)
    response = client.post(
        f"/dashboard/vrijwilligers/{volunteer.pk}/status/", {"to_status": "approved"}, follow=True
    )
    assert messages_of(response) == ["Screening is not complete: VOG of Sem (household member)."]
    volunteer.refresh_from_db()
    assert volunteer.status == VolunteerStatus.SCREENING


def test_recording_the_vog_of_another_adult_at_home_lets_the_volunteer_be_approved(
    client, coordinator, buurtgezinnen
):
    volunteer, partner = volunteer_with_a_partner_at_home()
    client.force_login(coordinator)
    issued = timezone.localdate() - dt.timedelta(days=10)
    response = client.post(
        f"/dashboard/vrijwilligers/{volunteer.pk}/screening/",
        {
            "kind": f"household_vog:{partner.pk}",
            "done_on": issued.isoformat(),
            "document": SimpleUploadedFile("vog-sem.pdf", b"%PDF-1.4 fictief", "application/pdf"),
        },
        follow=True,
    )
    assert "Screening step recorded." in messages_of(response)
    step = ScreeningStep.objects.get(volunteer=volunteer, household_member=partner)
    assert (step.kind, step.done_on) == ("household_vog", issued)
    assert step.expires_on == buurtgezinnen.vog_valid_until(issued)
    assert step.document.name.endswith(".pdf")
    row = next(r for r in response.context["checklist"] if r["household_member"] == partner)
    assert row["valid"]

    response = client.post(
        f"/dashboard/vrijwilligers/{volunteer.pk}/status/", {"to_status": "approved"}, follow=True
    )
    assert "Status changed." in messages_of(response)
    volunteer.refresh_from_db()
    assert volunteer.status == VolunteerStatus.APPROVED


def test_the_vog_of_another_adult_at_home_can_be_exempted_with_a_reason(client, coordinator):
    volunteer, partner = volunteer_with_a_partner_at_home()
    client.force_login(coordinator)
    response = client.post(
        f"/dashboard/vrijwilligers/{volunteer.pk}/vrijstelling/",
        {"kind": f"household_vog:{partner.pk}", "reason": "Woont doordeweeks in het buitenland"},
        follow=True,
    )
    assert "Exemption recorded." in messages_of(response)
    step = ScreeningStep.objects.get(volunteer=volunteer, household_member=partner)
    assert (step.kind, step.exempt) == ("household_vog", True)
    assert "Woont doordeweeks in het buitenland" in response.content.decode()
    client.post(f"/dashboard/vrijwilligers/{volunteer.pk}/status/", {"to_status": "approved"})
    volunteer.refresh_from_db()
    assert volunteer.status == VolunteerStatus.APPROVED


def test_the_vog_of_someone_elses_household_member_cannot_be_recorded(client, coordinator):
    volunteer, _partner = volunteer_with_a_partner_at_home()
    _other, stranger = volunteer_with_a_partner_at_home()
    client.force_login(coordinator)
    response = client.post(
        f"/dashboard/vrijwilligers/{volunteer.pk}/screening/",
        {"kind": f"household_vog:{stranger.pk}", "done_on": timezone.localdate().isoformat()},
        follow=True,
    )
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not ScreeningStep.objects.filter(household_member=stranger).exists()


def test_a_screening_date_in_the_future_is_refused(client, coordinator):
    volunteer = VolunteerFactory(status=VolunteerStatus.SCREENING, screened=False)
    client.force_login(coordinator)
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client.post(
        f"/dashboard/vrijwilligers/{volunteer.pk}/screening/",
        {"kind": "intake", "done_on": tomorrow},
        follow=True,
    )
    assert any("future" in m for m in messages_of(response))
    assert not ScreeningStep.objects.filter(volunteer=volunteer).exists()


def test_an_exemption_needs_a_reason(client, coordinator):
    volunteer = VolunteerFactory(status=VolunteerStatus.SCREENING, screened=False)
    client.force_login(coordinator)
    response = client.post(
        f"/dashboard/vrijwilligers/{volunteer.pk}/vrijstelling/",
        {"kind": "training", "reason": ""},
        follow=True,
    )
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    response = client.post(
        f"/dashboard/vrijwilligers/{volunteer.pk}/vrijstelling/",
        {"kind": "training", "reason": "Is zelf pedagogisch medewerker"},
        follow=True,
    )
    assert "Exemption recorded." in messages_of(response)
    assert "Is zelf pedagogisch medewerker" in response.content.decode()


def test_attaching_a_document_needs_a_file(coordinator):
    volunteer = VolunteerFactory()
    step = ScreeningStep.objects.filter(volunteer=volunteer).first()
    with pytest.raises(ValidationError, match="Choose a file"):
        screening_attach_document(step=step, document=None, by=coordinator)


def test_pausing_and_stopping_an_active_volunteer(client, coordinator):
    volunteer = VolunteerFactory(status=VolunteerStatus.ACTIVE)
    client.force_login(coordinator)
    client.post(
        f"/dashboard/vrijwilligers/{volunteer.pk}/status/",
        {"to_status": "paused", "reason": "Verhuizing"},
    )
    volunteer.refresh_from_db()
    assert volunteer.status == VolunteerStatus.PAUSED
    client.post(f"/dashboard/vrijwilligers/{volunteer.pk}/status/", {"to_status": "stopped"})
    volunteer.refresh_from_db()
    assert volunteer.status == VolunteerStatus.STOPPED


def test_an_applicant_cannot_be_paused(client, coordinator):
    volunteer = VolunteerFactory(status=VolunteerStatus.APPLIED)
    client.force_login(coordinator)
    page = client.get(f"/dashboard/vrijwilligers/{volunteer.pk}/").content.decode()
    assert 'value="paused"' not in page
    response = client.post(
        f"/dashboard/vrijwilligers/{volunteer.pk}/status/", {"to_status": "paused"}, follow=True
    )
    assert any("Cannot go from “Applied” to “Paused”" in m for m in messages_of(response))


def test_the_page_shows_the_checklist_and_the_availability_grid(client, coordinator):
    volunteer = VolunteerFactory()
    client.force_login(coordinator)
    page = client.get(f"/dashboard/vrijwilligers/{volunteer.pk}/").content.decode()
    assert "Certificate of conduct (VOG)" in page
    assert "valid until" in page
    assert page.count("●") == 3  # the factory's three weekday afternoons


def test_the_pipeline_shows_volunteers_by_status(client, coordinator):
    applicant = VolunteerFactory(status=VolunteerStatus.APPLIED, screened=False)
    paused = VolunteerFactory(status=VolunteerStatus.PAUSED)
    client.force_login(coordinator)
    response = client.get("/dashboard/vrijwilligers/pijplijn/")
    columns = {c["status"]: c for c in response.context["columns"]}
    assert applicant in columns["applied"]["volunteers"]
    assert paused in columns["paused"]["volunteers"]
    assert columns["applied"]["count"] == 1


def test_a_note_on_a_volunteer_is_shown_on_their_page(client, coordinator):
    volunteer = VolunteerFactory()
    client.force_login(coordinator)
    response = client.post(
        f"/dashboard/vrijwilligers/{volunteer.pk}/notitie/",
        {"kind": "phone", "text": "Wil graag een gezin in Noord."},
        follow=True,
    )
    assert "Wil graag een gezin in Noord." in response.content.decode()
