"""Benchmark of the matching engine on the configured database.

    python manage.py bench_matching --volunteers 10000 --requests 1000

Builds its own invented data (and removes it afterwards unless --keep), times
`rank_candidates` over a sample of requests and one `propose_batch` over the
whole waiting list, and prints one JSON line.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import random
import resource
import statistics
import time

from dateutil.relativedelta import relativedelta
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from coalition.programmes.geography import locate, tilburg_pc4s
from coalition.programmes.models import Programme, Wijk
from families.models import Child, Family, RequestStatus, SupportRequest
from matching.engine import propose_batch, rank_candidates
from matching.models import Match, MatchProposal, MatchStatus, ProposalBatch
from volunteers.models import HouseholdMember, ScreeningStep, Volunteer, VolunteerStatus

EMAIL_DOMAIN = "bench.example.org"
# Share of volunteers per programme (a volunteer sometimes serves two).
PROGRAMME_SHARE = {
    "buurtgezinnen": 0.3,
    "steunouder": 0.15,
    "meeleefgezin": 0.1,
    "home-start": 0.3,
    "samen-oplopen": 0.15,
}
KIND = {
    "buurtgezinnen": "steungezin",
    "steunouder": "steunouder",
    "meeleefgezin": "meeleefgezin",
    "home-start": "home_start",
    "samen-oplopen": "samen_oplopen",
}
LANGUAGES = ["nl", "en", "ar", "tr", "pl", "uk", "so", "ti"]


def _server_cpu_seconds() -> float:
    """CPU time of the PostgreSQL backend serving this connection (same machine)."""
    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _mask(rng: random.Random, low: int, high: int) -> int:
    return sum(1 << slot for slot in rng.sample(range(21), rng.randint(low, high)))


class Command(BaseCommand):
    help = "Time rank_candidates and propose_batch on generated data; prints one JSON line."

    def add_arguments(self, parser):
        parser.add_argument("--volunteers", type=int, default=10000)
        parser.add_argument("--requests", type=int, default=1000)
        parser.add_argument("--rank-samples", type=int, default=200)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--keep", action="store_true", help="Keep the generated data.")
        parser.add_argument(
            "--one-programme",
            action="store_true",
            help="Worst case: every volunteer and request in Buurtgezinnen (one pool).",
        )

    def handle(self, *args, **options):
        rng = random.Random(options["seed"])
        today = timezone.localdate()
        programmes = {p.slug: p for p in Programme.objects.all()}
        shares = {"buurtgezinnen": 1.0} if options["one_programme"] else PROGRAMME_SHARE
        volunteer_ids, request_ids, family_ids = self._build(
            rng, today, programmes, shares, options["volunteers"], options["requests"]
        )
        try:
            result = self._measure(rng, request_ids, options["rank_samples"])
            result.update(volunteers=len(volunteer_ids), requests=len(request_ids))
            result["database"] = connection.vendor
        finally:
            if not options["keep"]:
                self._clean(volunteer_ids, request_ids, family_ids)
        self.stdout.write(json.dumps(result))

    def _build(self, rng, today, programmes, share, n_volunteers, n_requests):
        pc4s = tilburg_pc4s()
        known_wijken = set(Wijk.objects.values_list("code", flat=True))
        where = {}
        for pc4 in pc4s:
            code = locate(pc4).wijk_code
            where[pc4] = code if code in known_wijken else None
        slugs = list(share)
        shares = [share[s] for s in slugs]
        now = timezone.now()
        with transaction.atomic():
            volunteers, memberships = [], []
            for i in range(n_volunteers):
                slug = rng.choices(slugs, shares)[0]
                chosen = {slug}
                if rng.random() < 0.15:
                    chosen.add(rng.choices(slugs, shares)[0])
                low = rng.choice([0, 0, 0, 2, 4, 6, 10])
                pc4 = rng.choice(pc4s)
                volunteers.append(
                    Volunteer(
                        kind=KIND[slug],
                        is_household=slug in ("buurtgezinnen", "meeleefgezin"),
                        first_name=f"Vrijwilliger{i}",
                        last_name="Bench",
                        email=f"v{i}@{EMAIL_DOMAIN}",
                        pc4=pc4,
                        wijk_id=where[pc4],
                        travel_radius_km=rng.choice([3, 5, 5, 5, 7, 10, 15]),
                        languages=["nl", *rng.sample(LANGUAGES[1:], rng.choice([0, 0, 1, 1, 2]))],
                        availability=_mask(rng, 2, 9),
                        capacity=rng.choice([1, 1, 1, 2, 2, 3]),
                        child_age_min=low,
                        child_age_max=min(low + rng.choice([4, 8, 12, 17]), 23),
                        has_pets=rng.random() < 0.3,
                        smokes=rng.random() < 0.1,
                        status=rng.choices(
                            [
                                VolunteerStatus.APPROVED,
                                VolunteerStatus.ACTIVE,
                                VolunteerStatus.PAUSED,
                                VolunteerStatus.SCREENING,
                            ],
                            [0.45, 0.4, 0.08, 0.07],
                        )[0],
                    )
                )
                memberships.append(chosen)
            Volunteer.objects.bulk_create(volunteers, batch_size=2000)
            through = Volunteer.programmes.through
            links, steps, members = [], [], []
            for volunteer, chosen in zip(volunteers, memberships, strict=True):
                kinds = set()
                for slug in chosen:
                    links.append(
                        through(volunteer_id=volunteer.pk, programme_id=programmes[slug].pk)
                    )
                    kinds.update(programmes[slug].required_screening)
                if "household_vog" in kinds and rng.random() < 0.3:
                    members.append(
                        HouseholdMember(
                            volunteer=volunteer, first_name="Partner", birth_year=today.year - 40
                        )
                    )
                kinds.discard("household_vog")
                for kind in sorted(kinds):
                    done = today - dt.timedelta(days=rng.randint(10, 1100))
                    expires = done + relativedelta(months=36) if kind == "vog" else None
                    steps.append(
                        ScreeningStep(
                            volunteer=volunteer, kind=kind, done_on=done, expires_on=expires
                        )
                    )
            through.objects.bulk_create(links, batch_size=5000)
            HouseholdMember.objects.bulk_create(members, batch_size=2000)
            for member in members:
                if rng.random() < 0.9:
                    done = today - dt.timedelta(days=rng.randint(10, 1000))
                    steps.append(
                        ScreeningStep(
                            volunteer_id=member.volunteer_id,
                            household_member=member,
                            kind="household_vog",
                            done_on=done,
                            expires_on=done + relativedelta(months=36),
                        )
                    )
            ScreeningStep.objects.bulk_create(steps, batch_size=5000)

            families, requests = [], []
            for _ in range(n_requests):
                pc4 = rng.choice(pc4s)
                families.append(
                    Family(
                        pc4=pc4,
                        wijk_id=where[pc4],
                        languages=rng.choice([["nl"], ["nl"], ["ar", "nl"], ["tr"], ["pl"]]),
                        needs_shared_language=rng.random() < 0.2,
                        excludes_pets=rng.random() < 0.15,
                        excludes_smoking=rng.random() < 0.3,
                    )
                )
            Family.objects.bulk_create(families, batch_size=2000)
            for family in families:
                slug = rng.choices(slugs, shares)[0]
                requests.append(
                    SupportRequest(
                        family=family,
                        programme=programmes[slug],
                        availability=_mask(rng, 2, 8),
                        status=RequestStatus.WAITING_FOR_MATCH,
                        created_at=now - dt.timedelta(days=rng.randint(0, 400)),
                    )
                )
            SupportRequest.objects.bulk_create(requests, batch_size=2000)
            children, concerned = [], []
            for request in requests:
                programme = request.programme
                for _ in range(rng.choice([1, 1, 2])):
                    age = rng.randint(programme.child_min_age, min(programme.child_max_age, 17))
                    children.append(
                        (
                            request,
                            Child(
                                family=request.family,
                                first_name="Kind",
                                birth_year=today.year - age,
                                birth_month=rng.randint(1, 12),
                            ),
                        )
                    )
            Child.objects.bulk_create([c for _, c in children], batch_size=2000)
            concerned_through = SupportRequest.children.through
            concerned = [
                concerned_through(supportrequest_id=r.pk, child_id=c.pk) for r, c in children
            ]
            concerned_through.objects.bulk_create(concerned, batch_size=5000)

            # Some volunteers are already busy: open matches with earlier requests.
            busy = rng.sample(volunteers, len(volunteers) // 5)
            earlier = []
            for volunteer in busy:
                family = Family(pc4=volunteer.pc4, languages=["nl"])
                earlier.append((volunteer, family))
            Family.objects.bulk_create([f for _, f in earlier], batch_size=2000)
            first_programme = programmes["buurtgezinnen"]
            old_requests = [
                SupportRequest(
                    family=f,
                    programme=first_programme,
                    status=RequestStatus.MATCHED,
                    created_at=now - dt.timedelta(days=500),
                )
                for _, f in earlier
            ]
            SupportRequest.objects.bulk_create(old_requests, batch_size=2000)
            Match.objects.bulk_create(
                [
                    Match(
                        request=r,
                        volunteer=v,
                        programme=first_programme,
                        status=MatchStatus.ACTIVE,
                    )
                    for (v, _), r in zip(earlier, old_requests, strict=True)
                ],
                batch_size=2000,
            )
        if connection.vendor == "postgresql":
            # What autovacuum does soon after a bulk load: fresh planner statistics.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        request_ids = [r.pk for r in requests]
        family_ids = [f.pk for f in families] + [f.pk for _, f in earlier]
        self._old_request_ids = [r.pk for r in old_requests]
        return [v.pk for v in volunteers], request_ids, family_ids

    def _measure(self, rng, request_ids, samples):
        sample = rng.sample(request_ids, min(samples, len(request_ids)))
        requests = SupportRequest.objects.select_related("family", "programme").in_bulk(sample)
        rank_candidates(requests[sample[0]])  # warm up (geography data, code paths)
        timings = []
        cpu_start = time.process_time(), _server_cpu_seconds()
        for pk in sample:
            start = time.perf_counter()
            rank_candidates(requests[pk])
            timings.append((time.perf_counter() - start) * 1000)
        client_cpu = time.process_time() - cpu_start[0]
        server_cpu = _server_cpu_seconds() - cpu_start[1]
        timings.sort()

        pools = list(
            Volunteer.programmes.through.objects.filter(
                volunteer__status__in=["approved", "active"]
            )
            .values("programme_id")
            .annotate(n=Count("pk"))
            .values_list("n", flat=True)
        )
        gc.collect()
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        start = time.perf_counter()
        batch = propose_batch(None)
        seconds = time.perf_counter() - start
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return {
            "rank_median_ms": round(statistics.median(timings), 2),
            "rank_p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 2),
            # CPU spent per ranking by this process and its PostgreSQL backend
            # together: what the wall time would be on an otherwise idle machine.
            "rank_cpu_mean_ms": round((client_cpu + server_cpu) / len(timings) * 1000, 2),
            "batch_seconds": round(seconds, 3),
            "batch_peak_rss_mb": round(peak_mb, 1),
            "batch_total_score": round(batch.total_score, 2),
            "greedy_total_score": round(batch.greedy_total_score or 0, 2),
            "batch_proposals": batch.proposals.count(),
            "peak_rss_before_batch_mb": round(rss_before, 1),
            "largest_pool": max(pools, default=0),
            "load_average": round(os.getloadavg()[0], 2),
            "rank_samples": len(timings),
        }

    def _clean(self, volunteer_ids, request_ids, family_ids):
        with transaction.atomic():
            MatchProposal.objects.filter(volunteer_id__in=volunteer_ids).delete()
            ProposalBatch.objects.filter(proposals__isnull=True).delete()
            Match.objects.filter(volunteer_id__in=volunteer_ids).delete()
            SupportRequest.objects.filter(pk__in=request_ids + self._old_request_ids).delete()
            Family.objects.filter(pk__in=family_ids).delete()
            Volunteer.objects.filter(pk__in=volunteer_ids).delete()
