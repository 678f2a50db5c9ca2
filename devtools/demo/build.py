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

import random
from datetime import datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.management.base import CommandError
from django.utils import timezone

from coalition.people.models import User
from coalition.programmes.geography import haversine_km, locate, tilburg_pc4s
from coalition.programmes.models import Programme, Wijk
from devtools.demo import constants as c
from devtools.demo.care import CareMixin
from devtools.demo.families import FamilyMixin
from devtools.demo.goals import GoalMixin
from devtools.demo.matches import MatchMixin
from devtools.demo.moments import MomentMixin
from devtools.demo.names import NamePools
from devtools.demo.plans import RequestPlan, VolunteerPlan
from devtools.demo.questionnaires import QuestionnaireMixin
from devtools.demo.staff import StaffMixin
from devtools.demo.timeline import Clock
from devtools.demo.volunteers import VolunteerMixin
from families.models import SupportRequest

BATCH = 2000

HISTORY_DAYS = 545

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


class DemoBuilder(
    StaffMixin,
    VolunteerMixin,
    FamilyMixin,
    MatchMixin,
    GoalMixin,
    QuestionnaireMixin,
    CareMixin,
    MomentMixin,
):
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

    def save(self, requests: list[RequestPlan], volunteers: list[VolunteerPlan]) -> None:
        self._save_requests(requests)
        self._save_volunteers(volunteers)
        self._save_matches(requests)
        self._save_goals(requests)
        self._save_questionnaires(requests)
        self._save_care(requests)
        EmailAddress.objects.bulk_create(
            EmailAddress(user=user, email=user.email, verified=True, primary=True)
            for user in self.users
        )
        self._count("Users", len(self.users))
        self._count("Email addresses", len(self.users))

    def _past(self, moment: datetime) -> datetime:
        """Nothing demo-made lies after yesterday evening (keeps a run reproducible all day)."""
        return min(moment, self.latest)
