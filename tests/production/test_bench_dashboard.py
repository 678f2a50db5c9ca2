"""bench_dashboard prints, in one run, the reference page and every coordinator page
with its ratio to it (a measurement: the test checks what it prints, never speed)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_every_page_line_carries_its_ratio_to_the_reference_measured_in_the_same_run(
    buurtgezinnen,
):
    out = io.StringIO()

    call_command("bench_dashboard", "--requests", "1", "--families", "100", stdout=out)

    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert lines[0]["page"] == "reference"
    pages = {line["page"]: line for line in lines[1:]}
    # The floor: no page rendered anew does less work than the reference.
    fresh = [line for name, line in pages.items() if name != "today_cached"]
    assert lines[0]["queries"] <= min(line["queries"] for line in fresh)
    assert {"today", "requests", "request_detail", "match_detail", "reports"} <= set(pages)
    for line in pages.values():
        assert line["status"] == 200
        expected = round(line["median_ms"] / max(lines[0]["median_ms"], 0.1), 1)
        assert line["ratio_to_reference"] == expected
