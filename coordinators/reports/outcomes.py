"""Does support work? The funders' reports: change on the questionnaires, how long
matches last (Kaplan-Meier per programme) and how many end early. Counts of 1 to 4
are suppressed (`suppressed`); a programme with fewer than 5 matches gets no curve."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.instruments.scoring import Change, classify_change
from coalition.instruments.selectors import scale_specs
from coordinators.reports.base import (
    SMALL_CELL,
    SUPPRESSED,
    Scope,
    Table,
    suppressed,
    suppressed_rate,
)
from coordinators.reports.charts import step_chart_svg
from coordinators.reports.survival import survival_curve
from coordinators.selectors.questionnaires import registry_instruments
from families.models import Administration
from matching.models import EndReason, MatchStatus

# An ending for another reason than these is an early closure.
PLANNED_ENDINGS = frozenset({EndReason.GOALS_REACHED, EndReason.PLANNED_END})


def _total_specs(instrument_ids: set[int]) -> dict[int, object]:
    specs = {}
    for instrument in registry_instruments().filter(pk__in=instrument_ids):
        totals = [scale for scale in instrument.scales.all() if scale.is_total]
        by_code = {spec.code: spec for spec in scale_specs(instrument)}
        specs[instrument.pk] = (str(instrument), by_code[totals[0].code])
    return specs


def instrument_change(scope: Scope) -> Table:
    """Per programme and instrument: families whose total score changed reliably
    between the intake and their latest measurement in the period."""
    rows = list(
        Administration.objects.filter(
            request__in=scope.requests().values("pk"), completed_at__isnull=False
        )
        .order_by("completed_at")
        .values_list(
            "request_id",
            "request__programme__name",
            "instrument_id",
            "moment",
            "completed_at",
            "scores",
        )
    )
    specs = _total_specs({row[2] for row in rows})
    series: dict[tuple[int, int], list] = defaultdict(list)
    for row in rows:
        series[(row[0], row[2])].append(row)
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for (_request, instrument_id), measured in series.items():
        intake = next((m for m in measured if m[3] == "intake"), None)
        later = [m for m in measured if intake and m[4] > intake[4]]
        if not later or not scope.start <= timezone.localdate(later[-1][4]) <= scope.end:
            continue
        name, spec = specs[instrument_id]
        before, after = intake[5].get(spec.code), later[-1][5].get(spec.code)
        if before is None or after is None:
            continue
        change = classify_change(before, after, spec)
        if change is not None:
            counts[(intake[1], name)][change] += 1
    order = (Change.IMPROVED, Change.UNCHANGED, Change.WORSE)
    return Table(
        slug="instrument-change",
        title=_("Questionnaires: change since the intake (reliable change index)"),
        columns=[
            _("Programme and questionnaire"),
            _("Reliably improved"),
            _("Unchanged"),
            _("Reliably worse"),
        ],
        rows=[
            [f"{programme} · {name}", *(suppressed(count[c]) for c in order)]
            for (programme, name), count in sorted(counts.items())
        ],
        chart_columns=[1, 2, 3],
        note=_("Families with a questionnaire at the intake and a later one in the period."),
    )


def match_survival(scope: Scope) -> Table:
    """How long the matches that started in the period last, per programme: the
    Kaplan-Meier curve (running matches censored at the end of the period) and its median."""
    until = min(scope.end, timezone.localdate())
    started = (
        scope.matches()
        .filter(started_on__gte=scope.start, started_on__lte=until)
        .values_list("programme__name", "started_on", "ended_on")
        .order_by("programme__name")
    )
    by_programme: dict[str, tuple[list[int], list[bool]]] = defaultdict(lambda: ([], []))
    for programme, started_on, ended_on in started:
        ended = ended_on is not None and ended_on <= until
        durations, events = by_programme[programme]
        durations.append(((ended_on if ended else until) - started_on).days)
        events.append(ended)
    rows, curves = [], []
    for programme, (durations, events) in sorted(by_programme.items()):
        if len(durations) < SMALL_CELL:
            rows.append([programme, SUPPRESSED, SUPPRESSED, SUPPRESSED])
            continue
        curve = survival_curve(durations, events)
        curves.append((programme, curve.points))
        median = curve.median if curve.median is not None else _("not reached")
        rows.append([programme, len(durations), suppressed(sum(events)), median])
    title = _("How long matches last (Kaplan-Meier)")
    return Table(
        slug="match-survival",
        title=title,
        columns=[_("Programme"), _("Matches started"), _("Ended"), _("Median duration (days)")],
        rows=rows,
        note=_(
            "Share of the matches started in the period that are still running after so many "
            "days; a match still running is counted until the end of the period."
        ),
        svg=step_chart_svg(title=str(title), series=curves, x_label=_("days since the start")),
    )


def early_closures(scope: Scope) -> Table:
    """Per programme: matches that ended in the period, and how many ended early
    (for another reason than goals reached or the planned end)."""
    ended = (
        scope.matches()
        .filter(status=MatchStatus.ENDED, ended_on__gte=scope.start, ended_on__lte=scope.end)
        .values_list("programme__name", "end_reason")
    )
    total, early = Counter(), Counter()
    for programme, reason in ended:
        total[programme] += 1
        early[programme] += reason not in PLANNED_ENDINGS
    return Table(
        slug="early-closures",
        title=_("Matches that ended early"),
        columns=[_("Programme"), _("Ended"), _("Ended early"), _("Early closure rate (%)")],
        rows=[
            [
                programme,
                suppressed(total[programme]),
                suppressed(early[programme]),
                suppressed_rate(early[programme], total[programme]),
            ]
            for programme in sorted(total)
        ],
        chart_columns=[3],
        note=_("Early: for another reason than goals reached or the planned end of the period."),
    )
