"""Every list and dashboard page pins its query count, and the count does not grow
with the data: measured with 10 rows of everything, then again with 100."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from coalition.notifications.services import notification_schedule
from documents.models import Document, DocumentVersion
from families.models import GoalRating, NetworkMap, ProgrammeReferral, RequestStatusChange
from families.services import goals_set
from matching.models import ContactNote, FollowUp, MatchStatusChange
from tests.coordinators.builders import build_caseload
from tests.factories import (
    ChildFactory,
    MatchFactory,
    ParentFactory,
    SupportRequestFactory,
    VolunteerFactory,
    moment_at,
)

pytestmark = pytest.mark.django_db

# (url, queries for a coordinator, queries for an intake coordinator). The intake
# coordinator's dashboard has one more panel: the central intake queue. Both open on
# "mine" (their own cases and the unowned ones); `?scope=programme` shows all of
# their programmes' at the same cost. `?fresh=1` renders the dashboard anew (its
# cached copy costs 4: test_dashboard_cache.py).
# Every page includes two queries for its audit event; the dashboard one for the
# panel of matches whose volunteer paused or stopped; seven for match health (the
# watched matches, their pulses, contact notes, expectations, the programmes'
# contact cadences and warning weights, confirmed moments) and the calls the pulse asked
# for; one for
# partners' referrals not answered in time.
LIST_PAGES = [
    ("/dashboard/?fresh=1", 30, 31),
    ("/dashboard/?fresh=1&scope=programme", 30, 31),
    ("/dashboard/verzoeken/", 9, 9),
    ("/dashboard/verzoeken/?q=5038&status=new&ordering=-received&wijk=WK085510", 10, 10),
    ("/dashboard/gezinnen/", 9, 9),
    ("/dashboard/gezinnen/?q=5038&ordering=pc4", 9, 9),
    ("/dashboard/vrijwilligers/", 9, 9),
    ("/dashboard/vrijwilligers/?q=De+Reit&status=approved", 9, 9),
    ("/dashboard/vrijwilligers/pijplijn/", 10, 10),
    ("/dashboard/koppelingen/", 7, 7),
    ("/dashboard/koppelingen/?status=active&ordering=-started", 7, 7),
    ("/dashboard/doorverwijzingen/", 7, 7),
    ("/dashboard/rapportages/", 26, 26),  # 29 with questionnaires: tests/instruments
]


def warm_up(client) -> None:
    """The first page after logging in also checks the two-step login and stamps the
    idle timer in the session (coalition.people.middleware); the pins below are for every
    page after that."""
    assert client.get("/dashboard/").status_code == 200


@pytest.mark.parametrize(("url", "expected", "_intake"), LIST_PAGES)
def test_a_list_page_costs_the_same_queries_with_10_and_100_rows(
    client,
    django_assert_num_queries,
    coordinator,
    buurtgezinnen,
    home_start,
    url,
    expected,
    _intake,
):
    client.force_login(coordinator)
    warm_up(client)
    build_caseload(buurtgezinnen, 10, other_programme=home_start)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    build_caseload(buurtgezinnen, 90, other_programme=home_start)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(("url", "_coordinator", "expected"), LIST_PAGES[:3])
def test_the_intake_coordinators_pages_cost_the_same_with_10_and_100_rows(
    client,
    django_assert_num_queries,
    intake_coordinator,
    buurtgezinnen,
    url,
    _coordinator,
    expected,
):
    client.force_login(intake_coordinator)
    warm_up(client)
    build_caseload(buurtgezinnen, 10)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    build_caseload(buurtgezinnen, 90)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def _grow_history(request, match, coordinator, buurtgezinnen, home_start, n, offset):
    """n more of everything the detail pages show in loops."""
    volunteer = match.volunteer
    for i in range(n):
        ChildFactory(family=request.family)
        ParentFactory(family=request.family)
        RequestStatusChange.objects.create(request=request, to_status="new", changed_by=coordinator)
        ContactNote.objects.create(family=request.family, kind="phone", text="Gebeld")
        notification_schedule(
            kind="request_received",
            due_at=timezone.now() + dt.timedelta(minutes=offset + i),
            target=request,
            recipient_email="ouder@example.org",
        )
        ProgrammeReferral.objects.create(
            request=request,
            from_programme=buurtgezinnen,
            to_programme=home_start,
            reason="Past beter bij Home-Start",
            status="declined",
        )
        FollowUp.objects.create(
            match=match, kind="evaluation", due_on=timezone.localdate() + dt.timedelta(offset + i)
        )
        ContactNote.objects.create(match=match, kind="visit", text="Bezoek", author=coordinator)
        moment_at(match, timezone.now() + dt.timedelta(hours=offset + i))
        moment_at(match, timezone.now() - dt.timedelta(hours=offset + i + 1), status="happened")
        ContactNote.objects.create(volunteer=volunteer, kind="phone", text="Gebeld")
        MatchStatusChange.objects.create(match=match, to_status="active", changed_by=coordinator)
        MatchFactory(volunteer=volunteer, status="ended", end_reason="other")
        VolunteerFactory(programmes=[buurtgezinnen])
        for goal in request.goals.all():
            GoalRating.objects.create(goal=goal, score=i % 11, moment="evaluation", rater="parent")
        for target in ({"family": request.family}, {"request": request}, {"match": match}):
            _document(coordinator, special_category=i % 2 == 0, **target)
        _document(coordinator, volunteer=volunteer)


def _document(by, *, special_category=False, **target):
    """A document with two versions (rows only, no file is written)."""
    document = Document.objects.create(
        kind="other", title="Verslag", special_category=special_category, created_by=by, **target
    )
    for number in (1, 2):
        DocumentVersion.objects.create(
            document=document,
            number=number,
            file=f"documents/2026/{document.pk}-{number}.pdf",
            original_name="verslag.pdf",
            content_type="application/pdf",
            size=1000,
            uploaded_by=by,
        )


@pytest.mark.parametrize(
    ("detail", "expected"),
    # Each count includes two audit queries: the actor's organisation and the event.
    # The request and match pages show the goals: access, goals, ratings, network maps.
    # Documents: the documents, their versions with who uploaded them, and (for the
    # health-information rule) the family's requests or the volunteer's programmes.
    # The match page's support moments: their kinds, the next, the latest, the counts (4).
    # Request and family three for "known elsewhere" (consent, other requests, scope).
    [("request", 27), ("intake", 7), ("match", 28), ("volunteer", 17), ("family", 18)],
)
def test_a_detail_page_costs_the_same_queries_with_a_long_history(
    client, django_assert_num_queries, coordinator, buurtgezinnen, home_start, detail, expected
):
    client.force_login(coordinator)
    warm_up(client)
    request = SupportRequestFactory(status="waiting")
    match = MatchFactory(request=request, status="active", started_on=timezone.localdate())
    goals_set(request=request, goals=[("Rust", "daily_care"), ("Sport", "own_time")])
    NetworkMap.objects.create(request=request, moment="intake", answers={}, rater="parent")
    url = {
        "request": f"/dashboard/verzoeken/{request.pk}/",
        "intake": f"/dashboard/verzoeken/{request.pk}/intake/",
        "match": f"/dashboard/koppelingen/{match.pk}/",
        "volunteer": f"/dashboard/vrijwilligers/{match.volunteer_id}/",
        "family": f"/dashboard/gezinnen/{request.family_id}/",
    }[detail]
    _grow_history(request, match, coordinator, buurtgezinnen, home_start, 10, 0)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    _grow_history(request, match, coordinator, buurtgezinnen, home_start, 90, 1000)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
