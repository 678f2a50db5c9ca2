"""Demo families and their requests: who they are, and the path each request took."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from coalition.people.models import User
from coalition.privacy.models import ConsentPurpose
from coalition.programmes.models import Programme
from devtools.demo import constants as c
from devtools.demo.plans import MatchPlan, RequestPlan
from devtools.demo.timeline import Timeline, apportion, pick
from families.answers import answer_due_on
from families.models import (
    REFERENCE_ALPHABET,
    SPECIAL_CATEGORY_SITUATIONS,
    Child,
    Consent,
    ContactPreference,
    Family,
    Parent,
    ProgrammeReferral,
    ProgrammeReferralStatus,
    Referral,
    RequestSource,
    RequestStatus,
    RequestStatusChange,
    Situation,
    SupportRequest,
)
from matching.models import MATCH_STAGES, ContactKind, ContactNote, EndReason, MatchStatus, Outcome

SITUATION_WEIGHTS = {
    Situation.OVERLOADED: 0.25,
    Situation.NO_NETWORK: 0.2,
    Situation.SINGLE_PARENT: 0.15,
    Situation.PARENTING: 0.1,
    Situation.CHILD_ATTENTION: 0.1,
    Situation.MONEY_HOUSING: 0.07,
    Situation.NEW_IN_NL: 0.05,
    Situation.PARENT_ILLNESS: 0.03,
    Situation.PARENT_MENTAL_HEALTH: 0.03,
    Situation.OTHER: 0.02,
}


CLOSED_FROM = {
    "closed": {"intake_done": 0.25, "waiting": 0.15, "matched": 0.60},
    "withdrawn": {
        "new": 0.25,
        "intake_planned": 0.2,
        "intake_done": 0.15,
        "waiting": 0.25,
        "matched": 0.15,
    },
    "referred": {"new": 0.3, "intake_done": 0.4, "waiting": 0.2, "matched": 0.1},
}


ENDINGS_AFTER_ACTIVE = {
    "closed": [
        (EndReason.GOALS_REACHED, Outcome.GOALS_MET),
        (EndReason.GOALS_REACHED, Outcome.PARTLY_MET),
        (EndReason.PLANNED_END, Outcome.GOALS_MET),
        (EndReason.PLANNED_END, Outcome.PARTLY_MET),
        (EndReason.MOVED, Outcome.UNKNOWN),
        (EndReason.VOLUNTEER_STOPPED, Outcome.PARTLY_MET),
    ],
    "withdrawn": [(EndReason.FAMILY_WITHDREW, Outcome.NOT_MET)],
    "referred": [(EndReason.PROFESSIONAL_CARE, Outcome.NOT_MET)],
}


ENDINGS_BEFORE_ACTIVE = [
    (EndReason.NO_CLICK, Outcome.NOT_MET),
    (EndReason.NOT_STARTED, Outcome.UNKNOWN),
    (EndReason.FAMILY_WITHDREW, Outcome.UNKNOWN),
]


class FamilyMixin:
    """Families, parents, children and requests: one part of `DemoBuilder`, sharing its RNG and state."""

    def _reference_code(self) -> str:
        while True:
            code = "TLB-" + "".join(self.rng.choice(REFERENCE_ALPHABET) for _ in range(6))
            if code not in self.codes and code not in self.existing_codes:
                self.codes.add(code)
                return code

    def _birth(self, age: int) -> tuple[int, int]:
        month = self.rng.randint(1, 12)
        year = self.today.year - age - (1 if month > self.today.month else 0)
        return year, month

    def plan_requests(self) -> list[RequestPlan]:
        rng = self.rng
        statuses = apportion(self.n_families, c.REQUEST_STATUS_WEIGHTS)
        slugs = apportion(self.n_families, c.PROGRAMME_WEIGHTS)
        rng.shuffle(statuses)
        rng.shuffle(slugs)
        plans = []
        for status, slug in zip(statuses, slugs, strict=True):
            plans.append(self._plan_request(status, self.programmes[slug]))
        return plans

    def _plan_family(self, programme: Programme) -> tuple[Family, list[Child], list[int]]:
        rng = self.rng
        language = pick(rng, c.FAMILY_LANGUAGE_WEIGHTS)
        languages = [language] if language == "nl" or rng.random() < 0.5 else [language, "nl"]
        pc4 = rng.choices(self.pc4s, weights=self.pc4_weights)[0]
        letters = "".join(rng.choice("ABCDEFGHJKLMNPRTVWXZ") for _ in range(2))
        family = Family(
            postcode=f"{pc4} {letters}",
            pc4=pc4,
            wijk_id=self.wijk_of[pc4],
            languages=languages,
            needs_shared_language="nl" not in languages and rng.random() < 0.7,
            contact_times=rng.choice(c.CONTACT_TIMES),
            excludes_pets=rng.random() < 0.08,
            excludes_smoking=rng.random() < 0.25,
        )
        surname = self.names.last_name(language)
        parents = [
            Parent(
                family=family,
                first_name=self.names.first_name(language),
                last_name=surname,
                phone=self.names.phone() if rng.random() < 0.95 else "",
                is_primary_contact=True,
            )
        ]
        primary = parents[0]
        if not primary.phone or rng.random() < 0.7:
            primary.email = self.names.email(
                primary.first_name, surname, rng.randrange(100, 999), f"gezin.{c.DEMO_DOMAIN}"
            )
        if rng.random() < 0.55:
            parents.append(
                Parent(
                    family=family,
                    first_name=self.names.first_name(language),
                    last_name=surname if rng.random() < 0.6 else self.names.last_name(language),
                    phone=self.names.phone() if rng.random() < 0.6 else "",
                    is_primary_contact=False,
                )
            )
        family.contact_preference = (
            ContactPreference.EMAIL
            if primary.email and (not primary.phone or rng.random() < 0.2)
            else rng.choice([ContactPreference.PHONE, ContactPreference.WHATSAPP])
        )
        family._demo_parents = parents
        family._demo_language = language
        low, high = c.TYPICAL_CHILD_AGE[programme.slug]
        ages = [rng.randint(low, high)]
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            ages.append(min(max(ages[0] + rng.choice([-6, -4, -3, -2, 2, 3, 4, 5]), 0), 20))
        children = []
        concerned = []
        for position, age in enumerate(ages):
            year, month = self._birth(age)
            child = Child(
                family=family,
                first_name=self.names.first_name(language),
                birth_year=year,
                birth_month=month,
            )
            children.append(child)
            if programme.accepts_child_age(age) and (position == 0 or rng.random() < 0.6):
                concerned.append((child, age))
        family._demo_children = children
        return family, [ch for ch, _age in concerned], [age for _ch, age in concerned]

    def _next_waiting(self) -> int:
        self._waiting += 1
        return self._waiting - 1

    def _plan_request(self, status: str, programme: Programme) -> RequestPlan:
        rng = self.rng
        family, children, ages = self._plan_family(programme)
        reached = pick(rng, CLOSED_FROM[status]) if status in CLOSED_FROM else status
        central = reached in ("new", "intake_planned", "intake_done") and rng.random() < 0.35
        source = pick(rng, c.SOURCE_WEIGHTS)
        if central and source == RequestSource.PROGRAMME:
            source = RequestSource.SELF
        situation = list(
            dict.fromkeys(pick(rng, SITUATION_WEIGHTS) for _ in range(rng.randint(1, 3)))
        )
        if programme.slug == "meeleefgezin" and Situation.PARENT_MENTAL_HEALTH not in situation:
            situation.append(Situation.PARENT_MENTAL_HEALTH)
        if len(family.languages) == 1 and family.languages[0] != "nl":
            situation.append(Situation.NEW_IN_NL)
        situation = list(dict.fromkeys(situation))
        special = any(s in SPECIAL_CATEGORY_SITUATIONS for s in situation)
        request = SupportRequest(
            reference_code=self._reference_code(),
            family=family,
            programme=None if central else programme,
            help_me_choose=central,
            situation=situation,
            situation_text=rng.choice(c.SITUATION_TEXTS),
            health_notes=rng.choice(c.HEALTH_NOTES) if special else "",
            availability=self._availability(programme.slug, 3, 6),
            language=family._demo_language,
            source=source,
            status=status,
        )
        request._demo_children = children

        timeline = Timeline(rng).then("created", 0, 0)
        changes: list[tuple[str, str, str, str]] = [("", RequestStatus.NEW, "created", "")]
        matches: list[MatchPlan] = []
        order = ["new", "intake_planned", "intake_done", "waiting", "matched"]
        depth = order.index(reached)
        current = RequestStatus.NEW
        if depth >= 1 and (reached == "intake_planned" or rng.random() < 0.8):
            timeline.then("planned", 1, 10)
            changes.append((current, RequestStatus.INTAKE_PLANNED, "planned", ""))
            current = RequestStatus.INTAKE_PLANNED
        if depth >= 2:
            timeline.then("intake", 3, 21)
            changes.append((current, RequestStatus.INTAKE_DONE, "intake", ""))
            current = RequestStatus.INTAKE_DONE
        if depth >= 3:
            timeline.then("waiting", 0, 5)
            changes.append((current, RequestStatus.WAITING_FOR_MATCH, "waiting", ""))
            current = RequestStatus.WAITING_FOR_MATCH
            prior_share = 0.12 if status == "waiting" else 0.05
            if rng.random() < prior_share:
                reason, outcome = rng.choice(ENDINGS_BEFORE_ACTIVE)
                stage = rng.choice(MATCH_STAGES[:5])
                matches.append(
                    self._match_chain(
                        timeline, "m0", programme, stage, MatchStatus.ENDED, reason, outcome
                    )
                )
        end_ago = {
            "new": (1, 14),
            "intake_planned": (1, 10),
            "intake_done": (1, 30),
            "waiting": (1, 180),
        }.get(reached, (7, 420))
        prefix = f"m{len(matches)}"
        if status == "waiting" and self._next_waiting() % 9 < 4:
            # Round robin over the stages, so even a small set shows each of them.
            stage = MATCH_STAGES[self._open_matches % 5]
            self._open_matches += 1
            matches.append(self._match_chain(timeline, prefix, programme, stage, stage))
            end_ago = (1, programme.trial_weeks * 7 - 1) if stage == MatchStatus.TRIAL else (1, 10)
        if depth >= 4:
            final = MatchStatus.ACTIVE if status == "matched" else MatchStatus.ENDED
            reason, outcome = ("", "")
            if final == MatchStatus.ENDED:
                reason, outcome = rng.choice(ENDINGS_AFTER_ACTIVE[status])
            matches.append(
                self._match_chain(
                    timeline, prefix, programme, MatchStatus.ACTIVE, final, reason, outcome
                )
            )
            changes.append((current, RequestStatus.MATCHED, f"{prefix}.active", ""))
            current = RequestStatus.MATCHED
            if status != "matched":
                end_ago = (1, 300)
        if status in CLOSED_FROM:
            if depth >= 4:
                timeline.steps.append(("closed", 0))
            else:
                timeline.then("closed", 2, 45)
                end_ago = (1, 420)
            changes.append((current, status, "closed", rng.choice(c.CLOSING_REASONS[status])))
        return RequestPlan(
            family=family,
            request=request,
            programme=programme,
            ages=ages,
            status=status,
            timeline=timeline,
            changes=changes,
            matches=matches,
            end_ago=end_ago,
        )

    def date_requests(self, requests: list[RequestPlan]) -> None:
        rng = self.rng
        for plan in requests:
            plan.days = plan.timeline.place(
                today=self.today, end_ago=plan.end_ago, earliest=self.earliest
            )
            moments: dict[str, datetime] = {}
            previous = None
            for name, _gap in plan.timeline.steps:
                previous = moments[name] = self.clock.at(plan.days[name], previous)
            plan.moments = moments
            request = plan.request
            request.created_at = moments["created"]
            plan.family.created_at = moments["created"]
            if "planned" in plan.days:
                if "intake" in plan.days:
                    request.intake_planned_for = moments["intake"]
                elif request.status == RequestStatus.INTAKE_PLANNED:
                    request.intake_planned_for = self.clock.at(
                        self.today + timedelta(days=rng.randint(1, 14))
                    )
                else:
                    request.intake_planned_for = self.clock.at(
                        plan.days["planned"] + timedelta(days=rng.randint(4, 21))
                    )
            if "intake" in plan.days:
                request.intake_done_on = plan.days["intake"]
            last = plan.changes[-1]
            request.status_changed_at = moments[last[2]]
            request.status_reason = last[3]
            if request.status in (
                RequestStatus.CLOSED,
                RequestStatus.WITHDRAWN,
                RequestStatus.REFERRED_ELSEWHERE,
            ):
                request.closed_at = moments[last[2]]
            for _old, new, event, _reason in plan.changes:
                if new == RequestStatus.MATCHED:
                    request.matched_on = plan.days[event]
            for match in plan.matches:
                match.obj = self._match(plan, match)

    def _save_requests(self, requests: list[RequestPlan]) -> None:
        rng = self.rng
        families = [plan.family for plan in requests]
        self._bulk(Family, families)
        self._bulk(Parent, [p for f in families for p in f._demo_parents])
        self._bulk(Child, [ch for f in families for ch in f._demo_children])
        self._bulk(SupportRequest, [plan.request for plan in requests], "Support requests")
        through = SupportRequest.children.through
        self._bulk(
            through,
            [
                through(supportrequest_id=plan.request.pk, child_id=child.pk)
                for plan in requests
                for child in plan.request._demo_children
            ],
            "Request children",
        )
        changes = []
        consents: list[Consent] = []
        referrals: list[Referral] = []
        programme_referrals: list[ProgrammeReferral] = []
        partner_orgs = self.partner_orgs
        for plan in requests:
            request = plan.request
            for old, new, event, reason in plan.changes:
                changes.append(
                    RequestStatusChange(
                        request=request,
                        from_status=old,
                        to_status=new,
                        changed_at=plan.moments[event],
                        changed_by=None if new == RequestStatus.NEW else self._handler(plan),
                        reason=reason,
                    )
                )
            if request.source == RequestSource.PARTNER:
                organisation = rng.choice(partner_orgs)
                partner = self.partner_users.get(organisation.name)
                consent = Consent(
                    purpose=ConsentPurpose.REFERRAL,
                    text_version=c.DEMO_CONSENT_VERSION,
                    text="De ouders gaan akkoord met de verwijzing naar de coalitie.",
                    family=plan.family,
                    given_at=request.created_at - timedelta(days=rng.randint(0, 5)),
                    given_by="ouder, mondeling aan de verwijzer",
                    recorded_by=partner,
                    # A year from the day the parents agreed (older demo referrals run out).
                    valid_until=(request.created_at - timedelta(days=5)).date() + timedelta(365),
                )
                consents.append(consent)
                referrals.append(
                    Referral(
                        request=request,
                        organisation=organisation,
                        referred_by=partner,
                        reason=rng.choice(c.REFERRAL_REASONS),
                        advised_programme=request.programme if rng.random() < 0.7 else None,
                        parents_agreed_on=consent.given_at.date(),
                        consent=consent,
                        created_at=request.created_at,
                        answer_due_on=answer_due_on(
                            request.programme, timezone.localdate(request.created_at)
                        ),
                    )
                )
            else:
                consents.append(
                    Consent(
                        purpose=ConsentPurpose.REQUEST,
                        text_version=c.DEMO_CONSENT_VERSION,
                        text="Ik geef toestemming om mijn gegevens te gebruiken om steun te vinden.",
                        family=plan.family,
                        given_at=request.created_at,
                        given_by="ouder via het webformulier",
                    )
                )
            if request.source == RequestSource.PROGRAMME:
                others = [p for p in self.programmes.values() if p != plan.programme]
                origin = rng.choice(others)
                consents.append(
                    Consent(
                        purpose=ConsentPurpose.SHARE_WITH_PROGRAMME,
                        text_version=c.DEMO_CONSENT_VERSION,
                        text="Ik vind het goed dat mijn aanvraag naar een ander programma gaat.",
                        family=plan.family,
                        given_at=request.created_at,
                        given_by="ouder, mondeling aan de coördinator",
                        recorded_by=self.coordinators[origin.slug][0],
                    )
                )
                programme_referrals.append(
                    ProgrammeReferral(
                        request=request,
                        from_programme=origin,
                        to_programme=plan.programme,
                        reason=rng.choice(c.PROGRAMME_REFERRAL_REASONS),
                        status=ProgrammeReferralStatus.ACCEPTED,
                        created_at=request.created_at,
                        created_by=self.coordinators[origin.slug][0],
                        decided_at=self._past(
                            request.created_at + timedelta(hours=rng.randint(2, 72))
                        ),
                        decided_by=self.coordinators[plan.programme.slug][0],
                    )
                )
        self._bulk(RequestStatusChange, changes, "Request status changes")
        self._bulk(Consent, consents)
        self._bulk(Referral, referrals)
        self._bulk(ProgrammeReferral, programme_referrals, "Programme referrals")
        notes = []
        for plan in requests:
            if rng.random() < 0.08:
                notes.append(
                    ContactNote(
                        family=plan.family,
                        kind=rng.choice([ContactKind.PHONE, ContactKind.VISIT, ContactKind.EMAIL]),
                        text=rng.choice(c.NOTE_TEXTS["family"]),
                        confidential=rng.random() < 0.2,
                        author=self._handler(plan),
                        created_at=self._past(
                            plan.moments["created"] + timedelta(days=rng.randint(1, 5))
                        ),
                    )
                )
        self._notes = notes

    def _handler(self, plan: RequestPlan) -> User:
        if plan.request.programme is None:
            return self.intake_user
        return self.coordinators[plan.programme.slug][plan.request.pk % 2]
