"""The cast of the API tests: a school's system and a wijkteam's system, each with
its own OAuth 2 client, and a way to get a token the way a partner does."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coalition.programmes.models import OrganisationKind
from families.forms import REFERRAL_CONSENT_VERSION
from families.services import api_client_create
from tests.factories import OrganisationFactory

ALL_SCOPES = "referrals:write referrals:read catalogue:read webhooks:write"
TOKEN_URL = reverse("api:token")
REFERRALS_URL = reverse("api:referrals")


def referral_url(reference_code: str) -> str:
    return reverse("api:referral", args=[reference_code])


def token_for(new_client, *, scope: str | None = None) -> dict:
    """What the token endpoint answers a client: (status, JSON)."""
    basic = base64.b64encode(f"{new_client.client_id}:{new_client.client_secret}".encode())
    data = {"grant_type": "client_credentials"}
    if scope is not None:
        data["scope"] = scope
    response = Client().post(TOKEN_URL, data, HTTP_AUTHORIZATION=f"Basic {basic.decode()}")
    return {"status": response.status_code, **response.json()}


def api(new_client, *, scope: str | None = None) -> Client:
    """A test client that sends the client's bearer token with every call."""
    token = token_for(new_client, scope=scope)["access_token"]
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT_LANGUAGE="en")


def referral_json(**changes) -> dict:
    data = {
        "parent_first_name": "Fatima",
        "phone": "06 12345678",
        "email": "",
        "contact_preference": "phone",
        "contact_times": "na 15 uur",
        "postcode": "5038 AB",
        "language": "ar",
        "children": [{"first_name": "Y.", "age": 5}],
        "reason": "Moeder staat er alleen voor en is overbelast.",
        "advised_programme": None,
        "consent": {
            "scope": "referral",
            "text_version": REFERRAL_CONSENT_VERSION,
            "given_on": timezone.localdate().isoformat(),
            "valid_until": (timezone.localdate() + dt.timedelta(days=365)).isoformat(),
        },
    }
    data.update(changes)
    return data


def post_referral(client: Client, data: dict | None = None, **headers):
    return client.post(
        REFERRALS_URL, data or referral_json(), content_type="application/json", headers=headers
    )


@pytest.fixture
def school(db):
    return OrganisationFactory(name="Basisschool De Vlinder", kind=OrganisationKind.SCHOOL)


@pytest.fixture
def wijkteam(db):
    return OrganisationFactory(name="Wijkteam Noord", kind=OrganisationKind.WIJKTEAM)


@pytest.fixture
def school_client(school):
    return api_client_create(organisation=school, scopes=ALL_SCOPES)


@pytest.fixture
def wijkteam_client(wijkteam):
    return api_client_create(organisation=wijkteam, scopes=ALL_SCOPES)


@pytest.fixture
def school_api(school_client):
    return api(school_client)


@pytest.fixture
def wijkteam_api(wijkteam_client):
    return api(wijkteam_client)
