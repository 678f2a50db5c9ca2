"""Outcome reports: the parents' own goals and their network, per programme.

Built on the selectors in `families.outcomes.summary`; aggregates only. A cell that
counts fewer than SMALL_CELL families or goals is not shown ("<5"), and neither is
a mean or share computed from so few: a small group could be recognised.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from coordinators.reports.base import SMALL_CELL, SUPPRESSED, Table, suppressed
from families.models import GoalRating, SupportRequest
from families.outcomes.summary import goals_attained_summary, network_change_summary


def _share(part: int, whole: int):
    if whole < SMALL_CELL or (0 < part < SMALL_CELL):
        return SUPPRESSED if whole else None
    return round(100 * part / whole)


def _rated_in_period(scope) -> QuerySet[SupportRequest]:
    """The scope's requests whose goals were rated during the period."""
    rated = GoalRating.objects.filter(
        rated_at__date__gte=scope.start, rated_at__date__lte=scope.end
    ).values("goal__request_id")
    return scope.requests().filter(pk__in=rated)


def goals_attained(scope):

    rows = []
    for row in goals_attained_summary(_rated_in_period(scope)):
        shown = row.measured >= SMALL_CELL
        rows.append(
            [
                row.group,
                suppressed(row.goals),
                suppressed(row.measured),
                round(row.mean_change, 1) if shown and row.mean_change is not None else None,
                _share(row.improved, row.measured),
            ]
        )
    return Table(
        slug="goals-attained",
        title=_("Parents' own goals: change from first to last rating"),
        columns=[
            _("Programme"),
            _("Goals"),
            _("Rated twice or more"),
            _("Mean change (points)"),
            _("Improved by 2 points or more (%)"),
        ],
        rows=rows,
        chart_columns=[4],
        note=_("Cells under 5 are not shown."),
    )


def network_change(scope):

    rows = [
        [
            row.label,
            suppressed(row.families),
            _share(row.nobody_at_intake, row.families),
            _share(row.nobody_at_closure, row.families),
        ]
        for row in network_change_summary(_rated_in_period(scope))
    ]
    return Table(
        slug="network-change",
        title=_("Network: families with nobody to help, at intake and at closure"),
        columns=[
            _("Domain"),
            _("Families with both maps"),
            _("Nobody at intake (%)"),
            _("Nobody at closure (%)"),
        ],
        rows=rows,
        chart_columns=[2, 3],
        note=_("Cells under 5 are not shown."),
    )
