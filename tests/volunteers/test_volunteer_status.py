import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from coalition.status_machine import IllegalTransition
from tests.factories import VolunteerFactory
from volunteers.models import HouseholdMember, ScreeningStep, VolunteerStatus
from volunteers.selectors import screening_missing
from volunteers.services import screening_exempt, screening_record, volunteer_change_status

pytestmark = pytest.mark.django_db


def test_an_applicant_cannot_be_approved_before_screening(coordinator):
    volunteer = VolunteerFactory(status=VolunteerStatus.APPLIED)
    with pytest.raises(IllegalTransition):
        volunteer_change_status(
            volunteer=volunteer, to_status=VolunteerStatus.APPROVED, by=coordinator
        )


def test_approval_needs_every_screening_step(coordinator):
    volunteer = VolunteerFactory(status=VolunteerStatus.SCREENING, screened=False)
    with pytest.raises(ValidationError, match="Screening is not complete"):
        volunteer_change_status(
            volunteer=volunteer, to_status=VolunteerStatus.APPROVED, by=coordinator
        )

    today = timezone.localdate()
    for kind in ("intake", "vog", "references"):
        screening_record(volunteer=volunteer, kind=kind, done_on=today, by=coordinator)
    volunteer_change_status(volunteer=volunteer, to_status=VolunteerStatus.APPROVED, by=coordinator)
    assert volunteer.status == VolunteerStatus.APPROVED


def test_a_vog_is_valid_for_the_programmes_period(buurtgezinnen, coordinator):
    volunteer = VolunteerFactory(screened=False)
    done = dt.date(2026, 1, 15)
    step = screening_record(volunteer=volunteer, kind="vog", done_on=done, by=coordinator)
    assert step.expires_on == dt.date(2029, 1, 15)  # 36 months for Buurtgezinnen
    assert step.is_valid_on(dt.date(2029, 1, 15))
    assert not step.is_valid_on(dt.date(2029, 1, 16))


def test_other_adults_in_a_hosting_household_need_their_own_vog(buurtgezinnen):
    volunteer = VolunteerFactory()
    today = timezone.localdate()
    assert screening_missing(volunteer=volunteer, programme=buurtgezinnen, on=today) == []
    partner = HouseholdMember.objects.create(
        volunteer=volunteer, first_name="Sem", birth_year=today.year - 40
    )
    assert screening_missing(volunteer=volunteer, programme=buurtgezinnen, on=today) == [
        "household_vog"
    ]
    screening_record(
        volunteer=volunteer, kind="household_vog", household_member=partner, done_on=today
    )
    assert screening_missing(volunteer=volunteer, programme=buurtgezinnen, on=today) == []


def test_an_exemption_needs_a_reason():
    volunteer = VolunteerFactory(screened=False)
    with pytest.raises(ValidationError):
        screening_exempt(volunteer=volunteer, kind="references", reason="  ")
    with pytest.raises(IntegrityError):
        ScreeningStep.objects.create(volunteer=volunteer, kind="training", exempt=True)


def test_a_household_vog_is_recorded_for_an_adult_of_the_own_household_only():
    volunteer = VolunteerFactory()
    other = VolunteerFactory()
    today = timezone.localdate()
    stranger = HouseholdMember.objects.create(
        volunteer=other, first_name="Sem", birth_year=today.year - 40
    )
    with pytest.raises(ValidationError, match="Choose the household member"):
        screening_record(volunteer=volunteer, kind="household_vog", done_on=today)
    with pytest.raises(ValidationError, match="Choose the household member"):
        screening_exempt(
            volunteer=volunteer, kind="household_vog", household_member=stranger, reason="x"
        )
    with pytest.raises(ValidationError, match="Only a household VOG"):
        screening_record(volunteer=other, kind="vog", household_member=stranger, done_on=today)
