"""Reading an instrument from the JSON a licence holder provides (docs/instruments.md).

`instrument_check` validates the document and says every problem in words;
`instrument_create` writes it with the model classes it is given, so the data
migration of the coalition's own questionnaire (historical models) and the
import command (current models) share one loader.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

LANGUAGES = ("nl", "en", "ar", "tr", "pl", "uk")
LICENCE_STATUSES = ("free", "licensed", "pending", "expired", "none")
MOMENTS = ("intake", "evaluation", "closure")


class InstrumentFileError(ValueError):
    """The file does not describe an instrument the registry can hold."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def _texts_complete(texts: Any, languages: list[str]) -> bool:
    return isinstance(texts, dict) and all(
        isinstance(texts.get(code), str) and texts[code].strip() for code in languages
    )


def _check_options(data: dict, languages: list[str], problems: list[str]) -> None:
    options = data.get("options")
    if not isinstance(options, list) or len(options) < 2:
        problems.append("options: give at least two answer options")
        return
    values = [o.get("value") for o in options if isinstance(o, dict)]
    if len(values) != len(options) or not all(isinstance(v, int) for v in values):
        problems.append("options: every option needs a whole-number value")
    elif sorted(values) != list(range(min(values), max(values) + 1)):
        problems.append("options: values must be consecutive whole numbers")
    for index, option in enumerate(options, start=1):
        if not _texts_complete(
            option.get("label") if isinstance(option, dict) else None, languages
        ):
            problems.append(f"options[{index}]: a label in every language ({', '.join(languages)})")


def _check_scales(data: dict, problems: list[str]) -> set[str]:
    scales = data.get("scales")
    if not isinstance(scales, list) or not scales:
        problems.append("scales: give at least the total scale")
        return set()
    codes = [s.get("code") for s in scales if isinstance(s, dict)]
    if len(set(codes)) != len(scales):
        problems.append("scales: every scale needs its own code")
    if sum(1 for s in scales if isinstance(s, dict) and s.get("total")) != 1:
        problems.append('scales: exactly one scale has "total": true')
    for scale in scales:
        if not isinstance(scale, dict):
            continue
        if scale.get("method") not in ("sum", "mean"):
            problems.append(f'scales[{scale.get("code")}]: method is "sum" or "mean"')
        reliability = scale.get("reliability")
        if reliability is not None and not (0 <= reliability < 1):
            problems.append(f"scales[{scale.get('code')}]: reliability is between 0 and 1")
        if (reliability is None) != (scale.get("norm_sd") is None):
            problems.append(f"scales[{scale.get('code')}]: give reliability and norm_sd together")
    return {s.get("code") for s in scales if isinstance(s, dict) and not s.get("total")}


def _check_items(data: dict, languages: list[str], subscales: set[str], problems: list[str]):
    items = data.get("items")
    if not isinstance(items, list) or not items:
        problems.append("items: give the items")
        return
    numbers = [i.get("number") for i in items if isinstance(i, dict)]
    if len(set(numbers)) != len(items) or not all(isinstance(n, int) for n in numbers):
        problems.append("items: every item needs its own whole number")
    for item in items:
        if not isinstance(item, dict):
            continue
        if not _texts_complete(item.get("text"), languages):
            problems.append(f"items[{item.get('number')}]: a text in every language")
        if item.get("subscale") is not None and item["subscale"] not in subscales:
            problems.append(f"items[{item.get('number')}]: unknown subscale {item['subscale']!r}")


def instrument_check(data: Any) -> dict:
    """The document, checked; raises InstrumentFileError naming every problem."""
    if not isinstance(data, dict):
        raise InstrumentFileError(["the file holds one JSON object"])
    problems = [
        f"{key}: required"
        for key in ("code", "version", "name", "licence", "languages", "options", "scales", "items")
        if not data.get(key)
    ]
    if problems:
        raise InstrumentFileError(problems)
    languages = data["languages"]
    if not isinstance(languages, list) or not set(languages) <= set(LANGUAGES):
        problems.append(f"languages: a list of codes from {', '.join(LANGUAGES)}")
        languages = []
    licence = data["licence"]
    if not isinstance(licence, dict) or not licence.get("holder"):
        problems.append("licence: give the holder")
    elif licence.get("status") not in LICENCE_STATUSES:
        problems.append(f"licence.status: one of {', '.join(LICENCE_STATUSES)}")
    elif licence.get("valid_until"):
        try:
            dt.date.fromisoformat(licence["valid_until"])
        except (TypeError, ValueError):
            problems.append("licence.valid_until: a date as YYYY-MM-DD")
    _check_options(data, languages, problems)
    subscales = _check_scales(data, problems)
    _check_items(data, languages, subscales, problems)
    for use in data.get("administer", []):
        if not set(use.get("moments", [])) <= set(MOMENTS):
            problems.append(f"administer: moments are {', '.join(MOMENTS)}")
    if problems:
        raise InstrumentFileError(problems)
    return data


def instrument_create(data: dict, *, Instrument, Scale, Item, InstrumentUse, Programme):
    """Write a checked document; the model classes come from the caller."""
    licence = data["licence"]
    valid_until = licence.get("valid_until")
    instrument = Instrument.objects.create(
        code=data["code"],
        version=data["version"],
        name=data["name"],
        licence_holder=licence["holder"],
        licence_status=licence["status"],
        licence_statement=licence.get("statement", ""),
        licence_valid_until=dt.date.fromisoformat(valid_until) if valid_until else None,
        electronic_allowed=bool(licence.get("electronic_allowed")),
        cutoffs_licensed=bool(licence.get("cutoffs_licensed")),
        languages=list(data["languages"]),
        options=data["options"],
        instructions=data.get("instructions", {}),
    )
    scales = {}
    for scale in data["scales"]:
        scales[scale["code"]] = Scale.objects.create(
            instrument=instrument,
            code=scale["code"],
            name=scale.get("name", {}),
            is_total=bool(scale.get("total")),
            method=scale["method"],
            max_missing=scale.get("max_missing", 0),
            prorate=scale.get("prorate", True),
            higher_is_better=bool(scale.get("higher_is_better")),
            reliability=scale.get("reliability"),
            norm_sd=scale.get("norm_sd"),
            cutoff=scale.get("cutoff"),
        )
    Item.objects.bulk_create(
        Item(
            instrument=instrument,
            number=item["number"],
            text=item["text"],
            subscale=scales.get(item.get("subscale")),
            reverse_scored=bool(item.get("reverse")),
        )
        for item in data["items"]
    )
    for use in data.get("administer", []):
        programme = Programme.objects.filter(slug=use.get("programme")).first()
        if programme is None:
            continue
        for moment in use.get("moments", []):
            InstrumentUse.objects.create(instrument=instrument, programme=programme, moment=moment)
    return instrument
