"""Writes of the instrument registry."""

from __future__ import annotations

from django.db import transaction

from coalition.instruments.loading import InstrumentFileError, instrument_check, instrument_create
from coalition.instruments.models import Instrument, InstrumentUse, Item, Scale
from coalition.programmes.models import Programme


@transaction.atomic
def instrument_import(*, data: dict) -> Instrument:
    """Add an instrument from a licence holder's document. A version is never
    overwritten: answers given to it must keep meaning what they meant."""
    instrument_check(data)
    if Instrument.objects.filter(code=data["code"], version=data["version"]).exists():
        raise InstrumentFileError(
            [
                f"{data['code']} version {data['version']} is already in the registry: "
                "give the new file its own version"
            ]
        )
    return instrument_create(
        data,
        Instrument=Instrument,
        Scale=Scale,
        Item=Item,
        InstrumentUse=InstrumentUse,
        Programme=Programme,
    )
