"""Match health on today's work, the match page and the reports: worst first, calls
asked for in the pulse, the pulse as a text message, expectations, the closure; and
constant query counts however many matches and pulses there are."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from matching.models import ContactNote, EndReason, Expectation, Pulse
from tests.coordinators.test_query_counts import warm_up
from tests.factories import MatchFactory, ParentFactory, moment_at

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def met_match(days_ago: int = 40, **fields):
    """A match whose sides met `days_ago` days ago."""
    start = TODAY - dt.timedelta(days=days_ago)
    match = MatchFactory(status="active", introduction_on=start, started_on=start, **fields)
    ParentFactory(family=match.request.family, is_primary_contact=True)
    # The support happens (a dagdeel two days ago): these tests are about the pulse.
    moment_at(match, timezone.now() - dt.timedelta(days=2), status="happened")
    return match


def answered(match, side, score, *, fits="yes", wants_call=False, days_ago=1):
    return Pulse.objects.create(
        match=match,
        side=side,
        due_on=TODAY - dt.timedelta(days=days_ago),
        answered_at=timezone.now() - dt.timedelta(days=days_ago),
        score=score,
        fits=fits,
        as_agreed="yes",
        wants_call=wants_call,
    )


def contact(match, days_ago=1):
    ContactNote.objects.create(
        match=match,
        kind="phone",
        text="Gebeld",
        # Noon on that day: the days counted read the same at any hour of the run.
        created_at=timezone.make_aware(
            dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time(12))
        ),
    )


def caseload(n: int) -> None:
    for i in range(n):
        match = met_match()
        answered(match, "parent", [3, 6, 9][i % 3], fits=["no", "yes", "yes"][i % 3])
        answered(match, "volunteer", 8, wants_call=i % 4 == 0)
        contact(match, days_ago=[1, 40][i % 2])
        Expectation.objects.create(match=match, side="volunteer", months=6, frequency="weekly")
        Expectation.objects.create(
            match=match, side="parent", months=[6, 12][i % 2], frequency="weekly"
        )
        ended = MatchFactory(
            status="ended",
            end_reason=EndReason.NO_CLICK,
            started_on=TODAY - dt.timedelta(days=90),
            ended_on=TODAY - dt.timedelta(days=2),
        )
        answered(ended, "parent", 2, days_ago=40)


def test_today_shows_the_matches_needing_attention_worst_first_with_their_reasons(
    client, coordinator
):
    at_risk = met_match()
    answered(at_risk, "parent", 3, fits="no")
    contact(at_risk)
    attention = met_match()
    contact(attention, days_ago=40)  # on the first meeting: due 15 days later, 25 days ago
    good = met_match()
    answered(good, "parent", 9)
    contact(good)
    client.force_login(coordinator)

    page = client.get("/dashboard/?fresh=1").content.decode()
    panel = page[page.index('data-testid="needing-attention"') :]

    assert panel.index(at_risk.request.reference_code) < panel.index(
        attention.request.reference_code
    )
    assert good.request.reference_code not in panel.split("</section>")[0]
    assert "The parent answered 3 of 10; the parent says the match does not fit" in panel
    assert "Coordinator contact 25 days overdue" in panel
    for status, count in (("at_risk", 1), ("attention", 1), ("good", 1)):
        assert f'data-health-count="{status}">' in panel
        assert (
            f'data-health-count="{status}">'
            + {
                "at_risk": "At risk",
                "attention": "Needs attention",
                "good": "Good",
            }[status]
            + f": <strong>{count}</strong>"
            in panel
        )


def test_a_call_asked_for_in_the_pulse_is_on_today_until_a_note_follows(client, coordinator):
    match = met_match()
    answered(match, "parent", 7, wants_call=True)
    client.force_login(coordinator)
    page = client.get("/dashboard/?fresh=1").content.decode()
    assert 'data-testid="calls-requested"' in page
    assert match.request.reference_code in page.split('data-testid="calls-requested"')[1]

    client.post(f"/dashboard/koppelingen/{match.pk}/notitie/", {"kind": "phone", "text": "Gebeld"})

    page = client.get("/dashboard/?fresh=1").content.decode()
    assert 'data-testid="calls-requested"' not in page


def test_the_match_page_shows_health_contact_due_and_the_pulse_answers(client, coordinator):
    match = met_match(days_ago=20)
    answered(match, "volunteer", 4, fits="not_sure")
    Pulse.objects.filter(match=match).update(message="Het gaat moeizaam")
    client.force_login(coordinator)

    page = client.get(f"/dashboard/koppelingen/{match.pk}/").content.decode()

    assert "At risk" in page
    assert "The volunteer answered 4 of 10" in page
    assert "Coordinator contact 5 days overdue" in page
    assert "Het gaat moeizaam" in page
    assert "4/10" in page


def test_the_pulse_as_a_text_message_is_in_the_parents_language(client, coordinator):
    match = met_match()
    match.request.language = "pl"
    match.request.save(update_fields=["language"])
    pulse = Pulse.objects.create(match=match, side="parent", due_on=TODAY)
    client.force_login(coordinator)

    page = client.post(f"/dashboard/koppelingen/{match.pk}/puls/{pulse.pk}/sms/")

    assert page.status_code == 200
    text = page.context["text"]
    assert "/puls/" in text
    assert text.startswith("Cześć")


def test_two_expectations_far_apart_are_a_warning(client, coordinator):
    match = met_match()
    contact(match)
    client.force_login(coordinator)
    for side, months in (("volunteer", 6), ("parent", 12)):
        client.post(
            f"/dashboard/koppelingen/{match.pk}/verwachting/",
            {"side": side, "months": months, "frequency": "weekly", "purpose": "Rust"},
        )

    page = client.get(f"/dashboard/koppelingen/{match.pk}/").content.decode()

    assert "The volunteer expects 6 months, the family 12" in page
    assert "Needs attention" in page


def test_the_closure_records_the_closing_talks_and_informal_contact(client, coordinator):
    match = met_match()
    client.force_login(coordinator)
    client.post(
        f"/dashboard/koppelingen/{match.pk}/beeindigen/",
        {
            "reason": EndReason.GOALS_REACHED,
            "outcome": "met",
            "on": TODAY.isoformat(),
            "after": "close",
            "close_reason": "Doelen bereikt",
            "ended_by": "coordinator",
        },
    )
    client.post(
        f"/dashboard/koppelingen/{match.pk}/afsluiting/",
        {
            "closing_talk_family_on": TODAY.isoformat(),
            "closing_talk_volunteer_on": TODAY.isoformat(),
            "contact_continues": "on",
        },
    )

    match.refresh_from_db()
    assert (match.ending_kind, match.ended_by, match.contact_continues) == (
        "planned",
        "coordinator",
        True,
    )
    assert match.closing_talk_family_on == match.closing_talk_volunteer_on == TODAY
    assert set(match.pulses.filter(occasion="exit").values_list("side", flat=True)) == {
        "volunteer",
        "parent",
    }


def test_the_report_counts_the_health_30_days_before_the_end_by_end_reason(client, coordinator):
    ended = MatchFactory(
        status="ended",
        end_reason=EndReason.NO_CLICK,
        introduction_on=TODAY - dt.timedelta(days=120),
        ended_on=TODAY - dt.timedelta(days=2),
    )
    answered(ended, "parent", 2, fits="no", days_ago=40)  # known 30 days before the end
    answered(ended, "volunteer", 9, days_ago=3)  # not yet known then
    client.force_login(coordinator)

    page = client.get("/dashboard/rapportages/").content.decode()
    report = page[page.index('id="report-warning-before-end"') :].split("</section>")[0]

    assert "No click between family and volunteer" in report
    row = report[report.rindex("No click") :].split("</tr>")[0]
    assert [cell.split("<")[0] for cell in row.split('text-end">')[1:]] == [
        "1",
        "0",
        "0",
        "1",
    ]  # good, needs attention, at risk


@pytest.mark.parametrize(
    ("url", "expected"), [("/dashboard/?fresh=1", 27), ("/dashboard/rapportages/", 32)]
)
def test_the_health_costs_the_same_queries_with_3_and_30_matches(
    client, coordinator, django_assert_num_queries, url, expected
):
    client.force_login(coordinator)
    warm_up(client)
    caseload(3)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    caseload(27)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
