"""A partner's system refers a family and follows its coarse status, as the portal does."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from coalition.privacy.models import ConsentPurpose
from families.forms import REFERRAL_CONSENT_TEXT, REFERRAL_CONSENT_VERSION
from families.models import Referral, RequestSource, RequestStatus, SupportRequest
from families.services import request_change_status
from tests.factories import ReferralFactory
from tests.families.api.conftest import (
    REFERRALS_URL,
    api,
    post_referral,
    referral_json,
    referral_url,
)

pytestmark = pytest.mark.django_db


def test_a_referral_lands_in_the_intake_queue_with_the_parents_consent(school_api, school):
    response = post_referral(school_api)

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "received"
    assert body["parent_first_name"] == "Fatima"
    assert response["Location"].endswith(referral_url(body["reference_code"]))
    referral = Referral.objects.get(request__reference_code=body["reference_code"])
    assert referral.organisation == school
    assert referral.referred_by is None
    assert referral.request.source == RequestSource.PARTNER
    assert referral.request.help_me_choose is True
    assert referral.consent.purpose == ConsentPurpose.REFERRAL
    assert referral.consent.text_version == REFERRAL_CONSENT_VERSION
    assert referral.consent.text == str(REFERRAL_CONSENT_TEXT)
    assert referral.consent.given_by == f"parent, to {school.name}"
    assert [c.first_name for c in referral.request.children.all()] == ["Y."]


def test_a_referral_can_advise_a_programme_by_its_slug(school_api):
    response = post_referral(school_api, referral_json(advised_programme="buurtgezinnen"))

    assert response.status_code == 201
    assert response.json()["advised_programme"] == "Buurtgezinnen"
    assert SupportRequest.objects.get().programme.slug == "buurtgezinnen"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"children": [{"first_name": "Y.", "age": 30}]}, "children[0].age"),
        ({"postcode": "ABCD"}, "postcode"),
        ({"phone": "", "email": ""}, "phone"),
        ({"advised_programme": "no-such-programme"}, "advised_programme"),
        (
            {"consent": {"scope": "referral", "text_version": "1999-01", "given_on": "2026-01-01"}},
            "consent.text_version",
        ),
    ],
)
def test_a_referral_the_portal_would_refuse_is_refused_as_a_problem(school_api, changes, field):
    response = post_referral(school_api, referral_json(**changes))

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400
    assert problem["type"].endswith("/api/v1/problems/invalid")
    assert field in [p["name"] for p in problem["invalid_params"]]
    assert not SupportRequest.objects.exists()


def test_consent_given_in_the_future_is_refused(school_api):
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    data = referral_json(consent={**referral_json()["consent"], "given_on": tomorrow})

    problem = post_referral(school_api, data).json()

    assert "consent.given_on" in [p["name"] for p in problem["invalid_params"]]


def test_children_outside_the_advised_programmes_ages_are_refused(school_api):
    data = referral_json(
        advised_programme="buurtgezinnen", children=[{"first_name": "A", "age": 22}]
    )

    response = post_referral(school_api, data)

    assert response.status_code == 400
    assert not Referral.objects.exists()


def test_the_same_idempotency_key_makes_one_referral(school_api):
    first = post_referral(school_api, **{"Idempotency-Key": "leerling-4711"})
    again = post_referral(school_api, **{"Idempotency-Key": "leerling-4711"})

    assert (first.status_code, again.status_code) == (201, 200)
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Referral.objects.count() == 1


def test_another_key_makes_another_referral(school_api):
    post_referral(school_api, **{"Idempotency-Key": "a"})
    post_referral(school_api, **{"Idempotency-Key": "b"})
    post_referral(school_api)

    assert Referral.objects.count() == 3


def test_the_list_and_the_detail_show_the_coarse_status(school_api, school):
    mine = ReferralFactory(organisation=school)
    request_change_status(request=mine.request, to_status=RequestStatus.INTAKE_PLANNED)

    listed = school_api.get(REFERRALS_URL).json()
    detail = school_api.get(referral_url(mine.request.reference_code)).json()

    assert listed["count"] == 1
    assert listed["results"][0] == detail
    assert detail["status"] == "in_intake"
    assert detail["status_label"] == "In intake"
    assert set(detail) == {
        "reference_code",
        "parent_first_name",
        "received_on",
        "advised_programme",
        "programme",
        "status",
        "status_label",
        "status_on",
        "reason_category",
        "overdue",
        "answer_due_on",
        "consent_valid_until",
    }


def test_the_list_is_paginated(school_api, school):
    for _ in range(3):
        ReferralFactory(organisation=school)

    page = school_api.get(REFERRALS_URL, {"page_size": 2}).json()
    rest = school_api.get(REFERRALS_URL, {"page_size": 2, "page": 2}).json()

    assert page["count"] == 3
    assert len(page["results"]) == 2 and len(rest["results"]) == 1
    assert page["next"] and rest["previous"]


def test_a_page_past_the_end_is_a_problem(school_api):
    response = school_api.get(REFERRALS_URL, {"page": 9})

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_a_write_only_client_cannot_read(school):
    from families.services import api_client_create

    writer = api(api_client_create(organisation=school, scopes="referrals:write"))

    assert post_referral(writer).status_code == 201
    refused = writer.get(REFERRALS_URL)
    assert refused.status_code == 403
    assert refused.json()["type"].endswith("/problems/permission-denied")


def test_no_bsn_anywhere_in_the_api(client, school_api):
    schema = client.get("/api/v1/openapi.json").content.decode().lower()
    created = post_referral(school_api).content.decode().lower()

    assert "bsn" not in schema
    assert "burgerservicenummer" not in schema
    assert "bsn" not in created
