"""The programme catalogue is public, in our shape and as Open Referral HSDS 3.0."""

from __future__ import annotations

import pytest

from coalition.programmes.models import Programme
from families.api.catalogue import hsds_id

pytestmark = pytest.mark.django_db


def test_anyone_reads_the_active_programmes(client):
    Programme.objects.filter(slug="home-start").update(is_active=False)

    page = client.get("/api/v1/catalogue/programmes/").json()

    slugs = [p["slug"] for p in page["results"]]
    assert "buurtgezinnen" in slugs and "home-start" not in slugs
    assert page["count"] == len(slugs)


def test_one_programme_by_its_slug(client):
    programme = client.get("/api/v1/catalogue/programmes/buurtgezinnen/").json()

    assert programme["name"] == "Buurtgezinnen"
    assert client.get("/api/v1/catalogue/programmes/nergens/").status_code == 404


def test_the_catalogue_as_hsds_services(client):
    page = client.get("/api/v1/catalogue/hsds/services/").json()

    assert page["total_items"] == Programme.objects.filter(is_active=True).count()
    assert page["first_page"] and page["last_page"] and not page["empty"]
    service = next(s for s in page["contents"] if s["name"] == "Buurtgezinnen")
    assert service["id"] == hsds_id("service", "buurtgezinnen")
    assert service["status"] == "active"
    assert service["organization"]["id"] == service["organization_id"]
    assert client.get(f"/api/v1/catalogue/hsds/services/{service['id']}/").json() == service


def test_a_client_with_a_token_reads_it_too(school_api):
    assert school_api.get("/api/v1/catalogue/programmes/").status_code == 200
