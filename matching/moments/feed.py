"""The volunteer's private calendar feed: their moments as a subscribed .ics.

The address holds a secret whose hash only is stored (`CalendarFeed`). A calendar
app syncs the feed beyond the platform, so an event holds the kind of moment and the
children's first names (what the volunteer already sees on their page, so they can
tell two families apart), the time, and a link that needs a login: never a surname,
an address, a phone number or the programme (a programme's name can tell a family's
situation). Cancelled moments and those of ended matches are not in it, so they
disappear from the volunteer's calendar at its next sync.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coalition.notifications.calendar import FeedEvent, calendar_feed
from coalition.private_links import lookup_hash
from families.models import Child
from matching.models import OPEN_MATCH_STATUSES
from matching.moments.models import CalendarFeed, Moment
from volunteers.models import Volunteer

# How far back the feed reaches (a calendar keeps what it synced before).
FEED_PAST_DAYS = 90


def feed_volunteer(token: str) -> Volunteer | None:
    """The volunteer a feed address belongs to, or None (unknown, renewed, revoked,
    or the volunteer's account is closed). One query."""
    digest = lookup_hash(token)
    if digest is None:
        return None
    feed = CalendarFeed.objects.select_related("volunteer__user").filter(token_hash=digest).first()
    if feed is None or feed.volunteer.user is None or not feed.volunteer.user.is_active:
        return None
    return feed.volunteer


def feed_moments(volunteer: Volunteer, *, now: dt.datetime | None = None) -> list[Moment]:
    """The volunteer's moments that are not cancelled, of their open matches, from
    FEED_PAST_DAYS ago on. Two queries (the moments, the children's first names)."""
    now = now or timezone.now()
    return list(
        Moment.objects.filter(
            match__volunteer=volunteer,
            match__status__in=OPEN_MATCH_STATUSES,
            starts_at__gte=now - dt.timedelta(days=FEED_PAST_DAYS),
        )
        .not_cancelled()
        .select_related("match__request")
        .prefetch_related(
            Prefetch(
                "match__request__children",
                queryset=Child.objects.only("id", "first_name").order_by("pk"),
            )
        )
        .order_by("starts_at", "pk")
    )


def moment_title(moment: Moment) -> str:
    names = ", ".join(child.first_name for child in moment.match.request.children.all())
    kind = str(moment.get_kind_display())
    return f"{kind} · {names}" if names else kind


def feed_calendar(volunteer: Volunteer) -> bytes:
    """The volunteer's feed, worded in their own language."""
    language = (volunteer.user.preferred_language if volunteer.user else "") or "nl"
    url = settings.SITE_URL + reverse("matching:volunteer_moments")
    with translation.override(language):
        events = [
            FeedEvent(
                uid=f"moment-{moment.pk}",
                summary=moment_title(moment),
                description=_("Support moment. Confirm afterwards whether it took place: %(url)s")
                % {"url": url},
                start=moment.starts_at,
                end=moment.ends_at,
                url=url,
            )
            for moment in feed_moments(volunteer)
        ]
        return calendar_feed(events, name=_("My support moments"))
