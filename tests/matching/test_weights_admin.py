"""A coalition administrator tunes the matching weights of a programme in the admin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coalition.people.models import Role
from coalition.people.services import user_invite
from matching.engine.loaders import weights_for
from matching.models import MatchingWeights
from tests.factories import UserFactory, with_totp

pytestmark = pytest.mark.django_db


def test_every_programme_starts_with_the_default_weights(buurtgezinnen):
    weights = weights_for([buurtgezinnen.pk])[buurtgezinnen.pk]
    assert (weights.distance, weights.availability, weights.waiting) == (30, 25, 10)
    assert MatchingWeights.objects.filter(programme=buurtgezinnen).exists()


def invited_coalition_admin():
    """As `user_invite` makes them: staff, but no superuser and no permission rows."""
    user = user_invite(email="beheer@coalition.example.org", role=Role.COALITION_ADMIN)
    with_totp(user)
    assert (user.is_staff, user.is_superuser, user.user_permissions.exists()) == (
        True,
        False,
        False,
    )
    return user


def test_an_administrator_changes_a_weight_in_the_admin(client, buurtgezinnen):
    client.force_login(invited_coalition_admin())
    assert "matchingweights" in client.get(reverse("admin:index")).content.decode()
    row = MatchingWeights.objects.get(programme=buurtgezinnen)
    url = reverse("admin:matching_matchingweights_change", args=[row.pk])
    assert client.get(url).status_code == 200

    form = {
        "programme": buurtgezinnen.pk,
        "distance": 10,
        "availability": 25,
        "language": 10,
        "age_fit": 10,
        "same_wijk": 40,
        "waiting": 10,
        "load": 5,
        "waiting_full_days": 90,
    }
    response = client.post(url, form)

    assert response.status_code == 302
    weights = weights_for([buurtgezinnen.pk])[buurtgezinnen.pk]
    assert (weights.distance, weights.same_wijk, weights.waiting_full_days) == (10, 40, 90)


def test_other_staff_cannot_open_the_weights(client, buurtgezinnen):
    staff = UserFactory(email="staf@coalition.example.org", role=Role.COORDINATOR, is_staff=True)
    client.force_login(staff)
    row = MatchingWeights.objects.get(programme=buurtgezinnen)
    url = reverse("admin:matching_matchingweights_change", args=[row.pk])
    assert client.get(url).status_code == 403
