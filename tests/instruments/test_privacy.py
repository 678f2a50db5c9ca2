"""A family's questionnaire answers are in their export and go with their erasure."""

from __future__ import annotations

import pytest

from coalition.instruments.models import Instrument
from coalition.privacy.export import subject_export_json
from families.models import Administration
from families.privacy import family_erase
from families.services import administration_save_answers, administration_start
from tests.factories import SupportRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(buurtgezinnen, coordinator):
    request = SupportRequestFactory(programme=buurtgezinnen, status="matched")
    administration, _token = administration_start(
        request=request,
        instrument=Instrument.objects.get(code="coalitie-ouderbalans"),
        moment="intake",
        mode="conversation",
        by=coordinator,
    )
    return administration_save_answers(
        administration=administration, answers={str(n): 3 for n in range(1, 8)}
    )


def test_the_answers_and_scores_are_in_the_familys_export(answered, coordinator):
    text = subject_export_json(subject=answered.request.family, user=coordinator)

    assert '"answers": {' in text and '"7": 3' in text
    assert '"scores": {' in text and '"total": 13.0' in text


def test_erasure_clears_the_answers_and_keeps_only_the_anonymous_scores(answered, coordinator):
    family_erase(family=answered.request.family, by=coordinator)

    administration = Administration.objects.get()
    assert administration.answers == {}
    assert administration.scores["total"] == 13.0
