"""On a family's pages a coordinator sees that the family is known at another
programme, with a coarse status and nothing more, unless the family consented to
share between programmes; that consent is recorded, and can be withdrawn."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from coalition.privacy.models import ConsentPurpose
from families.duplicates.elsewhere import coarse_status
from families.models import Consent, Situation
from tests.factories import SupportRequestFactory, programme, with_totp

pytestmark = pytest.mark.django_db

HIDDEN = ["TLB-HOME42", "ernstig depressief", "Moeder slaapt slecht", "psychological"]


@pytest.fixture
def family_in_two_programmes(buurtgezinnen, home_start):
    ours = SupportRequestFactory(programme=buurtgezinnen, status="new")
    SupportRequestFactory(
        family=ours.family,
        programme=home_start,
        status="waiting",
        reference_code="TLB-HOME42",
        situation=[Situation.NO_NETWORK, Situation.PARENT_MENTAL_HEALTH],
        situation_text="Moeder slaapt slecht",
        health_notes="ernstig depressief",
    )
    return ours


@pytest.fixture
def page(client, coordinator, family_in_two_programmes):
    with_totp(coordinator)
    client.force_login(coordinator)

    def get(which="request"):
        request = family_in_two_programmes
        url = (
            f"/dashboard/verzoeken/{request.pk}/"
            if which == "request"
            else f"/dashboard/gezinnen/{request.family_id}/"
        )
        response = client.get(url)
        assert response.status_code == 200
        return response.content.decode()

    return get


def _share(client, family, consent):
    return client.post(f"/dashboard/gezinnen/{family.pk}/delen-in-coalitie/", {"consent": consent})


@pytest.mark.parametrize("which", ["request", "family"])
def test_without_consent_only_the_programme_and_a_coarse_status_are_shown(page, which):
    html = page(which)

    assert "Known elsewhere in the coalition" in html
    assert "<strong>Home-Start</strong>: waiting" in html
    assert [text for text in HIDDEN if text in html] == []
    assert (
        "no family or friends nearby" not in html.split("Known elsewhere")[1].split("</section>")[0]
    )


def test_with_consent_the_other_programmes_summary_is_shown_without_health_data(
    client, page, coordinator, family_in_two_programmes
):
    family = family_in_two_programmes.family

    response = _share(client, family, "give")

    assert response.status_code == 302
    html = page()
    section = html.split("Known elsewhere")[1].split("</section>")[0]
    assert "TLB-HOME42" in section
    assert "I have no family or friends nearby who can help" in section
    assert [
        t for t in ("ernstig depressief", "Moeder slaapt slecht", "psychological") if t in html
    ] == []
    consent = Consent.objects.get(family=family, purpose=ConsentPurpose.SHARE_IN_COALITION)
    assert consent.recorded_by == coordinator
    assert consent.text and consent.text_version and consent.withdrawn_at is None


def test_withdrawn_consent_brings_back_the_coarse_status_and_stays_on_record(
    client, page, family_in_two_programmes
):
    family = family_in_two_programmes.family
    _share(client, family, "give")

    _share(client, family, "withdraw")

    assert [text for text in HIDDEN if text in page()] == []
    consent = Consent.objects.get(family=family, purpose=ConsentPurpose.SHARE_IN_COALITION)
    assert consent.withdrawn_at is not None


def test_a_programme_a_request_is_only_offered_to_cannot_record_the_consent(
    client, other_coordinator, family_in_two_programmes
):
    with_totp(other_coordinator)
    client.force_login(other_coordinator)
    outsider = SupportRequestFactory(programme=programme("steunouder")).family

    response = _share(client, outsider, "give")

    assert response.status_code == 404
    assert not Consent.objects.filter(purpose=ConsentPurpose.SHARE_IN_COALITION).exists()


def test_a_request_closed_last_year_says_so_and_not_why():
    today = timezone.localdate()
    closed = SupportRequestFactory(
        status="closed",
        closed_at=timezone.now() - dt.timedelta(days=366),
        status_reason="verhuisd naar Breda",
    )

    assert coarse_status(closed, today=today) in (
        "closed last year",
        "closed in %s" % (today.year - 2),
    )


def test_a_matched_request_is_matched():
    assert coarse_status(SupportRequestFactory(status="matched")) == "matched"
