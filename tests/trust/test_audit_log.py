"""Every view, export and refused access of a family's data leaves one audit event."""

import pytest
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse

from coalition.people.audit import audit_log, get_visible_or_404
from coalition.people.models import AuditAction, AuditEvent
from families.models import Family, SupportRequest

pytestmark = pytest.mark.django_db


def _request(user, path="/gezinnen/1/"):
    request = RequestFactory().get(path, REMOTE_ADDR="192.0.2.10")
    request.user = user
    return request


def test_a_coordinator_opening_a_family_of_their_programme_is_logged(coordinator, family_a):
    request = _request(coordinator)

    family = get_visible_or_404(
        request, Family.objects.visible_to(coordinator), pk=family_a.family.pk
    )

    assert family == family_a.family
    event = AuditEvent.objects.get()
    assert (event.actor_email, event.action, event.target_type, event.target_id) == (
        coordinator.email,
        AuditAction.VIEW,
        "families.family",
        str(family_a.family.pk),
    )
    assert event.ip_address == "192.0.2.10"
    assert event.path == "/gezinnen/1/"


def test_a_coordinator_of_another_programme_gets_a_404_and_the_refusal_is_logged(
    other_coordinator, family_a
):
    with pytest.raises(Http404):
        get_visible_or_404(
            _request(other_coordinator),
            SupportRequest.objects.visible_to(other_coordinator),
            pk=family_a.request.pk,
        )

    event = AuditEvent.objects.get()
    assert event.action == AuditAction.DENIED
    assert event.actor_email == other_coordinator.email
    assert event.target_id == str(family_a.request.pk)


def test_a_record_that_does_not_exist_is_a_404_without_an_event(coordinator):
    with pytest.raises(Http404):
        get_visible_or_404(_request(coordinator), Family.objects.visible_to(coordinator), pk=999999)

    assert not AuditEvent.objects.exists()


def test_a_partner_is_logged_with_their_organisation(partner, family_a):
    get_visible_or_404(
        _request(partner),
        SupportRequest.objects.visible_to(partner),
        pk=family_a.referral_request.pk,
    )

    event = AuditEvent.objects.get()
    assert event.organisation_name == partner.organisation.name
    assert event.actor_role == "partner"


def test_a_volunteer_looking_at_their_own_profile_is_not_logged_but_probing_is(
    volunteer_user, family_a
):
    from volunteers.models import Volunteer

    get_visible_or_404(
        _request(volunteer_user),
        Volunteer.objects.visible_to(volunteer_user),
        pk=volunteer_user.volunteer.pk,
    )
    assert not AuditEvent.objects.exists()

    with pytest.raises(Http404):
        get_visible_or_404(
            _request(volunteer_user),
            Volunteer.objects.visible_to(volunteer_user),
            pk=family_a.volunteer.pk,
        )
    assert AuditEvent.objects.get().action == AuditAction.DENIED


def test_events_hold_no_names_notes_or_health_information(coordinator, family_a):
    request = _request(coordinator)
    get_visible_or_404(
        request, SupportRequest.objects.visible_to(coordinator), pk=family_a.request.pk
    )
    audit_log(request=request, action=AuditAction.CHANGE, obj=family_a.request)

    for event in AuditEvent.objects.values():
        text = " ".join(str(value) for value in event.values())
        for secret in [*family_a.secrets, "depressie", "parent_mental_health"]:
            assert secret not in text


def test_the_export_page_logs_one_export_event(staff_client, coordinator, family_a):
    client = staff_client(coordinator)

    response = client.get(reverse("privacy:family_export", args=[family_a.family.pk]))

    assert response.status_code == 200
    assert list(AuditEvent.objects.values_list("action", "target_type")) == [
        ("export", "families.family")
    ]


def test_a_coalition_admin_can_search_the_log_in_the_admin(
    staff_client, coalition_admin, coordinator, family_a
):
    get_visible_or_404(
        _request(coordinator), Family.objects.visible_to(coordinator), pk=family_a.family.pk
    )
    client = staff_client(coalition_admin)

    response = client.get(reverse("admin:people_auditevent_changelist"), {"q": coordinator.email})

    assert response.status_code == 200
    assert coordinator.email in response.content.decode()
    change = client.get(
        reverse("admin:people_auditevent_change", args=[AuditEvent.objects.get().pk])
    )
    assert change.status_code == 200
    assert 'type="submit" value="Save"' not in change.content.decode()


def test_coordinators_cannot_read_the_log(staff_client, coordinator):
    coordinator.is_staff = True
    coordinator.save()
    client = staff_client(coordinator)

    response = client.get(reverse("admin:people_auditevent_changelist"))

    assert response.status_code == 403


def test_a_partner_opening_a_staff_page_gets_a_404_and_the_refusal_is_logged(client, partner):
    client.force_login(partner)

    response = client.get(reverse("coordinators:dashboard"))

    assert response.status_code == 404
    event = AuditEvent.objects.get()
    assert (event.action, event.target_type, event.target_id) == (
        "denied",
        "page",
        "coordinators:dashboard",
    )


def test_logging_a_view_costs_two_queries_then_one(
    coordinator, family_a, django_assert_num_queries
):
    request = _request(coordinator)

    with django_assert_num_queries(2):  # the organisation, the insert
        audit_log(request=request, action=AuditAction.VIEW, obj=family_a.family)
    with django_assert_num_queries(1):
        audit_log(request=request, action=AuditAction.VIEW, obj=family_a.request)


def test_behind_the_proxy_the_client_address_is_the_one_the_proxy_added(settings):
    from coalition.people.audit import client_ip

    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7"
    )

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "198.51.100.7"
