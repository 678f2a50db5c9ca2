"""Demo matches: volunteers assigned within capacity, their stages and follow-ups."""

from __future__ import annotations

import math
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from coalition.programmes.models import Programme
from coalition.programmes.weekgrid import shared_dagdelen
from devtools.demo import constants as c
from devtools.demo.plans import MatchPlan, RequestPlan, VolunteerPlan
from devtools.demo.timeline import Timeline
from families.models import Family, RequestStatus
from matching.models import (
    MATCH_STAGES,
    ContactKind,
    ContactNote,
    FollowUp,
    FollowUpKind,
    Match,
    MatchStatus,
    MatchStatusChange,
)
from matching.moments.models import Moment
from volunteers.models import VolunteerStatus


class MatchMixin:
    """Matches: one part of `DemoBuilder`, sharing its RNG and state."""

    def _match_chain(
        self,
        timeline: Timeline,
        prefix: str,
        programme: Programme,
        reached: str,
        final: str,
        end_reason: str = "",
        outcome: str = "",
    ) -> MatchPlan:
        gaps = {
            MatchStatus.PROPOSED: (7, 45),
            MatchStatus.VOLUNTEER_AGREED: (1, 7),
            MatchStatus.FAMILY_AGREED: (1, 7),
            MatchStatus.INTRODUCTION: (3, 14),
            MatchStatus.TRIAL: (1, 10),
        }
        weeks = programme.trial_weeks * 7
        gaps[MatchStatus.ACTIVE] = (weeks, weeks + 5)
        for stage in MATCH_STAGES[: MATCH_STAGES.index(reached) + 1]:
            timeline.then(f"{prefix}.{stage}", *gaps[stage])
        if final == MatchStatus.ENDED:
            if reached == MatchStatus.ACTIVE:
                timeline.then(f"{prefix}.ended", 60, 300)
            else:
                timeline.then(f"{prefix}.ended", 1, 21)
        return MatchPlan(
            prefix=prefix, status=final, reached=reached, end_reason=end_reason, outcome=outcome
        )

    def _fits(self, plan: VolunteerPlan, family: Family, ages: list[int]) -> bool:
        volunteer = plan.obj
        if not any(volunteer.child_age_min <= age <= volunteer.child_age_max for age in ages):
            return False
        if family.excludes_pets and volunteer.has_pets:
            return False
        if family.excludes_smoking and volunteer.smokes:
            return False
        return not (
            family.needs_shared_language and not set(family.languages) & set(volunteer.languages)
        )

    def _reconcile(self, plan: VolunteerPlan, family: Family, ages: list[int]) -> None:
        """Make a pick that broke a soft preference consistent: the demo data must
        not show a match the matching rules would refuse."""
        volunteer = plan.obj
        age = ages[0]
        volunteer.child_age_min = min(volunteer.child_age_min, age)
        volunteer.child_age_max = max(volunteer.child_age_max, age)
        if family.excludes_pets and volunteer.has_pets:
            family.excludes_pets = False
        if family.excludes_smoking and volunteer.smokes:
            family.excludes_smoking = False
        if family.needs_shared_language and not set(family.languages) & set(volunteer.languages):
            family.needs_shared_language = False

    def _pick(self, pool, programme: Programme, family: Family, ages: list[int], open_match: bool):
        buckets = pool[programme.slug]
        order = self.pc4_order[family.pc4]
        limit = float(programme.max_distance_km)
        for strict, within in ((True, limit), (False, limit), (True, math.inf), (False, math.inf)):
            for km, pc4 in order:
                if km > within:
                    break
                candidates = [
                    plan
                    for plan in buckets.get(pc4, ())
                    if not strict or self._fits(plan, family, ages)
                ]
                if not candidates:
                    continue
                if open_match:
                    lowest = min(plan.open for plan in candidates)
                    candidates = [plan for plan in candidates if plan.open == lowest]
                chosen = self.rng.choice(candidates)
                if not strict:
                    self._reconcile(chosen, family, ages)
                return chosen
        return None

    def _pools(self, volunteers: list[VolunteerPlan], statuses) -> dict:
        pools: dict[str, dict[str, list[VolunteerPlan]]] = {slug: {} for slug in self.programmes}
        for plan in volunteers:
            if plan.status in statuses and (
                plan.status != VolunteerStatus.STOPPED or plan.stopped_after_approval
            ):
                for programme in plan.programmes:
                    pools[programme.slug].setdefault(plan.obj.pc4, []).append(plan)
        return pools

    def assign_matches(self, requests: list[RequestPlan], volunteers: list[VolunteerPlan]) -> None:
        active_pool = self._pools(volunteers, {VolunteerStatus.ACTIVE})
        open_pool = self._pools(volunteers, {VolunteerStatus.ACTIVE, VolunteerStatus.APPROVED})
        ended_pool = self._pools(
            volunteers,
            {VolunteerStatus.ACTIVE, VolunteerStatus.APPROVED, VolunteerStatus.PAUSED, "stopped"},
        )

        def take(plan: VolunteerPlan) -> None:
            plan.open += 1
            if plan.open >= plan.capacity:
                for pool in (active_pool, open_pool):
                    for programme in plan.programmes:
                        bucket = pool[programme.slug].get(plan.obj.pc4, [])
                        if plan in bucket:
                            bucket.remove(plan)

        passes = [
            (lambda m: m.status == MatchStatus.ACTIVE, active_pool, True),
            (lambda m: m.status not in (MatchStatus.ACTIVE, MatchStatus.ENDED), open_pool, True),
            (lambda m: m.status == MatchStatus.ENDED, ended_pool, False),
        ]
        for wanted, pool, is_open in passes:
            for request in requests:
                for match in list(request.matches):
                    if not wanted(match):
                        continue
                    chosen = self._pick(
                        pool, request.programme, request.family, request.ages, is_open
                    )
                    if chosen is None:
                        self._drop_match(request, match)
                        continue
                    match.volunteer = chosen
                    chosen.matches.append(match)
                    if is_open:
                        take(chosen)
                    self._share_dagdelen(request, chosen)

    def _share_dagdelen(self, request: RequestPlan, volunteer: VolunteerPlan) -> None:
        wanted = request.programme.min_dagdelen
        free = volunteer.obj.availability
        while shared_dagdelen(request.request.availability, free) < wanted:
            missing = free & ~request.request.availability
            if not missing:
                break
            request.request.availability |= missing & -missing

    def _drop_match(self, request: RequestPlan, match: MatchPlan) -> None:
        """No volunteer left for this match (tiny data sets): the family waits instead."""
        request.matches.remove(match)
        events = {name for name, _gap in request.timeline.steps if name.startswith(match.prefix)}
        changes = []
        for old, new, event, reason in request.changes:
            if new == RequestStatus.MATCHED and event in events:
                continue
            if old == RequestStatus.MATCHED:
                old = RequestStatus.WAITING_FOR_MATCH
            changes.append((old, new, event, reason))
        request.changes = changes
        request.status = changes[-1][1]
        request.request.status = request.status

    def _match(self, plan: RequestPlan, spec: MatchPlan) -> Match:
        days, moments = plan.days, plan.moments

        def day(stage: str) -> date | None:
            return days.get(f"{spec.prefix}.{stage}")

        programme = plan.programme
        trial = day(MatchStatus.TRIAL)
        ended = day("ended")
        last_event = f"{spec.prefix}.ended" if ended else f"{spec.prefix}.{spec.reached}"
        match = Match(
            request=plan.request,
            volunteer=spec.volunteer.obj,
            programme=programme,
            coordinator=self.rng.choice(self.coordinators[programme.slug]),
            status=spec.status,
            status_changed_at=moments[last_event],
            proposed_at=moments[f"{spec.prefix}.{MatchStatus.PROPOSED}"],
            introduction_on=day(MatchStatus.INTRODUCTION),
            trial_started_on=trial,
            trial_ends_on=trial + timedelta(weeks=programme.trial_weeks) if trial else None,
            started_on=day(MatchStatus.ACTIVE),
            ended_on=ended,
            end_reason=spec.end_reason,
            outcome=spec.outcome,
        )
        if spec.reached not in (MatchStatus.TRIAL, MatchStatus.ACTIVE):
            match.planned_start_on = day(MatchStatus.PROPOSED) + timedelta(
                days=self.rng.randint(21, 49)
            )
        return match

    def _save_matches(self, requests: list[RequestPlan]) -> None:
        rng = self.rng
        matches = [m.obj for plan in requests for m in plan.matches]
        self._bulk(Match, matches, "Matches")
        changes: list[MatchStatusChange] = []
        followups: list[FollowUp] = []
        moments: list[Moment] = []
        for plan in requests:
            for spec in plan.matches:
                match = spec.obj
                stages = MATCH_STAGES[: MATCH_STAGES.index(spec.reached) + 1]
                previous = ""
                for stage in stages:
                    changes.append(
                        MatchStatusChange(
                            match=match,
                            from_status=previous,
                            to_status=stage,
                            changed_at=plan.moments[f"{spec.prefix}.{stage}"],
                            changed_by=match.coordinator,
                        )
                    )
                    previous = stage
                if spec.status == MatchStatus.ENDED:
                    changes.append(
                        MatchStatusChange(
                            match=match,
                            from_status=previous,
                            to_status=MatchStatus.ENDED,
                            changed_at=plan.moments[f"{spec.prefix}.ended"],
                            changed_by=match.coordinator,
                            reason=match.end_note,
                        )
                    )
                followups += self._followups(match)
                moments += self._moments(match)
                if rng.random() < 0.1:
                    self._notes.append(
                        ContactNote(
                            match=match,
                            kind=rng.choice([ContactKind.PHONE, ContactKind.VISIT]),
                            text=rng.choice(c.NOTE_TEXTS["match"]),
                            confidential=rng.random() < 0.2,
                            author=match.coordinator,
                            created_at=match.status_changed_at,
                        )
                    )
        self._bulk(MatchStatusChange, changes, "Match status changes")
        self._bulk(FollowUp, followups, "Follow-ups")
        self._bulk(Moment, moments, "Support moments")
        self._bulk(ContactNote, self._notes, "Contact notes")

    def _followups(self, match: Match) -> list[FollowUp]:
        """The trial end and the programme's evaluations, as `match_advance` and
        `followups_schedule` create them; the ones well past are done."""
        rng, today = self.rng, self.today
        moments: list[tuple[str, date]] = []
        if match.trial_ends_on:
            moments.append((FollowUpKind.TRIAL_END, match.trial_ends_on))
        if match.started_on:
            until = match.started_on + relativedelta(months=match.programme.typical_duration_months)
            for due in match.programme.evaluation_dates(match.started_on, until):
                moments.append((FollowUpKind.EVALUATION, due))
        followups = []
        for kind, due in moments:
            if match.ended_on and due > match.ended_on:
                continue
            followup = FollowUp(match=match, kind=kind, due_on=due)
            past = (today - due).days
            if match.ended_on and past <= 7:
                continue  # an ended match leaves no open follow-ups behind
            if past > 7 and (match.ended_on or rng.random() < 0.92):
                done = due + timedelta(days=rng.randint(-5, 7))
                followup.done_on = min(done, match.ended_on or today, today - timedelta(days=1))
                followup.done_by = match.coordinator
                followup.notes = rng.choice(c.FOLLOWUP_NOTES)
            followups.append(followup)
        return followups
