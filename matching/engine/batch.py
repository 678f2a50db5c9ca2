"""The whole waiting list at once: a capacity-aware assignment that maximises the
total score, so that one good volunteer is not offered to every family.

The assignment is a maximum-weight bipartite matching: requests on one side,
volunteers on the other, each volunteer repeated once per free place. A dummy
column per request ("no proposal") makes a full matching always exist, and
SciPy's sparse Jonker-Volgenant solver (`min_weight_full_bipartite_matching`)
finds the optimum over the sparse graph of eligible pairs only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from scipy.sparse import csr_array
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from coalition.programmes.models import Programme
from families.models import ProgrammeReferralStatus, RequestStatus, SupportRequest
from matching.engine import loaders
from matching.engine.eligibility import assess
from matching.engine.facts import ProgrammeRules, RequestFacts, Weights
from matching.engine.pool import Pool
from matching.engine.scoring import Contribution, criterion_points, explain, total
from matching.models import (
    OPEN_MATCH_STATUSES,
    Match,
    MatchProposal,
    ProposalBatch,
    ProposalStatus,
)


@dataclass
class Edges:
    """Every eligible (request, volunteer) pair with its score."""

    request: np.ndarray  # position in the request list
    pool_index: np.ndarray  # position in the request's programme pool
    volunteer: np.ndarray  # volunteer id
    score: np.ndarray
    free: dict[int, int]  # volunteer id -> free places

    def __len__(self) -> int:
        return len(self.score)


@dataclass(frozen=True)
class Pair:
    request: int  # position in the request list
    pool_index: int
    volunteer: int  # volunteer id
    score: float


def candidate_edges(
    requests: list[RequestFacts],
    programmes: dict[int, ProgrammeRules],
    pools: dict[int, Pool],
    weights: dict[int, Weights],
) -> Edges:
    parts_request, parts_index, parts_volunteer, parts_score = [], [], [], []
    free: dict[int, int] = {}
    for position, request in enumerate(requests):
        if request.programme_id not in pools:
            continue
        pool = pools[request.programme_id]
        assessment = assess(request, programmes[request.programme_id], pool)
        eligible = np.flatnonzero(assessment.eligible)
        if not len(eligible):
            continue
        scores = total(criterion_points(assessment, weights[request.programme_id], eligible))
        parts_request.append(np.full(len(eligible), position, dtype=np.int64))
        parts_index.append(eligible.astype(np.int64))
        parts_volunteer.append(pool.ids[eligible])
        parts_score.append(scores)
        places = pool.capacity[eligible] - pool.open_matches[eligible]
        free.update(zip(pool.ids[eligible].tolist(), places.tolist(), strict=True))
    if not parts_score:
        empty = np.zeros(0, dtype=np.int64)
        return Edges(empty, empty, empty, np.zeros(0), free)
    return Edges(
        request=np.concatenate(parts_request),
        pool_index=np.concatenate(parts_index),
        volunteer=np.concatenate(parts_volunteer),
        score=np.concatenate(parts_score),
        free=free,
    )


def _pairs(edges: Edges, chosen: np.ndarray) -> list[Pair]:
    return [
        Pair(
            int(edges.request[e]),
            int(edges.pool_index[e]),
            int(edges.volunteer[e]),
            float(edges.score[e]),
        )
        for e in chosen
    ]


def prune(edges: Edges, n_requests: int) -> Edges:
    """Drop pairs no optimal assignment needs. For each request keep its best
    volunteers until they hold `n_requests` free places: the other requests take
    at most `n_requests - 1` of those places, so whichever volunteer an optimum
    gives this request can be swapped for a kept one that scores as well or better.
    For the same reason greedy never reaches a dropped pair: both results stay the same."""
    if not len(edges):
        return edges
    places = np.array([edges.free[int(v)] for v in edges.volunteer.tolist()], dtype=np.int64)
    order = np.lexsort((edges.volunteer, -edges.score, edges.request))
    request = edges.request[order]
    starts = np.flatnonzero(np.r_[True, request[1:] != request[:-1]])
    group = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(order)]))
    held = np.cumsum(places[order])
    held_before_group = (held - places[order])[starts][group]
    # Keep an edge while the places before it, within its request, are fewer than needed.
    keep = order[(held - places[order] - held_before_group) < n_requests]
    keep.sort()
    return Edges(
        request=edges.request[keep],
        pool_index=edges.pool_index[keep],
        volunteer=edges.volunteer[keep],
        score=edges.score[keep],
        free=edges.free,
    )


def solve(edges: Edges, n_requests: int) -> list[Pair]:
    """The assignment with the highest total score; every volunteer within their
    free places, every request at most once. Give it `prune(edges)` to save work."""
    if not len(edges):
        return []
    volunteers, owner = np.unique(edges.volunteer, return_inverse=True)
    pairs_per_volunteer = np.bincount(owner, minlength=len(volunteers))
    free = np.array([edges.free[int(v)] for v in volunteers], dtype=np.int64)
    # More copies than pairs are never used.
    slots = np.minimum(free, pairs_per_volunteer)
    first_slot = np.concatenate(([0], np.cumsum(slots)[:-1]))
    n_slots = int(slots.sum())

    copies = slots[owner]
    edge_of = np.repeat(np.arange(len(edges)), copies)
    start = np.repeat(np.cumsum(copies) - copies, copies)
    column = first_slot[owner][edge_of] + (np.arange(len(edge_of)) - start)

    ceiling = float(edges.score.max()) + 1.0  # every cost strictly positive
    rows = np.concatenate((edges.request[edge_of], np.arange(n_requests)))
    cols = np.concatenate((column, n_slots + np.arange(n_requests)))
    cost = np.concatenate((ceiling - edges.score[edge_of], np.full(n_requests, ceiling)))
    graph = csr_array((cost, (rows, cols)), shape=(n_requests, n_slots + n_requests))
    row_ind, col_ind = min_weight_full_bipartite_matching(graph)

    real = col_ind < n_slots
    slot_owner = np.repeat(np.arange(len(volunteers)), slots)
    # Each (request, volunteer) pair is one edge: find it by a sorted key.
    keys = owner.astype(np.int64) * n_requests + edges.request
    sorter = np.argsort(keys, kind="stable")
    wanted = slot_owner[col_ind[real]].astype(np.int64) * n_requests + row_ind[real]
    chosen = sorter[np.searchsorted(keys, wanted, sorter=sorter)]
    return _pairs(edges, chosen)


def greedy(edges: Edges) -> list[Pair]:
    """First come, best served: the highest-scoring pair first, and so on. The
    baseline the optimal assignment is compared with."""
    order = np.lexsort((edges.volunteer, edges.request, -edges.score))
    left = dict(edges.free)
    waiting = len(np.unique(edges.request))
    taken: set[int] = set()
    chosen = []
    requests, volunteers = edges.request[order].tolist(), edges.volunteer[order].tolist()
    for e, r, v in zip(order.tolist(), requests, volunteers, strict=True):
        if r in taken or left[v] <= 0:
            continue
        taken.add(r)
        left[v] -= 1
        chosen.append(e)
        if len(taken) == waiting:
            break
    return _pairs(edges, np.asarray(chosen, dtype=np.int64))


def pair_explanation(
    request: RequestFacts, programme: ProgrammeRules, pool: Pool, weights: Weights, index: int
) -> list[Contribution]:
    assessment = assess(request, programme, pool.subset([index]))
    points = criterion_points(assessment, weights, np.array([0]))
    return explain(assessment, points, 0, 0)


def waiting_requests(programmes: list[Programme]):
    open_match = Match.objects.filter(request=OuterRef("pk"), status__in=OPEN_MATCH_STATUSES)
    return (
        SupportRequest.objects.filter(
            status=RequestStatus.WAITING_FOR_MATCH, programme__in=[p.pk for p in programmes]
        )
        .exclude(Exists(open_match))
        # A request on offer to another programme waits for that programme's answer.
        .exclude(programme_referrals__status=ProgrammeReferralStatus.PENDING)
        .select_related("family")
        .order_by("waiting_since", "created_at", "pk")
    )


def _waiting_facts(requests: list, ages: dict, *, on: date) -> list:
    """Facts of the waiting requests; a volunteer whose match with a family ended
    is not suggested for it again."""
    earlier = loaders.matched_volunteers_by_request([r.pk for r in requests], with_ended=True)
    return [
        loaders.request_facts(
            r,
            on=on,
            child_ages=ages.get(r.pk, ()),
            matched_volunteer_ids=earlier.get(r.pk, frozenset()),
        )
        for r in requests
    ]


def propose_batch(
    programme: Programme | None = None, *, by=None, on: date | None = None
) -> ProposalBatch:
    """Suggest the best assignment for the waiting list of one programme (or of
    all programmes, sharing the volunteers who serve several). Pending proposals
    of an earlier batch for the same programmes become stale: the new batch
    replaces them. Nothing is matched: a coordinator accepts or rejects each."""
    on = on or timezone.localdate()
    programmes = (
        [programme] if programme is not None else list(Programme.objects.filter(is_active=True))
    )
    requests = list(waiting_requests(programmes))
    ages = loaders.child_ages_by_request([r.pk for r in requests], on=on)
    facts = _waiting_facts(requests, ages, on=on)
    rules = {p.pk: loaders.programme_rules(p) for p in programmes}
    pools = loaders.load_pools(rules.values(), on=on)
    weights = loaders.weights_for(rules)
    edges = prune(candidate_edges(facts, rules, pools, weights), len(facts))
    pairs = solve(edges, len(facts))
    baseline = greedy(edges)

    proposals = []
    for pair in pairs:
        request = facts[pair.request]
        pid = request.programme_id
        contributions = pair_explanation(
            request, rules[pid], pools[pid], weights[pid], pair.pool_index
        )
        proposals.append(
            MatchProposal(
                request_id=request.id,
                volunteer_id=pair.volunteer,
                programme_id=pid,
                score=pair.score,
                explanation=[c.as_dict() for c in contributions],
            )
        )
    volunteer_ids = {int(v) for pool in pools.values() for v in pool.ids}
    with transaction.atomic():
        MatchProposal.objects.filter(
            status=ProposalStatus.PENDING, programme__in=[p.pk for p in programmes]
        ).update(status=ProposalStatus.STALE, decided_at=timezone.now())
        batch = ProposalBatch.objects.create(
            programme=programme,
            created_by=by,
            start_on=on,
            requests_considered=len(facts),
            volunteers_considered=len(volunteer_ids),
            total_score=sum(p.score for p in pairs),
            greedy_total_score=sum(p.score for p in baseline),
        )
        for proposal in proposals:
            proposal.batch = batch
        MatchProposal.objects.bulk_create(proposals, batch_size=500)
    return batch
