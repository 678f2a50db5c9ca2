"""Thin Celery tasks of the families app: status webhooks to partner systems."""

from __future__ import annotations

from celery import shared_task

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
