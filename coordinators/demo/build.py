"""Build the demo data set in memory from one seeded RNG, then write it in bulk.

The order of work: staff and partner organisations first (saved at once, few
rows); then volunteers and requests are planned in memory; matches are assigned
to volunteers in three passes (active, then not yet active, then ended) so that
capacity is respected; only then are the volunteers' own histories dated (their
approval must come before their first match). Everything is written with
`bulk_create` in batches, parents before children, so the large set needs no
query per row.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from allauth.account.models import EmailAddress
from dateutil.relativedelta import relativedelta
from django.contrib.auth.hashers import make_password
from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.text import slugify

from coordinators.demo import constants as c
from coordinators.demo.names import NamePools
from coordinators.demo.timeline import Clock, Timeline, apportion, pick
from coordinators.geography import haversine_km, locate, tilburg_pc4s
from coordinators.models import (
    Coordinator,
    Organisation,
    Programme,
    Role,
    ScreeningKind,
    User,
    Wijk,
)
from coordinators.weekgrid import SLOTS, mask_from_slots, shared_dagdelen
from families.models import (
    REFERENCE_ALPHABET,
    SPECIAL_CATEGORY_SITUATIONS,
    Child,
    Consent,
    ConsentPurpose,
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
from matching.models import (
    MATCH_STAGES,
    ContactKind,
    ContactNote,
    EndReason,
    FollowUp,
    FollowUpKind,
    Match,
    MatchStatus,
    MatchStatusChange,
    Outcome,
)
from volunteers.models import (
    HouseholdMember,
    ScreeningStep,
    Volunteer,
    VolunteerStatus,
    VolunteerStatusChange,
)

BATCH = 2000
# Requests and matches are dated within this many days before today (~18 months).
HISTORY_DAYS = 545
SCREENING_ORDER = [
    ScreeningKind.INTAKE_INTERVIEW,
    ScreeningKind.REFERENCES,
    ScreeningKind.TRAINING,
    ScreeningKind.VOG,
    ScreeningKind.HOUSEHOLD_VOG,
]
PREFERRED_SLOTS = {
    "buurtgezinnen": [
        "wed_afternoon",
        "fri_afternoon",
        "sat_morning",
        "sat_afternoon",
        "sun_afternoon",
        "mon_afternoon",
    ],
    "steunouder": [
        "mon_afternoon",
        "tue_afternoon",
        "wed_afternoon",
        "thu_afternoon",
        "fri_afternoon",
        "wed_morning",
    ],
    "meeleefgezin": [
        "sat_morning",
        "sat_afternoon",
        "sun_morning",
        "sun_afternoon",
        "fri_evening",
        "wed_afternoon",
    ],
    "home-start": [
        "mon_morning",
        "tue_morning",
        "wed_morning",
        "thu_morning",
        "fri_morning",
        "tue_afternoon",
    ],
    "samen-oplopen": [
        "mon_evening",
        "tue_evening",
        "wed_afternoon",
        "thu_evening",
        "sat_afternoon",
        "fri_afternoon",
    ],
}
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
# The request stage at which a closing request ended, with its share.
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


LABELS = {
    "Coordinator": "Coordinator profiles",
    "Family": "Families",
    "Parent": "Parents",
    "Child": "Children",
    "Consent": "Consents",
    "Referral": "Referrals",
    "Volunteer": "Volunteers",
    "HouseholdMember": "Household members",
    "ScreeningStep": "Screening steps",
    "VolunteerStatusChange": "Volunteer status changes",
}


@dataclass
class VolunteerPlan:
    obj: Volunteer
    programmes: list[Programme]
    status: str
    expiring_vog: bool
    stopped_after_approval: bool
    members: list[HouseholdMember] = field(default_factory=list)
    matches: list[MatchPlan] = field(default_factory=list)
    days: dict[str, date] = field(default_factory=dict)
    open: int = 0

    @property
    def capacity(self) -> int:
        return self.obj.capacity


@dataclass
class MatchPlan:
    prefix: str
    status: str  # the final status
    reached: str  # the last stage before it ended (or the final stage)
    end_reason: str = ""
    outcome: str = ""
    volunteer: VolunteerPlan | None = None
    obj: Match | None = None


@dataclass
class RequestPlan:
    family: Family
    request: SupportRequest
    programme: Programme | None
    ages: list[int]
    status: str
    timeline: Timeline
    # (from_status, to_status, event name, reason)
    changes: list[tuple[str, str, str, str]]
    matches: list[MatchPlan]
    end_ago: tuple[int, int]
    days: dict[str, date] = field(default_factory=dict)
    moments: dict[str, datetime] = field(default_factory=dict)


class DemoBuilder:
    def __init__(self, *, seed: int, families: int, volunteers: int) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.names = NamePools(seed, self.rng)
        self.clock = Clock(self.rng)
        self.n_families = families
        self.n_volunteers = volunteers
        self.today = timezone.localdate()
        self.earliest = self.today - timedelta(days=HISTORY_DAYS)
        self.latest = datetime.combine(
            self.today - timedelta(days=1), time(22, 0), timezone.get_current_timezone()
        )
        self.password = make_password(c.DEMO_PASSWORD)
        self.programmes = {p.slug: p for p in Programme.objects.all()}
        missing = [slug for slug in c.PROGRAMME_WEIGHTS if slug not in self.programmes]
        if missing:
            raise CommandError(f"Programmes missing (run migrate first): {', '.join(missing)}")
        wijk_codes = set(Wijk.objects.values_list("code", flat=True))
        self.pc4s = tilburg_pc4s()
        self.pc4_weights = [c.PC4_WEIGHT.get(pc4, 1.0) for pc4 in self.pc4s]
        locations = {pc4: locate(pc4) for pc4 in self.pc4s}
        self.wijk_of = {
            pc4: (loc.wijk_code if loc.wijk_code in wijk_codes else None)
            for pc4, loc in locations.items()
        }
        self.pc4_order = {
            a: sorted(
                (
                    (
                        haversine_km(la.lat, la.lon, locations[b].lat, locations[b].lon),
                        b,
                    )
                    for b in self.pc4s
                ),
            )
            for a, la in locations.items()
        }
        self.existing_codes = set(SupportRequest.objects.values_list("reference_code", flat=True))
        self.codes: set[str] = set()
        self._waiting = 0
        self._open_matches = 0
        self.counts: dict[str, int] = {}
        self.logins: list[tuple[str, str]] = []
        self.users: list[User] = []
        self.coordinators: dict[str, list[User]] = {}
        self.partner_users: dict[str, User] = {}

    # ------------------------------------------------------------------ run
    def run(self) -> None:
        self.build_staff()
        volunteers = self.plan_volunteers()
        requests = self.plan_requests()
        self.assign_matches(requests, volunteers)
        self.date_requests(requests)
        self.date_volunteers(volunteers)
        self.save(requests, volunteers)

    def _count(self, label: str, rows: int) -> None:
        self.counts[label] = self.counts.get(label, 0) + rows

    def _bulk(self, model, objs: list, label: str | None = None) -> list:
        model.objects.bulk_create(objs, batch_size=BATCH)
        self._count(
            label or LABELS.get(model._meta.object_name, model._meta.object_name), len(objs)
        )
        return objs

    # --------------------------------------------------------------- staff
    def _user(self, email: str, role: str, *, organisation=None, first="", last="", **extra):
        user = User(
            email=email,
            role=role,
            organisation=organisation,
            first_name=first or self.names.first_name(),
            last_name=last or self.names.last_name(),
            password=self.password,
            **extra,
        )
        self.users.append(user)
        return user

    def build_staff(self) -> None:
        office, _created = Organisation.objects.get_or_create(
            name=c.COALITION_OFFICE, defaults={"kind": "coalition"}
        )
        organisations = [
            Organisation(
                name=name,
                kind=kind,
                email=f"info@{sub}.{c.DEMO_DOMAIN}",
                phone=f"013-{self.rng.randrange(1_000_000, 9_999_999)}",
            )
            for name, kind, sub in c.PARTNER_ORGANISATIONS
        ]
        self.partner_orgs = self._bulk(Organisation, organisations, "Partner organisations")
        by_name = {org.name: org for org in self.partner_orgs}

        admin = self._user(
            c.ADMIN_EMAIL,
            Role.COALITION_ADMIN,
            organisation=office,
            is_staff=True,
            is_superuser=True,
        )
        intake = self._user(c.INTAKE_EMAIL, Role.INTAKE_COORDINATOR, organisation=office)
        self.logins += [
            ("Coalition administrator", admin.email),
            ("Intake coordinator", intake.email),
        ]
        staff: list[tuple[User, list[Programme], list[Wijk]]] = []
        wijken = list(Wijk.objects.order_by("code"))
        half = math.ceil(len(wijken) / 2)
        for slug in c.PROGRAMME_WEIGHTS:
            programme = self.programmes[slug]
            first = self._user(
                c.coordinator_email(slug), Role.COORDINATOR, organisation=programme.provider
            )
            f2, l2 = self.names.first_name(), self.names.last_name()
            second = self._user(
                slugify(f"{f2} {l2}").replace("-", ".") + f"@{slug}.{c.DEMO_DOMAIN}",
                Role.COORDINATOR,
                organisation=programme.provider,
                first=f2,
                last=l2,
            )
            self.coordinators[slug] = [first, second]
            staff += [(first, [programme], wijken[:half]), (second, [programme], wijken[half:])]
            self.logins += [
                (f"Coordinator {programme.name}", first.email),
                (f"Coordinator {programme.name}", second.email),
            ]
        for email, org_name in (
            (c.SCHOOL_PARTNER_EMAIL, c.SCHOOL_WITH_LOGIN),
            (c.WIJKTEAM_PARTNER_EMAIL, c.WIJKTEAM_WITH_LOGIN),
        ):
            self.partner_users[org_name] = self._user(
                email, Role.PARTNER, organisation=by_name[org_name]
            )
            self.logins.append((f"Partner ({org_name})", email))
        User.objects.bulk_create(self.users)
        self.intake_user = intake
        staff.append((intake, list(self.programmes.values()), wijken))
        profiles = [
            Coordinator(user=user, organisation=user.organisation, phone=self.names.phone())
            for user, _programmes, _wijken in staff
        ]
        self._bulk(Coordinator, profiles)
        programme_links = [
            Coordinator.programmes.through(coordinator_id=profile.pk, programme_id=p.pk)
            for profile, (_user, programmes, _wijken) in zip(profiles, staff, strict=True)
            for p in programmes
        ]
        wijk_links = [
            Coordinator.wijken.through(coordinator_id=profile.pk, wijk_id=w.pk)
            for profile, (_user, _programmes, ws) in zip(profiles, staff, strict=True)
            for w in ws
        ]
        Coordinator.programmes.through.objects.bulk_create(programme_links)
        Coordinator.wijken.through.objects.bulk_create(wijk_links)

    # ----------------------------------------------------------- volunteers
    def _availability(self, slug: str, low: int, high: int) -> int:
        preferred = PREFERRED_SLOTS[slug]
        slots = self.rng.sample(preferred, min(self.rng.randint(low, high), len(preferred)))
        if self.rng.random() < 0.3:
            slots.append(self.rng.choice(SLOTS))
        return mask_from_slots(slots)

    def _age_preference(self, programme: Programme) -> tuple[int, int]:
        low, high = programme.child_min_age, programme.child_max_age
        span = high - low
        youngest = low + self.rng.choice([0, 0, 0, span // 4])
        oldest = high - self.rng.choice([0, 0, span // 4, span // 3])
        return (youngest, oldest) if youngest <= oldest else (low, high)

    def plan_volunteers(self) -> list[VolunteerPlan]:
        rng = self.rng
        statuses = apportion(self.n_volunteers, c.VOLUNTEER_STATUS_WEIGHTS)
        mains = apportion(self.n_volunteers, c.PROGRAMME_WEIGHTS)
        rng.shuffle(statuses)
        rng.shuffle(mains)
        plans = []
        for index, (status, slug) in enumerate(zip(statuses, mains, strict=True)):
            programmes = [self.programmes[slug]]
            if rng.random() < 0.1:
                programmes.append(self.programmes[c.SECOND_PROGRAMME[slug]])
            languages = ["nl"] + [
                lang for lang, share in c.VOLUNTEER_EXTRA_LANGUAGES.items() if rng.random() < share
            ]
            name_language = languages[-1] if languages[-1] != "en" and rng.random() < 0.6 else "nl"
            first, last = self.names.first_name(name_language), self.names.last_name(name_language)
            pc4 = rng.choices(self.pc4s, weights=self.pc4_weights)[0]
            hosting = slug in ("buurtgezinnen", "meeleefgezin") or (
                slug == "steunouder" and rng.random() < 0.4
            )
            youngest, oldest = self._age_preference(programmes[0])
            volunteer = Volunteer(
                kind=c.PROGRAMME_KIND[slug],
                is_household=hosting and rng.random() < 0.85,
                first_name=first,
                last_name=last,
                email=self.names.email(first, last, index, f"vrijwilligers.{c.DEMO_DOMAIN}"),
                phone=self.names.phone(),
                pc4=pc4,
                wijk_id=self.wijk_of[pc4],
                travel_radius_km=rng.choice([3, 5, 5, 7.5, 10, 15]),
                languages=languages,
                availability=self._availability(slug, 2, 5),
                capacity=2 if rng.random() < 0.35 else 1,
                child_age_min=youngest,
                child_age_max=oldest,
                has_pets=rng.random() < 0.35,
                smokes=rng.random() < 0.08,
                motivation=rng.choice(c.MOTIVATIONS),
                status=status,
            )
            plan = VolunteerPlan(
                obj=volunteer,
                programmes=programmes,
                status=status,
                expiring_vog=status in ("approved", "active") and rng.random() < 0.1,
                stopped_after_approval=status == "stopped" and rng.random() < 0.6,
            )
            if volunteer.is_household:
                if rng.random() < 0.8:
                    plan.members.append(
                        HouseholdMember(
                            volunteer=volunteer,
                            first_name=self.names.first_name(name_language),
                            birth_year=self.today.year - rng.randint(28, 65),
                        )
                    )
                for _ in range(rng.choice([0, 0, 1, 2, 3])):
                    plan.members.append(
                        HouseholdMember(
                            volunteer=volunteer,
                            first_name=self.names.first_name(name_language),
                            birth_year=self.today.year - rng.randint(1, 25),
                        )
                    )
            volunteer.has_children = any(not m.is_adult_on(self.today) for m in plan.members) or (
                not volunteer.is_household and rng.random() < 0.3
            )
            plans.append(plan)
        return plans

    # ------------------------------------------------------------- families
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

    # -------------------------------------------------------------- matches
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

    # ---------------------------------------------------------------- dates
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

    def _volunteer_days(self, plan: VolunteerPlan) -> dict[str, date]:
        """The volunteer's own history, fitted around the matches already assigned."""
        rng, today = self.rng, self.today
        yesterday = today - timedelta(days=1)
        matches = [m.obj for m in plan.matches]
        days: dict[str, date] = {}
        status = plan.status
        if status == VolunteerStatus.APPLIED:
            days["applied"] = today - timedelta(days=rng.randint(1, 30))
            return days
        if status == VolunteerStatus.SCREENING:
            days["applied"] = today - timedelta(days=rng.randint(14, 120))
            days["screening"] = min(days["applied"] + timedelta(days=rng.randint(2, 10)), yesterday)
            return days
        if status == VolunteerStatus.REJECTED or (
            status == VolunteerStatus.STOPPED and not plan.stopped_after_approval
        ):
            days["applied"] = today - timedelta(days=rng.randint(40, 500))
            days["screening"] = days["applied"] + timedelta(days=rng.randint(2, 10))
            days[status] = days["screening"] + timedelta(days=rng.randint(5, 30))
            return days
        # Approved at some point: approval comes before the first proposal.
        validity = min(p.vog_validity_months for p in plan.programmes)
        if plan.expiring_vog:
            expires = today + timedelta(days=rng.randint(5, 60))
            days["vog"] = expires - relativedelta(months=validity)
            approved = days["vog"] + timedelta(days=rng.randint(3, 30))
        else:
            approved = today - timedelta(days=rng.randint(20, 500))
        proposals = [m.proposed_at.date() for m in matches]
        if proposals:
            approved = min(approved, min(proposals) - timedelta(days=rng.randint(1, 14)))
        days["approved"] = approved
        days["screening"] = approved - timedelta(days=rng.randint(14, 60))
        if "vog" in days:
            days["screening"] = min(days["screening"], days["vog"] - timedelta(days=5))
        days["applied"] = days["screening"] - timedelta(days=rng.randint(1, 10))
        started = [m.started_on for m in matches if m.started_on]
        if started:
            days["active"] = min(started)
        if status in (VolunteerStatus.PAUSED, VolunteerStatus.STOPPED):
            latest = max([approved, *(m.ended_on for m in matches if m.ended_on)])
            days[status] = min(latest + timedelta(days=rng.randint(3, 60)), yesterday)
        return days

    def date_volunteers(self, volunteers: list[VolunteerPlan]) -> None:
        for plan in volunteers:
            volunteer = plan.obj
            if plan.status == VolunteerStatus.ACTIVE and not any(
                m.obj.started_on for m in plan.matches
            ):
                # Never had a match that started: still only approved.
                plan.status = volunteer.status = VolunteerStatus.APPROVED
            if plan.status == VolunteerStatus.APPROVED and any(
                m.obj.started_on for m in plan.matches
            ):
                plan.status = volunteer.status = VolunteerStatus.ACTIVE
            plan.days = self._volunteer_days(plan)

    # ---------------------------------------------------------------- write
    def save(self, requests: list[RequestPlan], volunteers: list[VolunteerPlan]) -> None:
        self._save_requests(requests)
        self._save_volunteers(volunteers)
        self._save_matches(requests)
        EmailAddress.objects.bulk_create(
            EmailAddress(user=user, email=user.email, verified=True, primary=True)
            for user in self.users
        )
        self._count("Users", len(self.users))
        self._count("Email addresses", len(self.users))

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

    def _past(self, moment: datetime) -> datetime:
        """Nothing demo-made lies after yesterday evening (keeps a run reproducible all day)."""
        return min(moment, self.latest)

    def _handler(self, plan: RequestPlan) -> User:
        if plan.request.programme_id is None and plan.request.programme is None:
            return self.intake_user
        return self.coordinators[plan.programme.slug][plan.request.pk % 2]

    def _save_volunteers(self, volunteers: list[VolunteerPlan]) -> None:
        rng = self.rng
        # The demo volunteer login belongs to the first volunteer with an active match.
        for plan in volunteers:
            if any(m.status == MatchStatus.ACTIVE for m in plan.matches):
                volunteer = plan.obj
                user = User(
                    email=c.VOLUNTEER_EMAIL,
                    role=Role.VOLUNTEER,
                    first_name=volunteer.first_name,
                    last_name=volunteer.last_name,
                    password=self.password,
                )
                user.save()
                self.users.append(user)
                volunteer.user = user
                volunteer.email = c.VOLUNTEER_EMAIL
                self.logins.append(("Volunteer", c.VOLUNTEER_EMAIL))
                break
        steps: list[ScreeningStep] = []
        changes: list[VolunteerStatusChange] = []
        consents: list[Consent] = []
        for plan in volunteers:
            plan.obj.applied_at = self.clock.at(plan.days["applied"])
            steps += self._screening(plan)
            changes += self._volunteer_changes(plan)
            consents.append(
                Consent(
                    purpose=ConsentPurpose.VOLUNTEER,
                    text_version=c.DEMO_CONSENT_VERSION,
                    text="Ik geef toestemming om mijn gegevens te gebruiken als vrijwilliger.",
                    volunteer=plan.obj,
                    given_at=plan.obj.applied_at,
                    given_by="vrijwilliger via het aanmeldformulier",
                )
            )
            if rng.random() < 0.08:
                self._notes.append(
                    ContactNote(
                        volunteer=plan.obj,
                        kind=rng.choice([ContactKind.PHONE, ContactKind.MEETING]),
                        text=rng.choice(c.NOTE_TEXTS["volunteer"]),
                        confidential=rng.random() < 0.2,
                        author=self.coordinators[plan.programmes[0].slug][0],
                        created_at=self._past(
                            plan.obj.applied_at + timedelta(days=rng.randint(1, 10))
                        ),
                    )
                )
        self._bulk(Volunteer, [plan.obj for plan in volunteers])
        through = Volunteer.programmes.through
        self._bulk(
            through,
            [
                through(volunteer_id=plan.obj.pk, programme_id=p.pk)
                for plan in volunteers
                for p in plan.programmes
            ],
            "Volunteer programmes",
        )
        self._bulk(HouseholdMember, [m for plan in volunteers for m in plan.members])
        self._bulk(ScreeningStep, steps)
        self._bulk(VolunteerStatusChange, changes)
        self._bulk(Consent, consents)

    def _screening(self, plan: VolunteerPlan) -> list[ScreeningStep]:
        rng, days = self.rng, plan.days
        kinds = [
            kind
            for kind in SCREENING_ORDER
            if any(kind in p.required_screening for p in plan.programmes)
        ]
        adults = [m for m in plan.members if m.is_adult_on(self.today)]
        status = plan.status
        if status == VolunteerStatus.APPLIED:
            return []
        start = days["screening"]
        if "approved" in days:
            done_count = len(kinds)
            end = days["approved"] - timedelta(days=1)
        elif status == VolunteerStatus.SCREENING:
            done_count = rng.randint(1, max(len(kinds) - 1, 1))
            end = self.today - timedelta(days=1)
        else:  # rejected, or stopped before approval
            done_count = 1
            end = days[status]
        validity = min(p.vog_validity_months for p in plan.programmes)
        steps = []
        for kind in kinds[:done_count]:
            if kind in (ScreeningKind.VOG, ScreeningKind.HOUSEHOLD_VOG) and "vog" in days:
                # An expiring VOG: the household's VOGs were done on the same day.
                done = days["vog"]
            else:
                span = max((end - start).days, 0)
                done = start + timedelta(days=rng.randint(0, span))
            expires = done + relativedelta(months=validity) if "vog" in kind else None
            if kind == ScreeningKind.TRAINING and rng.random() < 0.05:
                steps.append(
                    ScreeningStep(
                        volunteer=plan.obj,
                        kind=kind,
                        exempt=True,
                        exemption_reason="Werkt als jeugdprofessional; training niet nodig.",
                        checked_by=self.coordinators[plan.programmes[0].slug][0],
                    )
                )
                continue
            if kind == ScreeningKind.HOUSEHOLD_VOG:
                for adult in adults:
                    steps.append(
                        ScreeningStep(
                            volunteer=plan.obj,
                            kind=kind,
                            household_member=adult,
                            done_on=done,
                            expires_on=expires,
                            checked_by=self.coordinators[plan.programmes[0].slug][0],
                        )
                    )
                continue
            steps.append(
                ScreeningStep(
                    volunteer=plan.obj,
                    kind=kind,
                    done_on=done,
                    expires_on=expires,
                    checked_by=self.coordinators[plan.programmes[0].slug][0],
                )
            )
        return steps

    def _volunteer_changes(self, plan: VolunteerPlan) -> list[VolunteerStatusChange]:
        days = plan.days
        by = self.coordinators[plan.programmes[0].slug][0]
        sequence = [("", VolunteerStatus.APPLIED, "applied")]
        previous = VolunteerStatus.APPLIED
        for status in ("screening", "approved", "active", "rejected", "paused", "stopped"):
            if status in days:
                sequence.append((previous, status, status))
                previous = status
        changes = []
        moment = None
        for old, new, key in sequence:
            moment = plan.obj.applied_at if key == "applied" else self.clock.at(days[key], moment)
            changes.append(
                VolunteerStatusChange(
                    volunteer=plan.obj,
                    from_status=old,
                    to_status=new,
                    changed_at=moment,
                    changed_by=None if key == "applied" else by,
                )
            )
        plan.obj.status_changed_at = moment
        return changes

    def _save_matches(self, requests: list[RequestPlan]) -> None:
        rng = self.rng
        matches = [m.obj for plan in requests for m in plan.matches]
        self._bulk(Match, matches, "Matches")
        changes: list[MatchStatusChange] = []
        followups: list[FollowUp] = []
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
            if past > 7 and (match.ended_on or rng.random() < 0.92):
                done = due + timedelta(days=rng.randint(-5, 7))
                followup.done_on = min(done, match.ended_on or today, today - timedelta(days=1))
                followup.done_by = match.coordinator
                followup.notes = rng.choice(c.FOLLOWUP_NOTES)
            followups.append(followup)
        return followups
