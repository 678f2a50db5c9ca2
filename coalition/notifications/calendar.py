"""Calendar files (.ics): one event for the evaluation invitations and the intake agenda,
and a subscribed feed for the volunteer's support moments.

A calendar file leaves the platform (phones and calendar services sync it), so
callers put in it only what a stranger who finds it may read: a reference code,
a moment, a link that needs a login. Never a family's name, address, situation
or health.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event


def calendar_host() -> str:
    """The site's host name, for event UIDs that stay the same across downloads."""
    return settings.SITE_URL.split("://", 1)[-1].split("/")[0].split(":")[0] or "localhost"


def _event(
    *,
    uid: str,
    summary: str,
    description: str,
    start: date | datetime,
    end: date | datetime | None = None,
    url: str = "",
) -> Event:
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
    return event


def _calendar(name: str = "") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Coalitie Informele Steun Tilburg//Reminders//NL")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


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
    calendar = _calendar()
    calendar.add_component(
        _event(uid=uid, summary=summary, description=description, start=start, end=end, url=url)
    )
    return calendar.to_ical()


@dataclass(frozen=True)
class FeedEvent:
    """One event of a subscribed calendar (the arguments of `calendar_event`)."""

    uid: str
    summary: str
    description: str
    start: date | datetime
    end: date | datetime | None = None
    url: str = ""


def calendar_feed(events: Iterable[FeedEvent], *, name: str) -> bytes:
    """A subscribed calendar: every event it holds now. A calendar app that polls it
    drops the events that are no longer in it (a cancelled moment disappears)."""
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(
            _event(
                uid=event.uid,
                summary=event.summary,
                description=event.description,
                start=event.start,
                end=event.end,
                url=event.url,
            )
        )
    return calendar.to_ical()
