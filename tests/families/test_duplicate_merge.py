"""A merge keeps everything of both families, is recorded, and an undo gives the
merged family back exactly what it had. The relations to Family are enumerated
from the models: a model that points at a family later fails here until the
test (and the merge) know it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from coalition.notifications.services import notification_schedule
from coalition.people.models import AuditAction, AuditEvent
from documents.models import Document
from families.duplicates.merging import (
    duplicate_merge,
    family_merge_undo,
    family_relations,
)
from families.models import (
    DuplicateDecision,
    Family,
    FamilyMerge,
    Parent,
    ProgrammeReferral,
    RequestStatusChange,
)
from matching.models import ContactNote
from tests.factories import (
    ChildFactory,
    ConsentFactory,
    FamilyFactory,
    MatchFactory,
    ParentFactory,
    ReferralFactory,
    SupportRequestFactory,
    duplicate_pair,
    programme,
    with_totp,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    def login(user):
        with_totp(user)
        client.force_login(user)
        return client

    return login


def _request_with_history(family):
    request = SupportRequestFactory(family=family, status="waiting")
    RequestStatusChange.objects.create(request=request, from_status="new", to_status="waiting")
    ReferralFactory(request=request)
    ProgrammeReferral.objects.create(
        request=request,
        from_programme=request.programme,
        to_programme=programme("home-start"),
        reason="Past beter",
        status="declined",
    )
    MatchFactory(request=request)
    return request


# One way to give a family a row of each relation that points at it.
MAKERS = {
    "families.parent.family": lambda f: ParentFactory(family=f, phone="0611111111"),
    "families.child.family": lambda f: ChildFactory(family=f),
    "families.supportrequest.family": _request_with_history,
    "families.consent.family": lambda f: ConsentFactory(family=f),
    "matching.contactnote.family": lambda f: ContactNote.objects.create(
        family=f, kind="phone", text="Gebeld"
    ),
    "families.family.merged_into": lambda f: FamilyFactory(merged_into=f),
    "documents.document.family": lambda f: Document.objects.create(
        kind="agreement", title="Samenwerkingsovereenkomst", family=f
    ),
}


@pytest.fixture
def pair():
    survivor = FamilyFactory()
    ParentFactory(family=survivor, first_name="Anna", phone="0612345678")
    kept_request = SupportRequestFactory(family=survivor)
    merged = FamilyFactory()
    rows = {}
    for key, _model, _field in family_relations():
        assert key in MAKERS, f"{key} points at Family: add it to MAKERS (and check the merge)"
        rows[key] = MAKERS[key](merged)
    notification = notification_schedule(
        kind="request_received",
        due_at=timezone.now() + dt.timedelta(hours=1),
        target=merged,
        recipient_email="ouder@example.org",
    )
    return {
        "survivor": survivor,
        "merged": merged,
        "kept_request": kept_request,
        "rows": rows,
        "notification": notification,
        "candidate": duplicate_pair(survivor, merged),
    }


def _points_at(row, field_name):
    return getattr(type(row)._base_manager.get(pk=row.pk), f"{field_name}_id")


def test_a_merge_moves_every_row_that_pointed_at_the_merged_family(pair, coordinator):
    survivor, merged = pair["survivor"], pair["merged"]

    merge = duplicate_merge(candidate=pair["candidate"], survivor=survivor, by=coordinator)

    for key, _model, field_name in family_relations():
        assert _points_at(pair["rows"][key], field_name) == survivor.pk, key
        assert pair["rows"][key].pk in merge.moved[key]
    pair["notification"].refresh_from_db()
    assert pair["notification"].target_id == survivor.pk
    merged.refresh_from_db()
    assert merged.merged_into_id == survivor.pk
    assert not merged.requests.exists() and not merged.parents.exists()


def test_the_requests_keep_their_history_referrals_and_matches(pair, coordinator):
    request = pair["rows"]["families.supportrequest.family"]

    duplicate_merge(candidate=pair["candidate"], survivor=pair["survivor"], by=coordinator)

    moved = pair["survivor"].requests.get(pk=request.pk)
    assert moved.status_changes.count() == request.status_changes.count() >= 1
    assert moved.matches.count() == 1
    assert moved.referral is not None
    assert moved.programme_referrals.count() == 1
    assert set(pair["survivor"].requests.all()) == {pair["kept_request"], request}


def test_the_family_kept_keeps_its_contact_person(pair, coordinator):
    duplicate_merge(candidate=pair["candidate"], survivor=pair["survivor"], by=coordinator)

    primary = Parent.objects.filter(family=pair["survivor"], is_primary_contact=True)
    assert [p.first_name for p in primary] == ["Anna"]


def test_the_merge_is_recorded_with_who_and_the_pair_is_answered(pair, coordinator):
    merge = duplicate_merge(candidate=pair["candidate"], survivor=pair["survivor"], by=coordinator)

    pair["candidate"].refresh_from_db()
    assert pair["candidate"].decision == DuplicateDecision.MERGED
    assert pair["candidate"].decided_by == coordinator
    assert (merge.survivor, merge.merged, merge.merged_by) == (
        pair["survivor"],
        pair["merged"],
        coordinator,
    )


def test_an_undo_moves_back_exactly_what_moved(pair, coordinator):
    survivor, merged = pair["survivor"], pair["merged"]
    merge = duplicate_merge(candidate=pair["candidate"], survivor=survivor, by=coordinator)
    kept_request = pair["kept_request"]

    family_merge_undo(merge=merge, by=coordinator)

    for key, _model, field_name in family_relations():
        assert _points_at(pair["rows"][key], field_name) == merged.pk, key
    pair["notification"].refresh_from_db()
    assert pair["notification"].target_id == merged.pk
    merged.refresh_from_db()
    assert merged.merged_into_id is None
    assert list(survivor.requests.all()) == [kept_request]
    assert Parent.objects.get(pk=pair["rows"]["families.parent.family"].pk).is_primary_contact
    merge.refresh_from_db()
    assert merge.undone_by == coordinator and merge.undone_at is not None
    pair["candidate"].refresh_from_db()
    assert pair["candidate"].decision == DuplicateDecision.OPEN


def test_a_merge_is_undone_once(pair, coordinator):
    merge = duplicate_merge(candidate=pair["candidate"], survivor=pair["survivor"], by=coordinator)
    family_merge_undo(merge=merge, by=coordinator)

    with pytest.raises(ValidationError):
        family_merge_undo(merge=merge, by=coordinator)


def test_an_answered_pair_cannot_be_merged_again(pair, coordinator):
    duplicate_merge(candidate=pair["candidate"], survivor=pair["survivor"], by=coordinator)

    with pytest.raises(ValidationError):
        duplicate_merge(candidate=pair["candidate"], survivor=pair["survivor"], by=coordinator)
    assert FamilyMerge.objects.count() == 1


def test_the_family_to_keep_is_one_of_the_pair(pair, coordinator):
    with pytest.raises(ValidationError):
        duplicate_merge(candidate=pair["candidate"], survivor=FamilyFactory(), by=coordinator)
    assert Family.objects.filter(merged_into__isnull=False).count() == 1  # the MAKERS' one


def _two_buurtgezinnen_families():
    one = SupportRequestFactory(programme=programme("buurtgezinnen")).family
    two = SupportRequestFactory(programme=programme("buurtgezinnen")).family
    return one, two, duplicate_pair(one, two)


def test_merging_through_the_page_is_audited(staff_client, coordinator):
    one, two, candidate = _two_buurtgezinnen_families()
    client = staff_client(coordinator)

    response = client.post(
        f"/dashboard/dubbele-gezinnen/{candidate.pk}/samenvoegen/", {"keep": one.pk}
    )

    assert response.status_code == 302
    two.refresh_from_db()
    assert two.merged_into == one
    assert AuditEvent.objects.filter(
        action=AuditAction.CHANGE,
        target_type="families.duplicatecandidate",
        target_id=str(candidate.pk),
        actor_id=coordinator.pk,
    ).exists()
    merge = FamilyMerge.objects.get()

    response = client.post(f"/dashboard/samenvoegingen/{merge.pk}/ongedaan-maken/")

    two.refresh_from_db()
    assert two.merged_into is None
    assert AuditEvent.objects.filter(
        action=AuditAction.CHANGE, target_type="families.familymerge", target_id=str(merge.pk)
    ).exists()


def test_a_coordinator_who_holds_only_one_of_the_families_gets_a_404(
    staff_client, other_coordinator
):
    ours = SupportRequestFactory(programme=programme("home-start")).family
    theirs = SupportRequestFactory(programme=programme("buurtgezinnen")).family
    candidate = duplicate_pair(ours, theirs)
    client = staff_client(other_coordinator)

    response = client.post(
        f"/dashboard/dubbele-gezinnen/{candidate.pk}/samenvoegen/", {"keep": ours.pk}
    )

    assert response.status_code == 404
    assert client.get("/dashboard/dubbele-gezinnen/").content.decode().count("candidate-") == 0
    theirs.refresh_from_db()
    assert theirs.merged_into is None


def test_not_the_same_through_the_page_is_remembered(staff_client, coordinator):
    _one, _two, candidate = _two_buurtgezinnen_families()

    staff_client(coordinator).post(f"/dashboard/dubbele-gezinnen/{candidate.pk}/niet-dezelfde/")

    candidate.refresh_from_db()
    assert candidate.decision == DuplicateDecision.NOT_THE_SAME
    assert candidate.decided_by == coordinator
