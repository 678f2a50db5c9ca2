from __future__ import annotations

import os
from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {
        "executable_path": CHROMIUM,
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


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot under test-artifacts/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A Dutch browser: the platform follows Accept-Language on the first visit."""
    return {**browser_context_args, "locale": "nl-NL"}


@pytest.fixture
def log_in(page, live_server):
    """Log in through the real forms, answering the two-step code for staff."""
    from tests.browser.journey_helpers import log_in_on

    def do(email: str, password: str = "correct horse battery staple") -> None:
        log_in_on(page, live_server.url, email, password)

    return do


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
    database tests. Transactional tests go last, as in Django."""
    items.sort(key=_is_transactional)
