"""API clients: one per partner system, secrets hashed, scopes per client, revoked at once,
a rate limit per client, and every call in the audit log."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from oauth2_provider.models import AccessToken, Application

from coalition.people.models import AuditAction, AuditEvent, Role
from families.api.auth import ApiClientRateThrottle
from families.services import api_client_create, api_client_revoke
from families.services.api_clients import NewApiClient
from tests.factories import UserFactory, with_totp
from tests.families.api.conftest import REFERRALS_URL, api, post_referral, token_for

pytestmark = pytest.mark.django_db


def test_the_command_prints_the_id_and_secret_once_as_one_json_line(school):
    out = StringIO()
    call_command(
        "api_client_create",
        organisation=school.name,
        scopes="referrals:write referrals:read",
        stdout=out,
    )

    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 1
    printed = json.loads(lines[0])
    assert printed["scopes"] == "referrals:read referrals:write"
    application = Application.objects.get(client_id=printed["client_id"])
    assert application.api_client.organisation == school
    new = NewApiClient(application.api_client, printed["client_id"], printed["client_secret"])
    assert token_for(new)["status"] == 200


def test_the_command_refuses_an_unknown_organisation_or_scope(school):
    with pytest.raises(CommandError):
        call_command("api_client_create", organisation="Nergens", scopes="referrals:read")
    with pytest.raises(CommandError):
        call_command("api_client_create", organisation=school.name, scopes="families:delete")


def test_the_secret_and_the_tokens_are_kept_only_as_hashes(school_client):
    stored = Application.objects.get(client_id=school_client.client_id).client_secret
    token = token_for(school_client)["access_token"]

    assert stored != school_client.client_secret
    assert stored.startswith("pbkdf2_sha256$")
    assert token not in {t.token for t in AccessToken.objects.all()}


def test_a_wrong_secret_gets_no_token(school_client):
    wrong = NewApiClient(school_client.client, school_client.client_id, "not-the-secret")

    assert token_for(wrong)["status"] == 401


def test_a_client_gets_only_its_own_scopes(school):
    reader = api_client_create(organisation=school, scopes="referrals:read")

    assert token_for(reader)["scope"] == "referrals:read"
    assert token_for(reader, scope="referrals:write")["status"] == 400


def test_a_call_without_a_token_is_a_401_problem(client):
    response = client.get(REFERRALS_URL)

    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"].endswith("/problems/not-authenticated")


def test_a_revoked_client_gets_401_at_once_and_no_new_token(school_client):
    school_api = api(school_client)
    assert school_api.get(REFERRALS_URL).status_code == 200

    api_client_revoke(client=school_client.client)

    assert school_api.get(REFERRALS_URL).status_code == 401
    assert post_referral(school_api).status_code == 401
    assert token_for(school_client)["status"] == 401
    assert not AccessToken.objects.exists()


def test_a_client_revoked_while_its_token_is_still_stored_gets_401(school_client):
    """Even a token that escaped the revocation is refused: the client is checked per call."""
    school_api = api(school_client)
    school_client.client.revoked_at = school_client.client.created_at
    school_client.client.save()

    response = school_api.get(REFERRALS_URL)

    assert response.status_code == 401
    assert response.json()["type"].endswith("/problems/client-revoked")


def test_the_rate_limit_counts_per_client(school_client, wijkteam_client, monkeypatch):
    monkeypatch.setattr(ApiClientRateThrottle, "rate", "2/min", raising=False)
    cache.clear()
    school_api, wijkteam_api = api(school_client), api(wijkteam_client)

    assert [school_api.get(REFERRALS_URL).status_code for _ in range(3)] == [200, 200, 429]
    limited = school_api.get(REFERRALS_URL)
    assert limited["Content-Type"] == "application/problem+json"
    assert "Retry-After" in limited
    assert wijkteam_api.get(REFERRALS_URL).status_code == 200


def test_every_call_is_audited_with_the_client_as_actor(school_api, school_client, school):
    created = post_referral(school_api).json()
    school_api.get(REFERRALS_URL)
    school_api.get(f"{REFERRALS_URL}{created['reference_code']}/")

    events = list(AuditEvent.objects.order_by("occurred_at", "id"))
    assert [e.action for e in events] == [AuditAction.CREATE, AuditAction.VIEW, AuditAction.VIEW]
    assert {e.actor_email for e in events} == {f"api-client:{school_client.client_id}"}
    assert {(e.actor_role, e.organisation_id, e.organisation_name) for e in events} == {
        ("api_client", school.pk, school.name)
    }
    assert events[0].target_type == "families.supportrequest"


def test_a_call_outside_the_clients_scopes_is_audited_as_denied(school):
    writer = api(api_client_create(organisation=school, scopes="referrals:write"))

    writer.get(REFERRALS_URL)

    assert AuditEvent.objects.get().action == AuditAction.DENIED


def superuser_browser() -> Client:
    superuser = UserFactory(
        email="beheer@example.org", role=Role.COALITION_ADMIN, is_staff=True, is_superuser=True
    )
    browser = Client()
    browser.force_login(with_totp(superuser))
    return browser


def test_the_admin_makes_a_client_and_shows_the_secret_once(school):
    browser = superuser_browser()

    response = browser.post(
        "/beheer/families/apiclient/add/",
        {"organisation": school.pk, "scopes": ["referrals:read"]},
        follow=True,
    )

    assert response.status_code == 200
    client = school.api_clients.get()
    assert client.scopes == "referrals:read"
    shown = [str(m) for m in response.context["messages"]]
    assert any(client.application.client_id in m and "shown only once" in m for m in shown)


def test_the_admin_revokes_a_client(school_client):
    browser = superuser_browser()
    school_api = api(school_client)

    browser.post(
        "/beheer/families/apiclient/",
        {"action": "revoke_clients", "_selected_action": [school_client.client.pk]},
    )

    school_client.client.refresh_from_db()
    assert school_client.client.revoked_at is not None
    assert school_api.get(REFERRALS_URL).status_code == 401
