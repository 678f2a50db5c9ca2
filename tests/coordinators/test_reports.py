"""Reports: aggregates per period and programme, charts, tables and CSV, no personal data."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from coalition.programmes.models import OrganisationKind
from coordinators.reports import (
    bar_chart_svg,
    ended_by_duration,
    ended_by_reason,
    lead_times,
    requests_by_source,
    requests_by_wijk,
    scope_for,
    supply_and_demand,
    volunteer_flow,
)
from families.models import RequestStatus
from matching.models import MatchStatus
from tests.factories import (
    MatchFactory,
    OrganisationFactory,
    ParentFactory,
    ReferralFactory,
    SupportRequestFactory,
    VolunteerFactory,
)
from volunteers.models import VolunteerStatus, VolunteerStatusChange

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def amsterdam(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=AMSTERDAM)


def this_year(user, programme=None):
    today = timezone.localdate()
    return scope_for(user=user, start=dt.date(today.year, 1, 1), end=today, programme=programme)


def rows(table) -> dict:
    return {str(r[0]): r[1:] for r in table.rows}


def test_requests_are_counted_by_source_and_partner_kind(coordinator):
    SupportRequestFactory()
    SupportRequestFactory()
    ReferralFactory(organisation=OrganisationFactory(kind=OrganisationKind.SCHOOL))
    ReferralFactory(organisation=OrganisationFactory(kind=OrganisationKind.GP))
    SupportRequestFactory(source="programme")
    table = rows(requests_by_source(this_year(coordinator)))
    assert table["The family itself"] == [2]
    assert table["Partner: School"] == [1]
    assert table["Partner: General practitioner (huisarts)"] == [1]
    assert table["Another programme of the coalition"] == [1]


def test_a_coordinator_counts_only_their_own_programmes(coordinator, home_start):
    SupportRequestFactory()
    SupportRequestFactory(programme=home_start)
    assert rows(requests_by_source(this_year(coordinator))) == {"The family itself": [1]}


def test_the_coalition_admin_counts_every_programme_and_the_queue(coalition_admin, home_start):
    SupportRequestFactory()
    SupportRequestFactory(programme=home_start)
    SupportRequestFactory(programme=None, help_me_choose=True)
    assert rows(requests_by_source(this_year(coalition_admin))) == {"The family itself": [3]}


def test_requests_outside_the_period_are_not_counted(coordinator):
    SupportRequestFactory(created_at=timezone.now() - dt.timedelta(days=800))
    assert requests_by_source(this_year(coordinator)).rows == []


def test_requests_are_counted_by_wijk(coordinator):
    SupportRequestFactory()
    SupportRequestFactory(family__wijk_id=None)
    table = rows(requests_by_wijk(this_year(coordinator)))
    assert sum(v[0] for v in table.values()) == 2
    assert table["Outside Tilburg or unknown"] == [1]


def test_median_days_to_intake_and_to_match(coordinator):
    today = timezone.localdate()
    for days in (4, 10, 30):
        received = today - dt.timedelta(days=days)
        SupportRequestFactory(
            created_at=amsterdam(received.year, received.month, received.day, 12),
            intake_done_on=today,
            matched_on=today if days == 30 else None,
            status=RequestStatus.MATCHED if days == 30 else RequestStatus.INTAKE_DONE,
        )
    table = rows(lead_times(this_year(coordinator)))
    assert table["Request to intake"] == [10.0, 3]
    assert table["Request to match"] == [30.0, 1]


@time_machine.travel(amsterdam(2026, 11, 20, 0, 30), tick=False)
def test_lead_times_count_days_in_amsterdam_just_after_midnight(coordinator):
    # Received at 00:30 in Amsterdam: still the evening before in UTC.
    SupportRequestFactory(
        created_at=amsterdam(2026, 11, 16, 0, 30),
        intake_done_on=dt.date(2026, 11, 20),
        status=RequestStatus.INTAKE_DONE,
    )
    SupportRequestFactory(
        created_at=amsterdam(2026, 11, 10, 0, 30),
        intake_done_on=dt.date(2026, 11, 12),
        matched_on=dt.date(2026, 11, 20),
        status=RequestStatus.MATCHED,
    )
    table = rows(lead_times(this_year(coordinator)))
    assert table["Request to intake"] == [3.0, 2]
    assert table["Request to match"] == [10.0, 1]


@time_machine.travel(amsterdam(2026, 11, 20, 0, 30), tick=False)
def test_a_match_that_never_started_lasts_from_the_amsterdam_day_it_was_proposed(coordinator):
    MatchFactory(
        proposed_at=amsterdam(2026, 11, 10, 0, 30),
        status=MatchStatus.ENDED,
        started_on=None,
        ended_on=dt.date(2026, 11, 20),
        end_reason="not_started",
    )
    assert rows(ended_by_reason(this_year(coordinator))) == {"Did not start": [1, 10.0]}


def test_ended_matches_by_reason_and_duration(coordinator):
    today = timezone.localdate()
    for started, reason in (
        (today - dt.timedelta(days=40), "no_click"),
        (today - dt.timedelta(days=200), "goals_reached"),
        (today - dt.timedelta(days=400), "goals_reached"),
        (None, "not_started"),
    ):
        MatchFactory(
            status=MatchStatus.ENDED, started_on=started, ended_on=today, end_reason=reason
        )
    by_reason = rows(ended_by_reason(this_year(coordinator)))
    assert by_reason["Goals reached, support no longer needed"] == [2, 300.0]
    assert by_reason["No click between family and volunteer"] == [1, 40.0]
    by_duration = rows(ended_by_duration(this_year(coordinator)))
    assert by_duration == {
        "Did not start": [1],
        "Under 3 months": [1],
        "3 to 6 months": [0],
        "6 to 12 months": [1],
        "A year or longer": [1],
    }


def test_volunteers_new_active_and_stopped(coordinator):
    VolunteerFactory(status=VolunteerStatus.APPLIED, screened=False)
    VolunteerFactory(status=VolunteerStatus.ACTIVE)
    stopped = VolunteerFactory(status=VolunteerStatus.STOPPED)
    VolunteerStatusChange.objects.create(
        volunteer=stopped, from_status="active", to_status="stopped"
    )
    table = rows(volunteer_flow(this_year(coordinator)))
    assert table["Applied in the period"] == [3]
    assert table["Active now"] == [1]
    assert table["Stopped in the period"] == [1]


def test_supply_and_demand_per_wijk(coordinator):
    SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH)
    SupportRequestFactory(status=RequestStatus.WAITING_FOR_MATCH)
    VolunteerFactory()  # free, in De Reit
    full = VolunteerFactory()
    MatchFactory(
        request=SupportRequestFactory(status=RequestStatus.MATCHED),
        volunteer=full,
        status=MatchStatus.ACTIVE,
    )
    table = supply_and_demand(this_year(coordinator))
    assert table.rows == [["Binnenstad", 2, 0], ["De Reit", 0, 1]]


def test_the_chart_is_svg_with_escaped_labels():
    svg = str(
        bar_chart_svg(
            title="Test", labels=["<script>x</script>", "Reeshof"], series=["n"], values=[[3], [5]]
        )
    )
    assert svg.startswith("<svg")
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert svg.count("<rect") == 2


def test_the_reports_page_has_a_chart_and_a_table_per_report(client, coordinator):
    SupportRequestFactory()
    client.force_login(coordinator)
    page = client.get("/dashboard/rapportages/").content.decode()
    assert page.count("<svg") == 15  # counts, outcomes, goals, network, warnings, moments
    assert page.count("Download CSV") == 15


def test_the_csv_export_has_counts_and_no_personal_data(client, coordinator):
    request = SupportRequestFactory()
    parent = ParentFactory(family=request.family, last_name="Vermeulen-Testpersoon")
    client.force_login(coordinator)
    for slug in ("requests-by-source", "requests-by-wijk", "supply-and-demand", "lead-times"):
        response = client.get(f"/dashboard/rapportages/{slug}.csv")
        assert response["Content-Type"].startswith("text/csv")
        body = response.content.decode()
        assert parent.last_name not in body
        assert request.reference_code not in body
    body = client.get("/dashboard/rapportages/requests-by-source.csv").content.decode()
    assert body.splitlines() == ["Source,Requests", "The family itself,1"]


def test_a_report_can_be_limited_to_one_programme_and_period(client, coordinator, buurtgezinnen):
    SupportRequestFactory()
    client.force_login(coordinator)
    response = client.get(
        "/dashboard/rapportages/requests-by-source.csv",
        {"programme": buurtgezinnen.pk, "start": "2020-01-01", "end": "2020-12-31"},
    )
    assert response.content.decode().splitlines() == ["Source,Requests"]


def test_a_coordinator_cannot_report_on_another_programme(client, coordinator, home_start):
    SupportRequestFactory(programme=home_start)
    client.force_login(coordinator)
    response = client.get(
        "/dashboard/rapportages/requests-by-source.csv", {"programme": home_start.pk}
    )
    # An unknown choice is ignored: the report falls back to the coordinator's own programmes.
    assert response.content.decode().splitlines() == ["Source,Requests"]


def test_an_unknown_report_is_a_404(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/dashboard/rapportages/names-and-addresses.csv").status_code == 404


def test_a_long_label_starts_inside_the_chart_and_is_not_cut():
    label = "Samen Oplopen, jongeren met complexe problemen"
    svg = str(bar_chart_svg(title="T", labels=[label], series=["n"], values=[[4]]))

    texts = re.findall(r'<text x="(-?[\d.]+)"[^>]*>([^<]*)</text>', svg)
    assert (("0", label)) in texts
    assert all(float(x) >= 0 for x, _text in texts)


def test_chart_numbers_are_written_as_in_the_table_under_it():
    from django.utils import translation

    from coordinators.reports import bar_chart_svg

    with translation.override("nl"):
        svg = bar_chart_svg(
            title="Wachttijd", labels=["Reeshof"], series=["Dagen"], values=[[13.5]]
        )

    assert ">13,5<" in svg
    assert "13.5" not in svg
