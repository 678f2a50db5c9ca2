"""Two coordinators accept proposals for the same volunteer at the same moment.

On PostgreSQL the threads really overlap and `match_propose`'s row lock on the
volunteer decides. SQLite's shared in-memory test database refuses overlapping
writers outright ("table is locked"), so there the two accepts take turns: the
test still runs, but proves the concurrency only on PostgreSQL.
"""

from __future__ import annotations

import contextlib
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from matching.models import Match, MatchProposal, ProposalBatch, ProposalStatus
from matching.services import proposal_accept
from tests.factories import CoordinatorFactory, programme
from tests.matching.engine_helpers import volunteer_for, waiting_request


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_accepting_the_same_last_place_make_exactly_one_match():
    buurtgezinnen = programme("buurtgezinnen")
    coordinators = [
        CoordinatorFactory(programme_for_org=buurtgezinnen, programmes=[buurtgezinnen]).user
        for _ in range(2)
    ]
    volunteer = volunteer_for(buurtgezinnen, capacity=1)
    batch = ProposalBatch.objects.create(programme=buurtgezinnen, start_on=timezone.localdate())
    proposals = [
        MatchProposal.objects.create(
            batch=batch,
            request=waiting_request(buurtgezinnen),
            volunteer=volunteer,
            programme=buurtgezinnen,
            score=50,
        )
        for _ in range(2)
    ]
    start = threading.Barrier(2)
    turns = threading.Lock() if connection.vendor == "sqlite" else contextlib.nullcontext()
    outcomes: list[str] = []

    def accept(proposal, coordinator):
        try:
            start.wait()
            with turns:
                proposal_accept(proposal=proposal, by=coordinator)
            outcomes.append("match")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=accept, args=pair)
        for pair in zip(proposals, coordinators, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["match", "refused"]
    assert Match.objects.filter(volunteer=volunteer).count() == 1
    statuses = sorted(MatchProposal.objects.values_list("status", flat=True))
    assert statuses == sorted([ProposalStatus.ACCEPTED, ProposalStatus.STALE])
