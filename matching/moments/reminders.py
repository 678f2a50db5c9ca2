"""The nudge about a moment nobody confirmed: once, the morning after it, to the
volunteer; it lapses when the moment is confirmed or the match ends. Registered with
the notifications room from `matching/reminders.py`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from coalition.notifications.models import Notification
from coalition.notifications.moments import local_moment, local_zone
from coalition.notifications.registry import register_reminder, register_target
from coalition.notifications.services import Reminder
from matching.moments.models import Moment, MomentStatus
from volunteers.reminders import volunteer_recipient

MOMENT_UNCONFIRMED = "moment_unconfirmed"
NUDGE_HOUR = 10
# A moment entered long after it ended is not worth a nudge (whoever entered it knows).
NUDGE_AT_MOST_DAYS_LATE = 7


def moment_nudges(match, moments: Iterable[Moment]) -> list[Reminder]:
    """One nudge per moment (with `match.volunteer.user` loaded), the morning after
    its end at 10:00 Amsterdam time; none for a moment long gone."""
    recipient = volunteer_recipient(match.volunteer)
    now = timezone.now()
    reminders = []
    for moment in moments:
        day = timezone.localdate(moment.ends_at, local_zone()) + dt.timedelta(days=1)
        due = local_moment(day, NUDGE_HOUR)
        if due < now - dt.timedelta(days=NUDGE_AT_MOST_DAYS_LATE):
            continue
        reminders.append(
            Reminder(
                MOMENT_UNCONFIRMED,
                due,
                moment,
                context={
                    "volunteer_first_name": match.volunteer.first_name,
                    "moment_on": timezone.localdate(moment.starts_at, local_zone()).isoformat(),
                    "kind": moment.kind,
                },
                **recipient,
            )
        )
    return reminders


def _still_unconfirmed(moment: Moment, notification: Notification) -> bool:
    return moment.status == MomentStatus.PLANNED and moment.match.is_open


def _confirm_link(notification: Notification) -> dict:
    if notification.target_id is None:
        return {"moment_url": settings.SITE_URL + reverse("matching:volunteer_moments")}
    path = reverse("matching:volunteer_moment", args=[notification.target_id])
    return {"moment_url": settings.SITE_URL + path}


register_target(Moment, Moment.objects.visible_to)
register_reminder(MOMENT_UNCONFIRMED, still_relevant=_still_unconfirmed, send_context=_confirm_link)
