"""/api/v1/: the partner API, its OpenAPI document and its docs."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from oauth2_provider.views import TokenView

from families.api import catalogue, views, webhooks

app_name = "api"

urlpatterns = [
    path("oauth/token/", TokenView.as_view(), name="token"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:openapi"), name="docs"),
    path("referrals/", views.ReferralListCreate.as_view(), name="referrals"),
    path("referrals/<str:reference_code>/", views.ReferralDetail.as_view(), name="referral"),
    path("webhook/", webhooks.WebhookEndpointView.as_view(), name="webhook"),
    path("webhook/secret/", webhooks.WebhookSecretRotate.as_view(), name="webhook_secret"),
    path("webhook/remove/", webhooks.WebhookRemove.as_view(), name="webhook_remove"),
    path("catalogue/programmes/", catalogue.ProgrammeList.as_view(), name="programmes"),
    path(
        "catalogue/programmes/<slug:slug>/",
        catalogue.ProgrammeDetail.as_view(),
        name="programme",
    ),
    path("catalogue/hsds/services/", catalogue.HsdsServiceList.as_view(), name="hsds_services"),
    path(
        "catalogue/hsds/services/<str:service_id>/",
        catalogue.HsdsServiceDetail.as_view(),
        name="hsds_service",
    ),
]
