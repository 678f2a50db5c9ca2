"""Thin Celery tasks of the families app: status webhooks to partner systems, and the
search for duplicate families after a front door saved one."""

from __future__ import annotations

from celery import shared_task

from families.duplicates import detection
from families.services import webhooks


@shared_task(bind=True, acks_late=True, max_retries=8, ignore_result=True)
def webhook_deliver(self, delivery_id: str) -> None:
    """Post one webhook; on failure retry with the back-off the row holds (the sweep
    takes it again if the retries run out or the worker is lost)."""
    if not webhooks.webhook_deliver(delivery_id=delivery_id):
        countdown = webhooks.retry_countdown(delivery_id)
        raise self.retry(countdown=countdown)


@shared_task(acks_late=True, ignore_result=True)
def webhooks_sweep() -> int:
    due = webhooks.webhooks_due()
    for delivery_id in due:
        webhooks.webhook_deliver(delivery_id=delivery_id)
    return len(due)


@shared_task(acks_late=True, ignore_result=True)
def duplicates_detect_family(family_id: int) -> int:
    return detection.duplicates_detect([family_id])


@shared_task(acks_late=True, ignore_result=True)
def duplicates_sweep() -> int:
    """Every family against every other (under two seconds for 10,000 families): catches
    what a lost task missed. Answered pairs are never suggested again."""
    return detection.duplicates_detect()
