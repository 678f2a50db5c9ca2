"""Who may open which coordinator page: outsiders get a 404, the anonymous a login."""

from __future__ import annotations

import pytest
from django.utils import timezone

from families.models import ProgrammeReferral, RequestStatus
from tests.factories import (
    MatchFactory,
    SupportRequestFactory,
    VolunteerFactory,
)

pytestmark = pytest.mark.django_db

LIST_URLS = [
    "/dashboard/",
    "/dashboard/verzoeken/",
    "/dashboard/gezinnen/",
    "/dashboard/vrijwilligers/",
    "/dashboard/vrijwilligers/pijplijn/",
    "/dashboard/koppelingen/",
    "/dashboard/doorverwijzingen/",
    "/dashboard/intakes/",
    "/dashboard/rapportages/",
    "/dashboard/rapportages/lead-times.csv",
]


@pytest.fixture
def buurtgezinnen_case(buurtgezinnen):
    request = SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH)
    match = MatchFactory(request=request, status="active", started_on=timezone.localdate())
    followup = match.followups.create(kind="evaluation", due_on=timezone.localdate())
    return {"request": request, "match": match, "followup": followup}


def detail_urls(case) -> list[str]:
    request, match = case["request"], case["match"]
    return [
        f"/dashboard/verzoeken/{request.pk}/",
        f"/dashboard/verzoeken/{request.pk}/intake/",
        f"/dashboard/gezinnen/{request.family_id}/",
        f"/dashboard/koppelingen/{match.pk}/",
        f"/dashboard/vrijwilligers/{match.volunteer_id}/",
    ]


def action_urls(case) -> list[str]:
    request, match = case["request"], case["match"]
    return [
        f"/dashboard/verzoeken/{request.pk}/intake-plannen/",
        f"/dashboard/verzoeken/{request.pk}/programma/",
        f"/dashboard/verzoeken/{request.pk}/wachtlijst/",
        f"/dashboard/verzoeken/{request.pk}/doorverwijzen/",
        f"/dashboard/verzoeken/{request.pk}/afsluiten/",
        f"/dashboard/verzoeken/{request.pk}/statuslink/",
        f"/dashboard/verzoeken/{request.pk}/notitie/",
        f"/dashboard/verzoeken/{request.pk}/voorstellen/",
        f"/dashboard/verzoeken/{request.pk}/verantwoordelijke/",
        f"/dashboard/gezinnen/{request.family_id}/notitie/",
        f"/dashboard/koppelingen/{match.pk}/stap/",
        f"/dashboard/koppelingen/{match.pk}/beeindigen/",
        f"/dashboard/koppelingen/{match.pk}/heropenen/",
        f"/dashboard/koppelingen/{match.pk}/notitie/",
        f"/dashboard/koppelingen/{match.pk}/verantwoordelijke/",
        f"/dashboard/koppelingen/{match.pk}/evaluatie/{case['followup'].pk}/",
        f"/dashboard/koppelingen/{match.pk}/evaluatie/{case['followup'].pk}/verzetten/",
        f"/dashboard/vrijwilligers/{match.volunteer_id}/status/",
        f"/dashboard/vrijwilligers/{match.volunteer_id}/screening/",
        f"/dashboard/vrijwilligers/{match.volunteer_id}/vrijstelling/",
        f"/dashboard/vrijwilligers/{match.volunteer_id}/notitie/",
    ]


@pytest.mark.parametrize("url", LIST_URLS)
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("user", ["partner", "volunteer_user", "outsider"])
@pytest.mark.parametrize("url", LIST_URLS)
def test_people_who_are_not_coordinators_get_a_404(client, request, user, url):
    client.force_login(request.getfixturevalue(user))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("user", ["coordinator", "intake_coordinator", "coalition_admin"])
@pytest.mark.parametrize("url", LIST_URLS)
def test_coordinators_and_the_coalition_admin_open_every_list(client, request, user, url):
    client.force_login(request.getfixturevalue(user))
    assert client.get(url).status_code == 200


def test_a_coordinator_opens_the_pages_of_their_own_programme(
    client, coordinator, buurtgezinnen_case
):
    client.force_login(coordinator)
    for url in detail_urls(buurtgezinnen_case):
        assert client.get(url).status_code == 200, url


def test_a_home_start_coordinator_does_not_see_buurtgezinnen_pages(
    client, other_coordinator, buurtgezinnen_case
):
    client.force_login(other_coordinator)
    for url in detail_urls(buurtgezinnen_case):
        assert client.get(url).status_code == 404, url


def test_a_home_start_coordinator_cannot_act_on_buurtgezinnen_rows(
    client, other_coordinator, buurtgezinnen_case
):
    client.force_login(other_coordinator)
    for url in action_urls(buurtgezinnen_case):
        assert client.post(url, {"kind": "phone", "text": "x"}).status_code == 404, url


def test_actions_refuse_get(client, coordinator, buurtgezinnen_case):
    client.force_login(coordinator)
    for url in action_urls(buurtgezinnen_case):
        assert client.get(url).status_code == 405, url


def test_a_referral_shares_the_request_and_family_but_not_the_match(
    client, other_coordinator, buurtgezinnen_case, buurtgezinnen, home_start
):
    request = buurtgezinnen_case["request"]
    ProgrammeReferral.objects.create(
        request=request, from_programme=buurtgezinnen, to_programme=home_start, reason="Past beter"
    )
    client.force_login(other_coordinator)
    assert client.get(f"/dashboard/verzoeken/{request.pk}/").status_code == 200
    assert client.get(f"/dashboard/gezinnen/{request.family_id}/").status_code == 200
    assert (
        client.get(f"/dashboard/koppelingen/{buurtgezinnen_case['match'].pk}/").status_code == 404
    )


def test_lists_show_only_rows_in_scope(client, other_coordinator, buurtgezinnen_case, home_start):
    own = SupportRequestFactory(programme=home_start)
    VolunteerFactory(programmes=[home_start], last_name="Zuidhoek")
    client.force_login(other_coordinator)
    requests_page = client.get("/dashboard/verzoeken/").content.decode()
    assert own.reference_code in requests_page
    assert buurtgezinnen_case["request"].reference_code not in requests_page
    volunteers_page = client.get("/dashboard/vrijwilligers/").content.decode()
    assert "Zuidhoek" in volunteers_page
    assert str(buurtgezinnen_case["match"].volunteer) not in volunteers_page
    assert (
        buurtgezinnen_case["request"].reference_code
        not in client.get("/dashboard/koppelingen/").content.decode()
    )


def test_the_intake_queue_is_for_intake_coordinators(client, coordinator, intake_coordinator):
    queued = SupportRequestFactory(programme=None, help_me_choose=True)
    client.force_login(coordinator)
    assert client.get(f"/dashboard/verzoeken/{queued.pk}/").status_code == 404
    assert "Central intake queue" not in client.get("/dashboard/").content.decode()
    client.force_login(intake_coordinator)
    page = client.get("/dashboard/").content.decode()
    assert "Central intake queue" in page
    assert queued.reference_code in page
