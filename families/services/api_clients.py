"""API clients of partner organisations: made and revoked by the coalition admin."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import AccessToken, Application, RefreshToken

from coalition.programmes.models import Organisation
from families.models import ApiClient


@dataclass(frozen=True)
class NewApiClient:
    client: ApiClient
    client_id: str
    # Shown once: only its hash is kept (django-oauth-toolkit hashes client secrets).
    client_secret: str


def _clean_scopes(scopes: str) -> str:
    chosen = scopes.split()
    unknown = sorted(set(chosen) - set(settings.OAUTH2_PROVIDER["SCOPES"]))
    if not chosen or unknown:
        raise ValidationError(
            _("Choose scopes from: %(scopes)s.")
            % {"scopes": ", ".join(settings.OAUTH2_PROVIDER["SCOPES"])},
            code="scopes",
        )
    return " ".join(sorted(set(chosen)))


@transaction.atomic
def api_client_create(*, organisation: Organisation, scopes: str) -> NewApiClient:
    """A new OAuth 2 client (client credentials) for a partner organisation."""
    scopes = _clean_scopes(scopes)
    secret = generate_client_secret()
    application = Application.objects.create(
        name=f"{organisation.name} API"[:255],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        client_secret=secret,
        hash_client_secret=True,
    )
    client = ApiClient.objects.create(
        application=application, organisation=organisation, scopes=scopes
    )
    return NewApiClient(client=client, client_id=application.client_id, client_secret=secret)


@transaction.atomic
def api_client_revoke(*, client: ApiClient) -> ApiClient:
    """Stop a client at once: its tokens go, and it can get no new ones."""
    client = ApiClient.objects.select_for_update().get(pk=client.pk)
    if client.revoked_at is None:
        client.revoked_at = timezone.now()
        client.save(update_fields=["revoked_at"])
    RefreshToken.objects.filter(application_id=client.application_id).delete()
    AccessToken.objects.filter(application_id=client.application_id).delete()
    return client
