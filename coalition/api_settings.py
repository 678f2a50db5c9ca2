"""Settings of the partner API (families/api): Django REST framework, drf-spectacular and
django-oauth-toolkit. Read from the environment like every other setting; settings.py
imports the names explicitly (it stays one module to read, this is its API chapter)."""

from __future__ import annotations

from coalition.env import env_bool, env_int

API_APPS = ["rest_framework", "oauth2_provider", "drf_spectacular", "drf_spectacular_sidecar"]

API_SCOPES = {
    "referrals:write": "Refer a family to the coalition",
    "referrals:read": "Read the coarse status of your own organisation's referrals",
    "catalogue:read": "Read the programme catalogue (also public without a token)",
    "webhooks:write": "Register your own webhook endpoint and rotate its secret",
}

# Partner referrals: the intake queue accepts or declines within this many working days
# (a programme's own number is data: Programme.answer_within_working_days) ...
ANSWER_DAYS = env_int("INTAKE_ANSWER_WORKING_DAYS", 5, minimum=1)
# ... and the coordinator hears this many days before a family's consent runs out.
CONSENT_REMINDER_DAYS = env_int("CONSENT_REMINDER_DAYS", 14, minimum=1)

# Calls per minute: per API client (its token), and per address without a token.
API_CLIENT_CALLS_PER_MINUTE = env_int("API_CLIENT_CALLS_PER_MINUTE", 120, minimum=1)
API_ANONYMOUS_CALLS_PER_MINUTE = env_int("API_ANONYMOUS_CALLS_PER_MINUTE", 30, minimum=1)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["families.api.auth.ApiClientAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "families.api.auth.ApiClientRateThrottle",
        "families.api.auth.AnonymousRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "api_client": f"{API_CLIENT_CALLS_PER_MINUTE}/min",
        "api_anonymous": f"{API_ANONYMOUS_CALLS_PER_MINUTE}/min",
    },
    "EXCEPTION_HANDLER": "families.api.problems.problem_exception_handler",
    "UNAUTHENTICATED_USER": None,
}

# Status webhooks: the first retry after this many seconds, doubling per attempt. Plain
# http is refused except to loopback when API_WEBHOOK_ALLOW_LOOPBACK (tests, a laptop).
API_WEBHOOK_BACKOFF_SECONDS = env_int("API_WEBHOOK_BACKOFF_SECONDS", 60, minimum=1)
API_WEBHOOK_ALLOW_LOOPBACK = env_bool("API_WEBHOOK_ALLOW_LOOPBACK", False)
API_BEAT_SCHEDULE = {
    "webhooks-sweep": {"task": "families.tasks.webhooks_sweep", "schedule": 60},
}

APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER = {
    "SCOPES": API_SCOPES,
    "DEFAULT_SCOPES": [],
    "ACCESS_TOKEN_EXPIRE_SECONDS": env_int("API_TOKEN_SECONDS", 3600, minimum=60),
    "OAUTH2_VALIDATOR_CLASS": "families.api.auth.ApiOAuth2Validator",
    # RFC 9700 (OAuth 2.0 Security BCP): tokens hashed at rest, never in a URL, no
    # implicit or password grant, https redirects only (django-oauth-toolkit's checks).
    **{
        f"COMPLIANT_BCP_RFC9700_{flag}": True
        for flag in (
            "IMPLICIT_GRANT",
            "PASSWORD_GRANT",
            "PKCE_METHOD",
            "ACCESS_TOKEN_TRANSPORT",
            "AUTHZ_RESPONSE_ISS",
            "TOKEN_STORAGE",
            "REFRESH_TOKEN",
            "REDIRECT_URI_SCHEME",
            "REDIRECT_URI_MATCHING",
            "PKCE_REQUIRED",
        )
    },
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
}


def spectacular_settings(site_url: str) -> dict:
    return {
        "TITLE": "Coalitie API",
        "DESCRIPTION": (
            "Partner organisations refer families and follow the coarse status of their own "
            "referrals; anyone reads the programme catalogue. Errors are "
            "application/problem+json (RFC 9457). The API never asks for or shows a national identity number."
        ),
        "VERSION": "1.0.0",
        "SCHEMA_PATH_PREFIX": r"/api/v1",
        "SERVE_INCLUDE_SCHEMA": False,
        "SWAGGER_UI_DIST": "SIDECAR",
        "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
        "REDOC_DIST": "SIDECAR",
        "COMPONENT_SPLIT_REQUEST": True,
        "OAUTH2_FLOWS": ["clientCredentials"],
        "OAUTH2_TOKEN_URL": f"{site_url}/api/v1/oauth/token/",
        "OAUTH2_SCOPES": API_SCOPES,
        "SERVERS": [{"url": site_url}],
    }
