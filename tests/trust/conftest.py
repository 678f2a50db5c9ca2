"""Fixtures of the trust tests: staff with an authenticator app, and two families
with everything a family can have, so exports and erasure have something to find."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from coalition.instruments.models import Instrument
from coalition.notifications.services import notification_schedule
from coalition.people.models import Role
from coalition.privacy.models import ConsentPurpose
from documents.models import Document, DocumentVersion
from families.models import (
    Administration,
    Consent,
    ConsentRenewal,
    DuplicateCandidate,
    Family,
    FamilyMerge,
    GoalRating,
    NetworkMap,
    ProgrammeReferral,
    RenewalChannel,
    RequestStatusChange,
    Situation,
)
from families.services import goal_rating_round_open, goals_set
from matching.models import (
    ContactNote,
    Expectation,
    FollowUp,
    MatchProposal,
    MatchStatusChange,
    ProposalBatch,
    Pulse,
)
from matching.moments.models import CalendarFeed
from matching.moments.services import calendar_feed_renew
from tests.factories import (
    ChildFactory,
    FamilyFactory,
    MatchFactory,
    ParentFactory,
    ReferralFactory,
    SupportRequestFactory,
    VolunteerFactory,
    moment_at,
    programme,
    with_totp,
)
from volunteers.models import HouseholdMember, ProgrammeApplication, ScreeningStep


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2's million rounds cost ~0.4 s per user created; not what these tests check."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def make_family(
    *, name: str, surname: str, email: str, phone: str, programme_slug: str, partner_org
):
    """A family with parents, children, a request with health notes, consent, a
    partner referral, a programme referral, a match with follow-ups and notes,
    a contact note and a pending notification."""
    family = FamilyFactory(postcode="5038 AB", contact_times=f"na 15:00, vraag naar {name}")
    parent = ParentFactory(
        family=family, first_name=name, last_name=surname, email=email, phone=phone
    )
    ParentFactory(
        family=family,
        first_name=f"{name}partner",
        last_name=surname,
        email="",
        phone=phone.replace("06-", "06-1"),
        is_primary_contact=False,
    )
    request = SupportRequestFactory(
        family=family,
        programme=programme(programme_slug),
        situation=[Situation.OVERLOADED, Situation.PARENT_MENTAL_HEALTH],
        situation_text=f"{name} {surname} is erg moe en alleen.",
        health_notes=f"{name} heeft een depressie (diagnose huisarts).",
        status="waiting",
        status_reason=f"Intake met {name} gedaan",
        with_child__first_name=f"{name}kind",
        with_child__notes=f"{name}kind slaapt slecht",
    )
    ChildFactory(family=family, first_name=f"{name}baby")
    RequestStatusChange.objects.create(
        request=request, from_status="new", to_status="waiting", reason=f"gesprek met {name}"
    )
    Consent.objects.create(
        purpose=ConsentPurpose.REQUEST,
        text_version="2026-01",
        text="Ik geef toestemming.",
        family=family,
        given_by=f"{name} {surname} via webformulier",
    )
    referral_request = SupportRequestFactory(
        family=family,
        programme=programme(programme_slug),
        source="partner",
        situation_text=f"Verwezen: {name}",
        with_child=False,
    )
    partner_referral = ReferralFactory(
        request=referral_request,
        organisation=partner_org,
        reason=f"{name} {surname} vraagt om steun",
    )
    ConsentRenewal.objects.create(
        consent=partner_referral.consent,
        valid_until=timezone.localdate() + dt.timedelta(days=365),
        channel=RenewalChannel.PHONE,
    )
    other_slug = "steunouder" if programme_slug != "steunouder" else "home-start"
    ProgrammeReferral.objects.create(
        request=request,
        from_programme=programme(programme_slug),
        to_programme=programme(other_slug),
        reason=f"{name} past beter bij {other_slug}",
        # Answered: a request on offer could not have the open match below.
        status="declined",
        decided_at=timezone.now(),
        decision_note=f"Besproken met {name}",
    )
    volunteer = VolunteerFactory(
        first_name="Teuntje",
        last_name=f"Helpt-{programme_slug}",
        programmes=[programme(programme_slug)],
    )
    match = MatchFactory(request=request, volunteer=volunteer, end_note=f"Klik met {name}")
    MatchStatusChange.objects.create(
        match=match, from_status="proposed", to_status="volunteer_agreed", reason=f"{name} akkoord"
    )
    FollowUp.objects.create(
        match=match, kind="evaluation", due_on=timezone.localdate(), notes=f"{name} tevreden"
    )
    ContactNote.objects.create(match=match, kind="visit", text=f"Bezoek bij {name} {surname}")
    Pulse.objects.create(
        match=match,
        side="parent",
        due_on=timezone.localdate(),
        answered_at=timezone.now(),
        score=7,
        fits="yes",
        as_agreed="yes",
        message=f"{name} is blij met de steun",
    )
    Expectation.objects.create(
        match=match, side="parent", months=12, frequency="weekly", purpose=f"Rust voor {name}"
    )
    # Fixed moments: a timestamp's digits must not look like a secret the test looks for.
    fixed = dt.datetime(2026, 11, 2, 10, tzinfo=dt.UTC)
    moment_at(match, fixed, status="happened", planned_at=fixed, confirmed_at=fixed)
    calendar_feed_renew(volunteer=volunteer)
    CalendarFeed.objects.filter(volunteer=volunteer).update(created_at=fixed)
    batch = ProposalBatch.objects.create(
        programme=programme(programme_slug), start_on=timezone.localdate()
    )
    MatchProposal.objects.create(
        batch=batch,
        request=request,
        volunteer=volunteer,
        programme=programme(programme_slug),
        score=42.0,
        status="rejected",
        reject_reason=f"{name} wil liever een gezin dichterbij",
    )
    ContactNote.objects.create(family=family, kind="phone", text=f"{name} gebeld op {phone}")
    # The parent's own goal, rated at intake, a rating link sent, and a network map.
    (goal,) = goals_set(request=request, goals=[(f"{name} wil weer sporten", "own_time")])
    GoalRating.objects.create(goal=goal, score=4, moment="intake", rater="parent")
    goal_rating_round_open(request=request, moment="evaluation", occasion="evaluation-1")
    NetworkMap.objects.create(
        request=request, moment="intake", answers={"talk": ["nobody"]}, rater="parent"
    )
    Administration.objects.create(
        request=request,
        instrument=Instrument.objects.get(code="coalitie-ouderbalans"),
        moment="intake",
        mode="conversation",
        answers={"1": 3, "2": 2},
    )
    # Documents on each kind of record (rows only: no file is written for them).
    for target, title in [
        ({"family": family}, f"Toestemming van {name}"),
        ({"request": request}, f"Intakeverslag {name} {surname}"),
        ({"match": match}, f"Samenwerkingsovereenkomst {name}"),
        ({"volunteer": volunteer}, "Vrijwilligersovereenkomst Teuntje"),
    ]:
        document = Document.objects.create(
            kind="agreement", title=title, special_category="request" in target, **target
        )
        DocumentVersion.objects.create(
            document=document,
            number=1,
            file=f"documents/2026/{next(iter(target))}-{programme_slug}.pdf",
            original_name=f"{title}.pdf",
            content_type="application/pdf",
            size=1000,
        )
    ProgrammeApplication.objects.create(
        volunteer=volunteer, programme=programme(other_slug), motivation="Teuntje wil meer doen"
    )
    # A second request form of the same family, merged into it (the merge can be undone),
    # and a family that looks like it, still to be checked at the intake.
    shell = FamilyFactory(postcode="5038 AB", contact_times=f"bel {name} na 17:00")
    FamilyMerge.objects.create(
        survivor=family,
        merged=shell,
        moved={"families.supportrequest.family": [referral_request.pk]},
    )
    Family.objects.filter(pk=shell.pk).update(merged_into=family)
    lookalike = SupportRequestFactory(programme=programme(programme_slug)).family
    DuplicateCandidate.objects.create(
        family=min(family, lookalike, key=lambda f: f.pk),
        other=max(family, lookalike, key=lambda f: f.pk),
        reasons=[{"code": "phone"}, {"code": "pc4"}],
    )
    notification_schedule(
        kind="request_received",
        due_at=timezone.now() + dt.timedelta(hours=1),
        target=request,
        recipient_email=email,
        context={"first_name": name},
    )
    return SimpleNamespace(
        family=family,
        parent=parent,
        request=request,
        referral_request=referral_request,
        match=match,
        volunteer=volunteer,
        secrets=[name, surname, email, phone],
    )


@pytest.fixture
def family_a(buurtgezinnen, partner_organisation):
    """A Buurtgezinnen family, referred by the partner organisation."""
    return make_family(
        name="Zwaantje",
        surname="Quirijnsen",
        email="zwaantje.quirijnsen@example.org",
        phone="06-98765432",
        programme_slug="buurtgezinnen",
        partner_org=partner_organisation,
    )


@pytest.fixture
def family_b(home_start, other_partner):
    """A Home-Start family of another partner: must never show up in family A's data."""
    return make_family(
        name="Barendina",
        surname="Vlasbloem",
        email="barendina.vlasbloem@example.org",
        phone="06-11223344",
        programme_slug="home-start",
        partner_org=other_partner.organisation,
    )


