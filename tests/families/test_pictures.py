"""One picture per situation option and per programme, each with a text alternative,
shown on the form's situation step and wherever programmes are listed."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from coalition.programmes.models import Programme
from families.models import Situation
from families.pictures import PROGRAMME_PICTURES, SITUATION_PICTURES
from tests.families.request_steps import answer_steps, step_url

pytestmark = pytest.mark.django_db

PICTURES = Path(settings.BASE_DIR) / "static" / "pictures"


def test_every_situation_and_programme_has_a_picture_of_its_own():
    slugs = set(Programme.objects.filter(is_active=True).values_list("slug", flat=True))

    assert set(SITUATION_PICTURES) == set(Situation.values)
    assert slugs <= set(PROGRAMME_PICTURES)
    for name in [f"situation-{c}" for c in Situation.values] + [f"programme-{s}" for s in slugs]:
        assert (PICTURES / f"{name}.svg").read_text().startswith("<svg")
    assert "CC0" in (PICTURES / "README.md").read_text()


def test_the_situation_step_shows_each_option_with_its_picture_and_text(client):
    answer_steps(client, until=3)

    page = client.get(step_url(4)).content.decode()

    for code, alt in SITUATION_PICTURES.items():
        assert f"pictures/situation-{code}" in page
        assert f'alt="{alt}"'.replace("'", "&#x27;") in page


def test_the_programme_list_shows_each_programme_with_its_picture(client):
    page = client.get("/").content.decode()
    answer_steps(client, until=4)
    support = client.get(step_url(5)).content.decode()

    for slug in Programme.objects.filter(is_active=True).values_list("slug", flat=True):
        assert f"pictures/programme-{slug}" in page
        assert f"pictures/programme-{slug}" in support
