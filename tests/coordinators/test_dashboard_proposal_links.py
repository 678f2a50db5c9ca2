import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_todays_work_links_to_the_waiting_list_proposals_of_my_programmes(client, coordinator):
    client.force_login(coordinator)

    page = client.get(reverse("coordinators:dashboard")).content.decode()

    assert reverse("matching:proposals", kwargs={"slug": "buurtgezinnen"}) in page
    assert reverse("matching:proposals", kwargs={"slug": "home-start"}) not in page
