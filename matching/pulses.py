"""The pulse: a check-in of at most five questions with both sides of a match, on the
programme's cadence (`PulseStep` rows), answered by a private link without logging in.

`pulses_reminders` is called by `match_reminders_schedule` (so from the services that
move a match), creates the match's pulse rows idempotently and returns the reminders
that ask them; the link is made when the message goes out (`_pulse_link`), kept only
as a hash, and replaced when the coordinator makes a text for SMS or WhatsApp. A
match that ends cancels its open pulses; the closure asks both sides an exit pulse.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from coalition.notifications.models import Notification
from coalition.notifications.moments import local_moment
from coalition.notifications.registry import register_reminder
from coalition.notifications.reminders import reminders_cancel_stale
from coalition.notifications.services import Reminder
from coalition.private_links import lookup_hash, new_link_token
from families.models import Parent
from matching.models import (
    Expectation,
    Frequency,
    Match,
    MatchStatus,
    Pulse,
    PulseAnchor,
    PulseOccasion,
    PulseStep,
    Side,
)
from volunteers.reminders import volunteer_recipient

PULSE_HOUR = 10
# Two moments of the cadence closer than this are asked once.
MIN_DAYS_BETWEEN = 7
# A late start asks no questions about weeks long gone.
LATE_DAYS = 7
# The exit pulse follows the news of the ending by a few days, not in the same hour.
EXIT_DAYS = 3
KIND_FOR_SIDE = {Side.VOLUNTEER: "pulse_volunteer", Side.PARENT: "pulse_parent"}


def _anchor_day(match: Match, anchor: str) -> date | None:
    return {
        PulseAnchor.INTRODUCTION: match.introduction_on,
        # A trial cut short by activation ends on the day the match became active.
        PulseAnchor.TRIAL_END: (
            min(d for d in (match.trial_ends_on, match.started_on) if d)
            if match.trial_started_on and (match.trial_ends_on or match.started_on)
            else None
        ),
        PulseAnchor.STARTED: match.started_on,
    }[anchor]


def pulse_dates(match: Match, steps: list[PulseStep]) -> list[date]:
    """The days the cadence asks this match, as far as its stages are known: each step
    from its anchor, repeated monthly for the programme's typical duration."""
    months = max(match.programme.typical_duration_months, 1)
    days: set[date] = set()
    for step in steps:
        anchor = _anchor_day(match, step.anchor)
        if anchor is None:
            continue
        first = anchor + timedelta(days=step.days_after)
        days.add(first)
        if step.repeat_every_months:
            for n in range(step.repeat_every_months, months, step.repeat_every_months):
                days.add(first + relativedelta(months=n))
    kept: list[date] = []
    for day in sorted(days):
        if not kept or (day - kept[-1]).days >= MIN_DAYS_BETWEEN:
            kept.append(day)
    return kept


def primary_parent(match: Match) -> Parent | None:
    return Parent.objects.filter(family_id=match.request.family_id, is_primary_contact=True).first()


def _recipient(match: Match, side: str, parent: Parent | None) -> dict | None:
    if side == Side.VOLUNTEER:
        return volunteer_recipient(match.volunteer)
    if parent is None or not parent.email:
        return None  # the coordinator can still send the text by SMS or WhatsApp
    return {"recipient_email": parent.email, "language": match.request.language}


def _ask(pulse: Pulse, match: Match, parent: Parent | None) -> Reminder | None:
    recipient = _recipient(match, pulse.side, parent)
    if recipient is None:
        return None
    is_parent = pulse.side == Side.PARENT
    return Reminder(
        KIND_FOR_SIDE[pulse.side],
        local_moment(pulse.due_on, PULSE_HOUR),
        pulse,
        context={
            "first_name": parent.first_name if is_parent and parent else match.volunteer.first_name,
            "volunteer_first_name": match.volunteer.first_name if is_parent else "",
            "exit": pulse.occasion == PulseOccasion.EXIT,
        },
        **recipient,
    )


@transaction.atomic
def pulses_reminders(*, match: Match, now: datetime | None = None) -> list[Reminder]:
    """Create the open match's pulses its cadence asks for (idempotently) and return
    the reminders that ask them. A programme without a cadence has no pulses (it keeps
    the volunteer's monthly check-in of `matching.checkins`)."""
    now = now or timezone.now()
    if not match.is_open:
        return []
    steps = list(PulseStep.objects.filter(programme_id=match.programme_id))
    oldest = timezone.localdate(now) - timedelta(days=LATE_DAYS)
    days = [day for day in pulse_dates(match, steps) if day >= oldest]
    if not days:
        return []
    # A stage that moved (the trial cut short) drops the moments no longer asked;
    # a re-opened match asks its cancelled pulses again.
    dropped = list(
        Pulse.objects.filter(
            match=match,
            occasion=PulseOccasion.REGULAR,
            due_on__gte=oldest,
            answered_at__isnull=True,
            cancelled_on__isnull=True,
        ).exclude(due_on__in=days)
    )
    Pulse.objects.filter(pk__in=[p.pk for p in dropped]).update(
        cancelled_on=timezone.localdate(now)
    )
    reminders_cancel_stale(*dropped)
    Pulse.objects.filter(
        match=match, occasion=PulseOccasion.REGULAR, due_on__in=days, cancelled_on__isnull=False
    ).update(cancelled_on=None)
    existing = {
        (p.side, p.due_on): p
        for p in Pulse.objects.filter(match=match, occasion=PulseOccasion.REGULAR, due_on__in=days)
    }
    new = [
        Pulse(match=match, side=side, due_on=day)
        for day in days
        for side in (Side.VOLUNTEER, Side.PARENT)
        if (side, day) not in existing
    ]
    Pulse.objects.bulk_create(new)
    parent = primary_parent(match)
    asks = [_ask(p, match, parent) for p in [*existing.values(), *new] if p.is_open]
    return [ask for ask in asks if ask is not None]


