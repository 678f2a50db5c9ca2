"""Every read of personal data and every write by a professional is in the audit log,
lists and searches included (a search by its term's hash), and only the methods the
pages need are served (issue 14). Walks every URL of the access matrix."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from coalition.notifications.models import Notification
from coalition.people.audit import search_hash
from coalition.people.models import AuditAction, AuditEvent
from families.models import Referral
from families.services import request_refer_to_programme
from matching.models import Match, MatchProposal
from tests.factories import SupportRequestFactory, programme
from tests.matching.engine_helpers import volunteer_for, waiting_request
from tests.trust import test_access_matrix as matrix
from tests.trust.test_access_matrix import ROLES, TABLE, url_argument, visitor

pytestmark = pytest.mark.django_db
world = matrix.world  # the access matrix's fixture: one family with everything

AUDITED = ("partner", "coordinator", "admin")
# Pages a professional opens that show nobody's personal data.
NO_PERSONAL_DATA = {
    "coordinators:notification_preferences": "their own email preferences",
    "families:partner_refer": "an empty referral form",
    "families:partner_assist": "how they help a parent, before the parent's own form",
    "admin:index": "the admin's menu",
    "admin:people_auditevent_changelist": "the audit log itself (ids and labels only)",
    "mfa_activate_totp": "their own two-step setup",
}


def _url(world, name: str, role: str) -> str:
    spec = TABLE[name]
    return reverse(
        name, kwargs={arg: url_argument(world, role, value) for arg, value in spec.args.items()}
    )


@pytest.mark.parametrize("name", sorted(TABLE))
def test_options_and_trace_are_not_served_nor_logged_anywhere(world, name):
    answers = {}
    for role in ("anonymous", "partner", "coordinator"):
        client = visitor(world, role)
        url = _url(world, name, role)
        answers[role] = (client.options(url).status_code, client.trace(url).status_code)

    assert set(answers.values()) == {(405, 405)}
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    "name",
    sorted(
        name
        for name, spec in TABLE.items()
        if spec.method == "get" and spec.expected[0] != "200" and name not in NO_PERSONAL_DATA
    ),
)
def test_every_page_a_professional_reads_is_in_the_audit_log(world, name):
    spec = TABLE[name]
    unlogged = []
    for role in AUDITED:
        if spec.expected[ROLES.index(role)] != "200":
            continue
        user = world.users[role]
        with transaction.atomic():
            response = visitor(world, role).get(_url(world, name, role))
            logged = AuditEvent.objects.filter(actor_id=user.pk).exists()
            transaction.set_rollback(True)
        assert response.status_code == 200, (role, response.status_code)
        if not logged:
            unlogged.append(role)

    assert unlogged == []


def test_a_search_is_logged_by_its_terms_hash_never_the_term(staff_client, coordinator):
    staff_client(coordinator).get(reverse("coordinators:family_list"), {"q": " Quirijnsen "})

    event = AuditEvent.objects.get()
    assert (event.action, event.target_type) == (AuditAction.VIEW, "families.family")
    assert event.target_id == search_hash("quirijnsen")
    assert "Quirijnsen".lower() not in str(vars(event)).lower()


def test_answering_a_programme_referral_is_logged(
    staff_client, coordinator, other_coordinator, home_start
):
    request = SupportRequestFactory(programme=home_start, status="waiting")
    referral = request_refer_to_programme(
        request=request,
        to_programme=programme("buurtgezinnen"),
        reason="Past beter.",
        family_agreed=True,
        by=other_coordinator,
    )

    staff_client(coordinator).post(
        reverse("coordinators:referral_decide", args=[referral.pk]),
        {"decision": "decline", "note": "Geen plek."},
    )

    event = AuditEvent.objects.get(target_type="families.programmereferral")
    assert (event.actor_email, event.action, event.target_id) == (
        coordinator.email,
        AuditAction.CHANGE,
        str(referral.pk),
    )


def test_accepting_a_batch_proposal_logs_the_match_it_creates(
    staff_client, coordinator, buurtgezinnen
):
    waiting_request(buurtgezinnen)
    volunteer_for(buurtgezinnen)
    client = staff_client(coordinator)
    url = reverse("matching:proposals", args=[buurtgezinnen.slug])
    client.post(url, {"action": "run"})
    proposal = MatchProposal.objects.get()

    client.post(url, {"action": "accept", "proposal": proposal.pk})

    created = AuditEvent.objects.filter(action=AuditAction.CREATE, target_type="matching.match")
    assert list(created.values_list("target_id", flat=True)) == [str(Match.objects.get().pk)]
    assert AuditEvent.objects.filter(
        action=AuditAction.CHANGE, target_type="matching.matchproposal", target_id=proposal.pk
    ).exists()


def test_a_partners_referral_is_logged_as_created(client, partner):
    from tests.families.test_partner_referrals import referral_data

    client.force_login(partner)
    client.post(reverse("families:partner_refer"), referral_data())

    referral = Referral.objects.get()
    event = AuditEvent.objects.get(action=AuditAction.CREATE)
    assert (event.actor_email, event.target_type, event.target_id) == (
        partner.email,
        "families.supportrequest",
        str(referral.request_id),
    )


def test_the_admin_reading_notifications_is_logged(staff_client, coalition_admin, coordinator):
    notification = Notification.objects.create(
        key="fictional-1",
        kind="request_received",
        recipient_user=coordinator,
        due_at="2026-01-05T09:00Z",
    )
    client = staff_client(coalition_admin)

    client.get(reverse("admin:notifications_notification_changelist"))
    client.get(reverse("admin:notifications_notification_change", args=[notification.pk]))

    events = AuditEvent.objects.filter(target_type="notifications.notification")
    assert sorted(events.values_list("action", "target_id")) == [
        (AuditAction.VIEW, ""),
        (AuditAction.VIEW, str(notification.pk)),
    ]


# Pages with a form of their own: a POST is how they act.
FORM_PAGES = {
    "coordinators:administration_enter",
    "families:questionnaire",
    "coordinators:request_record_intake",
    "coordinators:request_complete_call_back",
    "coordinators:notification_preferences",
    "families:request_start",
    "families:request_step",
    "families:call_back",
    "families:partner_refer",
    "families:partner_assist",
    "families:partner_webhook",
    "volunteers:signup",
    "volunteers:profile",
    "people:invitation_accept",
    "matching:shortlist",
    "matching:proposals",
    "checkin:volunteer_check_in",
    "pulse:answer",
    "pulse:volunteer_answer",
    "matching:volunteer_moment",
    "privacy:family_erase",
    "privacy:volunteer_erase",
    "set_language",
    "account_login",
    "account_signup",
    "mfa_activate_totp",
}


@pytest.mark.parametrize(
    "name",
    sorted(
        name
        for name, spec in TABLE.items()
        # The Django admin's own views: its lists take a POST for their actions.
        if spec.method == "get" and name not in FORM_PAGES and not name.startswith("admin:")
    ),
)
def test_a_page_that_only_reads_refuses_a_post_and_logs_no_change(world, name):
    answers = {}
    for role in ("anonymous", "partner", "coordinator", "admin"):
        answers[role] = visitor(world, role).post(_url(world, name, role)).status_code

    assert set(answers.values()) == {405}, answers
    assert not AuditEvent.objects.filter(action=AuditAction.CHANGE).exists()
