"""The platform refuses to give an instrument its licence does not allow, and says why."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coalition.instruments.licence import licence_refusal
from families.models import Administration
from families.services import administration_start
from tests.factories import ParentFactory, SupportRequestFactory
from tests.instruments.made_up import made_up_instrument

pytestmark = pytest.mark.django_db


def test_an_instrument_allowed_only_on_paper_is_refused_with_the_reason():
    instrument = made_up_instrument(electronic_allowed=False)

    reason = licence_refusal(instrument)

    assert "has not authorised electronic administration" in reason
    assert "Voorbeeldinstituut" in reason


@pytest.mark.parametrize(
    ("status", "words"),
    [("pending", "requested but not granted"), ("none", "no licence"), ("expired", "expired")],
)
def test_an_instrument_without_a_valid_licence_is_refused(status, words):
    assert words in licence_refusal(made_up_instrument(licence_status=status))


def test_a_licence_past_its_end_date_is_refused():
    instrument = made_up_instrument(licence_valid_until=dt.date(2020, 1, 1))

    assert "expired" in licence_refusal(instrument, today=dt.date(2026, 12, 3))


def test_starting_a_refused_instrument_creates_nothing_and_tells_why(buurtgezinnen):
    instrument = made_up_instrument(electronic_allowed=False, programme=buurtgezinnen)
    request = SupportRequestFactory(programme=buurtgezinnen, status="intake_done")
    ParentFactory(family=request.family, email="ouder@example.org")

    with pytest.raises(ValidationError) as refused:
        administration_start(
            request=request, instrument=instrument, moment="intake", mode="conversation"
        )

    assert "electronic administration" in refused.value.messages[0]
    assert not Administration.objects.exists()


def test_the_coordinator_sees_the_refusal_on_the_questionnaires_page(
    staff_client, coordinator, buurtgezinnen
):
    made_up_instrument(electronic_allowed=False, programme=buurtgezinnen)
    request = SupportRequestFactory(programme=buurtgezinnen, status="intake_done")

    page = staff_client(coordinator).get(
        reverse("coordinators:request_questionnaires", args=[request.pk])
    )

    assert "has not authorised electronic administration" in page.content.decode()
