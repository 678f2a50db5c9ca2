"""The OpenAPI document is served, and the API keeps it: schemathesis generates calls
from /api/v1/openapi.json and sends them with a test client's token. No call may end
in a server error or answer outside its documented schema."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from coalition.wsgi import application
from families.services import api_client_create
from tests.factories import OrganisationFactory, ReferralFactory
from tests.families.api.conftest import ALL_SCOPES, token_for

pytestmark = pytest.mark.django_db


def test_the_openapi_document_names_the_token_url_and_scopes(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    flow = document["components"]["securitySchemes"]["oauth2"]["flows"]["clientCredentials"]
    assert flow["tokenUrl"].endswith("/api/v1/oauth/token/")
    assert set(flow["scopes"]) == {
        "referrals:write",
        "referrals:read",
        "catalogue:read",
        "webhooks:write",
    }
    assert all(path.startswith("/api/v1/") for path in document["paths"])


def test_the_docs_page_is_served_from_our_own_static_files(client):
    page = client.get("/api/v1/docs/").content.decode()

    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "https://" not in page.split("<body", 1)[0].replace("https://www.w3.org", "")


@pytest.fixture
def api_schema(bearer):
    """The schema, called through the WSGI app in this process and test transaction.
    Like Django's test client, keep the connection open between requests (after the
    token is fetched: the test client connects the closing again when it is done)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(db):
    school = OrganisationFactory(name="Basisschool De Vlinder")
    ReferralFactory(organisation=school)
    new = api_client_create(organisation=school, scopes=ALL_SCOPES)
    return token_for(new)["access_token"]


def test_the_api_keeps_its_openapi_document(api_schema, bearer):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 7

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=8,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def calls_keep_the_schema(case):
            case.call_and_validate(
                headers={"Authorization": f"Bearer {bearer}"},
                checks=[not_a_server_error, status_code_conformance, response_schema_conformance],
            )

        calls_keep_the_schema()
