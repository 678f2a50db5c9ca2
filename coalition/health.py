"""The health endpoint the load balancer and the container runtime poll.

It answers whether this web process can do its work: reach the database and
the Celery broker. It returns no personal data and logs nothing when all is
well, because it is hit every few seconds by every balancer.
"""

from __future__ import annotations

import logging

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from coalition.celery import app as celery_app

logger = logging.getLogger(__name__)

OK = "ok"
FAILED = "failed"
BROKER_TIMEOUT_SECONDS = 2


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        logger.warning("Health check: database unavailable (%s)", type(exc).__name__)
        return False
    return True


def broker_ok() -> bool:
    """Open (and close) a connection to the broker with a short timeout, the
    same connection settings the web process uses to publish tasks."""
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(
                max_retries=1, interval_start=0.2, timeout=BROKER_TIMEOUT_SECONDS
            )
    except Exception as exc:
        logger.warning("Health check: broker unavailable (%s)", type(exc).__name__)
        return False
    return True


@never_cache
@require_safe
def health(request):
    checks = {
        "database": OK if database_ok() else FAILED,
        "broker": OK if broker_ok() else FAILED,
    }
    healthy = all(value == OK for value in checks.values())
    return JsonResponse(checks, status=200 if healthy else 503)
