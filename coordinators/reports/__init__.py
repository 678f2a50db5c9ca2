"""Reports for the coalition: aggregates only, never a name, address or note.

Every report is a `Table` (title, columns, rows of counts and figures) that the
page renders as a server-side SVG bar chart with the table under it, and that
exports as CSV. Coordinators see their own programmes; the coalition
administrator sees everything, including the central intake queue.
"""

from __future__ import annotations

from collections.abc import Callable

from coordinators.reports.activity import (
    DURATION_BUCKETS,
    active_matches,
    ended_by_duration,
    ended_by_reason,
    lead_times,
    requests_by_source,
    requests_by_wijk,
    supply_and_demand,
    volunteer_flow,
)
from coordinators.reports.base import (
    SMALL_CELL,
    SUPPRESSED,
    Scope,
    Table,
    scope_for,
    suppressed,
    suppressed_rate,
)
from coordinators.reports.charts import PALETTE, bar_chart_svg, step_chart_svg
from coordinators.reports.goals import goals_attained, network_change
from coordinators.reports.health import warning_before_end
from coordinators.reports.moments import moments_delivered
from coordinators.reports.outcomes import early_closures, instrument_change, match_survival

REPORTS: dict[str, Callable[[Scope], Table]] = {
    "requests-by-source": requests_by_source,
    "requests-by-wijk": requests_by_wijk,
    "lead-times": lead_times,
    "matches": active_matches,
    "ended-by-reason": ended_by_reason,
    "ended-by-duration": ended_by_duration,
    "warning-before-end": warning_before_end,
    "volunteers": volunteer_flow,
    "supply-and-demand": supply_and_demand,
    "moments": moments_delivered,
    "instrument-change": instrument_change,
    "match-survival": match_survival,
    "early-closures": early_closures,
    "goals-attained": goals_attained,
    "network-change": network_change,
}


def all_reports(scope: Scope) -> list[Table]:
    return [build(scope) for build in REPORTS.values()]


__all__ = [
    "DURATION_BUCKETS",
    "PALETTE",
    "REPORTS",
    "SMALL_CELL",
    "SUPPRESSED",
    "Scope",
    "Table",
    "active_matches",
    "all_reports",
    "bar_chart_svg",
    "early_closures",
    "ended_by_duration",
    "ended_by_reason",
    "instrument_change",
    "lead_times",
    "match_survival",
    "moments_delivered",
    "requests_by_source",
    "requests_by_wijk",
    "scope_for",
    "step_chart_svg",
    "supply_and_demand",
    "suppressed",
    "suppressed_rate",
    "volunteer_flow",
]
