"""The coordinator pages: shortlist of a request and proposals for a programme."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from matching.models import Match, MatchProposal, MatchStatus, ProposalStatus
from tests.matching.engine_helpers import volunteer_for, waiting_request

pytestmark = pytest.mark.django_db


def shortlist_queries() -> int:
    """Session, user, the request, the audit event (and the actor's organisation),
    whether the request is on offer to another programme, children, open matches,
    weights, the volunteer pool (one query), the shortlisted volunteers."""
    return 11


def shortlist_url(request) -> str:
    return reverse("matching:shortlist", kwargs={"pk": request.pk})


def proposals_url(programme) -> str:
    return reverse("matching:proposals", kwargs={"slug": programme.slug})


def test_the_shortlist_shows_ranked_explained_candidates(client, coordinator, buurtgezinnen):
    request = waiting_request(buurtgezinnen)
    volunteer = volunteer_for(buurtgezinnen, first_name="Anouk", last_name="Verbeek")
    volunteer_for(buurtgezinnen, pc4="5043")
    client.force_login(coordinator)

    response = client.get(shortlist_url(request))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Anouk Verbeek" in page
    assert "Lives 0 km away (travels up to 5 km)" in page
    assert "1 too far" in page
    assert f'name="volunteer" value="{volunteer.pk}"' in page


def test_an_anonymous_visitor_is_sent_to_log_in(client, buurtgezinnen):
    request = waiting_request(buurtgezinnen)
    for url in (shortlist_url(request), proposals_url(buurtgezinnen)):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_a_coordinator_of_another_programme_gets_a_404(client, other_coordinator, buurtgezinnen):
    request = waiting_request(buurtgezinnen)
    client.force_login(other_coordinator)

    assert client.get(shortlist_url(request)).status_code == 404
    assert client.get(proposals_url(buurtgezinnen)).status_code == 404
    assert client.post(shortlist_url(request), {"volunteer": 1}).status_code == 404


def test_partners_and_volunteers_cannot_open_the_pages(
    client, partner, volunteer_user, buurtgezinnen
):
    request = waiting_request(buurtgezinnen)
    for user in (partner, volunteer_user):
        client.force_login(user)
        assert client.get(shortlist_url(request)).status_code == 404
        assert client.get(proposals_url(buurtgezinnen)).status_code == 404


@pytest.mark.parametrize("volunteers", [10, 100])
def test_the_shortlist_needs_the_same_few_queries_for_10_or_100_volunteers(
    client, coordinator, buurtgezinnen, django_assert_num_queries, volunteers
):
    request = waiting_request(buurtgezinnen)
    for _ in range(volunteers):
        volunteer_for(buurtgezinnen)
    client.force_login(coordinator)
    # The first page after logging in also checks the two-step login and stamps the
    # idle timer in the session; pin the count of every page after that.
    client.get(shortlist_url(request))

    with django_assert_num_queries(shortlist_queries()):
        response = client.get(shortlist_url(request))
    assert response.status_code == 200
    assert response.content.decode().count('name="volunteer"') == 10


def test_proposing_from_the_shortlist_creates_a_match_and_goes_back_to_the_request(
    client, coordinator, buurtgezinnen
):
    request = waiting_request(buurtgezinnen)
    volunteer = volunteer_for(buurtgezinnen)
    client.force_login(coordinator)

    response = client.post(shortlist_url(request), {"volunteer": volunteer.pk}, follow=True)

    match = Match.objects.get()
    assert (match.request, match.volunteer, match.status) == (
        request,
        volunteer,
        MatchStatus.PROPOSED,
    )
    assert response.redirect_chain[-1][0] == reverse(
        "coordinators:request_detail", kwargs={"pk": request.pk}
    )
    # As the page writes it: a name such as "van 't Riet" is escaped in HTML.
    assert escape(f"{volunteer} is proposed for {request}.") in response.content.decode()


def test_proposing_an_ineligible_volunteer_explains_why_and_creates_nothing(
    client, coordinator, buurtgezinnen
):
    request = waiting_request(buurtgezinnen)
    volunteer = volunteer_for(buurtgezinnen, pc4="5043")
    client.force_login(coordinator)

    response = client.post(shortlist_url(request), {"volunteer": volunteer.pk}, follow=True)

    assert "cannot be proposed for this request: too far" in response.content.decode()
    assert not Match.objects.exists()


def test_a_coordinator_runs_a_batch_and_accepts_a_proposal(client, coordinator, buurtgezinnen):
    request = waiting_request(buurtgezinnen)
    volunteer = volunteer_for(buurtgezinnen)
    client.force_login(coordinator)

    response = client.post(proposals_url(buurtgezinnen), {"action": "run"}, follow=True)
    assert "1 proposal for 1 waiting families." in response.content.decode()
    proposal = MatchProposal.objects.get()
    assert request.reference_code in response.content.decode()

    response = client.post(
        proposals_url(buurtgezinnen),
        {"action": "accept", "proposal": proposal.pk},
        follow=True,
    )
    # As the page writes it: a name such as "van 't Riet" is escaped in HTML.
    assert escape(f"{volunteer} is proposed for {request}.") in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert Match.objects.get().volunteer == volunteer


def test_a_coordinator_rejects_a_proposal_with_a_reason(client, coordinator, buurtgezinnen):
    waiting_request(buurtgezinnen)
    volunteer_for(buurtgezinnen)
    client.force_login(coordinator)
    client.post(proposals_url(buurtgezinnen), {"action": "run"})
    proposal = MatchProposal.objects.get()

    response = client.post(
        proposals_url(buurtgezinnen),
        {"action": "reject", "proposal": proposal.pk, "reason": "Past niet"},
        follow=True,
    )

    assert "No proposals are waiting." in response.content.decode()
    proposal.refresh_from_db()
    assert (proposal.status, proposal.reject_reason) == (ProposalStatus.REJECTED, "Past niet")
    assert not Match.objects.exists()


def test_a_proposal_of_another_programme_cannot_be_decided_here(
    client, coordinator, other_coordinator, buurtgezinnen, home_start
):
    waiting_request(home_start)
    volunteer_for(home_start)
    client.force_login(other_coordinator)
    client.post(proposals_url(home_start), {"action": "run"})
    proposal = MatchProposal.objects.get()

    client.force_login(coordinator)
    response = client.post(
        proposals_url(buurtgezinnen), {"action": "accept", "proposal": proposal.pk}
    )
    assert response.status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING


@pytest.mark.parametrize("families", [2, 6])
def test_the_proposals_page_needs_the_same_queries_for_few_or_many_proposals(
    client, coordinator, buurtgezinnen, django_assert_num_queries, families
):
    for _ in range(families):
        waiting_request(buurtgezinnen)
        volunteer_for(buurtgezinnen)
    client.force_login(coordinator)
    client.post(proposals_url(buurtgezinnen), {"action": "run"})
    assert MatchProposal.objects.pending().count() == families
    client.get(proposals_url(buurtgezinnen))

    # Session, user, programme, pending proposals, latest batch.
    with django_assert_num_queries(7):  # two for the audit event
        response = client.get(proposals_url(buurtgezinnen))
    assert response.content.decode().count('value="accept"') == families


def test_an_empty_shortlist_names_the_rule_that_excludes_the_most(
    client, coordinator, buurtgezinnen
):
    request = waiting_request(buurtgezinnen)
    volunteer_for(buurtgezinnen, pc4="5043")
    volunteer_for(buurtgezinnen, pc4="5043")
    client.force_login(coordinator)

    page = client.get(shortlist_url(request)).content.decode()
    assert "The rule that excludes the most: 2 too far." in page
    assert "2 candidates within 6 km instead of 5 km" in page


def test_the_shortlist_offers_no_proposal_while_the_family_has_an_open_match(
    client, coordinator, buurtgezinnen
):
    request = waiting_request(buurtgezinnen)
    first, second = volunteer_for(buurtgezinnen), volunteer_for(buurtgezinnen)
    client.force_login(coordinator)
    client.post(shortlist_url(request), {"volunteer": first.pk})

    page = client.get(shortlist_url(request)).content.decode()
    assert "This family already has an open match." in page
    assert 'name="volunteer"' not in page
    assert "Propose " not in page

    response = client.post(shortlist_url(request), {"volunteer": second.pk}, follow=True)
    assert "This family already has an open match." in response.content.decode()
    assert list(Match.objects.values_list("volunteer", flat=True)) == [first.pk]
