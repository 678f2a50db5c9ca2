"""Small things a newcomer notices: a favicon, and the way to the administration."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import with_totp

pytestmark = pytest.mark.django_db


def test_browsers_asking_for_favicon_ico_get_the_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")


def test_every_page_links_its_icon(client):
    assert 'rel="icon"' in client.get(reverse("coordinators:home")).content.decode()


def test_the_menu_shows_the_administration_to_the_coalition_admin_only(
    client, coalition_admin, coordinator
):
    client.force_login(with_totp(coalition_admin))
    assert reverse("admin:index") in client.get(reverse("coordinators:home")).content.decode()

    client.force_login(with_totp(coordinator))
    assert reverse("admin:index") not in client.get(reverse("coordinators:home")).content.decode()
