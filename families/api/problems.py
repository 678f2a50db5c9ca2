"""Errors as `application/problem+json` (RFC 9457), as the NL API Design Rules ask.

Every error REST framework raises (validation, authentication, scope, not found,
throttling) becomes a problem document with a stable `type` URI; validation errors
list each field under `invalid_params`. Texts are English: the `type` is the contract.
"""

from __future__ import annotations

from django.conf import settings
from rest_framework import exceptions, serializers
from rest_framework.views import exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: "The request is not valid.",
    401: "Authentication is needed.",
    403: "This client may not do this.",
    404: "Not found.",
    405: "This method is not allowed here.",
    406: "This format cannot be produced.",
    409: "This conflicts with an earlier request.",
    415: "This media type is not supported.",
    429: "Too many calls.",
}


def problem_type(code: str) -> str:
    return f"{settings.SITE_URL}/api/v1/problems/{code}"


def _invalid_params(detail, prefix: str = "") -> list[dict]:
    """Flatten REST framework's nested error detail into name/reason pairs."""
    if isinstance(detail, dict):
        found = []
        for key, value in detail.items():
            if isinstance(key, int):  # an item of a list: children[0]
                name = f"{prefix}[{key}]"
            else:
                name = key if not prefix else f"{prefix}.{key}"
            if key == "non_field_errors":
                name = prefix or "body"
            found += _invalid_params(value, name)
        return found
    if isinstance(detail, list):
        if all(isinstance(item, str) for item in detail):
            return [{"name": prefix or "body", "reason": str(item)} for item in detail]
        found = []
        for index, item in enumerate(detail):
            found += _invalid_params(item, f"{prefix}[{index}]" if prefix else f"[{index}]")
        return found
    return [{"name": prefix or "body", "reason": str(detail)}]


def problem_exception_handler(exc, context):
    response = exception_handler(exc, context)
    if response is None:
        return None  # not a client error: Django's own 500 handling and logging
    status = response.status_code
    code = getattr(exc, "default_code", "error")
    if isinstance(exc, exceptions.ValidationError):
        problem = {
            "type": problem_type("invalid"),
            "title": TITLES[400],
            "status": status,
            "invalid_params": _invalid_params(exc.detail),
        }
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        if isinstance(exc, exceptions.APIException) and isinstance(
            detail, str | exceptions.ErrorDetail
        ):
            code = getattr(detail, "code", None) or code
        problem = {
            "type": problem_type(str(code).replace("_", "-")),
            "title": TITLES.get(status, "Error."),
            "status": status,
            "detail": str(detail),
        }
    response.data = problem
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


class InvalidParamSerializer(serializers.Serializer):
    name = serializers.CharField()
    reason = serializers.CharField()


class ProblemSerializer(serializers.Serializer):
    """An error (RFC 9457)."""

    type = serializers.URLField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField(required=False)
    invalid_params = InvalidParamSerializer(many=True, required=False)


def problem_responses(*statuses: int) -> dict:
    """drf-spectacular `responses` entries for these error statuses."""
    return {(status, PROBLEM_CONTENT_TYPE): ProblemSerializer for status in statuses}
