"""The programme catalogue: public, in our own shape and as Open Referral HSDS 3.0.

HSDS (Human Services Data Specification) is the open standard for directories of
services; a programme is an HSDS `service` of its provider, an HSDS `organization`.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from coalition.programmes.models import Programme
from families.api.problems import problem_responses
from families.api.serializers import ProgrammePageSerializer, ProgrammeSerializer
from families.api.views import Pagination

# Stable HSDS ids: the same programme always has the same UUID.
HSDS_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://coalitie.example/hsds")


def _catalogue():
    return Programme.objects.filter(is_active=True).select_related("provider").order_by("name")


def hsds_id(kind: str, key: object) -> str:
    return str(uuid.uuid5(HSDS_NAMESPACE, f"{kind}:{key}"))


def hsds_service(programme: Programme) -> dict:
    provider = programme.provider
    return {
        "id": hsds_id("service", programme.slug),
        "organization_id": hsds_id("organization", provider.pk),
        "name": programme.name,
        "description": programme.summary,
        "url": f"{settings.SITE_URL}/api/v1/catalogue/programmes/{programme.slug}/",
        "email": provider.email,
        "status": "active",
        "application_process": programme.asks_of_family,
        "eligibility_description": (
            f"Families with children from {programme.child_min_age} "
            f"to {programme.child_max_age} years old."
        ),
        "minimum_age": programme.child_min_age,
        "maximum_age": programme.child_max_age,
        "fees_description": "Free of charge.",
        "organization": {
            "id": hsds_id("organization", provider.pk),
            "name": provider.name,
            "description": provider.get_kind_display(),
            "email": provider.email,
        },
    }


class HsdsOrganizationSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    description = serializers.CharField()
    email = serializers.CharField(allow_blank=True)


class HsdsServiceSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    organization_id = serializers.UUIDField()
    name = serializers.CharField()
    description = serializers.CharField()
    url = serializers.URLField()
    email = serializers.CharField(allow_blank=True)
    status = serializers.ChoiceField(choices=["active", "inactive", "defunct"])
    application_process = serializers.CharField()
    eligibility_description = serializers.CharField()
    minimum_age = serializers.IntegerField()
    maximum_age = serializers.IntegerField()
    fees_description = serializers.CharField()
    organization = HsdsOrganizationSerializer()


class HsdsPageSerializer(serializers.Serializer):
    """HSDS 3.0's page of results."""

    total_items = serializers.IntegerField()
    total_pages = serializers.IntegerField()
    page_number = serializers.IntegerField()
    size = serializers.IntegerField()
    first_page = serializers.BooleanField()
    last_page = serializers.BooleanField()
    empty = serializers.BooleanField()
    contents = HsdsServiceSerializer(many=True)


class PublicView(APIView):
    """Open to anyone; a client may send its token (scope `catalogue:read`)."""

    permission_classes = [AllowAny]
    optional_scopes = ["catalogue:read"]


class ProgrammeList(PublicView):
    @extend_schema(
        operation_id="catalogue_programmes_list",
        responses={200: ProgrammePageSerializer, **problem_responses(404)},
    )
    def get(self, request):
        """The coalition's active programmes (public)."""
        paginator = Pagination()
        page = paginator.paginate_queryset(_catalogue(), request, view=self)
        return paginator.get_paginated_response(ProgrammeSerializer(page, many=True).data)


class ProgrammeDetail(PublicView):
    @extend_schema(
        operation_id="catalogue_programmes_retrieve",
        responses={200: ProgrammeSerializer, **problem_responses(404)},
    )
    def get(self, request, slug: str):
        """One active programme (public)."""
        programme = _catalogue().filter(slug=slug).first()
        if programme is None:
            raise Http404
        return Response(ProgrammeSerializer(programme).data)


class HsdsServiceList(PublicView):
    @extend_schema(
        operation_id="hsds_services_list",
        parameters=[],
        responses={200: HsdsPageSerializer, **problem_responses(400)},
    )
    def get(self, request):
        """The catalogue as Open Referral HSDS 3.0 services (public), one page of all."""
        services = [hsds_service(p) for p in _catalogue()]
        page = {
            "total_items": len(services),
            "total_pages": 1 if services else 0,
            "page_number": 1,
            "size": len(services),
            "first_page": True,
            "last_page": True,
            "empty": not services,
            "contents": services,
        }
        return Response(HsdsPageSerializer(page).data)


class HsdsServiceDetail(PublicView):
    @extend_schema(
        operation_id="hsds_services_retrieve",
        responses={200: HsdsServiceSerializer, **problem_responses(404)},
    )
    def get(self, request, service_id: str):
        """One HSDS service (public)."""
        for programme in _catalogue():
            if hsds_id("service", programme.slug) == service_id:
                return Response(HsdsServiceSerializer(hsds_service(programme)).data)
        raise Http404
