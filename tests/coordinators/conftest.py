"""The coordinator page tests read English text: the browser asks for English,
so the assertions hold once the Dutch translations exist."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture(autouse=True)
def _english():
    """Service messages are checked in English, whatever the default language."""
    from django.utils import translation

    with translation.override("en"):
        yield
