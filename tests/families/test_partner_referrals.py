"""Partners refer families and follow their own organisation's referrals, nothing more."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from coalition.notifications.models import Notification
from coalition.privacy.models import ConsentPurpose
from families.models import Consent, Referral, RequestSource, RequestStatus, SupportRequest
from families.services import referral_notify_support_change, request_change_status
from families.submission import new_submission_key
from matching.case import match_end
from matching.models import EndReason, MatchStatus, Outcome
from matching.services import match_activate
from tests.factories import (
    MatchFactory,
    ParentFactory,
    ReferralFactory,
    SupportRequestFactory,
)

pytestmark = pytest.mark.django_db

REFER_URL = reverse("families:partner_refer")
LIST_URL = reverse("families:partner_home")


def referral_data(**changes):
    data = {
        "parent_first_name": "Fatima",
        "phone": "06 12345678",
        "email": "",
        "contact_preference": "phone",
        "contact_times": "",
        "postcode": "5038 AB",
        "language": "ar",
        "child_1_name": "Y.",
        "child_1_age": "5",
        "reason": "Moeder staat er alleen voor en is overbelast.",
        "advised_programme": "",
        "parents_agreed": "on",
        "parents_agreed_on": timezone.localdate().isoformat(),
        "consent_valid_until": (timezone.localdate() + dt.timedelta(days=365)).isoformat(),
        "submission_key": new_submission_key(),
    }
    data.update(changes)
    return data


def status_text(page: str) -> str:
    """The text of the (first) status element, as the partner reads it."""
    found = re.search(r'data-testid="referral-status"[^>]*>(.*?)</', page, re.S)
    assert found, "the page shows no referral status"
    return " ".join(html.unescape(found.group(1)).split())


def referral_for(organisation, **kwargs):
    referral = ReferralFactory(organisation=organisation, **kwargs)
    ParentFactory(family=referral.request.family, first_name="Noor")
    return referral


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_a_partner_refers_a_family_in_each_language(client, partner, language):
    client.force_login(partner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    form_page = client.get(REFER_URL).content.decode()
    response = client.post(REFER_URL, referral_data(language=language))

    assert f'lang="{language}"' in form_page
    assert response.status_code == 302
    assert SupportRequest.objects.get().language == language


def test_a_partner_refers_a_family_and_it_lands_in_the_intake_queue(client, partner):
    client.force_login(partner)

    response = client.post(REFER_URL, referral_data())

    referral = Referral.objects.select_related("request", "consent").get()
    request = referral.request
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "families:partner_referral_detail", args=[request.reference_code]
    )
    assert request.source == RequestSource.PARTNER
    assert request.programme is None and request.help_me_choose is True
    assert request.status == RequestStatus.NEW
    assert request.language == "ar"
    assert referral.organisation == partner.organisation
    assert referral.referred_by == partner
    assert referral.parents_agreed_on == timezone.localdate()
    assert referral.consent.purpose == ConsentPurpose.REFERRAL
    assert referral.consent.recorded_by == partner
    assert "The parents agreed" in referral.consent.text
    assert [c.first_name for c in request.children.all()] == ["Y."]
    assert request.family.parents.get().first_name == "Fatima"
    assert list(request.status_changes.values_list("from_status", "to_status", "changed_by")) == [
        ("", "new", partner.pk)
    ]


def test_an_advised_programme_routes_the_referral_to_it(client, partner, home_start):
    client.force_login(partner)

    client.post(REFER_URL, referral_data(advised_programme=home_start.pk))

    request = SupportRequest.objects.get()
    assert request.programme == home_start
    assert request.referral.advised_programme == home_start


def test_a_double_submit_creates_one_referral_and_shows_the_same_result(client, partner):
    client.force_login(partner)
    data = referral_data()

    first = client.post(REFER_URL, data)
    second = client.post(REFER_URL, data)

    referral = Referral.objects.select_related("request").get()
    assert SupportRequest.objects.count() == 1
    assert Consent.objects.count() == 1
    assert referral.request.submission_key == data["submission_key"]
    assert first.status_code == second.status_code == 302
    assert (
        first["Location"]
        == second["Location"]
        == reverse("families:partner_referral_detail", args=[referral.request.reference_code])
    )
    page = client.get(second["Location"]).content.decode()
    assert f"The referral is received with reference {referral.request.reference_code}" in page


def test_a_second_submit_that_races_the_first_shows_the_first_referral(
    client, partner, partner_organisation, monkeypatch
):
    from django.db import IntegrityError

    from families.views import partner as views_partner

    data = referral_data()

    def first_submit_won(**kwargs):
        # The other submit committed this key a moment before this one.
        referral_for(partner_organisation, request__submission_key=data["submission_key"])
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(views_partner.services, "referral_create", first_submit_won)
    client.force_login(partner)

    response = client.post(REFER_URL, data)

    request = SupportRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "families:partner_referral_detail", args=[request.reference_code]
    )


def test_each_referral_form_gets_its_own_key(client, partner):
    client.force_login(partner)

    keys = [
        re.search(r'name="submission_key" value="(\w+)"', client.get(REFER_URL).content.decode())
        for _ in range(2)
    ]

    assert all(keys)
    assert keys[0].group(1) != keys[1].group(1)


def test_a_second_referral_with_a_new_form_is_a_new_referral(client, partner):
    client.force_login(partner)

    client.post(REFER_URL, referral_data())
    client.post(REFER_URL, referral_data())

    assert Referral.objects.count() == 2


def test_an_oversized_referral_gets_the_clear_413_page_and_stores_nothing(client, partner):
    client.force_login(partner)

    response = client.post(REFER_URL, referral_data(reason="x" * 300_000))

    assert response.status_code == 413
    assert "Your message is too long" in response.content.decode()
    assert not SupportRequest.objects.exists()
    assert not Referral.objects.exists()
    assert not Consent.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"parents_agreed": ""}, "Refer a family only after the parents agreed."),
        ({"parents_agreed_on": ""}, "This field is required"),
        ({"parents_agreed_on": "2099-01-01"}, "This date is in the future."),
        ({"phone": "", "email": ""}, "Give a phone number or an email address"),
        ({"postcode": "abc"}, "Fill in a Dutch postcode"),
        ({"child_1_name": "", "child_1_age": ""}, "Tell us about at least one child."),
        ({"reason": ""}, "This field is required"),
        (
            {"advised_programme": "meeleefgezin-id", "child_1_age": "9"},
            "MeeleefGezin is for children",
        ),
    ],
)
def test_a_referral_with_a_mistake_is_refused(client, partner, meeleefgezin, changes, message):
    if changes.get("advised_programme") == "meeleefgezin-id":
        changes["advised_programme"] = meeleefgezin.pk
    client.force_login(partner)
    client.cookies["django_language"] = "en"

    response = client.post(REFER_URL, referral_data(**changes))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SupportRequest.objects.exists()
    assert not Consent.objects.exists()


def test_only_partners_may_refer(client, coordinator, volunteer_user):
    for user in (coordinator, volunteer_user):
        client.force_login(user)
        assert client.get(REFER_URL).status_code == 404
    client.logout()
    assert client.get(REFER_URL).status_code == 302


def test_my_referrals_shows_only_my_organisations_referrals(
    client, partner, other_partner, partner_organisation
):
    mine = referral_for(partner_organisation)
    theirs = referral_for(other_partner.organisation)
    SupportRequestFactory()  # a family that came by itself
    client.force_login(partner)

    page = client.get(LIST_URL).content.decode()

    assert mine.request.reference_code in page
    assert theirs.request.reference_code not in page
    assert status_text(page) == "Received"


def test_another_organisations_referral_is_a_404(client, partner, other_partner):
    theirs = referral_for(other_partner.organisation)
    client.force_login(partner)

    url = reverse("families:partner_referral_detail", args=[theirs.request.reference_code])

    assert client.get(url).status_code == 404


def test_the_detail_shows_no_notes_situation_or_health(client, partner, partner_organisation):
    referral = referral_for(partner_organisation)
    SupportRequest.objects.filter(pk=referral.request.pk).update(
        situation=["parent_mental_health"],
        situation_text="Moeder heeft een depressie",
        health_notes="Medicatie sinds maart",
        status_reason="Intake: vader uit beeld",
    )
    client.force_login(partner)

    url = reverse("families:partner_referral_detail", args=[referral.request.reference_code])
    page = client.get(url).content.decode()

    assert referral.request.reference_code in page
    for secret in ("depressie", "Medicatie", "vader uit beeld", "psychological"):
        assert secret not in page


@pytest.mark.parametrize(
    ("setup", "status"),
    [
        ("new", "Received"),
        ("intake", "In intake"),
        ("active", "Support started"),
        ("ended", "Support ended (Goals reached, support no longer needed)"),
        ("withdrawn", "Support did not start (The family stopped the request)"),
    ],
)
def test_the_coarse_status_follows_the_request_and_its_matches(
    client, partner, partner_organisation, setup, status
):
    referral = referral_for(partner_organisation)
    request = referral.request
    today = timezone.localdate()
    if setup == "intake":
        request_change_status(request=request, to_status=RequestStatus.INTAKE_PLANNED)
    if setup in ("active", "ended"):
        SupportRequest.objects.filter(pk=request.pk).update(status=RequestStatus.MATCHED)
        MatchFactory(
            request=request,
            status=MatchStatus.ACTIVE if setup == "active" else MatchStatus.ENDED,
            started_on=today - dt.timedelta(days=60),
            ended_on=today if setup == "ended" else None,
            end_reason=EndReason.GOALS_REACHED if setup == "ended" else "",
        )
    if setup == "withdrawn":
        request_change_status(request=request, to_status=RequestStatus.WITHDRAWN, reason="x")
    client.force_login(partner)

    url = reverse("families:partner_referral_detail", args=[request.reference_code])
    page = client.get(url).content.decode()

    assert status_text(page) == status


def test_support_ended_shows_the_reason_category_of_the_last_ending_never_the_note(
    client, partner, partner_organisation
):
    referral = referral_for(partner_organisation)
    request = referral.request
    today = timezone.localdate()
    SupportRequest.objects.filter(pk=request.pk).update(status=RequestStatus.MATCHED)
    for ended_on, reason, note in [
        (today - dt.timedelta(days=90), EndReason.NO_CLICK, "Geen klik met de vader"),
        (today - dt.timedelta(days=5), EndReason.MOVED, "Verhuisd naar de opvang in Breda"),
    ]:
        MatchFactory(
            request=request,
            status=MatchStatus.ENDED,
            started_on=ended_on - dt.timedelta(days=30),
            ended_on=ended_on,
            end_reason=reason,
            end_note=note,
        )
    request_change_status(request=request, to_status=RequestStatus.CLOSED, reason="Afgerond")
    client.force_login(partner)

    detail = client.get(
        reverse("families:partner_referral_detail", args=[request.reference_code])
    ).content.decode()
    listing = client.get(LIST_URL).content.decode()

    assert status_text(detail) == "Support ended (Family or volunteer moved)"
    assert "Family or volunteer moved" in listing
    for page in (detail, listing):
        assert "No click" not in page
        for secret in ("Breda", "opvang", "Geen klik", "Afgerond"):
            assert secret not in page


@pytest.mark.parametrize("count", [10, 100])
def test_my_referrals_takes_the_same_number_of_queries_for_10_or_100(
    client, partner, partner_organisation, django_assert_num_queries, count
):
    for i in range(count):
        referral = referral_for(partner_organisation)
        if i % 3 == 0:
            MatchFactory(request=referral.request)
    client.force_login(partner)
    # The first page after logging in stamps the idle timer in the session
    # (coalition.people.middleware), as for staff; the pin is for every page after that.
    client.get(LIST_URL)

    # session, user, organisation, referrals, their matches, their parents
    with django_assert_num_queries(7):  # one for the audit event
        response = client.get(LIST_URL)

    assert response.content.decode().count("/partner/verwijzingen/") == count


def test_the_referrer_is_told_when_support_starts_and_ends(partner, partner_organisation):
    referral = referral_for(partner_organisation, referred_by=partner)
    SupportRequest.objects.filter(pk=referral.request.pk).update(
        status=RequestStatus.WAITING_FOR_MATCH
    )
    match = MatchFactory(request=referral.request, status=MatchStatus.TRIAL)

    match_activate(match=match)
    match_end(match=match, reason=EndReason.GOALS_REACHED, outcome=Outcome.GOALS_MET)

    kinds = sorted(
        Notification.objects.filter(kind__startswith="referral_").values_list("kind", flat=True)
    )
    assert kinds == ["referral_support_ended", "referral_support_started"]
    started = Notification.objects.get(kind="referral_support_started")
    assert started.recipient_user == partner
    assert started.context["reference_code"] == referral.request.reference_code
    assert "situation" not in started.context


def test_telling_the_referrer_twice_schedules_one_email(partner, partner_organisation):
    referral = referral_for(partner_organisation, referred_by=partner)
    match = MatchFactory(
        request=referral.request, status=MatchStatus.ACTIVE, started_on=timezone.localdate()
    )

    referral_notify_support_change(match=match, event="started")
    referral_notify_support_change(match=match, event="started")

    assert Notification.objects.filter(kind="referral_support_started").count() == 1


def test_a_family_that_came_by_itself_triggers_no_partner_email(db):
    match = MatchFactory(status=MatchStatus.ACTIVE, started_on=timezone.localdate())

    assert referral_notify_support_change(match=match, event="started") is None
    assert not Notification.objects.filter(kind__startswith="referral_").exists()
