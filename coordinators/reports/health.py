"""Does the early warning mean something? For each match that ended in the period, its
health 30 days before the end, against why it ended (docs/match-health.md)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.utils.translation import gettext as _

from coordinators.reports.base import Scope, Table
from matching.health import HealthStatus, matches_health
from matching.models import EndReason, MatchStatus

DAYS_BEFORE_END = 30


def warning_before_end(scope: Scope) -> Table:
    ended = list(
        scope.matches()
        .filter(status=MatchStatus.ENDED, ended_on__gte=scope.start, ended_on__lte=scope.end)
        .select_related("request")
        .only(
            "end_reason",
            "ended_on",
            "programme_id",
            "proposed_at",
            "introduction_on",
            "trial_started_on",
            "started_on",
            "request__waiting_since",
            "request__created_at",
        )
    )
    days = {m.pk: m.ended_on - dt.timedelta(days=DAYS_BEFORE_END) for m in ended}
    health = matches_health(ended, days=days)
    counts: Counter = Counter()
    for match in ended:
        counts[(match.end_reason, health[match.pk].status)] += 1
    statuses = list(HealthStatus)
    rows = []
    for reason, label in EndReason.choices:
        row = [counts[(reason, status)] for status in statuses]
        if sum(row):
            rows.append([str(label), sum(row), *row])
    return Table(
        slug="warning-before-end",
        title=_("Early warning 30 days before the end, by end reason"),
        columns=[_("Reason"), _("Matches"), *(str(s.label) for s in statuses)],
        rows=rows,
        chart_columns=[2, 3, 4],
        note=_(
            "The match's health as it was 30 days before it ended, from what was known then. "
            "If premature endings were mostly 'at risk' beforehand, the warning means something."
        ),
    )
