"""Celery tasks of the families app. Thin: they call a service and log."""

from __future__ import annotations

from celery import shared_task

from coalition.privacy.retention import retention_apply


@shared_task(autoretry_for=(Exception,), retry_backoff=600, max_retries=3)
def retention_sweep() -> dict[str, int]:
    """Daily: anonymise or delete what passed its retention period (all kinds of
    records, not only families: it lives here so it does not collide with the
    notification sweep in coordinators/tasks.py)."""
    return retention_apply()
