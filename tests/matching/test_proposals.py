"""The whole waiting list at once: proposals, and a coordinator's decision on each."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from matching.engine import propose_batch, rank_candidates
from matching.models import Match, MatchProposal, MatchStatus, ProposalStatus
from matching.services import match_propose, proposal_accept, proposal_reject
from tests.factories import VolunteerFactory
from tests.matching.engine_helpers import FAMILY_PC4, volunteer_for, waiting_request
from volunteers.models import ScreeningStep

pytestmark = pytest.mark.django_db


def test_a_batch_proposes_each_volunteer_only_within_their_free_places(buurtgezinnen, coordinator):
    requests = [waiting_request(buurtgezinnen) for _ in range(3)]
    popular = volunteer_for(buurtgezinnen, capacity=2)

    batch = propose_batch(buurtgezinnen, by=coordinator)

    proposals = list(batch.proposals.all())
    assert len(proposals) == 2
    assert {p.volunteer for p in proposals} == {popular}
    assert {p.request for p in proposals} < set(requests)
    assert batch.requests_considered == 3
    assert batch.total_score == pytest.approx(sum(p.score for p in proposals))
    assert batch.total_score >= batch.greedy_total_score
    assert not Match.objects.exists()


def test_a_proposal_is_explained_and_adds_up_to_its_score(buurtgezinnen, coordinator):
    waiting_request(buurtgezinnen)
    volunteer_for(buurtgezinnen)

    proposal = propose_batch(buurtgezinnen, by=coordinator).proposals.get()
    assert [part["criterion"] for part in proposal.explanation][:2] == ["distance", "availability"]
    assert sum(part["points"] for part in proposal.explanation) == pytest.approx(proposal.score)


def test_the_family_that_waited_longest_gets_the_only_volunteer(buurtgezinnen, coordinator):
    recent = waiting_request(buurtgezinnen)
    long_waiting = waiting_request(buurtgezinnen)
    long_waiting.created_at = timezone.now() - dt.timedelta(days=200)
    long_waiting.save()
    volunteer_for(buurtgezinnen, capacity=1)

    proposal = propose_batch(buurtgezinnen, by=coordinator).proposals.get()
    assert proposal.request == long_waiting
    assert proposal.request != recent


def test_a_new_batch_replaces_the_pending_proposals_of_the_previous_one(buurtgezinnen, coordinator):
    waiting_request(buurtgezinnen)
    volunteer_for(buurtgezinnen)
    first = propose_batch(buurtgezinnen, by=coordinator).proposals.get()

    second = propose_batch(buurtgezinnen, by=coordinator).proposals.get()
    first.refresh_from_db()
    assert first.status == ProposalStatus.STALE
    assert second.status == ProposalStatus.PENDING


def test_accepting_a_proposal_creates_a_proposed_match(buurtgezinnen, coordinator):
    request = waiting_request(buurtgezinnen)
    volunteer = volunteer_for(buurtgezinnen)
    proposal = propose_batch(buurtgezinnen, by=coordinator).proposals.get()

    match = proposal_accept(proposal=proposal, by=coordinator)

    assert (match.request, match.volunteer, match.status) == (
        request,
        volunteer,
        MatchStatus.PROPOSED,
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert proposal.match == match
    assert proposal.decided_by == coordinator


def test_a_proposal_can_be_accepted_only_once(buurtgezinnen, coordinator):
    waiting_request(buurtgezinnen)
    volunteer_for(buurtgezinnen, capacity=3)
    proposal = propose_batch(buurtgezinnen, by=coordinator).proposals.get()
    proposal_accept(proposal=proposal, by=coordinator)

    with pytest.raises(ValidationError, match="already decided"):
        proposal_accept(proposal=proposal, by=coordinator)
    assert Match.objects.count() == 1


def test_a_proposal_that_became_impossible_is_refused_and_marked_stale(buurtgezinnen, coordinator):
    waiting_request(buurtgezinnen)
    volunteer = volunteer_for(buurtgezinnen)
    proposal = propose_batch(buurtgezinnen, by=coordinator).proposals.get()
    ScreeningStep.objects.filter(volunteer=volunteer, kind="vog").update(
        expires_on=timezone.localdate() - dt.timedelta(days=1)
    )

    with pytest.raises(ValidationError, match="VOG not valid on the start date"):
        proposal_accept(proposal=proposal, by=coordinator)

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.STALE
    assert "VOG" in proposal.reject_reason
    assert not Match.objects.exists()


def test_a_proposal_for_a_volunteer_whose_place_was_taken_meanwhile_is_stale(
    buurtgezinnen, coordinator
):
    waiting_request(buurtgezinnen)
    other = waiting_request(buurtgezinnen)
    volunteer = volunteer_for(buurtgezinnen, capacity=1)
    proposal = propose_batch(buurtgezinnen, by=coordinator).proposals.get()
    taken_by = other if proposal.request != other else proposal.request
    match_propose(request=taken_by, volunteer=volunteer, by=coordinator)

    with pytest.raises(ValidationError):
        proposal_accept(proposal=proposal, by=coordinator)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.STALE
    assert Match.objects.filter(volunteer=volunteer).count() == 1


def test_rejecting_a_proposal_keeps_the_reason(buurtgezinnen, coordinator):
    waiting_request(buurtgezinnen)
    volunteer_for(buurtgezinnen)
    proposal = propose_batch(buurtgezinnen, by=coordinator).proposals.get()

    proposal_reject(proposal=proposal, by=coordinator, reason="Kent het gezin al")

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    assert proposal.reject_reason == "Kent het gezin al"
    assert MatchProposal.objects.pending().count() == 0
    assert not Match.objects.exists()


def test_match_propose_rechecks_every_rule(buurtgezinnen, coordinator):
    request = waiting_request(buurtgezinnen, excludes_pets=True)
    volunteer = volunteer_for(buurtgezinnen, has_pets=True, pc4="5043")

    with pytest.raises(ValidationError, match="too far; has pets") as error:
        match_propose(request=request, volunteer=volunteer, by=coordinator)
    assert error.value.code == "ineligible"
    assert not Match.objects.exists()


def test_match_propose_checks_screening_on_the_planned_start(buurtgezinnen, coordinator):
    request = waiting_request(buurtgezinnen)
    volunteer = volunteer_for(buurtgezinnen)
    start = timezone.localdate() + dt.timedelta(days=30)
    ScreeningStep.objects.filter(volunteer=volunteer, kind="vog").update(
        expires_on=start - dt.timedelta(days=1)
    )

    with pytest.raises(ValidationError, match="VOG"):
        match_propose(request=request, volunteer=volunteer, by=coordinator, planned_start_on=start)
    assert match_propose(request=request, volunteer=volunteer, by=coordinator).pk


def test_a_stored_explanation_reads_in_the_language_of_its_reader(buurtgezinnen, coordinator):
    waiting_request(buurtgezinnen, languages=["nl"])
    volunteer_for(buurtgezinnen, languages=["nl"])
    with translation.override("nl"):
        proposal = propose_batch(buurtgezinnen, by=coordinator).proposals.get()

    with translation.override("en"):
        labels = [part.label for part in proposal.contributions]
    assert "Speaks Dutch, like the family" in labels
    assert sum(part.points for part in proposal.contributions) == pytest.approx(proposal.score)


def test_a_proposal_for_a_request_that_moved_programme_is_stale(
    buurtgezinnen, home_start, coordinator
):
    request = waiting_request(buurtgezinnen)
    volunteer_for(buurtgezinnen)
    proposal = propose_batch(buurtgezinnen, by=coordinator).proposals.get()
    request.programme = home_start
    request.save()

    with pytest.raises(ValidationError, match="moved to another programme"):
        proposal_accept(proposal=proposal, by=coordinator)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.STALE


def test_a_batch_over_all_programmes_offers_a_shared_volunteer_only_once(
    buurtgezinnen, coordinator
):
    from tests.factories import programme

    steunouder = programme("steunouder")
    for_buurtgezinnen = waiting_request(buurtgezinnen)
    for_steunouder = waiting_request(steunouder)
    shared = VolunteerFactory(pc4=FAMILY_PC4, capacity=1, programmes=[buurtgezinnen, steunouder])
    for request in (for_buurtgezinnen, for_steunouder):  # a candidate for both families
        assert [c.volunteer for c in rank_candidates(request).candidates] == [shared]

    batch = propose_batch(None, by=coordinator)

    [proposal] = batch.proposals.all()
    assert proposal.volunteer == shared
    assert proposal.request in (for_buurtgezinnen, for_steunouder)
    assert batch.requests_considered == 2


def test_a_batch_over_all_programmes_fills_each_programmes_own_volunteers(
    buurtgezinnen, coordinator
):
    from tests.factories import programme

    steunouder = programme("steunouder")
    for_buurtgezinnen = waiting_request(buurtgezinnen)
    for_steunouder = waiting_request(steunouder)
    mine = volunteer_for(buurtgezinnen)
    theirs = volunteer_for(steunouder)

    batch = propose_batch(None, by=coordinator)

    pairs = {(p.request, p.volunteer) for p in batch.proposals.all()}
    assert pairs == {(for_buurtgezinnen, mine), (for_steunouder, theirs)}
