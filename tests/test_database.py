import os

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from coalition.programmes.models import Programme, Wijk

pytestmark = pytest.mark.django_db


def test_ci_runs_on_postgresql():
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        assert connection.vendor == "postgresql"
    else:
        assert connection.vendor == "sqlite"


def test_every_migration_is_applied_and_loads_the_reference_data():
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    assert Wijk.objects.count() == 59
    assert set(Programme.objects.values_list("slug", flat=True)) == {
        "buurtgezinnen",
        "steunouder",
        "meeleefgezin",
        "home-start",
        "samen-oplopen",
    }


def test_meeleefgezin_is_for_children_up_to_four():
    meeleefgezin = Programme.objects.get(slug="meeleefgezin")
    assert (meeleefgezin.child_min_age, meeleefgezin.child_max_age) == (0, 4)
    assert "household_vog" in meeleefgezin.required_screening
