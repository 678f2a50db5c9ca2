"""A request's goals, ratings and network maps as a page shows them, by the access rule."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from coalition.private_links import lookup_hash
from families.models import (
    Goal,
    GoalRatingRound,
    Helper,
    NetworkDomain,
    NetworkMap,
    RatingMoment,
    SupportRequest,
)
from families.outcomes.access import GoalAccess, goal_access


@dataclass(frozen=True)
class RatingShown:
    score: int
    moment: str
    moment_label: str
    rater_label: str
    rated_at: object


@dataclass(frozen=True)
class GoalShown:
    goal: Goal
    domain_label: str
    # None when the viewer may not see the ratings (not an empty list: "not shown").
    ratings: list[RatingShown] | None

    @property
    def latest_score(self) -> int | None:
        return self.ratings[-1].score if self.ratings else None

    @property
    def change(self) -> int | None:
        if not self.ratings or len(self.ratings) < 2:
            return None
        return self.ratings[-1].score - self.ratings[0].score


@dataclass(frozen=True)
class NetworkRow:
    domain: str
    label: str
    intake: list[str]
    closure: list[str]


@dataclass(frozen=True)
class GoalsOverview:
    access: GoalAccess
    goals: list[GoalShown]
    network: list[NetworkRow] = field(default_factory=list)
    has_intake_map: bool = False
    has_closure_map: bool = False

    @property
    def shows_ratings(self) -> bool:
        return self.access >= GoalAccess.GOALS_AND_RATINGS

    @property
    def shows_network(self) -> bool:
        return self.access >= GoalAccess.EVERYTHING


def _network_rows(maps: dict[str, NetworkMap]) -> list[NetworkRow]:
    labels = dict(Helper.choices)
    intake = maps.get(RatingMoment.INTAKE)
    closure = maps.get(RatingMoment.CLOSURE)
    rows = []
    for domain, label in NetworkDomain.choices:
        rows.append(
            NetworkRow(
                domain=domain,
                label=str(label),
                intake=[str(labels[h]) for h in (intake.answers.get(domain, []) if intake else [])],
                closure=[
                    str(labels[h]) for h in (closure.answers.get(domain, []) if closure else [])
                ],
            )
        )
    return rows


def goals_overview(user, request: SupportRequest, *, as_volunteer: bool = False) -> GoalsOverview:
    """What `user` may see of the request's goals (see `access`)."""
    access = goal_access(user, request, as_volunteer=as_volunteer)
    if access == GoalAccess.NONE:
        return GoalsOverview(access=access, goals=[])
    return goals_for_request(request, access=access)


def goals_for_request(request: SupportRequest, *, access: GoalAccess) -> GoalsOverview:
    """The goals at `access`, once that is decided (the parent's own link: everything
    but the network comparison is theirs to see)."""
    domains = dict(Goal._meta.get_field("domain").choices)
    moments = dict(RatingMoment.choices)
    goals = list(Goal.objects.filter(request=request).prefetch_related("ratings"))
    shown = []
    for goal in goals:
        ratings = None
        if access >= GoalAccess.GOALS_AND_RATINGS:
            ratings = [
                RatingShown(
                    score=r.score,
                    moment=r.moment,
                    moment_label=str(moments[r.moment]),
                    rater_label=str(r.get_rater_display()),
                    rated_at=r.rated_at,
                )
                for r in goal.ratings.all()
            ]
        shown.append(GoalShown(goal=goal, domain_label=str(domains[goal.domain]), ratings=ratings))
    if access < GoalAccess.EVERYTHING:
        return GoalsOverview(access=access, goals=shown)
    maps = {m.moment: m for m in NetworkMap.objects.filter(request=request)}
    return GoalsOverview(
        access=access,
        goals=shown,
        network=_network_rows(maps),
        has_intake_map=RatingMoment.INTAKE in maps,
        has_closure_map=RatingMoment.CLOSURE in maps,
    )


def network_map_of(request: SupportRequest, moment: str) -> NetworkMap | None:
    return NetworkMap.objects.filter(request=request, moment=moment).first()


def round_by_token(token: str) -> GoalRatingRound | None:
    """The rating moment behind a parent's private link, or None when the link no
    longer works: unknown, done, no longer asked, or the request ended (a closure
    round: more than STATUS_LINK_DAYS_AFTER_CLOSURE days ago)."""
    digest = lookup_hash(token)
    if digest is None:
        return None
    round = (
        GoalRatingRound.objects.select_related("request__family").filter(token_hash=digest).first()
    )
    if round is None or not round.is_open:
        return None
    request = round.request
    if round.moment == RatingMoment.CLOSURE:
        days = settings.STATUS_LINK_DAYS_AFTER_CLOSURE
        if request.closed_at is None or timezone.now() > request.closed_at + timedelta(days=days):
            return None
    elif not request.is_open:
        return None
    return round
