"""When reminders go out: local (Europe/Amsterdam) wall-clock moments.

"09:00" stays 09:00 on both sides of a daylight-saving change.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

REMINDER_HOUR = 9
DIGEST_HOUR = 8


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_moment(day: date, hour: int = REMINDER_HOUR, minute: int = 0) -> datetime:
    """`day` at `hour`:`minute` Amsterdam time, as an aware datetime."""
    return datetime.combine(day, time(hour, minute), tzinfo=local_zone())


def digest_moment(now: datetime) -> datetime:
    """Monday 08:00 local of the week `now` falls in."""
    today = timezone.localdate(now)
    return local_moment(today - timedelta(days=today.weekday()), DIGEST_HOUR)
