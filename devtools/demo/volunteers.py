"""Demo volunteers: who they are, their screening and their status history."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from coalition.people.models import Role, User
from coalition.privacy.models import ConsentPurpose
from coalition.programmes.models import Programme, ScreeningKind
from coalition.programmes.weekgrid import SLOTS, mask_from_slots
from devtools.demo import constants as c
from devtools.demo.plans import VolunteerPlan
from devtools.demo.timeline import apportion
from matching.models import ContactKind, ContactNote, MatchStatus
from volunteers.models import (
    HouseholdMember,
    ScreeningStep,
    Volunteer,
    VolunteerConsent,
    VolunteerStatus,
    VolunteerStatusChange,
)

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


class VolunteerMixin:
    """Volunteers: one part of `DemoBuilder`, sharing its RNG and state."""

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
        consents: list[VolunteerConsent] = []
        for plan in volunteers:
            plan.obj.applied_at = self.clock.at(plan.days["applied"])
            steps += self._screening(plan)
            changes += self._volunteer_changes(plan)
            consents.append(
                VolunteerConsent(
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
        self._bulk(VolunteerConsent, consents, "Consents")

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
