"""The pages themselves leave the audit trail: opening a family, request, match or
volunteer, acting on it, and being refused it (the helper is tested on its own in
test_audit_log.py; these tests make sure every page goes through it)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coalition.people.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def _pages(family):
    return [
        ("coordinators:family_detail", family.family.pk, "families.family"),
        ("coordinators:request_detail", family.request.pk, "families.supportrequest"),
        ("coordinators:request_record_intake", family.request.pk, "families.supportrequest"),
        ("matching:shortlist", family.request.pk, "families.supportrequest"),
        ("coordinators:match_detail", family.match.pk, "matching.match"),
        ("coordinators:volunteer_detail", family.volunteer.pk, "volunteers.volunteer"),
    ]


@pytest.mark.parametrize("index", range(6))
def test_opening_a_record_page_writes_one_view_event(staff_client, coordinator, family_a, index):
    name, pk, target_type = _pages(family_a)[index]
    client = staff_client(coordinator)

    response = client.get(reverse(name, args=[pk]))

    assert response.status_code == 200
    [event] = AuditEvent.objects.filter(target_type=target_type)
    assert (event.actor_email, event.action, event.target_id) == (
        coordinator.email,
        AuditAction.VIEW,
        str(pk),
    )


@pytest.mark.parametrize("index", range(6))
def test_a_coordinator_of_another_programme_is_refused_and_the_refusal_is_logged(
    staff_client, other_coordinator, family_a, index
):
    name, pk, target_type = _pages(family_a)[index]
    client = staff_client(other_coordinator)

    response = client.get(reverse(name, args=[pk]))

    assert response.status_code == 404
    [event] = AuditEvent.objects.filter(actor_email=other_coordinator.email)
    assert (event.action, event.target_type, event.target_id) == (
        AuditAction.DENIED,
        target_type,
        str(pk),
    )


@pytest.mark.parametrize(
    ("name", "attribute", "target_type"),
    [
        ("coordinators:family_note", "family", "families.family"),
        ("coordinators:request_note", "request", "families.supportrequest"),
        ("coordinators:match_note", "match", "matching.match"),
        ("coordinators:volunteer_note", "volunteer", "volunteers.volunteer"),
    ],
)
def test_adding_a_note_is_logged_as_a_change(
    staff_client, coordinator, family_a, name, attribute, target_type
):
    subject = getattr(family_a, attribute)
    client = staff_client(coordinator)

    client.post(reverse(name, args=[subject.pk]), {"kind": "phone", "text": "Gebeld, alles goed."})

    [event] = AuditEvent.objects.filter(target_type=target_type)
    assert (event.action, event.target_id) == (AuditAction.CHANGE, str(subject.pk))
    assert "Gebeld" not in str(event.__dict__)


def test_a_status_step_on_a_request_is_logged_as_a_change(staff_client, coordinator, family_a):
    client = staff_client(coordinator)

    client.post(
        reverse("coordinators:request_end", args=[family_a.request.pk]),
        {"to_status": "withdrawn", "reason": "Gezin trekt zich terug"},
    )

    actions = list(
        AuditEvent.objects.filter(target_id=str(family_a.request.pk)).values_list(
            "action", flat=True
        )
    )
    assert actions == [AuditAction.CHANGE]


def test_a_partner_opening_their_referral_is_logged(client, partner, family_a):
    client.force_login(partner)

    response = client.get(
        reverse("families:partner_referral_detail", args=[family_a.referral_request.reference_code])
    )

    assert response.status_code == 200
    [event] = AuditEvent.objects.all()
    assert (event.action, event.target_type, event.target_id) == (
        AuditAction.VIEW,
        "families.supportrequest",
        str(family_a.referral_request.pk),
    )
    assert event.organisation_name == partner.organisation.name


def test_a_partner_trying_another_organisations_referral_is_refused_and_logged(
    client, other_partner, family_a
):
    client.force_login(other_partner)

    response = client.get(
        reverse("families:partner_referral_detail", args=[family_a.referral_request.reference_code])
    )

    assert response.status_code == 404
    [event] = AuditEvent.objects.all()
    assert (event.action, event.target_id) == (
        AuditAction.DENIED,
        str(family_a.referral_request.pk),
    )
