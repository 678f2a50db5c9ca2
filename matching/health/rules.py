"""The early-warning rules (docs/match-health.md). Each looks at one match as it was
on `day` and returns the reason in words (in the active language) or None; the
weight and threshold given here are defaults that `HealthRule` rows override."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from matching.health.facts import MatchFacts
from matching.health.registry import health_rule
from matching.models import AsAgreed, Fit, Pulse, PulseOccasion, Side
from matching.moments.selectors import happened_days_by_match


def answered_on(pulse: Pulse) -> dt.date | None:
    """The local day a pulse was answered (computed once per pulse: rules ask often)."""
    if pulse.answered_at is None:
        return None
    if not hasattr(pulse, "_answered_on"):
        pulse._answered_on = timezone.localdate(pulse.answered_at)
    return pulse._answered_on


def _answered(facts: MatchFacts, day: dt.date, side: str | None = None) -> list[Pulse]:
    """The regular pulses answered on or before `day`, oldest first."""
    found = [
        p
        for p in facts.pulses
        if p.answered_at is not None
        and p.occasion == PulseOccasion.REGULAR
        and (side is None or p.side == side)
        and answered_on(p) <= day
    ]
    found.sort(key=lambda p: p.answered_at)
    return found


def _side_name(side: str) -> str:
    return _("the parent") if side == Side.PARENT else _("the volunteer")


@health_rule(
    "pulse_low",
    weight=3,
    threshold=4,
    label=gettext_lazy("A side's last pulse is at or below the threshold (0-10)"),
)
def pulse_low(facts: MatchFacts, day: dt.date, threshold: int) -> str | None:
    low = []
    for side in (Side.PARENT, Side.VOLUNTEER):
        answers = _answered(facts, day, side)
        if answers and answers[-1].score is not None and answers[-1].score <= threshold:
            low.append(
                _("%(who)s answered %(score)s of 10")
                % {"who": _side_name(side), "score": answers[-1].score}
            )
    return "; ".join(low) or None


@health_rule(
    "no_fit",
    weight=2,
    threshold=0,
    label=gettext_lazy("A side says in its last pulse that the match does not fit"),
)
def no_fit(facts: MatchFacts, day: dt.date, threshold: int) -> str | None:
    for side in (Side.PARENT, Side.VOLUNTEER):
        answers = _answered(facts, day, side)
        if answers and answers[-1].fits == Fit.NO:
            return _("%(who)s says the match does not fit") % {"who": _side_name(side)}
    return None


@health_rule(
    "not_as_agreed",
    weight=1,
    threshold=0,
    label=gettext_lazy("A side says in its last pulse the support did not happen as agreed"),
)
def not_as_agreed(facts: MatchFacts, day: dt.date, threshold: int) -> str | None:
    for side in (Side.PARENT, Side.VOLUNTEER):
        answers = _answered(facts, day, side)
        if answers and answers[-1].as_agreed == AsAgreed.NO:
            return _("%(who)s says the support did not happen as agreed") % {
                "who": _side_name(side)
            }
    return None


@health_rule(
    "pulse_silent",
    weight=1,
    threshold=6,
    label=gettext_lazy("A side answered no pulse for this many weeks while being asked"),
)
def pulse_silent(facts: MatchFacts, day: dt.date, threshold: int) -> str | None:
    for side in (Side.PARENT, Side.VOLUNTEER):
        answers = _answered(facts, day, side)
        since = answered_on(answers[-1]) if answers else None
        asked = [
            p.due_on
            for p in facts.pulses
            if p.side == side
            and p.occasion == PulseOccasion.REGULAR
            and p.due_on <= day
            and (since is None or p.due_on > since)
            and (p.cancelled_on is None or p.cancelled_on > day)
        ]
        if not asked:
            continue
        weeks = (day - min(asked)).days // 7
        if weeks >= threshold:
            return ngettext(
                "%(who)s answered no pulse in %(weeks)d week",
                "%(who)s answered no pulse in %(weeks)d weeks",
                weeks,
            ) % {"who": _side_name(side), "weeks": weeks}
    return None


def contact_start(facts: MatchFacts) -> dt.date | None:
    """From when the coordinator keeps in touch: the first meeting (or later stage)."""
    match = facts.match
    days = [d for d in (match.introduction_on, match.trial_started_on, match.started_on) if d]
    return min(days) if days else None


def contact_due(facts: MatchFacts, day: dt.date) -> dt.date | None:
    """When the next coordinator contact is due, judged on `day`, by the cadence:
    closer together in the first period, then every `then_every_days`."""
    start = contact_start(facts)
    if start is None or start > day:
        return None
    cadence = facts.cadence
    contacts = [d for d in facts.contact_days if start <= d <= day]
    last = contacts[-1] if contacts else start
    first_period_end = start + dt.timedelta(days=cadence.first_period_days)
    if last < first_period_end:
        step = cadence.first_period_days // max(cadence.contacts_in_first_period, 1)
    else:
        step = cadence.then_every_days
    return last + dt.timedelta(days=max(step, 1))


@health_rule(
    "contact_overdue",
    weight=1,
    threshold=0,
    label=gettext_lazy("Coordinator contact overdue by more than this many days"),
)
def contact_overdue(facts: MatchFacts, day: dt.date, threshold: int) -> str | None:
    due = contact_due(facts, day)
    if due is None:
        return None
    late = (day - due).days
    if late <= threshold:
        return None
    return ngettext(
        "coordinator contact %(days)d day overdue",
        "coordinator contact %(days)d days overdue",
        late,
    ) % {"days": late}


@health_rule(
    "long_wait",
    weight=1,
    threshold=120,
    label=gettext_lazy("The family waited at least this many days before the match"),
)
def long_wait(facts: MatchFacts, day: dt.date, threshold: int) -> str | None:
    request = facts.match.request
    waited_from = timezone.localdate(request.waiting_since or request.created_at)
    waited = (timezone.localdate(facts.match.proposed_at) - waited_from).days
    if waited < threshold:
        return None
    return ngettext(
        "waited %(days)d day before the match", "waited %(days)d days before the match", waited
    ) % {"days": waited}


@health_rule(
    "expectations_differ",
    weight=2,
    threshold=3,
    label=gettext_lazy("The sides' expected duration differs by at least this many months"),
)
def expectations_differ(facts: MatchFacts, day: dt.date, threshold: int) -> str | None:
    known = {e.side: e for e in facts.expectations if timezone.localdate(e.recorded_at) <= day}
    volunteer, parent = known.get(Side.VOLUNTEER), known.get(Side.PARENT)
    if volunteer is None or parent is None:
        return None
    if abs(volunteer.months - parent.months) < threshold:
        return None
    return _("the volunteer expects %(volunteer)d months, the family %(family)d") % {
        "volunteer": volunteer.months,
        "family": parent.months,
    }


def support_start(facts: MatchFacts) -> dt.date | None:
    """From when the volunteer and the family meet regularly: the trial, or the start."""
    match = facts.match
    days = [d for d in (match.trial_started_on, match.started_on) if d]
    return min(days) if days else None


@health_rule(
    "no_moment_confirmed",
    weight=2,
    threshold=21,
    label=gettext_lazy("No support moment confirmed as happened for this many days"),
    loader=happened_days_by_match,
)
def no_moment_confirmed(facts: MatchFacts, day: dt.date, threshold: int) -> str | None:
    start = support_start(facts)
    if start is None or start > day:
        return None
    happened = [d for d in facts.extra.get("no_moment_confirmed", ()) if d <= day]
    since = happened[-1] if happened else start
    days = (day - since).days
    if days <= threshold:
        return None
    weeks = days // 7
    if happened:
        return ngettext(
            "no moment confirmed in %(weeks)d week",
            "no moment confirmed in %(weeks)d weeks",
            weeks,
        ) % {"weeks": weeks}
    return ngettext(
        "no moment confirmed since the start, %(weeks)d week ago",
        "no moment confirmed since the start, %(weeks)d weeks ago",
        weeks,
    ) % {"weeks": weeks}
