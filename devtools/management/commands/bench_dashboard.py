"""Benchmark of the coordinator pages: one JSON line per page with its query count,
the median / p95 server time over N requests and its ratio to a reference page
(the base template and one query through the same middleware, measured in the
same run: see devtools/bench_urls.py). In-process Django test client, a
logged-in coordinator, whatever database is configured.

    python manage.py bench_dashboard              # builds a modest data set if the DB is nearly empty
    python manage.py bench_dashboard --requests 50 --user someone@example.org

For a bigger data set run `python manage.py seed_demo --size large` first. The data set
it builds carries pulses and expectations, so today's work computes the health of every
match it watches (the panel "Matches needing attention").
This is a measurement, not a test: it prints figures and never fails on them.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics
import time

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client, override_settings
from django.utils import timezone

from coalition.people.models import Coordinator, Role, User
from coalition.programmes.geography import locate, tilburg_pc4s
from coalition.programmes.models import Programme, ScreeningKind, Wijk
from coalition.programmes.weekgrid import FULL_WEEK
from families.models import (
    Child,
    Family,
    Parent,
    ProgrammeReferral,
    RequestSource,
    RequestStatus,
    RequestStatusChange,
    SupportRequest,
)
from matching.models import (
    ContactNote,
    EndReason,
    Expectation,
    FollowUp,
    Match,
    MatchStatus,
    Outcome,
    Pulse,
)
from volunteers.models import ScreeningStep, Volunteer, VolunteerKind, VolunteerStatus

BENCH_EMAIL = "bench-coordinator@example.org"
FIRST_NAMES = ["Anna", "Bram", "Daan", "Eva", "Fleur", "Sem", "Noor", "Lucas", "Yara", "Milan"]
LAST_NAMES = ["Testpersoon", "Voorbeeld", "Proefmans", "Demoveld", "Fictief", "Nepstra"]


class Command(BaseCommand):
    help = "Print query count and median/p95 server time of each coordinator page as JSON lines."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=50, help="Timed requests per page.")
        parser.add_argument("--user", help="Email of the coordinator to log in as.")
        parser.add_argument(
            "--families",
            type=int,
            default=1500,
            help="Size of the data set built when the database has fewer than 100 requests.",
        )

    def handle(self, *args, **options):
        if SupportRequest.objects.count() < 100:
            self.stderr.write(
                f"Few requests in the database: building a data set of {options['families']} "
                "families (or run `manage.py seed_demo --size large` first)."
            )
            build_dataset(families=options["families"])
        if connection.vendor == "postgresql":
            # Fresh bulk inserts (this data set, or seed_demo's a moment ago) have no
            # planner statistics yet; autovacuum would add them later in real life.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        user = self._user(options.get("user"))
        client = Client()
        client.force_login(user)
        with override_settings(ROOT_URLCONF="devtools.bench_urls"):
            reference = measure(client, "reference", "/__bench__/reference/", options["requests"])
            reference["ratio_to_reference"] = 1.0
            self.stdout.write(json.dumps(reference))
            for name, url in self._pages(user):
                result = measure(client, name, url, options["requests"])
                if result["status"] != 200:
                    raise CommandError(
                        f"{url} answered {result['status']}, not 200: nothing to measure."
                    )
                result["ratio_to_reference"] = round(
                    result["median_ms"] / max(reference["median_ms"], 0.1), 1
                )
                self.stdout.write(json.dumps(result))

    def _user(self, email: str | None) -> User:
        if email:
            try:
                return User.objects.get(email=email)
            except User.DoesNotExist:
                raise CommandError(f"No user {email}.") from None
        user = User.objects.filter(email=BENCH_EMAIL).first()
        if user is None:
            programme = Programme.objects.get(slug="buurtgezinnen")
            user = User.objects.create_user(
                BENCH_EMAIL, None, role=Role.INTAKE_COORDINATOR, first_name="Bench"
            )
            coordinator = Coordinator.objects.create(user=user, organisation=programme.provider)
            coordinator.programmes.set([programme])
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            # Staff pass the two-step login before any page (coalition.people.middleware).
            TOTP.activate(user, generate_totp_secret())
        return user

    def _pages(self, user) -> list[tuple[str, str]]:
        request = SupportRequest.objects.visible_to(user).order_by("-pk").first()
        match = Match.objects.visible_to(user).order_by("-pk").first()
        volunteer = Volunteer.objects.visible_to(user).order_by("-pk").first()
        pages = [
            # Rendered anew, and the copy a reload within the minute gets.
            ("today", "/dashboard/?fresh=1"),
            ("today_cached", "/dashboard/"),
            ("requests", "/dashboard/verzoeken/"),
            ("requests_search", "/dashboard/verzoeken/?q=50&status=waiting&ordering=-received"),
            ("families", "/dashboard/gezinnen/"),
            ("volunteers", "/dashboard/vrijwilligers/"),
            ("volunteer_pipeline", "/dashboard/vrijwilligers/pijplijn/"),
            ("matches", "/dashboard/koppelingen/"),
            ("referrals", "/dashboard/doorverwijzingen/"),
            ("reports", "/dashboard/rapportages/"),
            (
                "reports_wijk",
                f"/dashboard/rapportages/?wijk={Wijk.objects.order_by('pk').first().pk}",
            ),
        ]
        waiting = (
            SupportRequest.objects.visible_to(user)
            .filter(status=RequestStatus.WAITING_FOR_MATCH, programme__isnull=False)
            .order_by("-pk")
            .first()
        )
        if waiting:
            pages.append(("shortlist", f"/dashboard/verzoeken/{waiting.pk}/koppelen/"))
            pages.append(
                ("proposals", f"/dashboard/programmas/{waiting.programme.slug}/voorstellen/")
            )
        if request:
            pages.append(("request_detail", f"/dashboard/verzoeken/{request.pk}/"))
            pages.append(("family_detail", f"/dashboard/gezinnen/{request.family_id}/"))
        # A family's questionnaires are for the programme that holds the request.
        held = SupportRequest.objects.held_by(user).order_by("-pk").first()
        if held:
            pages.append(("questionnaires", f"/dashboard/verzoeken/{held.pk}/vragenlijsten/"))
        if match:
            pages.append(("match_detail", f"/dashboard/koppelingen/{match.pk}/"))
        if volunteer:
            pages.append(("volunteer_detail", f"/dashboard/vrijwilligers/{volunteer.pk}/"))
        return pages


def measure(client: Client, name: str, url: str, n: int) -> dict:
    host = {"HTTP_HOST": _host()}
    for _warm_up in range(2):
        client.get(url, secure=True, **host)
    # Count through an execute wrapper: it works whatever DEBUG says.
    queries: list[str] = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url, secure=True, **host)
    timings = []
    for _i in range(n):
        start = time.perf_counter()
        client.get(url, secure=True, **host)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return {
        "page": name,
        "url": url,
        "status": response.status_code,
        "queries": len(queries),
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(p95, 1),
        "requests": n,
        "db": connection.vendor,
        "debug": settings.DEBUG,
    }


def _host() -> str:
    for host in settings.ALLOWED_HOSTS:
        if host not in ("*", "") and not host.startswith("["):
            return host.lstrip(".")
    return "localhost"


@transaction.atomic
def build_dataset(*, families: int, seed: int = 7) -> None:
    """A modest, invented case load over all five programmes (bulk inserts)."""
    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate()
    programmes = list(Programme.objects.all())
    pc4s = tilburg_pc4s()
    wijk_of = {pc4: locate(pc4).wijk_code for pc4 in pc4s}
    known_wijken = set(Wijk.objects.values_list("pk", flat=True))

    def wijk(pc4):
        code = wijk_of.get(pc4)
        return code if code in known_wijken else None

    def name():
        return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)

    family_rows = []
    for _i in range(families):
        pc4 = rng.choice(pc4s)
        family_rows.append(
            Family(
                pc4=pc4,
                wijk_id=wijk(pc4),
                languages=["nl"],
                created_at=now - dt.timedelta(days=rng.randint(0, 700)),
            )
        )
    family_rows = Family.objects.bulk_create(family_rows)
    Parent.objects.bulk_create(
        Parent(family=f, first_name=name()[0], last_name=name()[1], phone="06-00000000")
        for f in family_rows
    )
    Child.objects.bulk_create(
        Child(family=f, first_name=name()[0], birth_year=today.year - rng.randint(1, 14))
        for f in family_rows
    )
    statuses = [
        (RequestStatus.NEW, 2),
        (RequestStatus.INTAKE_PLANNED, 1),
        (RequestStatus.INTAKE_DONE, 1),
        (RequestStatus.WAITING_FOR_MATCH, 3),
        (RequestStatus.MATCHED, 4),
        (RequestStatus.CLOSED, 3),
        (RequestStatus.WITHDRAWN, 1),
    ]
    population = [s for s, weight in statuses for _w in range(weight)]
    requests = []
    for family in family_rows:
        status = rng.choice(population)
        created = family.created_at
        requests.append(
            SupportRequest(
                family=family,
                programme=None if rng.random() < 0.05 else rng.choice(programmes),
                situation=["overloaded"],
                availability=rng.randint(1, FULL_WEEK),
                source=rng.choice(RequestSource.values),
                status=status,
                created_at=created,
                status_changed_at=min(now, created + dt.timedelta(days=rng.randint(0, 30))),
                intake_done_on=min(today, (created + dt.timedelta(days=rng.randint(3, 20))).date())
                if status not in (RequestStatus.NEW, RequestStatus.INTAKE_PLANNED)
                else None,
                matched_on=min(today, (created + dt.timedelta(days=rng.randint(20, 90))).date())
                if status == RequestStatus.MATCHED
                else None,
            )
        )
    for request in requests:
        if request.programme is None and request.status in (
            RequestStatus.WAITING_FOR_MATCH,
            RequestStatus.MATCHED,
        ):
            request.status = RequestStatus.NEW
    requests = SupportRequest.objects.bulk_create(requests)
    RequestStatusChange.objects.bulk_create(
        RequestStatusChange(request=r, to_status=r.status, changed_at=r.status_changed_at)
        for r in requests
    )
    ContactNote.objects.bulk_create(
        ContactNote(family_id=r.family_id, kind="phone", text="Gebeld over de aanvraag.")
        for r in requests[::2]
    )

    kinds = {
        "buurtgezinnen": VolunteerKind.STEUNGEZIN,
        "steunouder": VolunteerKind.STEUNOUDER,
        "meeleefgezin": VolunteerKind.MEELEEFGEZIN,
        "home-start": VolunteerKind.HOME_START,
        "samen-oplopen": VolunteerKind.SAMEN_OPLOPEN,
    }
    volunteers = []
    volunteer_programme = []
    for i in range(families // 2):
        programme = rng.choice(programmes)
        pc4 = rng.choice(pc4s)
        first, last = name()
        volunteers.append(
            Volunteer(
                kind=kinds.get(programme.slug, VolunteerKind.STEUNGEZIN),
                first_name=first,
                last_name=last,
                email=f"bench-volunteer{i}@example.org",
                pc4=pc4,
                wijk_id=wijk(pc4),
                availability=rng.randint(1, FULL_WEEK),
                status=rng.choice(
                    [VolunteerStatus.APPLIED, VolunteerStatus.SCREENING]
                    + [VolunteerStatus.APPROVED, VolunteerStatus.ACTIVE] * 3
                    + [VolunteerStatus.PAUSED, VolunteerStatus.STOPPED]
                ),
                status_changed_at=now - dt.timedelta(days=rng.randint(0, 400)),
                applied_at=now - dt.timedelta(days=rng.randint(30, 800)),
            )
        )
        volunteer_programme.append(programme)
    volunteers = Volunteer.objects.bulk_create(volunteers)
    through = Volunteer.programmes.through
    through.objects.bulk_create(
        through(volunteer=v, programme=p)
        for v, p in zip(volunteers, volunteer_programme, strict=True)
    )
    steps = []
    for volunteer in volunteers:
        done = today - dt.timedelta(days=rng.randint(10, 1000))
        steps.append(
            ScreeningStep(volunteer=volunteer, kind=ScreeningKind.INTAKE_INTERVIEW, done_on=done)
        )
        steps.append(
            ScreeningStep(
                volunteer=volunteer,
                kind=ScreeningKind.VOG,
                done_on=done,
                expires_on=done + dt.timedelta(days=3 * 365),
            )
        )
    ScreeningStep.objects.bulk_create(steps)

    matched = [
        r
        for r in requests
        if r.status in (RequestStatus.MATCHED, RequestStatus.CLOSED) and r.programme_id
    ]
    by_programme: dict[int, list[Volunteer]] = {}
    for volunteer, programme in zip(volunteers, volunteer_programme, strict=True):
        by_programme.setdefault(programme.pk, []).append(volunteer)
    matches = []
    for request in matched:
        pool = by_programme.get(request.programme_id)
        if not pool:
            continue
        started = request.matched_on or (request.created_at + dt.timedelta(days=40)).date()
        ended = request.status == RequestStatus.CLOSED
        stage = (
            MatchStatus.ENDED
            if ended
            else rng.choice([MatchStatus.ACTIVE] * 4 + [MatchStatus.TRIAL, MatchStatus.PROPOSED])
        )
        matches.append(
            Match(
                request=request,
                volunteer=rng.choice(pool),
                programme_id=request.programme_id,
                status=stage,
                started_on=started if stage in (MatchStatus.ACTIVE, MatchStatus.ENDED) else None,
                trial_started_on=started,
                trial_ends_on=today + dt.timedelta(days=rng.randint(-5, 40)),
                ended_on=min(today, started + dt.timedelta(days=rng.randint(30, 400)))
                if ended
                else None,
                end_reason=rng.choice(EndReason.values) if ended else "",
                outcome=rng.choice(Outcome.values) if ended else "",
            )
        )
    matches = Match.objects.bulk_create(matches)
    FollowUp.objects.bulk_create(
        FollowUp(
            match=m,
            kind="evaluation",
            due_on=today + dt.timedelta(days=rng.randint(-20, 60)),
            done_on=None if rng.random() < 0.6 else today - dt.timedelta(days=rng.randint(1, 60)),
        )
        for m in matches
    )
    ContactNote.objects.bulk_create(
        ContactNote(match=m, kind="visit", text="Huisbezoek.", confidential=True)
        for m in matches[::3]
    )
    # The pulse and expectations the health panel of today's work reads.
    Pulse.objects.bulk_create(
        Pulse(
            match=m,
            side=side,
            due_on=today - dt.timedelta(days=days),
            answered_at=now - dt.timedelta(days=days) if rng.random() < 0.7 else None,
            score=rng.randint(2, 10),
            fits=rng.choice(["yes", "yes", "not_sure", "no"]),
            as_agreed=rng.choice(["yes", "partly", "no"]),
            wants_call=rng.random() < 0.1,
        )
        for m in matches
        if m.trial_started_on
        for days in (10, 40)
        for side in ("volunteer", "parent")
    )
    Expectation.objects.bulk_create(
        Expectation(match=m, side=side, months=rng.choice([6, 12]), frequency="weekly")
        for m in matches[::2]
        for side in ("volunteer", "parent")
    )
    open_requests = [r for r in requests if r.status == RequestStatus.NEW and r.programme_id]
    ProgrammeReferral.objects.bulk_create(
        ProgrammeReferral(
            request=r,
            from_programme_id=r.programme_id,
            to_programme=rng.choice([p for p in programmes if p.pk != r.programme_id]),
            reason="Past mogelijk beter.",
        )
        for r in open_requests[:40]
    )
