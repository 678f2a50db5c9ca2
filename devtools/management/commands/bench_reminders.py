"""Benchmark of the reminder sweep: claim and hand-off of everything due, exactly once.

    python manage.py bench_reminders --followups 100000

Creates matches with `--followups` evaluation follow-ups (due dates spread over
the coming months, some in the past), schedules their reminders through the
production code (`followups_reminders` + `notifications_schedule_many`), then
runs `--sweepers` sweeps at the same moment in parallel threads (each its own
database connection, as two beat runs or two workers would). `sweep_seconds`
is the wall time of that claim + hand-off. The handed-off ids are then sent
in-process with the locmem mail backend and counted: `duplicates` counts ids
claimed by more than one sweep plus messages sent more than once.
Everything it created is deleted afterwards unless `--keep`.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.core import mail
from django.core.management.base import BaseCommand
from django.db import connection, connections
from django.test.utils import override_settings
from django.utils import timezone

from coalition.notifications.models import Notification, NotificationStatus
from coalition.notifications.reminders import reminders_plan
from coalition.notifications.sending import notifications_send_many
from coalition.notifications.services import (
    HAND_OFF_CHUNK,
    notifications_schedule_many,
    notifications_sweep,
)
from coalition.notifications.tasks import notifications_send
from coalition.people.models import Coordinator, Role, User
from coalition.programmes.models import Programme
from families.models import Family, SupportRequest
from matching.models import FollowUp, FollowUpKind, Match, MatchStatus
from matching.reminders import followups_reminders
from volunteers.models import Volunteer, VolunteerStatus

FOLLOWUPS_PER_MATCH = 100
CHUNK = 5000
BENCH_QUEUE = "bench-reminders"


class Command(BaseCommand):
    help = "Time the reminder sweep over many follow-ups and check nothing is sent twice."

    def add_arguments(self, parser):
        parser.add_argument("--followups", type=int, default=100_000)
        parser.add_argument("--sweepers", type=int, default=2)
        parser.add_argument(
            "--spread-days",
            type=int,
            default=140,
            help="Evaluation dates fall between 10 days ago and this many days ahead.",
        )
        parser.add_argument(
            "--broker",
            action="store_true",
            help="Hand off to the real Celery broker (a private queue, purged afterwards) "
            "instead of an in-memory list.",
        )
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--keep", action="store_true", help="Keep the generated data.")

    def handle(self, *args, **options):
        random.seed(options["seed"])
        marks = self._marks()
        try:
            result = self._run(options)
        finally:
            if not options["keep"]:
                self._clean(marks)
        self.stdout.write(json.dumps(result))

    # --- data -------------------------------------------------------------------

    def _marks(self) -> dict:
        def top(model):
            return model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

        return {
            model: top(model)
            for model in (Notification, FollowUp, Match, SupportRequest, Family, Volunteer, User)
        }

    def _clean(self, marks: dict) -> None:
        for model in (Notification, FollowUp, Match, SupportRequest, Family, Volunteer):
            model.objects.filter(pk__gt=marks[model]).delete()
        Coordinator.objects.filter(user__pk__gt=marks[User]).delete()
        User.objects.filter(pk__gt=marks[User]).delete()

    def _create(self, followup_count: int, spread_days: int) -> int:
        programme = Programme.objects.get(slug="buurtgezinnen")
        tag = int(time.time())
        coordinator = User.objects.create_user(
            email=f"bench-coordinator-{tag}@example.org", role=Role.COORDINATOR, first_name="Bench"
        )
        Coordinator.objects.create(
            user=coordinator, organisation=programme.provider
        ).programmes.add(programme)
        volunteer = Volunteer.objects.create(
            kind="steungezin",
            first_name="Joke",
            last_name="Bench",
            email=f"bench-volunteer-{tag}@example.org",
            pc4="5037",
            capacity=5,
            status=VolunteerStatus.ACTIVE,
        )
        matches_needed = max(1, -(-followup_count // FOLLOWUPS_PER_MATCH))
        families = Family.objects.bulk_create(
            [Family(pc4="5038") for _ in range(matches_needed)], batch_size=CHUNK
        )
        requests = SupportRequest.objects.bulk_create(
            [SupportRequest(family=f, programme=programme, status="matched") for f in families],
            batch_size=CHUNK,
        )
        today = timezone.localdate()
        matches = Match.objects.bulk_create(
            [
                Match(
                    request=r,
                    volunteer=volunteer,
                    programme=programme,
                    coordinator=coordinator,
                    status=MatchStatus.ACTIVE,
                    started_on=today - timedelta(days=30),
                )
                for r in requests
            ],
            batch_size=CHUNK,
        )
        followups = []
        seen = set()
        for i in range(followup_count):
            match = matches[i // FOLLOWUPS_PER_MATCH]
            while True:
                due = today + timedelta(days=random.randint(-10, spread_days))
                if (match.pk, due) not in seen:
                    break
                due += timedelta(days=spread_days + 11)  # keep (match, kind, due) unique
                if (match.pk, due) not in seen:
                    break
            seen.add((match.pk, due))
            followups.append(FollowUp(match=match, kind=FollowUpKind.EVALUATION, due_on=due))
        FollowUp.objects.bulk_create(followups, batch_size=CHUNK)

        by_pk = {m.pk: m for m in matches}
        for request, match in zip(requests, matches, strict=True):
            match.request = request
            match.volunteer = volunteer
            match.coordinator = coordinator
        scheduled = 0
        now = timezone.now()
        rows = FollowUp.objects.filter(match__in=matches).order_by("pk")
        for start in range(0, followup_count, CHUNK):
            chunk = list(rows[start : start + CHUNK])
            for followup in chunk:
                followup.match = by_pk[followup.match_id]
            scheduled += notifications_schedule_many(followups_reminders(chunk, now=now, staff={}))
        return scheduled

    def _purge_bench_queue(self) -> int:
        """Count and drop the published messages: this process sends them itself."""
        from coalition.celery import app

        with app.connection_for_write() as conn:
            return conn.default_channel.queue_purge(BENCH_QUEUE) or 0

    # --- the measurement ----------------------------------------------------------

    def _run(self, options) -> dict:
        started = time.perf_counter()
        scheduled = self._create(options["followups"], options["spread_days"])
        if connection.vendor == "postgresql":
            # Fresh bulk loads have no planner statistics yet; production tables do.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        setup_seconds = time.perf_counter() - started
        started = time.perf_counter()
        reminders_plan()  # what the beat runs every 15 minutes, on top of this data
        plan_seconds = time.perf_counter() - started

        now = timezone.now()
        due = Notification.objects.filter(
            status=NotificationStatus.PENDING, due_at__lte=now, claimed_at__isnull=True
        ).count()
        claims: list[list[int]] = [[] for _ in range(options["sweepers"])]
        barrier = threading.Barrier(options["sweepers"])

        def hand_off_for(index: int):
            if not options["broker"]:
                return claims[index].extend

            def publish(ids):
                claims[index].extend(ids)
                for start in range(0, len(ids), HAND_OFF_CHUNK):
                    notifications_send.apply_async(
                        args=[list(ids[start : start + HAND_OFF_CHUNK])], queue=BENCH_QUEUE
                    )

            return publish

        def sweeper(index: int) -> None:
            try:
                barrier.wait()
                notifications_sweep(now=now, hand_off=hand_off_for(index))
            finally:
                connections.close_all()

        threads = [threading.Thread(target=sweeper, args=(i,)) for i in range(options["sweepers"])]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        sweep_seconds = time.perf_counter() - started

        second = []
        notifications_sweep(now=now, hand_off=second.extend)  # a doubled beat run
        published = self._purge_bench_queue() if options["broker"] else None

        claimed = Counter(pk for ids in claims for pk in ids)
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            mail.outbox = []
            started = time.perf_counter()
            handed = list(claimed) + second
            outcomes, failed = notifications_send_many(handed)
            # The same ids once more, as a redelivered task message would bring them.
            notifications_send_many(handed[:1000])
            send_seconds = time.perf_counter() - started
            sent_ids = Counter(
                int(m.extra_headers["X-Coalition-Notification"]) for m in mail.outbox
            )
        duplicates = sum(n - 1 for n in claimed.values() if n > 1) + sum(
            n - 1 for n in sent_ids.values() if n > 1
        )
        return {
            "database": connection.vendor,
            "followups": options["followups"],
            "notifications": scheduled,
            "due": due,
            "sweepers": options["sweepers"],
            "claimed": [len(ids) for ids in claims],
            "second_sweep_claimed": len(second),
            "sweep_seconds": round(sweep_seconds, 3),
            "hand_off": "broker" if options["broker"] else "memory",
            "published_messages": published,
            "sent": len(mail.outbox),
            "send_outcomes": outcomes,
            "send_failed": len(failed),
            "send_seconds": round(send_seconds, 2),
            "duplicates": duplicates,
            "plan_seconds": round(plan_seconds, 2),
            "setup_seconds": round(setup_seconds, 1),
            "lease_seconds": settings.NOTIFICATION_LEASE_SECONDS,
        }
