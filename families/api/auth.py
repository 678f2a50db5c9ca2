"""Who calls the API: an OAuth 2 client (client credentials) of one partner organisation.

django-oauth-toolkit checks the bearer token; here the token's application is turned
into its `ApiClient`, so a revoked client is refused at its next call, whatever tokens
it still holds. Scopes are per client: a client gets no scope it was not given.
"""

from __future__ import annotations

from dataclasses import dataclass

from drf_spectacular.contrib.django_oauth_toolkit import DjangoOAuthToolkitScheme
from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from oauth2_provider.oauth2_validators import OAuth2Validator
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle

from families.models import ApiClient


@dataclass(frozen=True)
class ApiClientPrincipal:
    """`request.user` of an API call: the client, never a person."""

    client: ApiClient
    is_authenticated = True
    is_active = True
    role = ""

    @property
    def organisation(self):
        return self.client.organisation

    @property
    def organisation_id(self) -> int:
        return self.client.organisation_id


def _api_client_of(application) -> ApiClient | None:
    try:
        return application.api_client
    except ApiClient.DoesNotExist:
        return None


class ApiClientAuthentication(OAuth2Authentication):
    """A valid bearer token of an active API client, or 401."""

    def authenticate(self, request):
        found = super().authenticate(request)
        if found is None:
            return None
        token = found[1]
        client = (
            ApiClient.objects.select_related("organisation", "application")
            .filter(application_id=token.application_id)
            .first()
        )
        if client is None or not client.is_active:
            raise AuthenticationFailed("This API client is revoked.", code="client_revoked")
        return ApiClientPrincipal(client), token


class ApiOAuth2Validator(OAuth2Validator):
    """The token endpoint: only active API clients, only their own scopes."""

    def authenticate_client(self, request, *args, **kwargs) -> bool:
        if not super().authenticate_client(request, *args, **kwargs):
            return False
        client = _api_client_of(request.client)
        return client is not None and client.is_active

    def validate_scopes(self, client_id, scopes, client, request, *args, **kwargs) -> bool:
        api_client = _api_client_of(client)
        return api_client is not None and set(scopes) <= api_client.scope_set

    def get_default_scopes(self, client_id, request, *args, **kwargs) -> list[str]:
        api_client = _api_client_of(request.client)
        return sorted(api_client.scope_set) if api_client else []


class ApiClientRateThrottle(SimpleRateThrottle):
    """Calls per minute per API client, counted in the shared cache."""

    scope = "api_client"

    def get_cache_key(self, request, view) -> str | None:
        if not isinstance(request.user, ApiClientPrincipal):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.client.pk}


class AnonymousRateThrottle(AnonRateThrottle):
    """Calls per minute per address without a token (the public catalogue)."""

    scope = "api_anonymous"


class ApiClientScheme(DjangoOAuthToolkitScheme):
    """The OpenAPI security scheme: OAuth 2 client credentials, with the token URL."""

    target_class = ApiClientAuthentication
    name = "oauth2"

    def get_security_requirement(self, auto_schema):
        scopes = getattr(auto_schema.view, "optional_scopes", None)
        if scopes is not None:
            return {self.name: scopes}
        return super().get_security_requirement(auto_schema)
