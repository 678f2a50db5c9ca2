"""The partner API's views: a partner's referrals (scoped to the client's organisation)."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from oauth2_provider.contrib.rest_framework import TokenMatchesOASRequirements
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from coalition.people.audit import audit_log_client
from coalition.people.models import AuditAction
from families import forms, services
from families.api.problems import problem_responses
from families.api.serializers import (
    ReferralCreateSerializer,
    ReferralPageSerializer,
    ReferralSerializer,
)
from families.models import SupportRequest
from families.selectors import partner_requests, partner_rows
from families.submission import new_submission_key

IDEMPOTENCY_KEY_MAX_LENGTH = 200


class Pagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100


class ScopesPerMethod(TokenMatchesOASRequirements):
    """The scopes a method needs (`required_alternate_scopes`); a method the view does
    not offer is left to REST framework's 405 for any authenticated client."""

    def has_permission(self, request, view) -> bool:
        if not hasattr(view, request.method.lower()):
            return request.auth is not None
        return super().has_permission(request, view)


class ClientView(APIView):
    """A view for API clients: every call of a client is audited, refusals included."""

    def audit(self, action: str, **target) -> None:
        client = self.request.user.client
        audit_log_client(
            request=self.request,
            client_id=client.application.client_id,
            organisation=client.organisation,
            action=action,
            **target,
        )

    def permission_denied(self, request, message=None, code=None):
        if request.user is not None:
            self.audit(AuditAction.DENIED, target_type="api.scope", target_id=request.method)
        super().permission_denied(request, message=message, code=code)

    def referrals(self):
        """The requests the client's organisation referred: all this client may see."""
        return SupportRequest.objects.referred_by(self.request.user.organisation_id)


IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="A key of your own per referral (e.g. a UUID). A second post with the same "
    "key makes no second referral: it answers 200 with the referral of the first.",
)
FORM_FIELDS = {
    "parents_agreed_on": "consent.given_on",
    "consent_valid_until": "consent.valid_until",
    "__all__": "body",
}


def _submission_key(organisation_id: int, key: str) -> str:
    """The request's `submission_key`: one namespace per organisation, so two partners'
    keys never meet (the column is unique across the platform)."""
    return hashlib.sha256(f"api:{organisation_id}:{key}".encode()).hexdigest()


def _form_field_name(name: str) -> str:
    if name.startswith("child_"):
        _prefix, number, part = name.split("_", 2)
        return f"children[{int(number) - 1}].{'first_name' if part == 'name' else 'age'}"
    return FORM_FIELDS.get(name, name)


class ReferralListCreate(ClientView):
    permission_classes = [ScopesPerMethod]
    required_alternate_scopes = {"GET": [["referrals:read"]], "POST": [["referrals:write"]]}

    @extend_schema(
        operation_id="referrals_list",
        responses={200: ReferralPageSerializer, **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request):
        """Your organisation's referrals, newest first, with their coarse status."""
        paginator = Pagination()
        page = paginator.paginate_queryset(partner_requests(self.referrals()), request, view=self)
        self.audit(AuditAction.VIEW, target_type="families.supportrequest", target_id="list")
        return paginator.get_paginated_response(
            ReferralSerializer(partner_rows(page), many=True).data
        )

    @extend_schema(
        operation_id="referrals_create",
        request=ReferralCreateSerializer,
        parameters=[IDEMPOTENCY_HEADER],
        responses={
            201: ReferralSerializer,
            200: ReferralSerializer,
            **problem_responses(400, 401, 403),
        },
    )
    def post(self, request):
        """Refer a family, after the parents agreed. Idempotent with `Idempotency-Key`."""
        key = request.headers.get("Idempotency-Key", "").strip()
        if len(key) > IDEMPOTENCY_KEY_MAX_LENGTH:
            raise ValidationError({"Idempotency-Key": ["At most 200 characters."]})
        submission_key = _submission_key(request.user.organisation_id, key) if key else None
        if (earlier := self._replay(submission_key)) is not None:
            return earlier
        serializer = ReferralCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        form = forms.ReferralForm(
            {**serializer.form_data(), "submission_key": submission_key or new_submission_key()}
        )
        if not form.is_valid():
            raise ValidationError({_form_field_name(k): v for k, v in form.errors.items()})
        try:
            with transaction.atomic():
                request_ = self._create(form, submission_key)
        except IntegrityError:
            # A concurrent post with the same key won the race to the unique column.
            if (earlier := self._replay(submission_key)) is not None:
                return earlier
            raise
        except DjangoValidationError as exc:
            raise ValidationError({"body": exc.messages}) from exc
        return self._referral_response(request_, status.HTTP_201_CREATED)

    def _create(self, form, submission_key: str | None) -> SupportRequest:
        referral = services.referral_create(
            organisation=self.request.user.organisation,
            submission_key=submission_key,
            **form.referral(),
        )
        self.audit(AuditAction.CREATE, obj=referral.request)
        return referral.request

    def _replay(self, submission_key: str | None) -> Response | None:
        if not submission_key:
            return None
        earlier = self.referrals().filter(submission_key=submission_key).first()
        if earlier is None:
            return None
        self.audit(AuditAction.VIEW, obj=earlier)
        response = self._referral_response(earlier, status.HTTP_200_OK)
        response["Idempotent-Replayed"] = "true"
        return response

    def _referral_response(self, request_: SupportRequest, code: int) -> Response:
        rows = partner_rows(partner_requests(self.referrals().filter(pk=request_.pk)))
        location = self.request.build_absolute_uri(f"{request_.reference_code}/")
        return Response(
            ReferralSerializer(rows[0]).data, status=code, headers={"Location": location}
        )


class ReferralDetail(ClientView):
    permission_classes = [ScopesPerMethod]
    required_alternate_scopes = {"GET": [["referrals:read"]]}

    @extend_schema(
        operation_id="referrals_retrieve",
        responses={200: ReferralSerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request, reference_code: str):
        """One of your organisation's referrals, with its coarse status."""
        found = list(partner_requests(self.referrals().filter(reference_code=reference_code)))
        if not found:
            elsewhere = (
                SupportRequest.objects.filter(reference_code=reference_code)
                .values_list("pk", flat=True)
                .first()
            )
            if elsewhere is not None:
                # Another organisation's reference tried: logged, answered as unknown.
                self.audit(
                    AuditAction.DENIED, target_type="families.supportrequest", target_id=elsewhere
                )
            raise Http404
        self.audit(AuditAction.VIEW, obj=found[0])
        return Response(ReferralSerializer(partner_rows(found)[0]).data)
