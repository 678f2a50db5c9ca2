"""The coalition's own questionnaire ships with the platform, free and in six languages."""

from __future__ import annotations

import pytest

from coalition.instruments.licence import licence_refusal
from coalition.instruments.models import Instrument
from coalition.instruments.scoring import scores_of
from coalition.instruments.selectors import instruments_for, scale_specs

pytestmark = pytest.mark.django_db

LANGUAGES = {"nl", "en", "ar", "tr", "pl", "uk"}


def ouderbalans() -> Instrument:
    return Instrument.objects.get(code="coalitie-ouderbalans")


def test_it_has_every_item_and_option_in_all_six_languages():
    instrument = ouderbalans()

    assert set(instrument.languages) == LANGUAGES
    assert all(set(item.text) == LANGUAGES for item in instrument.items.all())
    assert all(set(option["label"]) == LANGUAGES for option in instrument.options)
    assert set(instrument.instructions) == LANGUAGES


def test_it_is_free_to_use_on_the_platform_and_says_so():
    instrument = ouderbalans()

    assert licence_refusal(instrument) == ""
    assert "CC BY 4.0" in instrument.licence_statement


def test_every_programme_gives_it_at_intake_evaluation_and_closure(buurtgezinnen, home_start):
    for programme in (buurtgezinnen, home_start):
        for moment in ("intake", "evaluation", "closure"):
            assert ouderbalans() in instruments_for(programme_id=programme.pk, moment=moment)


def test_its_scores_by_hand():
    # items 3, 5, 6, 7 reverse-scored on 0-4
    answers = {"1": 3, "2": 4, "3": 1, "4": 2, "5": 4, "6": 3, "7": 0}
    scores = scores_of(answers, scale_specs(ouderbalans()))

    # stress: 3 + 4 + (4 - 1) + 2 = 12; support: 0 + 1 + 4 = 5; total 17
    assert scores == {"total": 17.0, "stress": 12.0, "support": 5.0}


def test_its_subscale_of_support_needs_every_item():
    answers = {"1": 3, "2": 4, "3": 1, "4": 2, "5": 4, "6": 3}
    scores = scores_of(answers, scale_specs(ouderbalans()))

    # total prorated: (12 + 0 + 1) x 7 / 6 = 15.1666...
    assert scores["total"] == pytest.approx(91 / 6)
    assert scores["stress"] == 12.0
    assert scores["support"] is None
