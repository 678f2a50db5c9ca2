"""Instrument tests read English text (as the coordinator page tests do)."""

from __future__ import annotations

import pytest
from django.test import Client

from coalition.people.models import Role
from tests.factories import with_totp


@pytest.fixture
def client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def staff_client(client):
    """A client logged in as `user` with an authenticator app: `staff_client(user)`."""

    def login(user):
        if user.role in (Role.COALITION_ADMIN, Role.COORDINATOR, Role.INTAKE_COORDINATOR):
            with_totp(user)
        client.force_login(user)
        return client

    return login
