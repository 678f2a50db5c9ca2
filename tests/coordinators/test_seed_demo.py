"""`manage.py seed_demo`: a believable, reproducible demo Tilburg.

These run on whatever database DATABASE_URL names (SQLite locally, PostgreSQL in CI);
`test_the_demo_data_passes_the_databases_own_constraint_checks` makes PostgreSQL
check its deferred foreign keys, which a rolled-back test transaction never does.
"""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone

from coalition.people.models import Role, User
from coalition.programmes.models import Programme, ScreeningKind, Wijk
from devtools.demo.constants import ADMIN_EMAIL, DEMO_PASSWORD
from devtools.demo.flush import demo_totp_code
from families.models import RequestStatus, SupportRequest
from matching.models import OPEN_MATCH_STATUSES, Match, MatchStatus
from volunteers.models import ScreeningStep, Volunteer, VolunteerStatus
from volunteers.selectors import screening_missing

pytestmark = pytest.mark.django_db

# Smaller than --size small (300 families), big enough for every status.
SIZE = {"families": 100, "volunteers": 70}


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    # The command hashes the demo password once, but every login checks it again.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, **{**SIZE, **options})
    return out.getvalue()


def fingerprint() -> tuple[list[str], list[str], list[str]]:
    codes = sorted(SupportRequest.objects.values_list("reference_code", flat=True))
    volunteers = sorted(
        f"{first} {last} {pc4}"
        for first, last, pc4 in Volunteer.objects.values_list("first_name", "last_name", "pc4")
    )
    matches = sorted(
        f"{code} {first} {status}"
        for code, first, status in Match.objects.values_list(
            "request__reference_code", "volunteer__first_name", "status"
        )
    )
    return codes, volunteers, matches


def test_the_demo_has_requests_matches_and_volunteers_in_every_status():
    seed(seed=3)

    assert set(SupportRequest.objects.values_list("status", flat=True)) == set(RequestStatus.values)
    assert set(Match.objects.values_list("status", flat=True)) == set(MatchStatus.values)
    assert set(Volunteer.objects.values_list("status", flat=True)) == set(VolunteerStatus.values)
    assert set(SupportRequest.objects.values_list("source", flat=True)) == {
        "self",
        "partner",
        "programme",
    }
    assert SupportRequest.objects.filter(programme=None, help_me_choose=True).exists()


def test_some_working_volunteers_have_a_vog_that_expires_within_sixty_days():
    seed(seed=3)
    today = timezone.localdate()

    expiring = ScreeningStep.objects.filter(
        kind=ScreeningKind.VOG,
        volunteer__status__in=[VolunteerStatus.ACTIVE, VolunteerStatus.APPROVED],
        expires_on__gte=today,
        expires_on__lte=today + timedelta(days=60),
    )
    assert expiring.exists()


def test_the_demo_partners_see_the_requests_their_organisation_referred():
    seed(seed=3)

    for email in ("partner@school.demo.example.org", "partner@wijkteam.demo.example.org"):
        partner = User.objects.get(email=email)
        visible = SupportRequest.objects.visible_to(partner)
        assert visible.exists()
        assert not visible.exclude(referral__organisation=partner.organisation).exists()


def test_every_programme_has_two_coordinators_and_there_is_an_intake_coordinator():
    seed(seed=3)

    for programme in Programme.objects.all():
        assert programme.coordinators.filter(user__role=Role.COORDINATOR).count() == 2
    intake = User.objects.get(email="intake@demo.example.org")
    assert intake.role == Role.INTAKE_COORDINATOR
    assert intake.coordinator.wijken.count() == Wijk.objects.count()
    admin = User.objects.get(email="admin@demo.example.org")
    assert admin.is_superuser and admin.is_staff and admin.role == Role.COALITION_ADMIN


def test_the_same_seed_gives_the_same_data_after_a_flush():
    seed(seed=11)
    first = fingerprint()

    seed(seed=11, flush=True)

    assert fingerprint() == first
    assert len(first[0]) == SIZE["families"]


def test_another_seed_gives_other_data():
    seed(seed=11)
    first = fingerprint()

    seed(seed=12, flush=True)

    assert fingerprint()[0] != first[0]


def test_it_refuses_to_seed_a_database_that_has_demo_data_without_flush():
    seed(seed=1)

    with pytest.raises(CommandError, match="--flush"):
        seed(seed=1)


def test_flush_only_removes_the_demo_data_and_keeps_programmes_and_wijken():
    seed(seed=1)

    call_command("seed_demo", flush_only=True, stdout=StringIO())

    assert not SupportRequest.objects.exists()
    assert not Volunteer.objects.exists()
    assert not Match.objects.exists()
    assert not User.objects.filter(email__endswith="demo.example.org").exists()
    assert Programme.objects.count() == 5
    assert Wijk.objects.count() == 59


