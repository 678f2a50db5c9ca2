"""The volunteer pool's SQL is composed once; each call gets its own values."""

from __future__ import annotations

import datetime as dt

import pytest

from matching.engine import loaders

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "kinds", [set(), {"vog"}, {"household_vog"}, {"intake", "vog", "training", "household_vog"}]
)
def test_the_composed_statement_equals_a_freshly_built_query(kinds):
    for on, programme_ids in ((dt.date(2026, 3, 1), [7]), (dt.date(2031, 12, 31), [3, 4, 9])):
        expected = loaders.pool_queryset(
            programme_ids,
            own_steps=bool(kinds - {"household_vog"}),
            household="household_vog" in kinds,
            on=on,
            adult_born_by=on.year - 18,
        ).query.sql_with_params()
        sql, params = loaders.pool_statement(programme_ids, kinds, on=on)
        assert (sql, list(params)) == (expected[0], list(expected[1]))
