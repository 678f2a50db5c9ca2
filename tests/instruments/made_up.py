"""A made-up licensed instrument (invented items, invented holder) for the tests."""

from __future__ import annotations

import copy

from coalition.instruments.models import Instrument, InstrumentUse
from coalition.instruments.services import instrument_import

LANGS = ["nl", "en"]

MADE_UP = {
    "code": "voorbeeld-schaal",
    "version": "2.1",
    "name": "Voorbeeldschaal",
    "licence": {
        "holder": "Voorbeeldinstituut",
        "status": "licensed",
        "electronic_allowed": True,
        "cutoffs_licensed": True,
        "valid_until": "2099-12-31",
        "statement": "Made up for the tests.",
    },
    "languages": LANGS,
    "instructions": {"nl": "Kies wat past.", "en": "Choose what fits."},
    "options": [{"value": v, "label": {"nl": f"nl-{v}", "en": f"en-{v}"}} for v in (0, 1, 2)],
    "scales": [
        {
            "code": "totaal",
            "total": True,
            "method": "sum",
            "max_missing": 1,
            "reliability": 0.75,
            "norm_sd": 4.0,
            "cutoff": 6,
            "name": {"nl": "Totaal"},
        },
        {"code": "a", "method": "mean", "max_missing": 0, "name": {"nl": "Deel A"}},
    ],
    "items": [
        {
            "number": n,
            "subscale": "a" if n <= 2 else None,
            "reverse": n == 2,
            "text": {"nl": f"Verzonnen zin {n}", "en": f"Made-up sentence {n}"},
        }
        for n in (1, 2, 3, 4)
    ],
    "administer": [{"programme": "home-start", "moments": ["intake", "closure"]}],
}


def made_up_document(**changes) -> dict:
    document = copy.deepcopy(MADE_UP)
    document.update(changes)
    return document


def made_up_instrument(*, programme=None, **fields) -> Instrument:
    instrument = instrument_import(data=made_up_document(version=f"t{Instrument.objects.count()}"))
    if fields:
        Instrument.objects.filter(pk=instrument.pk).update(**fields)
        instrument.refresh_from_db()
    if programme is not None:
        InstrumentUse.objects.create(instrument=instrument, programme=programme, moment="intake")
    return instrument