def test_active_matches_respect_capacity_and_valid_screening():
    seed(seed=5)
    today = timezone.localdate()

    active = Match.objects.filter(status=MatchStatus.ACTIVE).select_related("programme", "request")
    assert active.exists()
    for match in active.prefetch_related("volunteer__screening", "volunteer__household_members"):
        assert (
            screening_missing(volunteer=match.volunteer, programme=match.programme, on=today) == []
        )
        assert match.volunteer.status == VolunteerStatus.ACTIVE
        assert match.request.status == RequestStatus.MATCHED
    over_capacity = Volunteer.objects.annotate(
        open=Count("matches", filter=Q(matches__status__in=list(OPEN_MATCH_STATUSES)))
    ).filter(open__gt=F("capacity"))
    assert not over_capacity.exists()


def test_active_matches_have_their_evaluations_scheduled():
    seed(seed=5)

    for match in Match.objects.filter(status=MatchStatus.ACTIVE).prefetch_related("followups"):
        kinds = {followup.kind for followup in match.followups.all()}
        assert {"trial_end", "evaluation"} <= kinds


def test_the_children_of_a_request_fit_its_programme():
    seed(seed=5)
    today = timezone.localdate()

    requests = SupportRequest.objects.exclude(programme=None).select_related("programme")
    for request in requests.prefetch_related("children"):
        ages = [child.age_on(today) for child in request.children.all()]
        assert ages
        assert all(request.programme.accepts_child_age(age) for age in ages)


def test_the_status_history_of_every_request_ends_in_its_status():
    seed(seed=5)

    for request in SupportRequest.objects.prefetch_related("status_changes"):
        history = list(request.status_changes.all())
        assert history[0].to_status == RequestStatus.NEW
        assert history[-1].to_status == request.status


def test_the_demo_volunteer_login_belongs_to_a_volunteer_with_an_active_match():
    seed(seed=5)

    volunteer = Volunteer.objects.get(user__email="volunteer@demo.example.org")
    assert volunteer.status == VolunteerStatus.ACTIVE
    assert volunteer.matches.filter(status=MatchStatus.ACTIVE).exists()


def test_a_demo_coordinator_logs_in_with_the_demo_password_and_sees_the_dashboard(client):
    output = seed(seed=5)
    email = "coordinator.buurtgezinnen@demo.example.org"
    assert email in output and DEMO_PASSWORD in output
    assert EmailAddress.objects.filter(email=email, verified=True, primary=True).exists()

    response = client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": demo_totp_code()})

    assert response.status_code == 302
    assert response.url == reverse("coordinators:after_login")
    dashboard = client.get(reverse("coordinators:dashboard"))
    assert dashboard.status_code == 200


def test_every_demo_login_can_log_in(client):
    seed(seed=5)

    for user in User.objects.filter(email__endswith="demo.example.org"):
        assert client.login(email=user.email, password=DEMO_PASSWORD), user.email
        client.logout()


def test_the_demo_data_passes_the_databases_own_constraint_checks():
    seed(seed=8)

    # PostgreSQL defers foreign key checks to the commit; this makes it check now.
    connection.check_constraints()


def test_the_demo_matches_show_all_three_health_states_on_todays_work(client):
    from coordinators.selectors.health import attention_panel
    from matching.models import Expectation, Pulse

    seed(seed=5)
    user = User.objects.get(email=ADMIN_EMAIL)

    panel = attention_panel(user=user, today=timezone.localdate())

    counts = {status: count for status, _label, count in panel.counts}
    assert counts["good"] > 0 and counts["attention"] > 0 and counts["at_risk"] > 0
    assert panel[0].status == "at_risk" and panel[0].reasons
    assert Pulse.objects.filter(answered_at__isnull=False).exists()
    assert Expectation.objects.exists()
    assert Match.objects.filter(status=MatchStatus.ENDED).exclude(ending_kind="").exists()


def test_active_matches_carry_planned_confirmed_and_cancelled_moments():
    from matching.moments.models import Moment
    from matching.moments.selectors import planned_moment_kinds

    seed(seed=5)
    now = timezone.now()

    active = Match.objects.filter(status=MatchStatus.ACTIVE).select_related("programme")
    assert active and all(match.moments.exists() for match in active)
    statuses = set(Moment.objects.filter(match__in=active).values_list("status", flat=True))
    assert statuses == {"planned", "happened", "cancelled"}
    assert Moment.objects.filter(match__in=active, status="planned", starts_at__lt=now).exists()
    assert not Moment.objects.filter(status="happened", starts_at__gt=now).exists()
    for match in active:
        kinds = {spec.kind for spec in planned_moment_kinds(match.programme)}
        assert set(match.moments.values_list("kind", flat=True)) <= kinds
    demo = Volunteer.objects.get(user__email="volunteer@demo.example.org")
    assert Moment.objects.filter(match__volunteer=demo, starts_at__gt=now).exists()
