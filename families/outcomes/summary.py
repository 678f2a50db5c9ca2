"""Goals attained and network change, aggregated for the funders' reports.

Only counts and shares leave this module: never a goal's text. The report page
suppresses small cells; these functions return the counts it needs for that.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet

from families.models import (
    Goal,
    GoalRating,
    Helper,
    NetworkDomain,
    NetworkMap,
    RatingMoment,
    SupportRequest,
)

# A goal "improved" when its last rating is at least this much above its first.
IMPROVED_BY = 2


@dataclass(frozen=True)
class GoalsAttainedRow:
    group: str
    goals: int  # goals set
    measured: int  # goals rated at least twice (first → last)
    mean_change: float | None  # mean of last - first over the measured goals
    improved: int  # measured goals whose last rating is ≥ IMPROVED_BY above the first

    @property
    def improved_share(self) -> float | None:
        return self.improved / self.measured if self.measured else None


@dataclass(frozen=True)
class NetworkChangeRow:
    domain: str
    label: str
    families: int  # families with both an intake and a closure map answering this domain
    nobody_at_intake: int
    nobody_at_closure: int

    @property
    def nobody_at_intake_share(self) -> float | None:
        return self.nobody_at_intake / self.families if self.families else None

    @property
    def nobody_at_closure_share(self) -> float | None:
        return self.nobody_at_closure / self.families if self.families else None


_GROUPS = {
    "programme": ("request__programme__name", "—"),
    "wijk": ("request__family__wijk__name", "—"),
}


def goals_attained_summary(
    requests_qs: QuerySet[SupportRequest], *, by: str = "programme"
) -> list[GoalsAttainedRow]:
    """Per programme (or `by="wijk"`): goals set, mean change first → last rating,
    and how many improved by ≥ 2 points. Two queries, whatever the number of goals."""
    group_field, unnamed = _GROUPS[by]
    goals = dict(
        Goal.objects.filter(request__in=requests_qs.values("pk")).values_list("pk", group_field)
    )
    # goal → [first score, last score, number of ratings]
    first_last: dict[int, list[int]] = {}
    ratings = (
        GoalRating.objects.filter(goal_id__in=list(goals))
        .order_by("goal_id", "rated_at", "id")
        .values_list("goal_id", "score")
    )
    for goal_id, score in ratings:
        seen = first_last.setdefault(goal_id, [score, score, 0])
        seen[1] = score
        seen[2] += 1
    per_group: dict[str, dict] = defaultdict(lambda: {"goals": 0, "changes": []})
    for goal_id, group in goals.items():
        bucket = per_group[group or unnamed]
        bucket["goals"] += 1
        first, last, count = first_last.get(goal_id, (0, 0, 0))
        if count >= 2:
            bucket["changes"].append(last - first)
    rows = []
    for group in sorted(per_group):
        changes = per_group[group]["changes"]
        rows.append(
            GoalsAttainedRow(
                group=group,
                goals=per_group[group]["goals"],
                measured=len(changes),
                mean_change=sum(changes) / len(changes) if changes else None,
                improved=sum(1 for change in changes if change >= IMPROVED_BY),
            )
        )
    return rows


def network_change_summary(requests_qs: QuerySet[SupportRequest]) -> list[NetworkChangeRow]:
    """Per network domain: of the families with a map at intake and at closure, how
    many had nobody to help at intake, and how many at closure. One query."""
    maps: dict[int, dict[str, dict]] = defaultdict(dict)
    rows = NetworkMap.objects.filter(request__in=requests_qs.values("pk")).values_list(
        "request_id", "moment", "answers"
    )
    for request_id, moment, answers in rows:
        maps[request_id][moment] = answers
    result = []
    for domain, label in NetworkDomain.choices:
        families = at_intake = at_closure = 0
        for by_moment in maps.values():
            intake = by_moment.get(RatingMoment.INTAKE, {}).get(domain)
            closure = by_moment.get(RatingMoment.CLOSURE, {}).get(domain)
            if intake is None or closure is None:
                continue
            families += 1
            at_intake += Helper.NOBODY in intake
            at_closure += Helper.NOBODY in closure
        result.append(
            NetworkChangeRow(
                domain=domain,
                label=str(label),
                families=families,
                nobody_at_intake=at_intake,
                nobody_at_closure=at_closure,
            )
        )
    return result
