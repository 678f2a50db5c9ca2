"""What Celery beat runs, and when (times in CELERY_TIMEZONE, Europe/Amsterdam)."""

from __future__ import annotations

from celery.schedules import crontab

from coalition.api_settings import API_BEAT_SCHEDULE


def beat_schedule(*, sweep_seconds: int) -> dict:
    return {
        # Every few minutes, whatever is due and unsent: a missed or doubled run does no harm.
        "notifications-sweep": {
            "task": "coalition.notifications.tasks.notifications_sweep",
            "schedule": sweep_seconds,
        },
        "reminders-plan": {
            "task": "coalition.notifications.tasks.reminders_plan",
            "schedule": crontab(minute="*/15"),
        },
        # Monday 08:00 Europe/Amsterdam (CELERY_TIMEZONE), on both sides of a DST change.
        "weekly-digests": {
            "task": "coalition.notifications.tasks.weekly_digests",
            "schedule": crontab(minute=0, hour=8, day_of_week="mon"),
        },
        # At night, when nobody works: 03:15 Europe/Amsterdam.
        "retention-daily": {
            "task": "coalition.privacy.tasks.retention_sweep",
            "schedule": crontab(hour=3, minute=15),
        },
        # Duplicate families: each new one is checked in a task; this catches a lost task.
        "duplicates-sweep": {
            "task": "families.tasks.duplicates_sweep",
            "schedule": crontab(minute=40),
        },
        **API_BEAT_SCHEDULE,  # the partner API's webhook sweep
    }
