"""A request changes programme only two ways: routed from the central intake queue by
the intake desk, or through a programme referral the receiver accepted with the
family's recorded consent. Every move is in the request's history and timeline."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from coalition.privacy.models import ConsentPurpose
from families.models import Consent, ProgrammeReferral, RequestStatus, RequestStatusChange
from families.services import (
    programme_referral_decide,
    request_choose_programme,
    request_refer_to_programme,
)
from tests.factories import SupportRequestFactory

pytestmark = pytest.mark.django_db


def confirm_programme(client, request, programme):
    return client.post(
        f"/dashboard/verzoeken/{request.pk}/programma/", {"programme": programme.pk}, follow=True
    )


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def refer(request, to_programme, by):
    return request_refer_to_programme(
        request=request, to_programme=to_programme, reason="Past beter.", family_agreed=True, by=by
    )


def assert_nothing_moved(request, programme):
    request.refresh_from_db()
    assert request.programme == programme
    assert not RequestStatusChange.objects.filter(
        request=request, to_programme__isnull=False
    ).exists()


def test_the_receiver_of_a_declined_referral_cannot_take_the_request(
    client, coordinator, other_coordinator, buurtgezinnen, home_start
):
    request = SupportRequestFactory(programme=buurtgezinnen)
    referral = refer(request, home_start, coordinator)
    programme_referral_decide(referral=referral, accept=False, by=other_coordinator, note="Vol.")
    client.force_login(other_coordinator)
    response = confirm_programme(client, request, home_start)
    assert response.status_code in (200, 404)
    assert_nothing_moved(request, buurtgezinnen)


def test_the_receiver_of_a_pending_referral_cannot_take_the_request_without_accepting(
    client, coordinator, other_coordinator, buurtgezinnen, home_start
):
    request = SupportRequestFactory(programme=buurtgezinnen)
    referral = refer(request, home_start, coordinator)
    client.force_login(other_coordinator)
    response = confirm_programme(client, request, home_start)
    # Until it accepts, the receiver may read the request but act on nothing of it.
    assert response.status_code == 404
    assert_nothing_moved(request, buurtgezinnen)
    referral.refresh_from_db()
    assert referral.status == "pending"


def test_a_coordinator_cannot_move_an_own_request_to_another_programme_without_a_referral(
    client, coordinator, buurtgezinnen, home_start
):
    request = SupportRequestFactory(programme=buurtgezinnen)
    client.force_login(coordinator)
    response = confirm_programme(client, request, home_start)
    assert response.status_code == 200
    assert any("refer it" in m for m in messages_of(response))
    assert_nothing_moved(request, buurtgezinnen)


def test_the_intake_form_cannot_move_an_own_request_to_another_programme(
    coordinator, buurtgezinnen, home_start
):
    from matching.intake import request_record_intake

    request = SupportRequestFactory(programme=buurtgezinnen)
    with pytest.raises(ValidationError, match="central intake queue"):
        request_record_intake(request=request, by=coordinator, programme=home_start)
    assert_nothing_moved(request, buurtgezinnen)
    assert request.status == RequestStatus.NEW


def test_a_plain_coordinator_cannot_route_from_the_intake_queue(coordinator, home_start):
    queued = SupportRequestFactory(programme=None, help_me_choose=True)
    with pytest.raises(ValidationError, match="Only intake coordinators"):
        request_choose_programme(request=queued, programme=home_start, by=coordinator)
    assert_nothing_moved(queued, None)


def test_the_admin_cannot_move_a_request_between_programmes(
    coalition_admin, buurtgezinnen, home_start
):
    request = SupportRequestFactory(programme=buurtgezinnen)
    with pytest.raises(ValidationError, match="central intake queue"):
        request_choose_programme(request=request, programme=home_start, by=coalition_admin)
    assert_nothing_moved(request, buurtgezinnen)


def test_only_those_who_may_route_see_the_confirm_programme_action(
    client, coordinator, intake_coordinator, buurtgezinnen
):
    own = SupportRequestFactory(programme=buurtgezinnen)
    queued = SupportRequestFactory(programme=None, help_me_choose=True)
    client.force_login(coordinator)
    page = client.get(f"/dashboard/verzoeken/{own.pk}/").content.decode()
    assert f"/dashboard/verzoeken/{own.pk}/programma/" not in page
    client.force_login(intake_coordinator)
    page = client.get(f"/dashboard/verzoeken/{queued.pk}/").content.decode()
    assert f"/dashboard/verzoeken/{queued.pk}/programma/" in page


def test_an_intake_coordinator_routes_a_queued_request_and_the_history_says_so(
    client, intake_coordinator, buurtgezinnen
):
    queued = SupportRequestFactory(programme=None, help_me_choose=True)
    client.force_login(intake_coordinator)
    response = confirm_programme(client, queued, buurtgezinnen)
    assert "Programme confirmed." in messages_of(response)
    queued.refresh_from_db()
    assert queued.programme == buurtgezinnen
    move = RequestStatusChange.objects.get(request=queued, to_programme__isnull=False)
    assert (move.from_programme, move.to_programme) == (None, buurtgezinnen)
    assert move.changed_by == intake_coordinator
    assert move.from_status == move.to_status == queued.status
    page = client.get(f"/dashboard/verzoeken/{queued.pk}/").content.decode()
    assert f"Central intake queue → {buurtgezinnen}" in page


def test_an_accepted_referral_moves_the_request_and_the_history_says_so(
    client, coordinator, other_coordinator, buurtgezinnen, home_start
):
    request = SupportRequestFactory(programme=buurtgezinnen)
    referral = refer(request, home_start, coordinator)
    programme_referral_decide(referral=referral, accept=True, by=other_coordinator)
    request.refresh_from_db()
    assert request.programme == home_start
    move = RequestStatusChange.objects.get(request=request, to_programme__isnull=False)
    assert (move.from_programme, move.to_programme) == (buurtgezinnen, home_start)
    assert move.changed_by == other_coordinator
    client.force_login(other_coordinator)
    page = client.get(f"/dashboard/verzoeken/{request.pk}/").content.decode()
    assert f"{buurtgezinnen} → {home_start}" in page


def test_a_referral_without_the_familys_consent_on_record_cannot_be_accepted(
    coordinator, other_coordinator, buurtgezinnen, home_start
):
    request = SupportRequestFactory(programme=buurtgezinnen)
    referral = refer(request, home_start, coordinator)
    Consent.objects.filter(
        family=request.family, purpose=ConsentPurpose.SHARE_WITH_PROGRAMME
    ).update(withdrawn_at=referral.created_at)
    with pytest.raises(ValidationError, match="consent"):
        programme_referral_decide(referral=referral, accept=True, by=other_coordinator)
    assert_nothing_moved(request, buurtgezinnen)
    referral.refresh_from_db()
    assert referral.status == "pending"


def test_a_stale_referral_cannot_move_a_request_that_went_elsewhere(
    coordinator, other_coordinator, buurtgezinnen, home_start, meeleefgezin
):
    request = SupportRequestFactory(programme=buurtgezinnen, with_child=False)
    to_home_start = refer(request, home_start, coordinator)
    # One offer at a time is the rule today; a second one from before it (or from a
    # race the rule did not see) still cannot move the request twice.
    to_meeleefgezin = ProgrammeReferral.objects.create(
        request=request,
        from_programme=buurtgezinnen,
        to_programme=meeleefgezin,
        reason="Past ook bij Meeleefgezin",
    )
    programme_referral_decide(referral=to_meeleefgezin, accept=True, by=None)
    with pytest.raises(ValidationError, match="no longer belongs"):
        programme_referral_decide(referral=to_home_start, accept=True, by=other_coordinator)
    request.refresh_from_db()
    assert request.programme == meeleefgezin
    assert ProgrammeReferral.objects.get(pk=to_home_start.pk).status == "pending"


def test_a_referral_cannot_be_accepted_while_the_senders_match_is_open(
    coordinator, other_coordinator, buurtgezinnen, home_start
):
    from tests.factories import MatchFactory

    request = SupportRequestFactory(programme=buurtgezinnen, status="waiting")
    referral = refer(request, home_start, coordinator)
    # Referring refuses a family with an open match; one made meanwhile (outside the
    # services) still keeps the request where it is.
    MatchFactory(request=request)
    with pytest.raises(ValidationError, match="open match"):
        programme_referral_decide(referral=referral, accept=True, by=other_coordinator)
    assert_nothing_moved(request, buurtgezinnen)
