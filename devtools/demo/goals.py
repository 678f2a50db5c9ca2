"""Demo goals: most families who had their intake set one to three goals of their
own, rated at intake, at each evaluation done and at closure, with a network map
at intake (and at closure for the closed ones). Scores drift upwards with noise,
so the report has something to show, including families who got worse."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from devtools.demo.plans import RequestPlan
from families.models import (
    Consent,
    Goal,
    GoalRating,
    Helper,
    NetworkDomain,
    NetworkMap,
    RequestStatus,
)
from families.services.goals import RATINGS_CONSENT_TEXT, RATINGS_CONSENT_VERSION
from matching.models import FollowUp, FollowUpKind

GOAL_SHARE = 0.75
GOAL_TEXTS = {
    "daily_care": ["Rustiger ochtenden voor school", "Een vast ritme bij het naar bed gaan"],
    "parenting": ["Minder ruzie aan tafel", "Weten hoe ik grenzen stel"],
    "child_development": ["Mijn zoon durft weer te spelen bij vriendjes", "Beter leren praten"],
    "social_network": ["Iemand in de buurt die ik kan bellen", "Andere ouders leren kennen"],
    "own_time": ["Eén avond per week voor mezelf", "Weer naar mijn sportclub"],
    "practical": [
        "Mijn post en rekeningen op orde",
        "Zelf de weg weten naar het consultatiebureau",
    ],
}


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(14, 0), timezone.get_current_timezone())


class GoalMixin:
    def _save_goals(self, requests: list[RequestPlan]) -> None:
        rng = self.rng
        chosen = [
            plan.request
            for plan in requests
            if plan.request.intake_done_on is not None and rng.random() < GOAL_SHARE
        ]
        evaluations: dict[int, list[date]] = {}
        done = FollowUp.objects.filter(
            kind=FollowUpKind.EVALUATION,
            done_on__isnull=False,
            match__request__in=[r.pk for r in chosen],
        ).values_list("match__request_id", "done_on")
        for request_id, done_on in done:
            evaluations.setdefault(request_id, []).append(done_on)
        goals, ratings, maps, consents = [], [], [], []
        consenting: set[int] = set()
        for request in chosen:
            domains = rng.sample(list(GOAL_TEXTS), rng.randint(1, 3))
            moments = [("intake", request.intake_done_on)]
            moments += [("evaluation", day) for day in sorted(evaluations.get(request.pk, []))]
            if request.status == RequestStatus.CLOSED and request.closed_at:
                moments.append(("closure", timezone.localdate(request.closed_at)))
            for position, domain in enumerate(domains, start=1):
                goal = Goal(
                    request=request,
                    position=position,
                    text=rng.choice(GOAL_TEXTS[domain]),
                    domain=domain,
                    created_at=_moment(request.intake_done_on),
                )
                goals.append(goal)
                score = rng.randint(1, 5)
                for kind, day in moments:
                    if kind != "intake":
                        score = max(0, min(10, score + rng.choice([-1, 0, 1, 1, 2, 2, 3])))
                    ratings.append(
                        GoalRating(
                            goal=goal,
                            score=score,
                            moment=kind,
                            rater=rng.choice(["parent", "coordinator"]),
                            rated_at=self._past(_moment(day)),
                        )
                    )
            maps.append(self._network_map(request, "intake", request.intake_done_on, alone=0.45))
            if moments[-1][0] == "closure":
                maps.append(self._network_map(request, "closure", moments[-1][1], alone=0.2))
            if rng.random() < 0.4 and request.family_id not in consenting:
                consenting.add(request.family_id)
                consents.append(
                    Consent(
                        family_id=request.family_id,
                        purpose="ratings_volunteer",
                        text_version=RATINGS_CONSENT_VERSION,
                        text=RATINGS_CONSENT_TEXT,
                        given_by="parent via goal rating link",
                        given_at=self._past(_moment(request.intake_done_on)),
                    )
                )
        self._bulk(Goal, goals, "Goals")
        self._bulk(GoalRating, ratings, "Goal ratings")
        self._bulk(NetworkMap, maps, "Network maps")
        self._bulk(Consent, consents, "Consents")

    def _network_map(self, request, moment: str, day: date, *, alone: float) -> NetworkMap:
        rng = self.rng
        answers = {}
        for domain in NetworkDomain.values:
            if rng.random() < alone:
                answers[domain] = [Helper.NOBODY.value]
            else:
                helpers = [Helper.FAMILY, Helper.OWN_NETWORK, Helper.PROFESSIONAL]
                if moment == "closure":
                    helpers.append(Helper.VOLUNTEER)
                answers[domain] = sorted(str(h) for h in rng.sample(helpers, rng.randint(1, 2)))
        return NetworkMap(
            request=request,
            moment=moment,
            answers=answers,
            rater=rng.choice(["parent", "coordinator"]),
            recorded_at=self._past(_moment(day)),
        )