def pulses_cancel(*, match: Match) -> list[Pulse]:
    """The match ended: its open regular pulses are no longer asked (their reminders
    are cancelled by the caller with `reminders_cancel_stale`)."""
    pulses = list(
        Pulse.objects.filter(
            match=match,
            occasion=PulseOccasion.REGULAR,
            answered_at__isnull=True,
            cancelled_on__isnull=True,
        )
    )
    Pulse.objects.filter(pk__in=[p.pk for p in pulses]).update(cancelled_on=timezone.localdate())
    return pulses


def exit_pulses_reminders(*, match: Match) -> list[Reminder]:
    """The closure asks both sides one last pulse (once), a few days after the
    message that the support ended."""
    today = timezone.localdate() + timedelta(days=EXIT_DAYS)
    parent = primary_parent(match)
    asks = []
    for side in (Side.VOLUNTEER, Side.PARENT):
        pulse, _created = Pulse.objects.get_or_create(
            match=match, side=side, occasion=PulseOccasion.EXIT, due_on=today
        )
        if pulse.is_open:
            asks.append(_ask(pulse, match, parent))
    return [ask for ask in asks if ask is not None]


# --- The private link -----------------------------------------------------------


@transaction.atomic
def pulse_issue_link(*, pulse: Pulse) -> str:
    """A new private link to answer `pulse`; an older one stops working."""
    token, pulse.token_hash = new_link_token()
    Pulse.objects.filter(pk=pulse.pk).update(token_hash=pulse.token_hash)
    return token


def pulse_url(token: str) -> str:
    return settings.SITE_URL + reverse("pulse:answer", args=[token])


def pulse_by_token(token: str) -> Pulse | None:
    """The pulse a private link opens, or None (unknown, replaced, or cancelled)."""
    digest = lookup_hash(token)
    if digest is None:
        return None
    pulse = (
        Pulse.objects.select_related("match__request", "match__volunteer__user")
        .filter(token_hash=digest)
        .first()
    )
    if pulse is None or pulse.cancelled_on is not None:
        return None
    return pulse


def pulse_language(pulse: Pulse) -> str:
    """The parent's is their request's language; the volunteer's their account's."""
    if pulse.side == Side.PARENT:
        return pulse.match.request.language
    user = pulse.match.volunteer.user
    language = user.preferred_language if user else ""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def pulse_text_message(*, pulse: Pulse) -> str:
    """A short text with a fresh link, in the recipient's language, for the coordinator
    to send by SMS or WhatsApp (the email's link then stops working)."""
    token = pulse_issue_link(pulse=pulse)
    parent = primary_parent(pulse.match) if pulse.side == Side.PARENT else None
    with translation.override(pulse_language(pulse)):
        return render_to_string(
            "matching/pulse_text_message.txt",
            {
                "first_name": parent.first_name if parent else pulse.match.volunteer.first_name,
                "pulse_url": pulse_url(token),
                "exit": pulse.occasion == PulseOccasion.EXIT,
            },
        ).strip()


# --- Answering ---------------------------------------------------------------------


def is_first_pulse(pulse: Pulse) -> bool:
    """The first pulse of a side asks what they expect instead of "as agreed"."""
    if pulse.occasion != PulseOccasion.REGULAR:
        return False
    return not Pulse.objects.filter(
        match_id=pulse.match_id,
        side=pulse.side,
        occasion=PulseOccasion.REGULAR,
        due_on__lt=pulse.due_on,
    ).exists()


@transaction.atomic
def pulse_answer(
    *,
    pulse: Pulse,
    score: int,
    fits: str,
    as_agreed: str = "",
    message: str = "",
    wants_call: bool = False,
    expected_months: int | None = None,
) -> bool:
    """Record the answer once; a second answer to the same pulse is ignored (False).
    A first pulse may carry the side's expectation of how long the support lasts."""
    locked = Pulse.objects.select_for_update().get(pk=pulse.pk)
    if not locked.is_open:
        return False
    locked.score = score
    locked.fits = fits
    locked.as_agreed = as_agreed
    locked.message = message.strip()
    locked.wants_call = wants_call
    locked.answered_at = timezone.now()
    locked.full_clean(exclude=["match"])
    locked.save()
    if expected_months:
        Expectation.objects.get_or_create(
            match_id=locked.match_id,
            side=locked.side,
            defaults={"months": expected_months, "frequency": Frequency.MONTHLY},
        )
    pulse.refresh_from_db()
    return True


# --- Registered with the notifications room ------------------------------------------


def _still_asked(pulse: Pulse, notification: Notification) -> bool:
    if not pulse.is_open:
        return False
    return pulse.occasion == PulseOccasion.EXIT or pulse.match.status != MatchStatus.ENDED


def _pulse_link(notification: Notification) -> dict:
    pulse = notification.target
    if pulse is None:  # the pulse is gone (erased): the message says nothing to answer
        return {}
    return {"pulse_url": pulse_url(pulse_issue_link(pulse=pulse))}


for _kind in KIND_FOR_SIDE.values():
    register_reminder(_kind, still_relevant=_still_asked, send_context=_pulse_link)
