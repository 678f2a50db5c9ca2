"""A partner's system registers its own webhook endpoint through the API, with the
`webhooks:write` scope: the secret is given once, rotatable, the address removable.
Each organisation reaches only its own endpoint."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coalition.people.models import AuditEvent
from families.models import WebhookEndpoint
from families.services import api_client_create
from tests.families.api.conftest import api

pytestmark = pytest.mark.django_db

URL = reverse("api:webhook")
SECRET_URL = reverse("api:webhook_secret")
REMOVE_URL = reverse("api:webhook_remove")


def put(client, url):
    """Register or replace (a POST: the platform serves no PUT)."""
    return client.post(URL, {"url": url}, content_type="application/json")


def test_registering_gives_the_secret_once_and_replacing_keeps_it(school_api, school):
    made = put(school_api, "https://school.example/a")
    replaced = put(school_api, "https://school.example/b")
    read = school_api.get(URL)

    endpoint = WebhookEndpoint.objects.get(organisation=school)
    assert (made.status_code, made.json()["secret"]) == (201, endpoint.secret)
    assert (replaced.status_code, replaced.json()["secret"]) == (200, None)
    assert read.json()["url"] == "https://school.example/b" and read.json()["secret"] is None


def test_plain_http_is_refused_as_a_problem(school_api):
    answer = put(school_api, "http://school.example/hook")

    assert answer.status_code == 400
    assert answer["Content-Type"] == "application/problem+json"
    assert not WebhookEndpoint.objects.exists()


def test_rotating_gives_a_new_secret_and_removing_stops_the_posts(school_api, school):
    put(school_api, "https://school.example/a")
    old = WebhookEndpoint.objects.get().secret

    rotated = school_api.post(SECRET_URL)
    assert rotated.json()["secret"] == WebhookEndpoint.objects.get().secret != old

    assert school_api.post(REMOVE_URL).status_code == 204
    assert school_api.get(URL).status_code == 404
    assert school_api.post(SECRET_URL).status_code == 404


def test_another_organisation_never_reaches_this_endpoint(school_api, wijkteam_api, school):
    put(school_api, "https://school.example/a")

    assert wijkteam_api.get(URL).status_code == 404
    assert wijkteam_api.post(REMOVE_URL).status_code == 404
    assert wijkteam_api.post(SECRET_URL).status_code == 404
    assert WebhookEndpoint.objects.get().organisation == school


def test_without_the_scope_the_endpoint_is_refused(school):
    reader = api(api_client_create(organisation=school, scopes="referrals:read"))

    assert put(reader, "https://school.example/a").status_code == 403
    assert reader.get(URL).status_code == 403
    assert not WebhookEndpoint.objects.exists()


def test_every_call_is_audited(school_api):
    put(school_api, "https://school.example/a")
    school_api.get(URL)
    school_api.post(SECRET_URL)

    assert AuditEvent.objects.filter(target_type="families.webhookendpoint").count() == 3
