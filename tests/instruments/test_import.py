"""`manage.py instrument_import` reads a licence holder's file (docs/instruments.md)."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from coalition.instruments.models import Instrument
from coalition.instruments.scoring import scores_of
from coalition.instruments.selectors import instruments_for, scale_specs
from tests.instruments.made_up import made_up_document

pytestmark = pytest.mark.django_db


def _write(tmp_path, document) -> str:
    path = tmp_path / "instrument.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def test_a_made_up_instrument_is_imported_with_its_scales_items_licence_and_uses(
    tmp_path, home_start, capsys
):
    call_command("instrument_import", _write(tmp_path, made_up_document()))

    instrument = Instrument.objects.get(code="voorbeeld-schaal")
    assert (instrument.licence_holder, instrument.electronic_allowed) == (
        "Voorbeeldinstituut",
        True,
    )
    assert [i.text["en"] for i in instrument.items.all()][:2] == [
        "Made-up sentence 1",
        "Made-up sentence 2",
    ]
    assert instrument in instruments_for(programme_id=home_start.pk, moment="closure")
    assert instrument not in instruments_for(programme_id=home_start.pk, moment="evaluation")
    assert "Imported Voorbeeldschaal (2.1) with 4 items" in capsys.readouterr().out


def test_the_imported_instrument_scores_as_its_file_says(tmp_path, home_start):
    call_command("instrument_import", _write(tmp_path, made_up_document()))
    specs = scale_specs(Instrument.objects.get(code="voorbeeld-schaal"))

    # total: 2 + (2 - 0 = 2) + 1 + 2 = 7, at or above the cut-off 6; subscale a: mean(2, 2) = 2
    scores = scores_of({"1": 2, "2": 0, "3": 1, "4": 2}, specs)

    assert scores == {"totaal": 7.0, "a": 2.0}
    assert specs[0].cutoff == 6


def test_a_file_with_problems_is_refused_naming_each_one(tmp_path):
    document = made_up_document(languages=["nl", "en", "tr"])
    document["items"][0]["subscale"] = "b"
    document["scales"][0]["reliability"] = 1.5

    with pytest.raises(CommandError) as refused:
        call_command("instrument_import", _write(tmp_path, document))

    message = str(refused.value)
    assert "items[1]: a text in every language" in message
    assert "items[1]: unknown subscale 'b'" in message
    assert "scales[totaal]: reliability is between 0 and 1" in message
    assert not Instrument.objects.filter(code="voorbeeld-schaal").exists()


def test_the_same_version_is_never_imported_twice(tmp_path):
    path = _write(tmp_path, made_up_document())
    call_command("instrument_import", path)

    with pytest.raises(CommandError, match="already in the registry"):
        call_command("instrument_import", path)


def test_a_file_that_is_not_json_is_refused(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")

    with pytest.raises(CommandError, match="Cannot read"):
        call_command("instrument_import", str(path))
