"""A client never sees or changes another organisation's referral, on any endpoint."""

from __future__ import annotations

import pytest

from coalition.people.models import AuditAction, AuditEvent
from families.api import urls
from families.models import Referral
from tests.factories import ReferralFactory
from tests.families.api.conftest import REFERRALS_URL, post_referral, referral_url

pytestmark = pytest.mark.django_db

# Every endpoint that touches referrals, and how this file probes it.
PROBED = {"api:referrals", "api:referral"}


def test_every_referral_endpoint_is_probed_here():
    names = {f"api:{p.name}" for p in urls.urlpatterns if "referral" in str(p.pattern)}

    assert names == PROBED


def test_the_list_shows_only_the_own_organisations_referrals(school_api, wijkteam_api, school):
    ReferralFactory(organisation=school)
    post_referral(wijkteam_api)

    school_list = school_api.get(REFERRALS_URL).json()
    wijkteam_list = wijkteam_api.get(REFERRALS_URL).json()

    assert school_list["count"] == 1 and wijkteam_list["count"] == 1
    assert (
        school_list["results"][0]["reference_code"] != wijkteam_list["results"][0]["reference_code"]
    )


def test_another_organisations_referral_is_not_found_and_the_try_is_logged(
    school_api, wijkteam_api, school
):
    theirs = ReferralFactory(organisation=school).request

    response = wijkteam_api.get(referral_url(theirs.reference_code))

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert theirs.reference_code not in response.content.decode()
    denied = AuditEvent.objects.get(action=AuditAction.DENIED)
    assert denied.target_id == str(theirs.pk)
    assert denied.organisation_name == "Wijkteam Noord"


def test_an_unknown_reference_is_not_found_alike(wijkteam_api):
    response = wijkteam_api.get(referral_url("ZZZZZZZZ"))

    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.DENIED).exists()


def test_another_organisations_idempotency_key_gives_nothing_of_theirs(school_api, wijkteam_api):
    theirs = post_referral(school_api, **{"Idempotency-Key": "leerling-1"}).json()

    mine = post_referral(wijkteam_api, **{"Idempotency-Key": "leerling-1"})

    assert mine.status_code == 201
    assert mine.json()["reference_code"] != theirs["reference_code"]
    assert Referral.objects.filter(organisation__name="Wijkteam Noord").count() == 1


def test_a_referral_cannot_be_changed_through_the_api(school_api, wijkteam_api, school):
    """No endpoint changes or deletes a referral: not the owner's, not another's."""
    theirs = ReferralFactory(organisation=school).request
    url = referral_url(theirs.reference_code)

    for api in (school_api, wijkteam_api):
        for method in ("put", "patch", "delete"):
            response = getattr(api, method)(url, {}, content_type="application/json")
            assert response.status_code in (404, 405)
        assert api.post(url, {}, content_type="application/json").status_code in (404, 405)
    theirs.refresh_from_db()
    assert Referral.objects.get().organisation == school
