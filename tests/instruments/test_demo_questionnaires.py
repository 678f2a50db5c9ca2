"""The demo data carries questionnaires and matches, so every outcome chart has data."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from coordinators.reports import early_closures, instrument_change, match_survival, scope_for
from families.models import Administration

pytestmark = pytest.mark.django_db


def test_every_outcome_report_has_rows_on_the_demo_data(settings, coalition_admin):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", stdout=StringIO(), families=300, volunteers=200)
    today = timezone.localdate()
    scope = scope_for(user=coalition_admin, start=today - dt.timedelta(days=365), end=today)

    assert Administration.objects.filter(moment="intake").exists()
    assert Administration.objects.filter(moment="closure").exists()
    for build in (instrument_change, match_survival, early_closures):
        table = build(scope)
        assert table.rows, table.slug
        assert any(isinstance(cell, int) and cell >= 5 for row in table.rows for cell in row[1:])
    assert "<polyline" in str(match_survival(scope).chart())
