"""The intake coordinator's list of possible duplicates: both families side by side,
the reasons in words, and the same few queries however many pairs there are."""

from __future__ import annotations

import pytest

from families.duplicates.merging import duplicate_merge
from tests.coordinators.test_query_counts import warm_up
from tests.factories import ChildFactory, ParentFactory, SupportRequestFactory, duplicate_pair

pytestmark = pytest.mark.django_db


def _pairs(programme, n):
    for _ in range(n):
        one = SupportRequestFactory(programme=programme).family
        two = SupportRequestFactory(programme=programme).family
        for family in (one, two):
            ParentFactory(family=family)
            ChildFactory(family=family, birth_year=2019, birth_month=3)
        duplicate_pair(
            one,
            two,
            [
                {"code": "name", "percent": 92},
                {"code": "pc4"},
                {"code": "child", "month": "03-2019"},
            ],
        )


def _merges(programme, n, by):
    for _ in range(n):
        one = SupportRequestFactory(programme=programme).family
        two = SupportRequestFactory(programme=programme).family
        duplicate_merge(candidate=duplicate_pair(one, two), survivor=one, by=by)


def test_a_pair_shows_its_reasons_in_words(client, coordinator, buurtgezinnen):
    client.force_login(coordinator)
    _pairs(buurtgezinnen, 1)

    html = client.get("/dashboard/dubbele-gezinnen/").content.decode()

    assert "name 92 % alike, same PC4, child born 03-2019" in html


def test_the_list_costs_the_same_queries_for_2_and_20_pairs(
    client, django_assert_num_queries, coordinator, buurtgezinnen
):
    client.force_login(coordinator)
    warm_up(client)
    _pairs(buurtgezinnen, 2)
    _merges(buurtgezinnen, 1, coordinator)
    # Session, user, two for the audit event, the pairs, 3 x 2 prefetches, and the
    # merges one may undo: the same whether there are 1 or 6 of them.
    with django_assert_num_queries(14):
        response = client.get("/dashboard/dubbele-gezinnen/")
    assert response.content.decode().count('data-testid="candidate-') == 2
    _pairs(buurtgezinnen, 18)
    _merges(buurtgezinnen, 5, coordinator)
    with django_assert_num_queries(14):
        response = client.get("/dashboard/dubbele-gezinnen/")
    assert response.content.decode().count('data-testid="candidate-') == 20
    assert response.content.decode().count('data-testid="merge-') == 6


def test_another_programmes_coordinator_sees_none_of_them(client, other_coordinator, buurtgezinnen):
    client.force_login(other_coordinator)
    _pairs(buurtgezinnen, 2)

    html = client.get("/dashboard/dubbele-gezinnen/").content.decode()

    assert 'data-testid="candidate-' not in html
