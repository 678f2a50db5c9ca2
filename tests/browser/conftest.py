"""Playwright launches the system Chromium: browsers cannot be downloaded here."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "en-GB"}


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(
        (marker and marker.kwargs.get("transaction"))
        or "live_server" in fixtures
        or "transactional_db" in fixtures
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """pytest groups tests by Playwright's session-scoped `browser_name` parameter, and
    that can undo pytest-django's order and run a live-server test before ordinary
    database tests. Its flush at the end would then wipe the programmes and wijken
    that the data migrations load. Transactional tests go last, as in Django."""
    items.sort(key=_is_transactional)


@pytest.fixture
def reference_data(transactional_db) -> None:
    """The wijken and programmes that the data migration loads. An earlier transactional
    test's flush removes them; loading again is idempotent (update_or_create)."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("coordinators.migrations.0002_load_wijken_and_programmes")
    migration.load(apps, None)
