"""One calendar event as an .ics file: for the evaluation invitations and the intake agenda.

A calendar file leaves the platform (phones and calendar services sync it), so
callers put in it only what a stranger who finds it may read: a reference code,
a moment, a link that needs a login. Never a family's name, address, situation
or health.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event


def calendar_host() -> str:
    """The site's host name, for event UIDs that stay the same across downloads."""
    return settings.SITE_URL.split("://", 1)[-1].split("/")[0].split(":")[0] or "localhost"


def calendar_event(
    *,
    uid: str,
    summary: str,
    description: str,
    start: date | datetime,
    end: date | datetime | None = None,
    url: str = "",
) -> bytes:
    """An .ics with one event. A `date` start makes an all-day event (`end` defaults
    to the next day); a datetime is written in UTC. The same `uid` (made unique per
    site here) lets a later file update the event instead of adding another."""
    calendar = Calendar()
    calendar.add("prodid", "-//Coalitie Informele Steun Tilburg//Reminders//NL")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"{uid}@{calendar_host()}")
    event.add("dtstamp", timezone.now())
    timed = isinstance(start, datetime)
    end = end if end is not None else start + timedelta(days=1)
    event.add("dtstart", start.astimezone(UTC) if timed else start)
    event.add("dtend", end.astimezone(UTC) if timed else end)
    event.add("summary", summary)
    event.add("description", description)
    if url:
        event.add("url", url)
    # An all-day reminder does not block the day; a planned conversation does.
    event.add("transp", "OPAQUE" if timed else "TRANSPARENT")
    calendar.add_component(event)
    return calendar.to_ical()
