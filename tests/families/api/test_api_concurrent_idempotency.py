"""Two identical posts with the same Idempotency-Key at the same moment: one referral.

On PostgreSQL the threads really overlap: both miss the earlier referral, both insert,
and the unique `submission_key` lets one win; the other finds the winner's referral
and answers with it. SQLite's shared in-memory test database refuses overlapping
writers outright, so there the posts take turns (as in
tests/matching/test_concurrent_accept.py): the test runs, the race is proven on PostgreSQL.
"""

from __future__ import annotations

import contextlib
import threading

import pytest
from django.db import connection

from families.models import Referral
from families.services import api_client_create
from tests.factories import OrganisationFactory
from tests.families.api.conftest import ALL_SCOPES, api, post_referral


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_identical_posts_make_one_referral():
    school = OrganisationFactory(name="Basisschool De Vlinder")
    clients = [api(api_client_create(organisation=school, scopes=ALL_SCOPES)) for _ in range(2)]
    start = threading.Barrier(2)
    turns = threading.Lock() if connection.vendor == "sqlite" else contextlib.nullcontext()
    answers: list[tuple[int, str]] = []

    def post(client):
        try:
            start.wait()
            with turns:
                response = post_referral(client, **{"Idempotency-Key": "leerling-4711"})
            answers.append((response.status_code, response.json()["reference_code"]))
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(status for status, _code in answers) == [200, 201]
    assert len({code for _status, code in answers}) == 1
    assert Referral.objects.count() == 1
