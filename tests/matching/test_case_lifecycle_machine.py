"""A case over its whole life, as a stateful property: random sequences of the real
services (submit, partner referral, intake, programme referral, propose, the stages,
activate, end early, wait again, re-match, withdraw, close, a volunteer pausing or
stopping, a case handed to a colleague), and after every step everyone sees the truth.

Each example runs inside a savepoint that is rolled back at its end, so the
examples do not see each other's rows and the test stays fast on SQLite."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from coalition.notifications.models import Notification, NotificationStatus
from coalition.notifications.reminders import still_relevant
from coalition.people.access import can_own_case
from coalition.people.models import Role
from families.models import (
    ProgrammeReferral,
    ProgrammeReferralStatus,
    RequestStatus,
    RequestStatusChange,
    SupportRequest,
)
from families.selectors import (
    CLOSED_WITHOUT_SUPPORT_TEXT,
    PARENT_STATUS_TEXT,
    WAITING_AGAIN_TEXT,
    PartnerStatus,
    parent_status_text,
    partner_referrals,
)
from families.services import (
    programme_referral_decide,
    referral_create,
    request_assign_owner,
    request_mark_waiting,
    request_plan_intake,
    request_refer_to_programme,
    request_submit,
    request_withdraw_by_parent,
)
from matching.case import AfterEnding, OpenMatches, match_end, request_close
from matching.intake import request_record_intake
from matching.models import (
    OPEN_MATCH_STATUSES,
    EndReason,
    Match,
    MatchStatus,
    MatchStatusChange,
)
from matching.owners import match_assign_owner
from matching.services import match_advance, match_propose
from tests.factories import CoordinatorFactory, UserFactory, VolunteerFactory
from volunteers.models import Volunteer, VolunteerStatus
from volunteers.selectors import matches_for_volunteer
from volunteers.services import volunteer_change_status, volunteer_self_change_status

pytestmark = pytest.mark.django_db

CLOSED = (RequestStatus.CLOSED, RequestStatus.WITHDRAWN, RequestStatus.REFERRED_ELSEWHERE)
OPEN = [s for s in RequestStatus.values if s not in CLOSED]
INTAKE = [RequestStatus.NEW, RequestStatus.INTAKE_PLANNED, RequestStatus.INTAKE_DONE]
NEXT_STAGE = {
    MatchStatus.PROPOSED: MatchStatus.VOLUNTEER_AGREED,
    MatchStatus.VOLUNTEER_AGREED: MatchStatus.FAMILY_AGREED,
    MatchStatus.FAMILY_AGREED: MatchStatus.INTRODUCTION,
    MatchStatus.INTRODUCTION: MatchStatus.TRIAL,
    MatchStatus.TRIAL: MatchStatus.ACTIVE,
}
FAMILY = {
    "phone": "06 12345678",
    "contact_preference": "phone",
    "contact_times": "na 15 uur",
    "postcode": "5037 AB",
    "children": [("Sara", 3)],
    "consent_text": "Ik geef toestemming.",
    "consent_version": "test",
}
picks = st.integers(min_value=0, max_value=50)
# The match stages the examples reached: the test fails if it never got far.
REACHED: set = set()
# Which kinds of case were handed to a colleague in the examples (the test checks it did happen).
HANDED: set = set()


def _pick(items: list, index: int):
    return items[index % len(items)] if items else None


class CaseMachine(RuleBasedStateMachine):
    """The cast (coordinator, partner, programmes) is set by the test below."""

    cast: dict = {}

    def __init__(self):
        super().__init__()
        self._savepoint = transaction.atomic()
        self._savepoint.__enter__()
        self.coordinator = self.cast["coordinator"]
        self.colleague = self.cast["colleague"]
        self.partner = self.cast["partner"]
        self.programmes = self.cast["programmes"]
        # Made once by the test; each example's changes to them are rolled back.
        self.volunteers = self.cast["volunteers"]
        self.requests: list[int] = []
        self.partner_requests: set[int] = set()
        self.parent_withdrew: set[int] = set()

    def teardown(self):
        transaction.set_rollback(True)
        self._savepoint.__exit__(None, None, None)

    # --- reads ---------------------------------------------------------------

    def _requests(self, *statuses) -> list[SupportRequest]:
        rows = SupportRequest.objects.filter(pk__in=self.requests).order_by("pk")
        return list(rows.filter(status__in=statuses) if statuses else rows)

    def _open_matches(self, *statuses) -> list[Match]:
        rows = Match.objects.filter(request_id__in=self.requests).open().order_by("pk")
        return list(rows.filter(status__in=statuses) if statuses else rows)

    def _volunteer(self, index: int) -> Volunteer:
        return Volunteer.objects.select_related("user").get(pk=_pick(self.volunteers, index))

    def _has(self, model=SupportRequest, **where) -> bool:
        if model is Match:
            return Match.objects.filter(request_id__in=self.requests, **where).exists()
        return SupportRequest.objects.filter(pk__in=self.requests, **where).exists()

    @initialize()
    def two_families_wait(self):
        """One family asked itself, one was referred by a partner; both had their intake."""
        self.parent_submits(language="ar")
        self.partner_refers()
        for _ in range(2):
            self.coordinator_records_intake(i=0)
            self.family_waits(i=0)

    # --- a family asks --------------------------------------------------------

    @rule(by_partner=st.booleans(), language=st.sampled_from(["nl", "ar", "pl"]))
    def a_family_asks(self, by_partner, language):
        if by_partner:
            self.partner_refers()
        else:
            self.parent_submits(language=language)

    def parent_submits(self, language):
        submitted = request_submit(
            first_name="Fatma",
            email="ouder@example.org",
            situation=["overloaded"],
            situation_text="",
            programme=self.programmes[0],
            availability=(1 << 21) - 1,
            languages=["nl"],
            needs_shared_language=False,
            language=language,
            **FAMILY,
        )
        self.requests.append(submitted.request.pk)

    def partner_refers(self):
        referral = referral_create(
            by=self.partner,
            parent_first_name="Noor",
            email="",
            language="nl",
            reason="Moeder is alleen.",
            advised_programme=self.programmes[0],
            parents_agreed_on=timezone.localdate(),
            **FAMILY,
        )
        SupportRequest.objects.filter(pk=referral.request_id).update(availability=(1 << 21) - 1)
        self.requests.append(referral.request_id)
        self.partner_requests.add(referral.request_id)

    # --- intake and waiting --------------------------------------------------------

    @precondition(lambda self: self._has(status__in=INTAKE))
    @rule(i=picks, plan_first=st.booleans())
    def the_intake_moves_on(self, i, plan_first):
        """Plan the intake (or not), record it, and the family waits."""
        if plan_first:
            self.coordinator_plans_intake(i)
        self.coordinator_records_intake(i)
        self.family_waits(i)

    def coordinator_plans_intake(self, i):
        request = _pick(self._requests(RequestStatus.NEW), i)
        if request is not None:
            when = timezone.now() + dt.timedelta(days=2)
            request_plan_intake(request=request, when=when, by=self.coordinator)

    def coordinator_records_intake(self, i):
        request = _pick(self._requests(RequestStatus.NEW, RequestStatus.INTAKE_PLANNED), i)
        if request is not None:
            request_record_intake(request=request, by=self.coordinator, notes="Gesprek.")

    def family_waits(self, i):
        request = _pick(self._requests(RequestStatus.INTAKE_DONE), i)
        if request is not None:
            request_mark_waiting(request=request, by=self.coordinator)

    @precondition(lambda self: self._has(status__in=OPEN))
    @rule(i=picks, accept=st.booleans())
    def programme_referral(self, i, accept):
        request = _pick(self._requests(*RequestStatus.values), i)
        if request is None or not request.is_open:
            return
        other = next(p for p in self.programmes if p.pk != request.programme_id)
        try:
            referral = request_refer_to_programme(
                request=request,
                to_programme=other,
                reason="Past beter.",
                family_agreed=True,
                by=self.coordinator,
            )
            programme_referral_decide(
                referral=referral, accept=accept, by=self.coordinator, note="Vol."
            )
        except ValidationError as error:
            # Only an open match keeps a request where it is.
            assert "open match" in " ".join(error.messages), error.messages
            ProgrammeReferral.objects.filter(
                request=request, status=ProgrammeReferralStatus.PENDING
            ).delete()

    # --- matching ------------------------------------------------------------------

    @precondition(lambda self: self._has(status=RequestStatus.WAITING_FOR_MATCH))
    @rule(i=picks, v=picks)
    def coordinator_proposes(self, i, v):
        request = _pick(self._requests(RequestStatus.WAITING_FOR_MATCH), i)
        if request is None:
            return
        try:
            match_propose(request=request, volunteer=self._volunteer(v), by=self.coordinator)
        except ValidationError as error:
            assert error.code in {
                "request_matched",
                "status",
                "capacity",
                "programme",
                "ineligible",
            }, error

    @precondition(lambda self: self._has(Match, status__in=list(NEXT_STAGE)))
    @rule(m=picks, stages=st.integers(min_value=1, max_value=5))
    def the_match_moves_on(self, m, stages):
        """Both sides agree, the introduction, the trial, active: one or more stages."""
        match = _pick(self._open_matches(*NEXT_STAGE), m)
        for _ in range(stages):
            if match is None or match.status not in NEXT_STAGE:
                return
            match = match_advance(
                match=match, to_status=NEXT_STAGE[match.status], by=self.coordinator
            )

    @precondition(lambda self: self._has(Match, status__in=list(NEXT_STAGE)))
    @rule(m=picks)
    def the_trial_goes_well_and_the_match_becomes_active(self, m):
        self.the_match_moves_on(m=m, stages=5)

    @precondition(lambda self: self._has(Match, status__in=OPEN_MATCH_STATUSES))
    @rule(
        m=picks,
        after=st.sampled_from(AfterEnding.values),
        reason=st.sampled_from([EndReason.NO_CLICK, EndReason.NOT_STARTED, EndReason.MOVED]),
    )
    def the_match_ends_early(self, m, after, reason):
        match = _pick(self._open_matches(), m)
        if match is not None:
            match_end(
                match=match,
                reason=reason,
                by=self.coordinator,
                after=after,
                close_reason="Geen hulp meer nodig.",
            )

    # --- the family stops -------------------------------------------------------------

    @precondition(lambda self: self._has(status__in=OPEN))
    @rule(
        i=picks,
        who=st.sampled_from(["parent", *CLOSED]),
        moved=st.booleans(),
    )
    def the_family_stops(self, i, who, moved):
        """The parent withdraws on the status page, or the coordinator withdraws,
        closes or refers the family elsewhere (it may have moved away)."""
        if who == "parent":
            self.parent_withdraws(i)
        else:
            self.coordinator_closes(i, who, moved)

    def parent_withdraws(self, i):
        request = _pick([r for r in self._requests() if r.is_open], i)
        if request is not None:
            request_withdraw_by_parent(request=request)
            self.parent_withdrew.add(request.pk)

    def coordinator_closes(self, i, to_status, moved):
        request = _pick([r for r in self._requests() if r.is_open], i)
        if request is not None:
            request_close(
                request=request,
                to_status=to_status,
                reason="Verhuisd." if moved else "Andere hulp.",
                by=self.coordinator,
                end_reason=EndReason.MOVED if moved else "",
            )

    # --- the volunteer stops ------------------------------------------------------------

    @rule(
        v=picks,
        what=st.sampled_from(["pause", "stop", "coordinator", "back"]),
        handling=st.sampled_from(OpenMatches.values),
    )
    def a_volunteer_changes(self, v, what, handling):
        """The volunteer pauses or stops on their page (their matches become the
        coordinator's task), the coordinator stops them (ending the matches or
        not), or they come back from a pause."""
        if what in ("pause", "stop"):
            self.volunteer_pauses_or_stops_themselves(v, what)
        elif what == "coordinator":
            self.coordinator_stops_volunteer(v, handling)
        else:
            self.volunteer_comes_back(v)

    def volunteer_pauses_or_stops_themselves(self, v, action):
        volunteer = self._volunteer(v)
        try:
            volunteer_self_change_status(volunteer=volunteer, action=action)
        except ValidationError as error:
            assert error.code == "not_allowed", error

    def coordinator_stops_volunteer(self, v, handling):
        volunteer = self._volunteer(v)
        if VolunteerStatus.STOPPED in volunteer.status_transitions[volunteer.status]:
            volunteer_change_status(
                volunteer=volunteer,
                to_status=VolunteerStatus.STOPPED,
                by=self.coordinator,
                reason="Verhuisd",
                open_matches=handling,
            )

    def volunteer_comes_back(self, v):
        volunteer = self._volunteer(v)
        if volunteer.status == VolunteerStatus.PAUSED:
            volunteer_change_status(
                volunteer=volunteer, to_status=VolunteerStatus.ACTIVE, by=self.coordinator
            )

    # --- what everyone sees ---------------------------------------------------------

    @precondition(lambda self: self._has(status__in=OPEN))
    @rule(i=picks, to_colleague=st.booleans(), the_match=st.booleans())
    def the_case_is_handed_over(self, i, to_colleague, the_match):
        owner = self.colleague if to_colleague else self.coordinator
        note = "Ik ben drie weken met verlof."
        try:
            if the_match and (match := _pick(self._open_matches(), i)) is not None:
                match_assign_owner(match=match, owner=owner, by=self.coordinator, note=note)
                HANDED.add("match")
            else:
                request = _pick(self._requests(*OPEN), i)
                request_assign_owner(request=request, owner=owner, by=self.coordinator, note=note)
                HANDED.add("request")
        except ValidationError:
            pass  # already theirs, or a request still in the intake queue

    def _case(self) -> list[tuple[SupportRequest, list[Match]]]:
        """Every request of this example with its matches: two queries."""
        matches: dict[int, list[Match]] = {}
        for match in Match.objects.filter(request_id__in=self.requests):
            matches.setdefault(match.request_id, []).append(match)
        return [(r, matches.get(r.pk, [])) for r in self._requests()]

    @invariant()
    def the_request_agrees_with_its_matches(self):
        for request, matches in self._case():
            open_ = [m for m in matches if m.is_open]
            active = [m for m in matches if m.status == MatchStatus.ACTIVE]
            assert len(open_) <= 1, "one open match per family"
            if request.status in CLOSED:
                assert not open_, "a closed request has no open match"
            if active:
                assert request.status == RequestStatus.MATCHED
            if request.status == RequestStatus.MATCHED:
                assert active, "a matched family has an active match"
            if open_:
                assert request.status in (RequestStatus.WAITING_FOR_MATCH, RequestStatus.MATCHED)
            if request.waiting_since is not None:
                assert request.waiting_since <= request.status_changed_at

    @invariant()
    def the_parent_and_the_partner_read_the_truth(self):
        rows = {r.reference_code: r.status for r in partner_referrals(user=self.partner)}
        for request, matches in self._case():
            started = any(m.started_on for m in matches)
            if request.status == RequestStatus.WAITING_FOR_MATCH and started:
                expected = WAITING_AGAIN_TEXT
            elif request.status == RequestStatus.CLOSED and not started:
                expected = CLOSED_WITHOUT_SUPPORT_TEXT
            else:
                expected = PARENT_STATUS_TEXT[request.status]
            assert parent_status_text(request) == expected
            if request.pk in self.partner_requests:
                assert rows[request.reference_code] == _partner_status(request, matches)

    @invariant()
    def each_volunteer_sees_their_open_matches_within_capacity(self):
        today = timezone.localdate()
        for volunteer in Volunteer.objects.filter(pk__in=self.volunteers).select_related("user"):
            open_ = list(Match.objects.filter(volunteer=volunteer).open())
            assert len(open_) <= volunteer.capacity
            shown = matches_for_volunteer(user=volunteer.user, on=today)
            assert sorted(m.status for m in shown) == sorted(m.status for m in open_)

    @invariant()
    def whoever_is_responsible_may_be_and_the_history_says_so(self):
        for request in self._requests():
            if request.owner_id is None:
                continue
            assert can_own_case(request.owner, programme_id=request.programme_id)
            handed = request.status_changes.filter(to_owner__isnull=False).order_by(
                "changed_at", "id"
            )
            assert handed.last().to_owner_id == request.owner_id
        for match in Match.objects.filter(request_id__in=self.requests).select_related(
            "coordinator"
        ):
            assert can_own_case(match.coordinator, programme_id=match.programme_id)
            handed = match.status_changes.filter(to_owner__isnull=False).order_by(
                "changed_at", "id"
            )
            if handed.exists():
                assert handed.last().to_owner_id == match.coordinator_id

    @invariant()
    def no_reminder_waits_whose_reason_is_gone(self):
        for notification in Notification.objects.filter(status=NotificationStatus.PENDING):
            assert still_relevant(notification), notification.kind

    @invariant()
    def every_step_says_who_and_when(self):
        requests = {r.pk: r for r in self._requests()}
        last: dict = {}
        for step in RequestStatusChange.objects.filter(request_id__in=requests).order_by(
            "changed_at", "id"
        ):
            last[step.request_id] = step.to_status
            by_parent = step.to_status == RequestStatus.WITHDRAWN and (
                step.request_id in self.parent_withdrew
            )
            assert step.changed_at is not None
            assert step.changed_by_id is not None or step.from_status == "" or by_parent
        assert last == {pk: r.status for pk, r in requests.items()}
        matches = {m.pk: m for m in Match.objects.filter(request_id__in=self.requests)}
        last = {}
        for step in MatchStatusChange.objects.filter(match_id__in=matches).order_by(
            "changed_at", "id"
        ):
            match = matches[step.match_id]
            last[match.pk] = step.to_status
            REACHED.add(step.to_status)
            by_parent = match.request_id in self.parent_withdrew and (
                match.end_reason == EndReason.FAMILY_WITHDREW
            )
            assert step.changed_at is not None
            assert step.changed_by_id is not None or by_parent
        assert last == {pk: m.status for pk, m in matches.items()}


def _partner_status(request: SupportRequest, matches: list[Match]) -> str:
    started = any(m.started_on for m in matches)
    if any(m.status == MatchStatus.ACTIVE for m in matches):
        return PartnerStatus.SUPPORT_STARTED
    if request.status in CLOSED:
        return PartnerStatus.SUPPORT_ENDED if started else PartnerStatus.NOT_STARTED
    if started:
        return PartnerStatus.LOOKING_AGAIN
    if request.status == RequestStatus.NEW:
        return PartnerStatus.RECEIVED
    return PartnerStatus.IN_INTAKE


def test_a_case_stays_true_whatever_happens(coordinator, partner, buurtgezinnen, home_start):
    coordinator.coordinator.programmes.add(home_start)
    volunteers = [
        VolunteerFactory(
            user=UserFactory(role=Role.VOLUNTEER),
            programmes=[buurtgezinnen, home_start],
            capacity=capacity,
            status=VolunteerStatus.APPROVED,
        ).pk
        for capacity in (1, 2)
    ]
    colleague = CoordinatorFactory(
        user__email="collega@buurtgezinnen.example.org",
        programme_for_org=buurtgezinnen,
        programmes=[buurtgezinnen, home_start],
    ).user
    CaseMachine.cast = {
        "volunteers": volunteers,
        "coordinator": coordinator,
        "colleague": colleague,
        "partner": partner,
        "programmes": [buurtgezinnen, home_start],
    }
    run_state_machine_as_test(
        CaseMachine,
        settings=settings(
            max_examples=int(os.environ.get("CASE_EXAMPLES", "25")),
            stateful_step_count=20,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
    assert {MatchStatus.ACTIVE, MatchStatus.ENDED} <= REACHED
    assert {"request", "match"} == HANDED
