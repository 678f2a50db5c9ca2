"""Reports for the coalition: aggregates only, never a name, address or note.

Every report is a `Table` (title, columns, rows of counts and figures) that the
page renders as a server-side SVG bar chart with the table under it, and that
exports as CSV. Coordinators see their own programmes; the coalition
administrator sees everything, including the central intake queue.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from statistics import median

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coalition.people.models import Role
from coalition.programmes.models import OrganisationKind, Programme
from coalition.spreadsheet import csv_text
from coordinators.report_moments import moments_delivered
from families.models import RequestSource, RequestStatus, SupportRequest
from matching.models import OPEN_MATCH_STATUSES, EndReason, Match, MatchStatus
from volunteers.models import AVAILABLE_STATUSES, Volunteer, VolunteerStatus, VolunteerStatusChange


@dataclass
class Scope:
    """Which programmes a report covers, and for which period (both ends included)."""

    start: dt.date
    end: dt.date
    programme_ids: list[int] | None  # None: every programme and the intake queue
    per: str = "month"  # the period of the moments report: "month" or "quarter"

    def requests(self) -> QuerySet[SupportRequest]:
        qs = SupportRequest.objects.all()
        if self.programme_ids is not None:
            qs = qs.filter(programme__in=self.programme_ids)
        return qs

    def matches(self) -> QuerySet[Match]:
        qs = Match.objects.all()
        if self.programme_ids is not None:
            qs = qs.filter(programme__in=self.programme_ids)
        return qs

    def volunteers(self) -> QuerySet[Volunteer]:
        qs = Volunteer.objects.all()
        if self.programme_ids is not None:
            through = Volunteer.programmes.through.objects.filter(programme__in=self.programme_ids)
            qs = qs.filter(pk__in=through.values("volunteer_id"))
        return qs


def scope_for(
    *, user, start: dt.date, end: dt.date, programme: Programme | None = None, per: str = "month"
) -> Scope:
    if programme is not None:
        ids = [programme.pk]
    elif user.role == Role.COALITION_ADMIN:
        ids = None
    else:
        ids = list(Programme.objects.coordinated_by(user).values_list("pk", flat=True))
    return Scope(start=start, end=end, programme_ids=ids, per=per)


@dataclass
class Table:
    slug: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    # Which numeric columns the chart draws (indexes into a row).
    chart_columns: list[int] = field(default_factory=lambda: [1])
    note: str = ""

    def csv(self) -> str:
        return csv_text([[str(c) for c in self.columns], *self.rows])

    def chart(self) -> SafeString:
        return bar_chart_svg(
            title=str(self.title),
            labels=[str(r[0]) for r in self.rows],
            series=[str(self.columns[i]) for i in self.chart_columns],
            values=[[r[i] or 0 for i in self.chart_columns] for r in self.rows],
        )


# --- Charts --------------------------------------------------------------------

PALETTE = ("#0d6efd", "#fd7e14", "#198754", "#6f42c1")


def bar_chart_svg(
    *, title: str, labels: list[str], series: list[str], values: list[list[float]]
) -> SafeString:
    """A horizontal bar chart as inline SVG (no script, no style attribute: CSP-safe).

    Each label sits on its own line above its bars, from the left edge: a long
    label is never cut off, and the chart stays legible when a phone scales it down."""
    bar_area, bar_height, label_height, gap = 480, 22, 20, 12
    group_height = label_height + bar_height * len(series) + gap
    legend_height = 26 if len(series) > 1 else 0
    height = max(len(labels), 1) * group_height + legend_height + 10
    width = bar_area + 80
    peak = max((float(v) for row in values for v in row), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart img-fluid"'
        f' viewBox="0 0 {width} {height}" width="{width}" height="{height}"'
        f' role="img" aria-label="{escape(title)}">',
    ]
    if legend_height:
        x = 0
        for i, name in enumerate(series):
            parts.append(
                f'<rect x="{x}" y="4" width="14" height="14" fill="{PALETTE[i % len(PALETTE)]}"/>'
                f'<text x="{x + 18}" y="15" font-size="14">{escape(name)}</text>'
            )
            x += 28 + 8 * len(name)
    if not labels:
        parts.append(
            f'<text x="0" y="{legend_height + 14}" font-size="14">{escape(_("No data"))}</text>'
        )
    for index, (label, row) in enumerate(zip(labels, values, strict=True)):
        top = legend_height + index * group_height
        short = label if len(label) <= 64 else label[:63] + "…"
        parts.append(f'<text x="0" y="{top + 15}" font-size="14">{escape(short)}</text>')
        for i, value in enumerate(row):
            bar = round(bar_area * float(value) / peak, 1)
            y = top + label_height + i * bar_height
            parts.append(
                f'<rect x="0" y="{y}" width="{bar}" height="{bar_height - 2}"'
                f' fill="{PALETTE[i % len(PALETTE)]}"/>'
                f'<text x="{bar + 4}" y="{y + bar_height - 6}" font-size="13">'
                f"{escape(_format(value))}</text>"
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _format(value) -> str:
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


# --- The reports -----------------------------------------------------------------


def _in_period(field_name: str, scope: Scope) -> Q:
    return Q(**{f"{field_name}__date__gte": scope.start, f"{field_name}__date__lte": scope.end})


def _days_in_period(field_name: str, scope: Scope) -> Q:
    return Q(**{f"{field_name}__gte": scope.start, f"{field_name}__lte": scope.end})


def requests_by_source(scope: Scope) -> Table:
    rows = (
        scope.requests()
        .filter(_in_period("created_at", scope))
        .values_list("source", "referral__organisation__kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    kinds = dict(OrganisationKind.choices)
    sources = dict(RequestSource.choices)
    counts: Counter[str] = Counter()
    for source, kind, n in rows:
        if source == RequestSource.PARTNER:
            label = _("Partner: %s") % kinds.get(kind, _("unknown"))
        else:
            label = str(sources.get(source, source))
        counts[label] += n
    return Table(
        slug="requests-by-source",
        title=_("Requests by source"),
        columns=[_("Source"), _("Requests")],
        rows=[[label, n] for label, n in counts.most_common()],
    )


def requests_by_wijk(scope: Scope) -> Table:
    rows = (
        scope.requests()
        .filter(_in_period("created_at", scope))
        .values_list("family__wijk__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "family__wijk__name")
    )
    return Table(
        slug="requests-by-wijk",
        title=_("Requests by wijk"),
        columns=[_("Wijk"), _("Requests")],
        rows=[[name or _("Outside Tilburg or unknown"), n] for name, n in rows],
    )


def lead_times(scope: Scope) -> Table:
    """Median days from request to intake and to match, for the steps taken in the period."""
    requests = scope.requests()
    # Days between Amsterdam dates: a request received at 00:30 is from that day,
    # though in UTC it is still the evening before.
    to_intake = [
        (done - timezone.localdate(created)).days
        for created, done in requests.filter(_days_in_period("intake_done_on", scope)).values_list(
            "created_at", "intake_done_on"
        )
    ]
    to_match = [
        (matched - timezone.localdate(created)).days
        for created, matched in requests.filter(_days_in_period("matched_on", scope)).values_list(
            "created_at", "matched_on"
        )
    ]

    def row(label, days):
        return [label, float(median(days)) if days else 0.0, len(days)]

    return Table(
        slug="lead-times",
        title=_("Days from request to intake and to match (median)"),
        columns=[_("Step"), _("Median days"), _("Requests")],
        rows=[row(_("Request to intake"), to_intake), row(_("Request to match"), to_match)],
    )


def active_matches(scope: Scope) -> Table:
    rows = (
        scope.matches()
        .values_list("programme__name")
        .annotate(
            active=Count("pk", filter=Q(status=MatchStatus.ACTIVE)),
            in_progress=Count(
                "pk",
                filter=Q(status__in=OPEN_MATCH_STATUSES) & ~Q(status=MatchStatus.ACTIVE),
            ),
            started=Count("pk", filter=_days_in_period("started_on", scope)),
        )
        .order_by("programme__name")
    )
    return Table(
        slug="matches",
        title=_("Matches per programme"),
        columns=[
            _("Programme"),
            _("Active now"),
            _("Being set up now"),
            _("Started in the period"),
        ],
        rows=[list(r) for r in rows],
        chart_columns=[1, 2, 3],
    )


def ended_by_reason(scope: Scope) -> Table:
    ended = scope.matches().filter(
        status=MatchStatus.ENDED, **{"ended_on__gte": scope.start, "ended_on__lte": scope.end}
    )
    durations: dict[str, list[int]] = defaultdict(list)
    for reason, started, proposed, ended_on in ended.values_list(
        "end_reason", "started_on", "proposed_at", "ended_on"
    ):
        begin = started or timezone.localdate(proposed)
        durations[reason].append((ended_on - begin).days)
    labels = dict(EndReason.choices)
    rows = [
        [labels.get(reason, reason), len(days), float(median(days))]
        for reason, days in sorted(durations.items(), key=lambda kv: -len(kv[1]))
    ]
    return Table(
        slug="ended-by-reason",
        title=_("Ended matches by reason"),
        columns=[_("Reason"), _("Matches"), _("Median duration (days)")],
        rows=rows,
    )


DURATION_BUCKETS = (
    (gettext_lazy("Did not start"), None, None),
    (gettext_lazy("Under 3 months"), 0, 91),
    (gettext_lazy("3 to 6 months"), 91, 183),
    (gettext_lazy("6 to 12 months"), 183, 366),
    (gettext_lazy("A year or longer"), 366, None),
)


def ended_by_duration(scope: Scope) -> Table:
    counts = Counter()
    for started, ended_on in (
        scope.matches()
        .filter(status=MatchStatus.ENDED, ended_on__gte=scope.start, ended_on__lte=scope.end)
        .values_list("started_on", "ended_on")
    ):
        if started is None:
            counts[0] += 1
            continue
        days = (ended_on - started).days
        for index, (_label, low, high) in enumerate(DURATION_BUCKETS[1:], start=1):
            if days >= low and (high is None or days < high):
                counts[index] += 1
                break
    return Table(
        slug="ended-by-duration",
        title=_("Ended matches by duration"),
        columns=[_("Duration"), _("Matches")],
        rows=[[str(label), counts[i]] for i, (label, _l, _h) in enumerate(DURATION_BUCKETS)],
    )


def volunteer_flow(scope: Scope) -> Table:
    volunteers = scope.volunteers()
    new = volunteers.filter(_in_period("applied_at", scope)).count()
    changes = VolunteerStatusChange.objects.filter(
        _in_period("changed_at", scope), volunteer__in=volunteers.values("pk")
    )
    flow = dict(
        changes.filter(to_status__in=[VolunteerStatus.APPROVED, VolunteerStatus.STOPPED])
        .values_list("to_status")
        .annotate(n=Count("volunteer", distinct=True))
        .order_by()
    )
    active = volunteers.filter(status=VolunteerStatus.ACTIVE).count()
    return Table(
        slug="volunteers",
        title=_("Volunteers: new, active, stopped"),
        columns=[_("Volunteers"), _("Number")],
        rows=[
            [_("Applied in the period"), new],
            [_("Approved in the period"), flow.get(VolunteerStatus.APPROVED, 0)],
            [_("Active now"), active],
            [_("Stopped in the period"), flow.get(VolunteerStatus.STOPPED, 0)],
        ],
    )


def supply_and_demand(scope: Scope) -> Table:
    """Per wijk: families waiting for a match against volunteers with room for one."""
    waiting = dict(
        scope.requests()
        .filter(status=RequestStatus.WAITING_FOR_MATCH)
        .values_list("family__wijk__name")
        .annotate(n=Count("pk"))
        .order_by()
    )
    with_room = (
        scope.volunteers()
        .filter(status__in=AVAILABLE_STATUSES)
        .annotate(open_matches=Count("matches", filter=Q(matches__status__in=OPEN_MATCH_STATUSES)))
        .filter(open_matches__lt=F("capacity"))
        .values("pk")
    )
    free = dict(
        Volunteer.objects.filter(pk__in=with_room)
        .values_list("wijk__name")
        .annotate(n=Count("pk"))
        .order_by()
    )
    names = sorted(set(waiting) | set(free), key=lambda n: (-(waiting.get(n, 0)), n or ""))
    other = _("Outside Tilburg or unknown")
    return Table(
        slug="supply-and-demand",
        title=_("Supply and demand per wijk"),
        columns=[_("Wijk"), _("Families waiting"), _("Volunteers free")],
        rows=[[name or other, waiting.get(name, 0), free.get(name, 0)] for name in names],
        chart_columns=[1, 2],
    )


REPORTS: dict[str, Callable[[Scope], Table]] = {
    "requests-by-source": requests_by_source,
    "requests-by-wijk": requests_by_wijk,
    "lead-times": lead_times,
    "matches": active_matches,
    "ended-by-reason": ended_by_reason,
    "ended-by-duration": ended_by_duration,
    "volunteers": volunteer_flow,
    "supply-and-demand": supply_and_demand,
    "moments": moments_delivered,
}


def all_reports(scope: Scope) -> list[Table]:
    return [build(scope) for build in REPORTS.values()]
