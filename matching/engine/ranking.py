"""The ranked, explained shortlist of volunteers for one request."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from django.utils import timezone
from django.utils.translation import gettext, ngettext, ngettext_lazy

from coalition.programmes.models import Programme
from families.models import SupportRequest
from matching.engine import loaders
from matching.engine.eligibility import RULES, Assessment, assess
from matching.engine.facts import ProgrammeRules, RequestFacts, Weights
from matching.engine.pool import Pool
from matching.engine.scoring import Contribution, criterion_points, explain, total
from volunteers.models import Volunteer


@dataclass
class Candidate:
    volunteer: Volunteer
    score: float
    distance_km: float
    shared_dagdelen: int
    contributions: list[Contribution]


@dataclass
class Ranking:
    request: SupportRequest
    candidates: list[Candidate] = field(default_factory=list)
    excluded: dict[str, int] = field(default_factory=dict)
    excluded_summary: list[str] = field(default_factory=list)
    relaxations: list[str] = field(default_factory=list)
    other_programmes: list[tuple[Programme, int]] = field(default_factory=list)
    eligible_count: int = 0
    pool_size: int = 0
    # The family already has an open match: no second one is proposed.
    has_open_match: bool = False
    # Volunteers whose match with this family ended, left out unless asked for.
    earlier_left_out: int = 0

    @property
    def more_eligible(self) -> int:
        """Eligible volunteers beyond those shown."""
        return max(self.eligible_count - len(self.candidates), 0)


@dataclass
class RankedIndex:
    """A shortlist as positions in the pool, before volunteers are loaded."""

    pool_index: list[int]
    scores: list[float]
    contributions: list[list[Contribution]]


EXCLUDED_LABELS = {
    "status": ngettext_lazy(
        "%(n)s is not available (paused or not yet approved)",
        "%(n)s are not available (paused or not yet approved)",
        "n",
    ),
    "already_matched": ngettext_lazy(
        "%(n)s already has a match with this family",
        "%(n)s already have a match with this family",
        "n",
    ),
    "capacity": ngettext_lazy("%(n)s has no free place", "%(n)s have no free place", "n"),
    "screening_intake": ngettext_lazy(
        "%(n)s intake interview not done",
        "%(n)s intake interviews not done",
        "n",
    ),
    "screening_vog": ngettext_lazy(
        "%(n)s VOG not valid on the start date",
        "%(n)s VOGs not valid on the start date",
        "n",
    ),
    "screening_references": ngettext_lazy(
        "%(n)s without checked references",
        "%(n)s without checked references",
        "n",
    ),
    "screening_training": ngettext_lazy("%(n)s training not done", "%(n)s trainings not done", "n"),
    "screening_household_vog": ngettext_lazy(
        "%(n)s with another adult at home without a valid VOG",
        "%(n)s with another adult at home without a valid VOG",
        "n",
    ),
    "age_programme": ngettext_lazy(
        "%(n)s excluded: the children's ages are outside this programme's range",
        "%(n)s excluded: the children's ages are outside this programme's range",
        "n",
    ),
    "age_preference": ngettext_lazy(
        "%(n)s prefers children of other ages",
        "%(n)s prefer children of other ages",
        "n",
    ),
    "distance": ngettext_lazy("%(n)s too far", "%(n)s too far", "n"),
    "availability": ngettext_lazy(
        "%(n)s without enough dagdelen in common",
        "%(n)s without enough dagdelen in common",
        "n",
    ),
    "language": ngettext_lazy("%(n)s no shared language", "%(n)s no shared language", "n"),
    "pets": ngettext_lazy("%(n)s has pets", "%(n)s have pets", "n"),
    "smoking": ngettext_lazy("%(n)s smokes at home", "%(n)s smoke at home", "n"),
}


def excluded_label(rule: str, n: int) -> str:
    return EXCLUDED_LABELS[rule] % {"n": n}


def _km(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _distance_relaxation(assessment: Assessment, only: np.ndarray) -> str | None:
    distances = np.sort(assessment.distance_km[only])
    if not len(distances):
        return None
    # Enough to make a real choice: up to the third-nearest, in whole kilometres.
    reach = math.ceil(float(distances[min(2, len(distances) - 1)]))
    within = only & (assessment.distance_km <= reach)
    n = int(within.sum())
    now = _km(float(assessment.limit_km[within].max()))
    maximum = assessment.programme.max_distance_km
    if reach > maximum:
        return ngettext(
            "%(n)s candidate within %(km)s km instead of %(limit)s km (the programme's maximum is %(max)s km)",
            "%(n)s candidates within %(km)s km instead of %(limit)s km (the programme's maximum is %(max)s km)",
            n,
        ) % {"n": n, "km": reach, "limit": now, "max": _km(maximum)}
    return ngettext(
        "%(n)s candidate within %(km)s km instead of %(limit)s km, if they would travel further",
        "%(n)s candidates within %(km)s km instead of %(limit)s km, if they would travel further",
        n,
    ) % {"n": n, "km": reach, "limit": now}


RELAXATION_LABELS = {
    "capacity": ngettext_lazy(
        "%(n)s candidate once they have a free place",
        "%(n)s candidates once they have a free place",
        "n",
    ),
    "availability": ngettext_lazy(
        "%(n)s candidate if the family could offer other dagdelen",
        "%(n)s candidates if the family could offer other dagdelen",
        "n",
    ),
    "age_preference": ngettext_lazy(
        "%(n)s candidate if they would accept children of these ages",
        "%(n)s candidates if they would accept children of these ages",
        "n",
    ),
    "language": ngettext_lazy(
        "%(n)s candidate if a shared language were not needed",
        "%(n)s candidates if a shared language were not needed",
        "n",
    ),
    "pets": ngettext_lazy(
        "%(n)s candidate if pets at home were acceptable",
        "%(n)s candidates if pets at home were acceptable",
        "n",
    ),
    "smoking": ngettext_lazy(
        "%(n)s candidate if smoking at home were acceptable",
        "%(n)s candidates if smoking at home were acceptable",
        "n",
    ),
    "screening_intake": ngettext_lazy(
        "%(n)s candidate once their intake interview is done",
        "%(n)s candidates once their intake interview is done",
        "n",
    ),
    "screening_vog": ngettext_lazy(
        "%(n)s candidate once their VOG is renewed",
        "%(n)s candidates once their VOG is renewed",
        "n",
    ),
    "screening_references": ngettext_lazy(
        "%(n)s candidate once their references are checked",
        "%(n)s candidates once their references are checked",
        "n",
    ),
    "screening_training": ngettext_lazy(
        "%(n)s candidate once their training is done",
        "%(n)s candidates once their training is done",
        "n",
    ),
    "screening_household_vog": ngettext_lazy(
        "%(n)s candidate once the other adults at home have a valid VOG",
        "%(n)s candidates once the other adults at home have a valid VOG",
        "n",
    ),
}


def relaxation_label(rule: str, n: int) -> str | None:
    label = RELAXATION_LABELS.get(rule)
    return label % {"n": n} if label is not None else None


def relaxations(assessment: Assessment) -> list[str]:
    """What relaxing one rule would bring, for the rules that exclude the most first:
    the volunteers for whom that rule is the only obstacle."""
    counts = assessment.excluded_counts()
    messages: list[str] = []
    for rule in sorted(counts, key=lambda r: (-counts[r], RULES.index(r))):
        if rule == "age_programme":
            messages.append(
                gettext(
                    "The children's ages are outside this programme's range: look at the other programmes."
                )
            )
            continue
        only = assessment.blocked_only_by(rule)
        if not only.any():
            continue
        if rule == "distance":
            message = _distance_relaxation(assessment, only)
        else:
            message = relaxation_label(rule, int(only.sum()))
        if message:
            messages.append(message)
    return messages


def shortlist(assessment: Assessment, weights: Weights, limit: int | None = None) -> RankedIndex:
    """The eligible volunteers best first (ties: nearer, then lower id)."""
    eligible = np.flatnonzero(assessment.eligible)
    if not len(eligible):
        return RankedIndex([], [], [])
    points = criterion_points(assessment, weights, eligible)
    scores = total(points)
    order = np.lexsort((assessment.pool.ids[eligible], assessment.distance_km[eligible], -scores))
    if limit is not None:
        order = order[:limit]
    return RankedIndex(
        pool_index=[int(eligible[i]) for i in order],
        scores=[float(scores[i]) for i in order],
        contributions=[explain(assessment, points, int(i), int(eligible[i])) for i in order],
    )


def rank_facts(
    request: RequestFacts,
    programme: ProgrammeRules,
    pool: Pool,
    weights: Weights,
    limit: int | None = 10,
) -> tuple[Assessment, RankedIndex]:
    """The pure core of `rank_candidates`, without the database."""
    assessment = assess(request, programme, pool)
    return assessment, shortlist(assessment, weights, limit)


def _other_programmes(
    request: SupportRequest, facts: RequestFacts, on: date
) -> list[tuple[Programme, int]]:
    others = list(Programme.objects.filter(is_active=True).exclude(pk=request.programme_id))
    rules = {p.pk: loaders.programme_rules(p) for p in others}
    pools = loaders.load_pools(rules.values(), on=on)
    found = []
    for programme in others:
        moved = dataclasses.replace(facts, programme_id=programme.pk)
        n = int(assess(moved, rules[programme.pk], pools[programme.pk]).eligible.sum())
        if n:
            found.append((programme, n))
    found.sort(key=lambda pair: (-pair[1], pair[0].name))
    return found


def rank_candidates(
    request: SupportRequest,
    limit: int = 10,
    *,
    on: date | None = None,
    include_earlier: bool = False,
) -> Ranking:
    """The best `limit` eligible volunteers for the request on the planned start
    date `on` (default today), each with its explanation; the others counted per
    rule that excludes them. When no one is eligible, what relaxing a rule would
    bring and which other programmes have volunteers for this family. Volunteers
    whose match with this request ended count as already matched unless
    `include_earlier`."""
    on = on or timezone.localdate()
    ages = loaders.child_ages_by_request([request.pk], on=on).get(request.pk, ())
    open_ids, ended_ids = loaders.volunteers_of_request(request.pk)
    matched = open_ids if include_earlier else open_ids | ended_ids
    facts = loaders.request_facts(request, on=on, child_ages=ages, matched_volunteer_ids=matched)
    ranking = Ranking(request=request, has_open_match=bool(open_ids))
    ranking.earlier_left_out = len(matched - open_ids)
    if request.programme_id is None:
        ranking.other_programmes = _other_programmes(request, facts, on)
        return ranking

    programme = request.programme
    rules = loaders.programme_rules(programme)
    weights = loaders.weights_for([programme.pk])[programme.pk]
    pool = loaders.load_pools([rules], on=on)[programme.pk]
    assessment, ranked = rank_facts(facts, rules, pool, weights, limit)

    ids = [int(pool.ids[i]) for i in ranked.pool_index]
    volunteers = Volunteer.objects.select_related("wijk").in_bulk(ids)
    ranking.candidates = [
        Candidate(
            volunteer=volunteers[vid],
            score=score,
            distance_km=float(assessment.distance_km[i]),
            shared_dagdelen=int(assessment.shared_dagdelen[i]),
            contributions=contributions,
        )
        for vid, i, score, contributions in zip(
            ids, ranked.pool_index, ranked.scores, ranked.contributions, strict=True
        )
        if vid in volunteers
    ]
    counts = assessment.excluded_counts()
    ranking.excluded = counts
    ranking.excluded_summary = [
        excluded_label(rule, n)
        for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], RULES.index(kv[0])))
    ]
    ranking.eligible_count = int(assessment.eligible.sum())
    ranking.pool_size = len(pool)
    if not ranking.eligible_count:
        ranking.relaxations = relaxations(assessment)
        ranking.other_programmes = _other_programmes(request, facts, on)
    return ranking