@pytest.fixture
def screened_volunteer(buurtgezinnen, media_root):
    """A volunteer household with a scanned VOG and a household member's VOG."""
    volunteer = VolunteerFactory(
        first_name="Gerlinde",
        last_name="Oosterwijk",
        email="gerlinde.oosterwijk@example.org",
        phone="06-55554444",
        motivation="Gerlinde wil graag helpen",
        programmes=[buurtgezinnen],
        screened=False,
    )
    step = ScreeningStep.objects.create(
        volunteer=volunteer, kind="vog", done_on=timezone.localdate()
    )
    step.document.save("vog-gerlinde.pdf", ContentFile(b"%PDF-1.4 fictional"), save=True)
    member = HouseholdMember.objects.create(
        volunteer=volunteer, first_name="Hidde", birth_year=1980
    )
    member_step = ScreeningStep.objects.create(
        volunteer=volunteer,
        kind="household_vog",
        household_member=member,
        done_on=timezone.localdate(),
    )
    member_step.document.save("vog-hidde.pdf", ContentFile(b"%PDF-1.4 fictional"), save=True)
    return volunteer


@pytest.fixture
def staff_client(client):
    """A client logged in as `user` with an authenticator app: `staff_client(user)`."""

    def login(user):
        if user.role in (Role.COALITION_ADMIN, Role.COORDINATOR, Role.INTAKE_COORDINATOR):
            with_totp(user)
        client.force_login(user)
        return client

    return login


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` check what only PostgreSQL enforces (the audit
    trigger on DELETE); on SQLite they are deselected, and CI runs the suite on
    PostgreSQL too (DATABASE_URL=postgres://...)."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    kept = [item for item in items if item.get_closest_marker("postgres") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept
