"""Thin Celery tasks: ids in, the services of the notifications room do the work."""

from __future__ import annotations

import logging

from celery import shared_task

from coalition.notifications import digest, reminders, sending
from coalition.notifications import services as notifications

logger = logging.getLogger(__name__)

RETRY_BACKOFF_SECONDS = 30
RETRY_BACKOFF_MAX_SECONDS = 30 * 60


@shared_task(bind=True, acks_late=True, max_retries=6, ignore_result=True)
def notifications_send(self, notification_ids: list[int]) -> dict[str, int]:
    """Send the notifications; those that hit a mail error are retried with backoff.

    Idempotent: a row that is no longer pending (sent, or being sent by another
    worker) is left alone, so a redelivered message sends nothing twice.
    """
    outcomes, failed = sending.notifications_send_many(notification_ids)
    if failed:
        countdown = min(RETRY_BACKOFF_SECONDS * 2**self.request.retries, RETRY_BACKOFF_MAX_SECONDS)
        logger.warning("notifications: %s failed, retry in %ss", len(failed), countdown)
        # When the retries run out the rows stay pending: the sweep takes them
        # again after the lease, until MAX_ATTEMPTS flags them for a coordinator.
        raise self.retry(args=[failed], countdown=countdown)
    return outcomes


@shared_task(acks_late=True, ignore_result=True)
def notifications_sweep() -> dict[str, int]:
    result = notifications.notifications_sweep()
    return {"claimed": result.claimed, "flagged": result.flagged}


@shared_task(acks_late=True, ignore_result=True)
def reminders_plan() -> dict[str, int]:
    return reminders.reminders_plan()


@shared_task(acks_late=True, ignore_result=True)
def weekly_digests() -> dict[str, int]:
    """Monday 08:00 (crontab, Amsterdam time): the digests, then send what is due."""
    planned = digest.digests_plan()
    result = notifications.notifications_sweep()
    return {"planned": planned, "claimed": result.claimed}
