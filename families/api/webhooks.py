"""The partner's own webhook endpoint through the API (scope `webhooks:write`): the same
services as the partner area (families.services.webhook_endpoints). Writes are POSTs:
the platform serves GET, HEAD and POST only (coalition/http_methods.py)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from coalition.people.models import AuditAction
from families import services
from families.api.problems import problem_responses
from families.api.views import ClientView, ScopesPerMethod
from families.models import WebhookEndpoint

SCOPE = [["webhooks:write"]]


class WebhookEndpointInSerializer(serializers.Serializer):
    url = serializers.URLField(
        max_length=200, help_text="https:// only. Every status change of your referrals."
    )


class WebhookEndpointSerializer(serializers.Serializer):
    url = serializers.URLField()
    registered_at = serializers.DateTimeField()
    secret = serializers.CharField(
        allow_null=True,
        help_text="The signing secret (HMAC-SHA256 over `<timestamp>.<body>`), given once: "
        "when the endpoint is made or the secret rotated; null otherwise.",
    )


class SecretSerializer(serializers.Serializer):
    secret = serializers.CharField()


class _EndpointView(ClientView):
    permission_classes = [ScopesPerMethod]
    required_alternate_scopes = {"POST": SCOPE}

    def _endpoint(self) -> WebhookEndpoint:
        endpoint = WebhookEndpoint.objects.filter(
            organisation_id=self.request.user.organisation_id
        ).first()
        if endpoint is None:
            raise Http404
        return endpoint

    def _shown(self, endpoint: WebhookEndpoint, secret: str | None) -> dict:
        return WebhookEndpointSerializer(
            {"url": endpoint.url, "registered_at": endpoint.registered_at, "secret": secret}
        ).data


class WebhookEndpointView(_EndpointView):
    required_alternate_scopes = {"GET": SCOPE, "POST": SCOPE}

    @extend_schema(
        operation_id="webhook_retrieve",
        responses={200: WebhookEndpointSerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request):
        """Your organisation's webhook endpoint (never its secret)."""
        endpoint = self._endpoint()
        self.audit(AuditAction.VIEW, obj=endpoint)
        return Response(self._shown(endpoint, None))

    @extend_schema(
        operation_id="webhook_register",
        request=WebhookEndpointInSerializer,
        responses={
            200: WebhookEndpointSerializer,
            201: WebhookEndpointSerializer,
            **problem_responses(400, 401, 403),
        },
    )
    def post(self, request):
        """Register (201, with the secret) or replace (200, same secret) the address."""
        data = WebhookEndpointInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            endpoint, secret = services.webhook_endpoint_register(
                organisation=request.user.organisation, url=data.validated_data["url"]
            )
        except DjangoValidationError as exc:
            raise ValidationError({"url": exc.messages}) from exc
        self.audit(AuditAction.CHANGE, obj=endpoint)
        code = status.HTTP_201_CREATED if secret else status.HTTP_200_OK
        return Response(self._shown(endpoint, secret or None), status=code)


class WebhookRemove(_EndpointView):
    @extend_schema(
        operation_id="webhook_remove",
        request=None,
        responses={204: None, **problem_responses(401, 403, 404)},
    )
    def post(self, request):
        """Remove the address: nothing more is posted; the delivery log stays."""
        endpoint = self._endpoint()
        self.audit(AuditAction.CHANGE, obj=endpoint)
        services.webhook_endpoint_remove(organisation=request.user.organisation)
        return Response(status=status.HTTP_204_NO_CONTENT)


class WebhookSecretRotate(_EndpointView):
    @extend_schema(
        operation_id="webhook_secret_rotate",
        request=None,
        responses={200: SecretSerializer, **problem_responses(401, 403, 404)},
    )
    def post(self, request):
        """A new signing secret, at once; given once, in this answer."""
        endpoint = self._endpoint()
        secret = services.webhook_endpoint_rotate_secret(endpoint=endpoint)
        self.audit(AuditAction.CHANGE, obj=endpoint)
        return Response({"secret": secret})
