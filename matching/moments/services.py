"""Writes of support moments: plan (once or weekly), confirm, correct, cancel with
the match, and the volunteer's calendar feed (renew, revoke)."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.notifications.models import Notification, NotificationStatus
from coalition.notifications.reminders import reminders_cancel_stale
from coalition.notifications.services import notifications_schedule_many
from coalition.private_links import new_link_token
from matching.models import Match, MatchStatus
from matching.moments.models import CalendarFeed, CancelledBy, Moment, MomentStatus
from matching.moments.reminders import MOMENT_UNCONFIRMED, moment_nudges
from matching.moments.selectors import planned_moment_kinds
from volunteers.models import Volunteer

# Moments are planned for a match in its trial period or active.
PLANNABLE_STATUSES = frozenset({MatchStatus.TRIAL, MatchStatus.ACTIVE})
MAX_WEEKS = 26
# A moment can be entered afterwards, up to this long ago.
PAST_DAYS = 60
# ...and planned up to this far ahead.
FUTURE_DAYS = 366
# The outcomes a volunteer or coordinator can choose (cancelled says by whom).
CHOSEN_CANCELLERS = (CancelledBy.FAMILY, CancelledBy.VOLUNTEER, CancelledBy.OTHER)


def _check_plannable(match: Match, kind: str, starts_at: dt.datetime) -> None:
    if match.status not in PLANNABLE_STATUSES:
        raise ValidationError(
            _("Moments are planned once the trial period has started."), code="not_started"
        )
    if kind not in {spec.kind for spec in planned_moment_kinds(match.programme)}:
        raise ValidationError(
            _("%(programme)s does not plan this kind of moment.")
            % {"programme": match.programme.name},
            code="kind",
        )
    now = timezone.now()
    if starts_at < now - dt.timedelta(days=PAST_DAYS):
        raise ValidationError(_("This moment lies too far in the past."), code="too_old")
    if starts_at > now + dt.timedelta(days=FUTURE_DAYS):
        raise ValidationError(_("Plan at most a year ahead."), code="too_far")


@transaction.atomic
def moments_plan(
    *,
    match: Match,
    kind: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    weeks: int = 1,
    by=None,
) -> list[Moment]:
    """Plan one moment, or the same moment weekly for `weeks` weeks (the same local
    wall-clock time every week, across a daylight-saving change). The volunteer is
    nudged once after each moment if nobody confirmed it."""
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ValidationError(_("Give a day and a time."), code="naive")
    if ends_at <= starts_at:
        raise ValidationError(_("A moment ends after it starts."), code="order")
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValidationError(_("Repeat for 1 to %(n)s weeks.") % {"n": MAX_WEEKS}, code="weeks")
    locked = (
        Match.objects.select_for_update(of=("self",))
        .select_related("programme", "volunteer__user")
        .get(pk=match.pk)
    )
    _check_plannable(locked, kind, starts_at)
    length = ends_at - starts_at
    wall_clock = timezone.localtime(starts_at).replace(tzinfo=None)
    moments = []
    for week in range(weeks):
        start = timezone.make_aware(wall_clock + dt.timedelta(weeks=week))
        moments.append(
            Moment(match=locked, kind=kind, starts_at=start, ends_at=start + length, planned_by=by)
        )
    Moment.objects.bulk_create(moments)
    notifications_schedule_many(moment_nudges(locked, moments))
    return moments


def _record(moment: Moment, *, outcome: str, cancelled_by: str, by) -> Moment:
    if outcome == MomentStatus.HAPPENED:
        if moment.starts_at > timezone.now():
            raise ValidationError(
                _("A moment that has not started yet cannot have happened."), code="future"
            )
        cancelled_by = ""
    elif outcome == MomentStatus.CANCELLED:
        if cancelled_by not in CHOSEN_CANCELLERS:
            raise ValidationError(_("Say who cancelled it."), code="cancelled_by")
    else:
        raise ValidationError(_("Choose what happened."), code="outcome")
    moment.status = outcome
    moment.cancelled_by = cancelled_by
    moment.confirmed_by = by
    moment.confirmed_at = timezone.now()
    moment.save(update_fields=["status", "cancelled_by", "confirmed_by", "confirmed_at"])
    reminders_cancel_stale(moment)  # confirmed: its nudge lapses
    return moment


@transaction.atomic
def moment_confirm(*, moment: Moment, outcome: str, cancelled_by: str = "", by=None) -> Moment:
    """The volunteer's one tap: a planned moment happened, or was cancelled (and by
    whom). A moment already confirmed stays as it is: the coordinator corrects it."""
    locked = Moment.objects.select_for_update().get(pk=moment.pk)
    if locked.status != MomentStatus.PLANNED:
        raise ValidationError(
            _("This moment was already confirmed. Ask your coordinator to correct it."),
            code="confirmed",
        )
    return _record(locked, outcome=outcome, cancelled_by=cancelled_by, by=by)


@transaction.atomic
def moment_correct(*, moment: Moment, outcome: str, cancelled_by: str = "", by=None) -> Moment:
    """The coordinator sets what became of a moment, whatever was confirmed before."""
    locked = Moment.objects.select_for_update().get(pk=moment.pk)
    return _record(locked, outcome=outcome, cancelled_by=cancelled_by, by=by)


def moments_end_with_match(*, match: Match) -> int:
    """Called in the transaction that ends a match: its moments still ahead are
    cancelled (they leave the volunteer's calendar feed) and every nudge about its
    moments lapses. Moments that already took place keep what was confirmed."""
    now = timezone.now()
    ahead = Moment.objects.filter(match=match, status=MomentStatus.PLANNED, starts_at__gt=now)
    cancelled = ahead.update(
        status=MomentStatus.CANCELLED, cancelled_by=CancelledBy.MATCH_ENDED, confirmed_at=now
    )
    reminders_cancel_stale(*Moment.objects.filter(match=match).exclude(status="happened"))
    return cancelled


def moments_restore_with_match(*, match: Match) -> int:
    """A re-opened match: the moments its ending cancelled that still lie ahead are
    planned again, with their nudges."""
    restored = list(
        Moment.objects.filter(
            match=match, cancelled_by=CancelledBy.MATCH_ENDED, starts_at__gt=timezone.now()
        )
    )
    Moment.objects.filter(pk__in=[m.pk for m in restored]).update(
        status=MomentStatus.PLANNED, cancelled_by="", confirmed_at=None
    )
    if restored:
        # Their nudges, cancelled with the match, come back (scheduling again would
        # meet their keys and add nothing); a nudge never made is made now.
        Notification.objects.filter(
            kind=MOMENT_UNCONFIRMED,
            target_type=ContentType.objects.get_for_model(Moment),
            target_id__in=[m.pk for m in restored],
            status=NotificationStatus.CANCELLED,
        ).update(status=NotificationStatus.PENDING)
        match = Match.objects.select_related("volunteer__user").get(pk=match.pk)
        notifications_schedule_many(moment_nudges(match, restored))
    return len(restored)


# --- The volunteer's calendar feed ------------------------------------------------


@transaction.atomic
def calendar_feed_renew(*, volunteer: Volunteer) -> str:
    """A new private calendar address for the volunteer; the previous one (if any)
    stops at once. Returns the secret, which is shown once and never stored."""
    token, digest = new_link_token()
    CalendarFeed.objects.update_or_create(
        volunteer=volunteer,
        defaults={"token_hash": digest, "created_at": timezone.now()},
    )
    return token


@transaction.atomic
def calendar_feed_revoke(*, volunteer: Volunteer) -> bool:
    """Stop the volunteer's calendar address. Returns whether there was one."""
    deleted, _rows = CalendarFeed.objects.filter(volunteer=volunteer).delete()
    return bool(deleted)
