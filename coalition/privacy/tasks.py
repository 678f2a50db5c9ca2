"""Celery tasks of the privacy room. Thin: they call a service and log."""

from __future__ import annotations

from celery import shared_task

from coalition.privacy.retention import retention_apply


@shared_task(autoretry_for=(Exception,), retry_backoff=600, max_retries=3)
def retention_sweep() -> dict[str, int]:
    """Daily: anonymise or delete what passed its retention period (every kind of
    record the apps registered, notifications, audit events and sessions)."""
    return retention_apply()
