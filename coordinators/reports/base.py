"""What every report is made of: its scope (period, programmes, wijk), the table it
returns, and the one rule for small cells."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.safestring import SafeString

from coalition.people.models import Role
from coalition.programmes.models import Programme
from coalition.spreadsheet import csv_text
from coordinators.reports.charts import bar_chart_svg
from families.models import SupportRequest
from matching.models import Match
from volunteers.models import Volunteer


@dataclass
class Scope:
    """Which programmes a report covers, and for which period (both ends included)."""

    start: dt.date
    end: dt.date
    programme_ids: list[int] | None  # None: every programme and the intake queue
    wijk_code: str | None = None  # None: every wijk (and outside Tilburg)
    per: str = "month"  # the period of the moments report: "month" or "quarter"

    def requests(self) -> QuerySet[SupportRequest]:
        qs = SupportRequest.objects.all()
        if self.programme_ids is not None:
            qs = qs.filter(programme__in=self.programme_ids)
        if self.wijk_code is not None:
            qs = qs.filter(family__wijk=self.wijk_code)
        return qs

    def matches(self) -> QuerySet[Match]:
        qs = Match.objects.all()
        if self.programme_ids is not None:
            qs = qs.filter(programme__in=self.programme_ids)
        if self.wijk_code is not None:
            qs = qs.filter(request__family__wijk=self.wijk_code)
        return qs

    def volunteers(self) -> QuerySet[Volunteer]:
        qs = Volunteer.objects.all()
        if self.programme_ids is not None:
            through = Volunteer.programmes.through.objects.filter(programme__in=self.programme_ids)
            qs = qs.filter(pk__in=through.values("volunteer_id"))
        if self.wijk_code is not None:
            qs = qs.filter(wijk=self.wijk_code)
        return qs


def scope_for(
    *,
    user,
    start: dt.date,
    end: dt.date,
    programme: Programme | None = None,
    wijk=None,
    per: str = "month",
) -> Scope:
    if programme is not None:
        ids = [programme.pk]
    elif user.role == Role.COALITION_ADMIN:
        ids = None
    else:
        ids = list(Programme.objects.coordinated_by(user).values_list("pk", flat=True))
    return Scope(
        start=start,
        end=end,
        programme_ids=ids,
        wijk_code=wijk.pk if wijk is not None else None,
        per=per,
    )


# Funders see aggregates only: a count of 1 to 4 could point to a family, so it is
# shown as "<5" (and a rate built on it is not shown). The one rule for every report.
SMALL_CELL = 5
SUPPRESSED = "<5"


def suppressed(count: int) -> int | str:
    """`count`, or "<5" when it is 1 to 4."""
    return SUPPRESSED if 0 < count < SMALL_CELL else count


def suppressed_rate(part: int, whole: int) -> float | str:
    """`part` of `whole` in per cent, unless either count is suppressed."""
    if suppressed(part) == SUPPRESSED or suppressed(whole) == SUPPRESSED:
        return SUPPRESSED
    return round(100 * part / whole, 1) if whole else 0.0


def _number(cell) -> float:
    """A cell as the chart draws it: a suppressed cell draws no bar."""
    return cell if isinstance(cell, int | float) else 0


@dataclass
class Table:
    slug: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    # Which numeric columns the chart draws (indexes into a row).
    chart_columns: list[int] = field(default_factory=lambda: [1])
    note: str = ""
    # A chart of its own (the survival curve) instead of the bar chart of the rows.
    svg: SafeString | None = None

    def csv(self) -> str:
        return csv_text([[str(c) for c in self.columns], *self.rows])

    def chart(self) -> SafeString:
        if self.svg is not None:
            return self.svg
        return bar_chart_svg(
            title=str(self.title),
            labels=[str(r[0]) for r in self.rows],
            series=[str(self.columns[i]) for i in self.chart_columns],
            values=[[_number(r[i]) or 0 for i in self.chart_columns] for r in self.rows],
        )
