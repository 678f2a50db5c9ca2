"""The report of support moments delivered, for funders: dagdelen, overnight stays
and visits that took place, per period (month or quarter) and programme, with the
number of matches they came from. Aggregates only; small counts suppressed."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from coalition.notifications.moments import local_zone
from coordinators.reports.base import Table, suppressed
from matching.moments.models import Moment, MomentKind
from matching.moments.selectors import open_happened_filter

if TYPE_CHECKING:
    from coordinators.reports.base import Scope

MONTH = "month"
QUARTER = "quarter"


def period_label(month, per: str) -> str:
    if per == QUARTER:
        return f"{month.year} Q{(month.month - 1) // 3 + 1}"
    return f"{month.year}-{month.month:02d}"


def moments_delivered(scope: Scope) -> Table:
    moments = Moment.objects.filter(open_happened_filter(scope.start, scope.end))
    if scope.programme_ids is not None:
        moments = moments.filter(match__programme__in=scope.programme_ids)
    # One query: per month, programme, kind and match; summed up here.
    rows = (
        moments.annotate(month=TruncMonth("starts_at", tzinfo=local_zone()))
        .values_list("month", "match__programme__name", "kind", "match_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    per = getattr(scope, "per", MONTH)
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    # A match with dagdelen and overnight stays is one match.
    matches: dict[tuple[str, str], set[int]] = defaultdict(set)
    for month, programme, kind, match_id, n in rows:
        key = (period_label(month, per), programme)
        counts[key][kind] += n
        matches[key].add(match_id)
    kinds = MomentKind.values
    return Table(
        slug="moments",
        title=_("Support moments that took place"),
        columns=[
            _("Period and programme"),
            *[MomentKind(kind).label for kind in kinds],
            _("Matches"),
        ],
        rows=[
            [
                f"{period} · {programme}",
                *[suppressed(counts[(period, programme)][kind]) for kind in kinds],
                suppressed(len(matches[(period, programme)])),
            ]
            for period, programme in sorted(counts)
        ],
        chart_columns=list(range(1, len(kinds) + 1)),
        note=_("Counts from 1 to 4 are shown as <5."),
    )
