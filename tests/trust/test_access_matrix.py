"""Who may open which page: one table, every URL of the site, every kind of visitor.

Each row is one URL name, the URL arguments (taken from the `world` below), and
the outcome for each visitor, in the order of ROLES:

    anonymous  parent  volunteer  partner  other-partner  other-coordinator  coordinator  admin

The world is one family of Buurtgezinnen, referred by `partner`'s organisation,
with a match, a follow-up and notes. "parent" has no account: they hold the
private status link of this family (and the session that sent the request);
"volunteer" is the volunteer of the match and holds its check-in link.
Nobody else holds those links: they try a guessed one. "partner" is the
organisation that referred the family, "other-partner" another organisation;
"other-coordinator" works for Home-Start, "coordinator" for Buurtgezinnen.

Outcomes: 200 (page shown), 400 (form refused), 404 (outsiders do not learn the
page exists), 403, 302 (sent on elsewhere), login (sent to the login page), 405.
Actions are POSTed with an empty form (method="post"): a role that may act gets
its form back (400) or is sent on (302); a role that may not never gets either.

Adding a page = adding one line to TABLE. A URL of the project that has no line
makes `test_every_url_of_the_site_is_in_the_table` fail.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from coalition.instruments.models import Instrument
from coalition.notifications.models import Notification, NotificationStatus
from coalition.notifications.services import notification_schedule
from documents.services import document_upload
from families.duplicates.merging import duplicate_merge
from families.models import DuplicateCandidate
from families.services import (
    administration_start,
    goal_rating_invite_for_intake,
    goals_set,
    programme_referral_decide,
    request_issue_status_link,
    request_refer_to_programme,
    status_url,
)
from families.views.request_form import CONFIRMATION_KEY
from matching.models import ContactNote, FollowUp, Pulse
from matching.moments.services import calendar_feed_renew
from matching.pulses import pulse_issue_link
from matching.reminders import check_in_token
from tests.factories import (
    MatchFactory,
    ParentFactory,
    ReferralFactory,
    SupportRequestFactory,
    VolunteerFactory,
    moment_at,
    with_totp,
)
from volunteers.applications import application_create

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "parent",
    "volunteer",
    "partner",
    "other_partner",
    "other_coordinator",
    "coordinator",
    "admin",
)

# A URL argument: a dotted attribute of the world (a model instance gives its
# pk), a literal number, or `f(world, role)` for what differs per visitor.
Arg = str | int | Callable[[SimpleNamespace, str], object]


@dataclass(frozen=True)
class Row:
    expected: tuple[str, ...]
    args: dict[str, Arg] = field(default_factory=dict)
    method: str = "get"


def row(expected: str, method: str = "get", **args: Arg) -> Row:
    """`row(PROGRAMME_ONLY, pk="family")`, `row(..., reference_code="request.reference_code")`:
    outcomes in ROLES order; each URL argument names an attribute of the world."""
    outcomes = tuple(expected.split())
    assert len(outcomes) == len(ROLES), expected
    return Row(outcomes, args, method)


def held_by(holder: str, attribute: str) -> Callable[[SimpleNamespace, str], str]:
    """A private link's token: the world's real one for `holder`, a guess for anyone else."""

    def token(world: SimpleNamespace, role: str) -> str:
        return getattr(world, attribute) if role == holder else world.guessed_token

    return token


#                  anon  parent volunteer partner other-p other-c coord admin
PUBLIC = "200 200 200 200 200 200 200 200"
LOGGED_IN = "login login 200 200 200 200 200 200"
STAFF_ONLY = "login login 404 404 404 200 200 200"
PROGRAMME_ONLY = "login login 404 404 404 404 200 200"
PROGRAMME_ACTS = "login login 404 404 404 404 302 302"
PARTNER_ONLY = "login login 404 200 200 404 404 404"
VOLUNTEER_ONLY = "login login 200 404 404 404 404 404"
PARENT_LINK = "404 200 404 404 404 404 404 404"
VOLUNTEER_LINK = "404 404 200 404 404 404 404 404"
ADMIN_SITE = "login login login login login login login 200"
ALLAUTH_GUEST = "200 200 302 302 302 302 302 302"

TABLE: dict[str, Row] = {
    # coordinators: public pages and the way in
    "coordinators:home": row(PUBLIC),
    "health": row(PUBLIC),
    "favicon": row("302 302 302 302 302 302 302 302"),  # any redirect that is not to the login
    "coordinators:about": row(PUBLIC),
    "coordinators:after_login": row("login login 302 302 302 302 302 302"),
    # coordinators: today's work, lists, reports
    "coordinators:dashboard": row(STAFF_ONLY),
    "coordinators:request_list": row(STAFF_ONLY),
    "coordinators:family_list": row(STAFF_ONLY),
    "coordinators:match_list": row(STAFF_ONLY),
    "coordinators:volunteer_list": row(STAFF_ONLY),
    "coordinators:volunteer_pipeline": row(STAFF_ONLY),
    "coordinators:referrals": row(STAFF_ONLY),
    "coordinators:intake_agenda": row(STAFF_ONLY),
    "coordinators:intake_calendar": row(PROGRAMME_ONLY, pk="planned"),
    "coordinators:reports": row(STAFF_ONLY),
    "coordinators:report_csv": row(STAFF_ONLY, slug="report_slug"),
    # coordinators: a family's questionnaires (answers: the programme that holds the request only)
    "coordinators:request_questionnaires": row(PROGRAMME_ONLY, pk="request"),
    "coordinators:request_questionnaire_start": row(PROGRAMME_ACTS, "post", pk="request"),
    "coordinators:administration_enter": row(PROGRAMME_ONLY, pk="administration"),
    # coordinators: the request of the family
    "coordinators:request_detail": row(PROGRAMME_ONLY, pk="request"),
    "coordinators:request_record_intake": row(PROGRAMME_ONLY, pk="request"),
    "coordinators:request_plan_intake": row(PROGRAMME_ACTS, "post", pk="request"),
    "coordinators:request_choose_programme": row(PROGRAMME_ACTS, "post", pk="request"),
    "coordinators:request_mark_waiting": row(PROGRAMME_ACTS, "post", pk="request"),
    "coordinators:request_refer": row(PROGRAMME_ACTS, "post", pk="request"),
    "coordinators:request_end": row(PROGRAMME_ACTS, "post", pk="request"),
    "coordinators:request_renew_consent": row(PROGRAMME_ACTS, "post", pk="request"),
    "coordinators:request_reissue_status_link": row(PROGRAMME_ACTS, "post", pk="request"),
    "coordinators:request_note": row(PROGRAMME_ACTS, "post", pk="request"),
    "coordinators:request_propose": row(PROGRAMME_ACTS, "post", pk="request"),
    "coordinators:request_assign_owner": row(PROGRAMME_ACTS, "post", pk="request"),
    # coordinators: the parent's own goals (never a partner's or another programme's)
    "coordinators:request_goals": row(PROGRAMME_ONLY, pk="request"),
    "coordinators:request_goals_set": row(PROGRAMME_ACTS, "post", pk="request"),
    "coordinators:request_goals_rate": row(PROGRAMME_ACTS, "post", pk="request"),
    "coordinators:request_network_map": row(PROGRAMME_ACTS, "post", pk="request"),
    "coordinators:request_goals_invite": row(PROGRAMME_ACTS, "post", pk="request"),
    "coordinators:request_goals_consent": row(PROGRAMME_ACTS, "post", pk="request"),
    # Only a call-back request has the page: the others are sent back to their page.
    "coordinators:request_complete_call_back": row(PROGRAMME_ACTS, pk="request"),
    # coordinators: a request Home-Start offers to Buurtgezinnen (the sender may not decide)
    "coordinators:referral_decide": row(PROGRAMME_ACTS, "post", pk="programme_referral"),
    # ... and only the sender closes the task a declined referral leaves
    "coordinators:referral_handled": row(
        "login login 404 404 404 302 404 302", "post", pk="programme_referral"
    ),
    # coordinators: the family
    "coordinators:family_detail": row(PROGRAMME_ONLY, pk="family"),
    "coordinators:family_note": row(PROGRAMME_ACTS, "post", pk="family"),
    "coordinators:family_share_consent": row(PROGRAMME_ACTS, "post", pk="family"),
    # coordinators: possible duplicates (a pair of Buurtgezinnen families) and a merge
    "coordinators:duplicate_list": row(STAFF_ONLY),
    "coordinators:duplicate_merge": row(PROGRAMME_ACTS, "post", pk="duplicate"),
    "coordinators:duplicate_not_same": row(PROGRAMME_ACTS, "post", pk="duplicate"),
    "coordinators:merge_undo": row(PROGRAMME_ACTS, "post", pk="family_merge"),
    # coordinators: the match
    "coordinators:match_detail": row(PROGRAMME_ONLY, pk="match"),
    "coordinators:match_step": row(PROGRAMME_ACTS, "post", pk="match"),
    "coordinators:match_end": row(PROGRAMME_ACTS, "post", pk="match"),
    "coordinators:match_reopen": row(PROGRAMME_ACTS, "post", pk="match"),
    "coordinators:match_note": row(PROGRAMME_ACTS, "post", pk="match"),
    "coordinators:match_expectation": row(PROGRAMME_ACTS, "post", pk="match"),
    "coordinators:match_closure": row(PROGRAMME_ACTS, "post", pk="match"),
    # Shows a text with a new private link, once: the answer to the POST is the page.
    "coordinators:pulse_text": row(
        "login login 404 404 404 404 200 200", "post", pk="match", pulse_pk="volunteer_pulse"
    ),
    "coordinators:match_assign_owner": row(PROGRAMME_ACTS, "post", pk="match"),
    "coordinators:followup_record": row(PROGRAMME_ACTS, "post", pk="match", followup_pk="followup"),
    "coordinators:followup_reschedule": row(
        PROGRAMME_ACTS, "post", pk="match", followup_pk="followup"
    ),
    "coordinators:moment_calendar": row(STAFF_ONLY),
    "coordinators:match_moment_plan": row(PROGRAMME_ACTS, "post", pk="match"),
    "coordinators:match_moment_correct": row(
        PROGRAMME_ACTS, "post", pk="match", moment_pk="moment"
    ),
    # coordinators: the volunteer
    "coordinators:volunteer_detail": row(PROGRAMME_ONLY, pk="volunteer"),
    "coordinators:volunteer_status": row(PROGRAMME_ACTS, "post", pk="volunteer"),
    "coordinators:volunteer_screening": row(PROGRAMME_ACTS, "post", pk="volunteer"),
    "coordinators:volunteer_exempt": row(PROGRAMME_ACTS, "post", pk="volunteer"),
    "coordinators:volunteer_note": row(PROGRAMME_ACTS, "post", pk="volunteer"),
    "coordinators:screening_document": row(PROGRAMME_ONLY, pk="volunteer", step_pk="vog"),
    # ... a Home-Start volunteer applying to Buurtgezinnen: Buurtgezinnen decides
    "coordinators:volunteer_application_decide": row(
        PROGRAMME_ACTS, "post", pk="applicant", application_pk="application"
    ),
    # coordinators: documents kept with the family, request, match or volunteer (downloads of
    # every kind of record and of health information: DOCUMENT_TABLE below)
    "coordinators:family_document_upload": row(PROGRAMME_ACTS, "post", pk="family"),
    "coordinators:request_document_upload": row(PROGRAMME_ACTS, "post", pk="request"),
    "coordinators:match_document_upload": row(PROGRAMME_ACTS, "post", pk="match"),
    "coordinators:volunteer_document_upload": row(PROGRAMME_ACTS, "post", pk="volunteer"),
    "coordinators:document_version_upload": row(PROGRAMME_ACTS, "post", pk="documents.family"),
    "coordinators:document_download": row(PROGRAMME_ONLY, pk="documents.family", number=1),
    # notifications: everyone's own; a failed email to this family's parent is Buurtgezinnen's
    "coordinators:notifications": row(LOGGED_IN),
    "coordinators:notifications_read": row("login login 302 302 302 302 302 302", "post"),
    "coordinators:notification_preferences": row(LOGGED_IN),
    # A failed email is resolved only by staff who may see what it is about
    # (Notification.objects.visible_to).
    "coordinators:notification_resolve": row(PROGRAMME_ACTS, "post", pk="failed_notification"),
    # families: the parents' request form
    "families:request_start": row(PUBLIC),
    "families:request_step": row(PUBLIC, number=1),
    "families:request_sent": row("302 200 302 302 302 302 302 302"),
    "families:call_back": row(PUBLIC),
    # The language switch of a public form keeps what was typed, then switches.
    "families:language_switch": row("302 302 302 302 302 302 302 302", "post"),
    # families: the private status link
    "families:request_status": row(PARENT_LINK, token=held_by("parent", "status_token")),
    "families:request_status_withdraw": row(
        "404 302 404 404 404 404 404 404", "post", token=held_by("parent", "status_token")
    ),
    "families:request_status_contact": row(
        "404 400 404 404 404 404 404 404", "post", token=held_by("parent", "status_token")
    ),
    "families:request_status_revoke": row(
        PARENT_LINK, "post", token=held_by("parent", "status_token")
    ),
    # families: the parent's private link to rate their goals
    "families:goal_rating": row(PARENT_LINK, token=held_by("parent", "rating_token")),
    "families:goal_rating_save": row(
        "404 400 404 404 404 404 404 404", "post", token=held_by("parent", "rating_token")
    ),
    "families:request_status_consent": row(PARENT_LINK, token=held_by("parent", "status_token")),
    "families:request_status_consent_withdraw": row(
        PARENT_LINK, "post", token=held_by("parent", "status_token")
    ),
    # families: the parent's questionnaire link
    "families:questionnaire": row(PARENT_LINK, token=held_by("parent", "questionnaire_token")),
    # families: the partner area
    "families:partner_home": row(PARTNER_ONLY),
    "families:partner_refer": row(PARTNER_ONLY),
    "families:partner_assist": row(PARTNER_ONLY),
    "families:partner_referral_detail": row(
        "login login 404 200 404 404 404 404", reference_code="request.reference_code"
    ),
    # Each partner manages its own organisation's webhook: nothing to find of another's.
    "families:partner_webhook": row(PARTNER_ONLY),
    "families:partner_webhook_rotate": row("login login 404 302 302 404 404 404", "post"),
    "families:partner_webhook_remove": row("login login 404 302 302 404 404 404", "post"),
    # volunteers
    "volunteers:signup": row(PUBLIC),
    "volunteers:signup_done": row("302 302 302 302 302 302 302 302"),
    "volunteers:home": row(VOLUNTEER_ONLY),
    "volunteers:profile": row(VOLUNTEER_ONLY),
    "volunteers:availability": row("login login 400 404 404 404 404 404", "post"),
    "volunteers:change_status": row("login login 400 404 404 404 404 404", "post"),
    "volunteers:apply_programme": row("login login 400 404 404 404 404 404", "post"),
    # matching
    "matching:shortlist": row(PROGRAMME_ONLY, pk="request"),
    "matching:proposals": row(PROGRAMME_ONLY, slug="programme.slug"),
    "checkin:volunteer_check_in": row(VOLUNTEER_LINK, token=held_by("volunteer", "checkin_token")),
    "pulse:answer": row(PARENT_LINK, token=held_by("parent", "pulse_token")),
    "pulse:volunteer_answer": row(VOLUNTEER_ONLY, pk="volunteer_pulse"),
    # matching: the volunteer's support moments (their own matches only) and calendar feed
    "matching:volunteer_moments": row(VOLUNTEER_ONLY),
    "matching:volunteer_moment_plan": row("login login 400 404 404 404 404 404", "post"),
    "matching:volunteer_moment": row(VOLUNTEER_ONLY, pk="moment"),
    "matching:calendar_feed": row(VOLUNTEER_ONLY),
    "matching:calendar_feed_renew": row("login login 200 404 404 404 404 404", "post"),
    "matching:calendar_feed_revoke": row("login login 302 404 404 404 404 404", "post"),
    "matching:moments_feed": row(VOLUNTEER_LINK, token=held_by("volunteer", "feed_token")),
    # people: an invitation link only works for the account it was made for
    "people:invitation_accept": row(
        "410 410 410 410 410 410 410 410", token=lambda world, role: world.guessed_token
    ),
    # privacy
    "privacy:statement": row(PUBLIC),
    "privacy:accessibility": row(PUBLIC),
    "privacy:family_export": row(PROGRAMME_ONLY, pk="family"),
    "privacy:family_erase": row(PROGRAMME_ONLY, pk="family"),
    "privacy:volunteer_export": row(PROGRAMME_ONLY, pk="volunteer"),
    "privacy:volunteer_erase": row(PROGRAMME_ONLY, pk="volunteer"),
    # framework
    "set_language": row("302 302 302 302 302 302 302 302"),
    # Django admin (representative pages; the rest is covered by the prefix rule)
    "admin:index": row(ADMIN_SITE),
    "admin:people_auditevent_changelist": row(ADMIN_SITE),
    # allauth (representative pages)
    "account_login": row(ALLAUTH_GUEST),
    "account_signup": row(ALLAUTH_GUEST),
    "mfa_activate_totp": row("login login 302 302 302 302 302 302"),
}

# URL prefixes of third-party apps whose many pages follow their own rules; the
# representative rows above check that our rules (login, two-step, staff) apply.
COVERED_PREFIXES = {
    "accounts/": "allauth: account pages, guarded by allauth itself",
    "beheer/": "Django admin: staff only, login through allauth (middleware)",
    "api/v1/": "partner API: OAuth 2 client credentials, no sessions; every endpoint is "
    "probed per organisation in tests/families/api (IDOR, scopes, revoked clients)",
}


def site_urls() -> list[tuple[str | None, str]]:
    """(qualified name, route) of every URL pattern of the project."""

    def walk(patterns, prefix="", namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                ns = f"{namespace}:{inner}" if namespace and inner else inner or namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
                yield name, prefix + str(pattern.pattern)

    return list(walk(get_resolver().url_patterns))


def test_every_url_of_the_site_is_in_the_table():
    missing = [
        (name, route)
        for name, route in site_urls()
        if name not in TABLE and not route.startswith(tuple(COVERED_PREFIXES))
    ]

    assert missing == [], "Add a row to TABLE in tests/trust/test_access_matrix.py"


def test_the_table_has_no_rows_for_urls_that_are_gone():
    names = {name for name, _route in site_urls()}

    assert set(TABLE) - names == set()


@pytest.fixture
def world(
    settings,
    tmp_path,
    buurtgezinnen,
    home_start,
    coordinator,
    other_coordinator,
    coalition_admin,
    partner,
    other_partner,
    volunteer_user,
):
    """One family of Buurtgezinnen referred by `partner`'s organisation, matched
    with `volunteer_user`, and a second volunteer of Buurtgezinnen; staff have
    their authenticator app."""
    for user in (coordinator, other_coordinator, coalition_admin):
        with_totp(user)
    request = SupportRequestFactory(programme=buurtgezinnen, source="partner", status="waiting")
    parent = ParentFactory(family=request.family, email="ouder.matrix@example.org")
    ReferralFactory(request=request, organisation=partner.organisation)
    status_token = request_issue_status_link(request=request)
    goals_set(request=request, goals=[("Rust in huis", "daily_care")])
    goal_rating_invite_for_intake(request=request)
    rating_url = Notification.objects.get(kind="goal_rating_invitation").context["rating_url"]
    ouderbalans = Instrument.objects.get(code="coalitie-ouderbalans")
    _linked, questionnaire_token = administration_start(
        request=request, instrument=ouderbalans, moment="intake", mode="link"
    )
    administration, _none = administration_start(
        request=request, instrument=ouderbalans, moment="evaluation", mode="conversation"
    )

    match = MatchFactory(request=request, volunteer=volunteer_user.volunteer)
    followup = FollowUp.objects.create(
        match=match, kind="evaluation", due_on=timezone.localdate() + dt.timedelta(days=7)
    )
    check_in = notification_schedule(
        kind="volunteer_check_in",
        due_at=timezone.now() - dt.timedelta(minutes=5),
        target=match,
        recipient_user=volunteer_user,
        context={"volunteer_first_name": volunteer_user.first_name, "month": 1},
    )
    notification_schedule(
        kind="evaluation_upcoming",
        due_at=timezone.now() - dt.timedelta(minutes=5),
        target=followup,
        recipient_user=coordinator,
        context={"reference_code": request.reference_code, "due_on": str(followup.due_on)},
    )
    failed = notification_schedule(
        kind="request_confirmation",
        due_at=timezone.now() - dt.timedelta(hours=1),
        target=request,
        recipient_email=parent.email,
        context={"first_name": parent.first_name},
    )
    Notification.objects.filter(pk=failed.pk).update(status=NotificationStatus.NEEDS_ATTENTION)

    planned = SupportRequestFactory(
        programme=buurtgezinnen,
        status="intake_planned",
        intake_planned_for=timezone.now() + dt.timedelta(days=2),
    )
    offered = SupportRequestFactory(programme=home_start, status="waiting")
    offered_volunteer = VolunteerFactory(programmes=[home_start])
    offered_match = MatchFactory(
        request=offered, volunteer=offered_volunteer, status="ended", end_reason="no_click"
    )
    offered_followup = FollowUp.objects.create(
        match=offered_match,
        kind="evaluation",
        due_on=timezone.localdate(),
        notes="Evaluatie Home-Start",
    )
    ContactNote.objects.create(match=offered_match, text="Notitie Home-Start")
    offered_pulse = Pulse.objects.create(
        match=offered_match, side="parent", due_on=timezone.localdate()
    )
    parent_pulse = Pulse.objects.create(match=match, side="parent", due_on=timezone.localdate())
    volunteer_pulse = Pulse.objects.create(
        match=match, side="volunteer", due_on=timezone.localdate()
    )
    yesterday = timezone.now() - dt.timedelta(days=1)
    moment = moment_at(match, yesterday)
    offered_moment = moment_at(offered_match, yesterday, kind="visit")
    feed_token = calendar_feed_renew(volunteer=volunteer_user.volunteer)
    programme_referral = request_refer_to_programme(
        request=offered,
        to_programme=buurtgezinnen,
        reason="Past beter bij een steungezin.",
        family_agreed=True,
        by=other_coordinator,
    )
    lookalike = SupportRequestFactory(programme=buurtgezinnen).family
    duplicate = DuplicateCandidate.objects.create(
        family=min(request.family, lookalike, key=lambda f: f.pk),
        other=max(request.family, lookalike, key=lambda f: f.pk),
        reasons=[{"code": "phone"}],
    )
    merged_away = SupportRequestFactory(programme=buurtgezinnen)
    family_merge = duplicate_merge(
        candidate=DuplicateCandidate.objects.create(
            family=min(planned.family, merged_away.family, key=lambda f: f.pk),
            other=max(planned.family, merged_away.family, key=lambda f: f.pk),
        ),
        survivor=planned.family,
        by=coordinator,
    )
    settings.MEDIA_ROOT = tmp_path / "media"
    volunteer = VolunteerFactory(programmes=[buurtgezinnen])
    vog = volunteer.screening.get(kind="vog")
    vog.document.save("vog-scan.pdf", ContentFile(b"%PDF-1.4 invented test scan"))
    applicant = VolunteerFactory(programmes=[home_start])
    application = application_create(volunteer=applicant, programme=buurtgezinnen)
    documents = _documents(request=request, match=match, volunteer=volunteer, offered=offered)
    return SimpleNamespace(
        documents=documents,
        applicant=applicant,
        application=application,
        programme=buurtgezinnen,
        family=request.family,
        request=request,
        planned=planned,
        duplicate=duplicate,
        family_merge=family_merge,
        match=match,
        followup=followup,
        moment=moment,
        offered_moment=offered_moment,
        feed_token=feed_token,
        volunteer=volunteer,
        vog=vog,
        programme_referral=programme_referral,
        offered=offered,
        offered_family=offered.family,
        offered_match=offered_match,
        offered_followup=offered_followup,
        offered_volunteer=offered_volunteer,
        offered_vog=offered_volunteer.screening.get(kind="vog"),
        failed_notification=failed,
        status_token=status_token,
        rating_token=rating_url.rstrip("/").rsplit("/", 1)[-1],
        questionnaire_token=questionnaire_token,
        administration=administration,
        checkin_token=check_in_token(check_in),
        pulse_token=pulse_issue_link(pulse=parent_pulse),
        volunteer_pulse=volunteer_pulse,
        offered_pulse=offered_pulse,
        guessed_token=secrets.token_urlsafe(32),
        report_slug="requests-by-source",
        sessions={
            "parent": {
                CONFIRMATION_KEY: {
                    "reference_code": request.reference_code,
                    "status_url": status_url(status_token),
                    "email": True,
                }
            }
        },
        users={
            "anonymous": None,
            "parent": None,
            "volunteer": volunteer_user,
            "partner": partner,
            "other_partner": other_partner,
            "other_coordinator": other_coordinator,
            "coordinator": coordinator,
            "admin": coalition_admin,
        },
    )


def _documents(*, request, match, volunteer, offered) -> SimpleNamespace:
    def scan(name: str) -> SimpleUploadedFile:
        return SimpleUploadedFile(name, b"%PDF-1.4 invented test document")

    def upload(**target):
        return document_upload(
            kind="other", title="Document", upload=scan("d.pdf"), by=None, **target
        )

    return SimpleNamespace(
        family=upload(family=request.family),
        request=upload(request=request),
        match=upload(match=match),
        volunteer=upload(volunteer=volunteer),
        health=document_upload(
            kind="intake_report",
            title="Intakeverslag",
            upload=scan("intake.pdf"),
            by=None,
            special_category=True,
            request=request,
        ),
        offered=upload(request=offered),
    )


def url_argument(world: SimpleNamespace, role: str, arg: Arg) -> object:
    if callable(arg):
        return arg(world, role)
    if isinstance(arg, int):
        return arg
    value = world
    for attribute in arg.split("."):
        value = getattr(value, attribute)
    return value.pk if isinstance(value, models.Model) else value


def visitor(world: SimpleNamespace, role: str) -> Client:
    client = Client()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    if role in world.sessions:
        session = client.session
        session.update(world.sessions[role])
        session.save()
    return client


def outcome(response) -> str:
    if response.status_code in (301, 302):
        location = response["Location"]
        login_pages = (reverse("account_login"), reverse("admin:login"))
        return "login" if location.startswith(login_pages) else "302"
    return str(response.status_code)


@pytest.mark.parametrize("name", sorted(TABLE))
def test_each_visitor_gets_what_the_table_says(world, name):
    spec = TABLE[name]
    actual = []
    for role in ROLES:
        kwargs = {arg: url_argument(world, role, value) for arg, value in spec.args.items()}
        # Each visitor finds the world as it was: one's action does not decide the next cell.
        with transaction.atomic():
            response = getattr(visitor(world, role), spec.method)(reverse(name, kwargs=kwargs))
            transaction.set_rollback(True)
        actual.append(outcome(response))

    assert dict(zip(ROLES, actual, strict=True)) == dict(zip(ROLES, spec.expected, strict=True))


# --- Documents: a download of each kind of record, and of health information ----
#
# A document is read by the rule of the record it hangs on; one with health
# information only by whom may see the request's health information
# (`can_see_special_category`): never the administrator.

DOCUMENT_TABLE: dict[str, Row] = {
    "family": row(PROGRAMME_ONLY, pk="documents.family", number=1),
    "request": row(PROGRAMME_ONLY, pk="documents.request", number=1),
    "match": row(PROGRAMME_ONLY, pk="documents.match", number=1),
    "volunteer": row(PROGRAMME_ONLY, pk="documents.volunteer", number=1),
    "health": row("login login 404 404 404 404 200 404", pk="documents.health", number=1),
    "health, new version": row(
        "login login 404 404 404 404 302 404", "post", pk="documents.health"
    ),
}
DOCUMENT_URLS = {"health, new version": "coordinators:document_version_upload"}


@pytest.mark.parametrize("kind", sorted(DOCUMENT_TABLE))
def test_each_visitor_gets_the_documents_the_table_says(world, kind):
    spec = DOCUMENT_TABLE[kind]
    name = DOCUMENT_URLS.get(kind, "coordinators:document_download")
    actual = []
    for role in ROLES:
        kwargs = {arg: url_argument(world, role, value) for arg, value in spec.args.items()}
        with transaction.atomic():
            response = getattr(visitor(world, role), spec.method)(reverse(name, kwargs=kwargs))
            transaction.set_rollback(True)
        actual.append(outcome(response))

    assert dict(zip(ROLES, actual, strict=True)) == dict(zip(ROLES, spec.expected, strict=True))


# --- A request offered by another programme -----------------------------------
#
# Home-Start offers one of its requests (with an ended match, its evaluation, a
# match note and its volunteer) to Buurtgezinnen. What "coordinator"
# (Buurtgezinnen) gets, in each state of that programme referral, in the order of
# REFERRAL_STATES:
#
#     pending  declined  accepted
#
# Pending: the request and what the family agreed to share, nothing of the
# sender's matches or volunteers, no acting on it; declined: nothing; accepted:
# as the owner. Every row of TABLE about a request, family, match or volunteer
# has its line here (`test_every_record_url_is_in_the_referral_table`).

REFERRAL_STATES = ("pending", "declined", "accepted")


def referral_row(expected: str, method: str = "get", **args: Arg) -> Row:
    outcomes = tuple(expected.split())
    assert len(outcomes) == len(REFERRAL_STATES), expected
    return Row(outcomes, args, method)


#                  pending declined accepted
READS = "200 404 200"
OWNER_READS = "404 404 200"
OWNER_ACTS = "404 404 302"
SENDERS = "404 404 404"

REFERRAL_TABLE: dict[str, Row] = {
    "coordinators:request_detail": referral_row(READS, pk="offered"),
    "coordinators:request_record_intake": referral_row(OWNER_READS, pk="offered"),
    "coordinators:request_plan_intake": referral_row(OWNER_ACTS, "post", pk="offered"),
    "coordinators:request_choose_programme": referral_row(OWNER_ACTS, "post", pk="offered"),
    "coordinators:request_mark_waiting": referral_row(OWNER_ACTS, "post", pk="offered"),
    "coordinators:request_refer": referral_row(OWNER_ACTS, "post", pk="offered"),
    "coordinators:request_end": referral_row(OWNER_ACTS, "post", pk="offered"),
    "coordinators:request_renew_consent": referral_row(OWNER_ACTS, "post", pk="offered"),
    "coordinators:request_reissue_status_link": referral_row(OWNER_ACTS, "post", pk="offered"),
    "coordinators:request_note": referral_row("302 404 302", "post", pk="offered"),
    "coordinators:request_goals": referral_row(OWNER_READS, pk="offered"),
    "coordinators:request_goals_set": referral_row(OWNER_ACTS, "post", pk="offered"),
    "coordinators:request_goals_rate": referral_row(OWNER_ACTS, "post", pk="offered"),
    "coordinators:request_network_map": referral_row(OWNER_ACTS, "post", pk="offered"),
    "coordinators:request_goals_invite": referral_row(OWNER_ACTS, "post", pk="offered"),
    "coordinators:request_goals_consent": referral_row(OWNER_ACTS, "post", pk="offered"),
    "coordinators:request_propose": referral_row(OWNER_ACTS, "post", pk="offered"),
    "coordinators:request_assign_owner": referral_row(OWNER_ACTS, "post", pk="offered"),
    "coordinators:request_complete_call_back": referral_row(OWNER_ACTS, pk="offered"),
    # A family's questionnaire answers are for the programme that holds the request.
    "coordinators:request_questionnaires": referral_row(OWNER_READS, pk="offered"),
    "coordinators:request_questionnaire_start": referral_row(OWNER_ACTS, "post", pk="offered"),
    # The task a declined referral leaves is the sender's, never the receiver's.
    "coordinators:referral_handled": referral_row(SENDERS, "post", pk="programme_referral"),
    # Answered once: a second answer is sent back with a message.
    "coordinators:referral_decide": referral_row("302 302 302", "post", pk="programme_referral"),
    "coordinators:family_detail": referral_row(READS, pk="offered_family"),
    "coordinators:family_note": referral_row("302 404 302", "post", pk="offered_family"),
    # Only who holds the family records its consent: not a programme it is offered to.
    "coordinators:family_share_consent": referral_row(OWNER_ACTS, "post", pk="offered_family"),
    "matching:shortlist": referral_row(OWNER_READS, pk="offered"),
    "privacy:family_export": referral_row(READS, pk="offered_family"),
    "privacy:family_erase": referral_row(OWNER_READS, pk="offered_family"),
    # The sender's match, its evaluation and volunteer stay the sender's.
    "coordinators:match_detail": referral_row(SENDERS, pk="offered_match"),
    "coordinators:match_step": referral_row(SENDERS, "post", pk="offered_match"),
    "coordinators:match_end": referral_row(SENDERS, "post", pk="offered_match"),
    "coordinators:match_reopen": referral_row(SENDERS, "post", pk="offered_match"),
    "coordinators:match_note": referral_row(SENDERS, "post", pk="offered_match"),
    "coordinators:match_expectation": referral_row(SENDERS, "post", pk="offered_match"),
    "coordinators:match_closure": referral_row(SENDERS, "post", pk="offered_match"),
    "coordinators:pulse_text": referral_row(
        SENDERS, "post", pk="offered_match", pulse_pk="offered_pulse"
    ),
    "coordinators:match_assign_owner": referral_row(SENDERS, "post", pk="offered_match"),
    "coordinators:followup_record": referral_row(
        SENDERS, "post", pk="offered_match", followup_pk="offered_followup"
    ),
    "coordinators:followup_reschedule": referral_row(
        SENDERS, "post", pk="offered_match", followup_pk="offered_followup"
    ),
    "coordinators:match_moment_plan": referral_row(SENDERS, "post", pk="offered_match"),
    "matching:volunteer_moment": referral_row(SENDERS, pk="offered_moment"),
    "coordinators:match_moment_correct": referral_row(
        SENDERS, "post", pk="offered_match", moment_pk="offered_moment"
    ),
    "coordinators:volunteer_detail": referral_row(SENDERS, pk="offered_volunteer"),
    "coordinators:volunteer_status": referral_row(SENDERS, "post", pk="offered_volunteer"),
    "coordinators:volunteer_screening": referral_row(SENDERS, "post", pk="offered_volunteer"),
    "coordinators:volunteer_exempt": referral_row(SENDERS, "post", pk="offered_volunteer"),
    "coordinators:volunteer_note": referral_row(SENDERS, "post", pk="offered_volunteer"),
    "coordinators:screening_document": referral_row(
        SENDERS, pk="offered_volunteer", step_pk="offered_vog"
    ),
    "coordinators:family_document_upload": referral_row("302 404 302", "post", pk="offered_family"),
    "coordinators:request_document_upload": referral_row(OWNER_ACTS, "post", pk="offered"),
    "coordinators:match_document_upload": referral_row(SENDERS, "post", pk="offered_match"),
    "coordinators:volunteer_document_upload": referral_row(SENDERS, "post", pk="offered_volunteer"),
    # A document on the offered request is read like the request, added to by its owner only.
    "coordinators:document_download": referral_row(READS, pk="documents.offered", number=1),
    "coordinators:document_version_upload": referral_row(
        OWNER_ACTS, "post", pk="documents.offered"
    ),
    "privacy:volunteer_export": referral_row(SENDERS, pk="offered_volunteer"),
    "privacy:volunteer_erase": referral_row(SENDERS, pk="offered_volunteer"),
}

RECORDS = {"request", "family", "match", "followup", "moment", "volunteer", "programme_referral"}


def test_every_record_url_is_in_the_referral_table():
    about_records = {
        name
        for name, spec in TABLE.items()
        if RECORDS & {value for value in spec.args.values() if isinstance(value, str)}
    }

    assert about_records - set(REFERRAL_TABLE) == set()


def referral_in_state(world: SimpleNamespace, state: str) -> None:
    if state == "pending":
        return
    programme_referral_decide(
        referral=world.programme_referral,
        accept=state == "accepted",
        by=world.users["coordinator"],
        note="Geen plek." if state == "declined" else "",
    )


@pytest.mark.parametrize("name", sorted(REFERRAL_TABLE))
def test_the_receiving_programme_gets_what_the_referral_table_says(world, name):
    spec = REFERRAL_TABLE[name]
    actual = []
    for state in REFERRAL_STATES:
        kwargs = {
            arg: url_argument(world, "coordinator", value) for arg, value in spec.args.items()
        }
        with transaction.atomic():
            referral_in_state(world, state)
            client = visitor(world, "coordinator")
            response = getattr(client, spec.method)(reverse(name, kwargs=kwargs))
            transaction.set_rollback(True)
        actual.append(outcome(response))

    assert dict(zip(REFERRAL_STATES, actual, strict=True)) == dict(
        zip(REFERRAL_STATES, spec.expected, strict=True)
    )
