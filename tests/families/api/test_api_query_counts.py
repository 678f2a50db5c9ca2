"""The API's query counts are pinned, and do not grow with the number of referrals."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.factories import MatchFactory, ReferralFactory
from tests.families.api.conftest import REFERRALS_URL, post_referral, referral_url

pytestmark = pytest.mark.django_db

# Every client call: its token, its ApiClient (with organisation and application), and
# the rate limit in the shared database cache: read the history, then Django's
# DatabaseCache.set (count for culling, savepoint, select, update, release).
THROTTLE = 6
AUTH_AND_THROTTLE = 2 + THROTTLE


def referrals_of(organisation, count: int) -> list:
    made = []
    for i in range(count):
        referral = ReferralFactory(organisation=organisation)
        if i % 3 == 0:
            MatchFactory(request=referral.request)
        made.append(referral)
    return made


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_takes_the_same_queries_for_3_or_30(
    school_api, school, django_assert_num_queries, count
):
    referrals_of(school, count)
    cache.clear()
    school_api.get(REFERRALS_URL)  # the rate limit's row now exists

    # + count, page of requests, their parents, their support spells, the audit event
    with django_assert_num_queries(AUTH_AND_THROTTLE + 5):
        response = school_api.get(REFERRALS_URL)
    assert response.status_code == 200


def test_the_detail_takes_a_fixed_number_of_queries(school_api, school, django_assert_num_queries):
    mine = referrals_of(school, 2)[0].request
    school_api.get(referral_url(mine.reference_code))

    # + the request, its parents, its support spells, the audit event
    with django_assert_num_queries(AUTH_AND_THROTTLE + 4):
        assert school_api.get(referral_url(mine.reference_code)).status_code == 200


def test_an_idempotent_replay_takes_a_fixed_number_of_queries(
    school_api, django_assert_num_queries
):
    post_referral(school_api, **{"Idempotency-Key": "k"})

    # + the earlier request, the audit event, its row: request, parents, support spells
    with django_assert_num_queries(AUTH_AND_THROTTLE + 5):
        assert post_referral(school_api, **{"Idempotency-Key": "k"}).status_code == 200


def test_the_public_catalogue_takes_a_fixed_number_of_queries(client, django_assert_num_queries):
    client.get("/api/v1/catalogue/programmes/")

    # the anonymous rate limit, count, the page of programmes with their providers
    with django_assert_num_queries(THROTTLE + 2):
        assert client.get("/api/v1/catalogue/programmes/").status_code == 200
    with django_assert_num_queries(THROTTLE + 1):
        assert client.get("/api/v1/catalogue/hsds/services/").status_code == 200
