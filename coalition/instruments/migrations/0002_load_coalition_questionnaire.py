"""The coalition's own short questionnaire (Ouderbalans), free to use, in six languages."""

import json
from pathlib import Path

from django.db import migrations

from coalition.instruments.loading import instrument_check, instrument_create

SOURCE = Path(__file__).resolve().parent.parent / "data" / "coalitie_ouderbalans.json"


def load(apps, schema_editor):
    data = instrument_check(json.loads(SOURCE.read_text(encoding="utf-8")))
    Instrument = apps.get_model("instruments", "Instrument")
    if Instrument.objects.filter(code=data["code"], version=data["version"]).exists():
        return
    instrument_create(
        data,
        Instrument=Instrument,
        Scale=apps.get_model("instruments", "Scale"),
        Item=apps.get_model("instruments", "Item"),
        InstrumentUse=apps.get_model("instruments", "InstrumentUse"),
        Programme=apps.get_model("programmes", "Programme"),
    )


def unload(apps, schema_editor):
    apps.get_model("instruments", "Instrument").objects.filter(
        code="coalitie-ouderbalans", version="1.0"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("instruments", "0001_instrument_registry"),
        ("programmes", "0002_load_wijken_and_programmes"),
    ]

    operations = [migrations.RunPython(load, unload)]
