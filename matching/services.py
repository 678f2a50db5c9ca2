"""Writes about matches: propose, walk through the stages, activate, end, re-open.

Capacity and screening are checked with the volunteer's row locked, so two
coordinators acting at the same moment cannot over-book a volunteer.
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coalition.notifications.reminders import reminders_cancel_stale
from coalition.programmes.models import ScreeningKind
from coalition.status_machine import status_history_start, status_step_record
from families.models import RequestStatus, SupportRequest
from families.services import (
    referral_notify_support_change,
    request_change_status,
    request_check_not_on_offer,
)
from matching.models import (
    ContactKind,
    ContactNote,
    FollowUp,
    FollowUpKind,
    Match,
    MatchProposal,
    MatchStatus,
    ProposalStatus,
)
from matching.moments.services import moments_restore_with_match
from matching.reminders import match_reminders_revive, match_reminders_schedule
from volunteers.models import AVAILABLE_STATUSES, Volunteer, VolunteerStatus
from volunteers.selectors import screening_missing


def _lock_volunteer(volunteer_id: int) -> Volunteer:
    return (
        Volunteer.objects.select_for_update()
        .prefetch_related("screening", "household_members", "programmes")
        .get(pk=volunteer_id)
    )


def _lock_request(request_id: int) -> SupportRequest:
    return SupportRequest.objects.select_for_update().get(pk=request_id)


def _check_capacity(volunteer: Volunteer, *, ignoring: Match | None = None) -> None:
    open_matches = Match.objects.filter(volunteer=volunteer).open()
    if ignoring is not None:
        open_matches = open_matches.exclude(pk=ignoring.pk)
    if open_matches.count() >= volunteer.capacity:
        raise ValidationError(
            ngettext(
                "%(name)s already has %(n)s open match, the most they can take.",
                "%(name)s already has %(n)s open matches, the most they can take.",
                volunteer.capacity,
            )
            % {"name": volunteer, "n": volunteer.capacity},
            code="capacity",
        )


def _check_no_open_match(request_id: int, *, ignoring: Match | None = None) -> None:
    """A family has at most one open match per request; the caller holds the
    request's row lock, so two coordinators cannot both add one."""
    open_matches = Match.objects.filter(request_id=request_id).open()
    if ignoring is not None:
        open_matches = open_matches.exclude(pk=ignoring.pk)
    if open_matches.exists():
        raise ValidationError(_("This family already has an open match."), code="request_matched")


def _check_screening(volunteer: Volunteer, match: Match, on: date) -> None:
    missing = screening_missing(volunteer=volunteer, programme=match.programme, on=on)
    if missing:
        labels = dict(ScreeningKind.choices)
        raise ValidationError(
            _("Screening not valid on %(day)s: %(steps)s.")
            % {"day": on.isoformat(), "steps": ", ".join(str(labels[k]) for k in missing)},
            code="screening",
        )


def _check_eligibility(request: SupportRequest, volunteer: Volunteer, on: date) -> None:
    """Every hard rule of the matching engine, on the planned start date."""
    from matching.engine.checks import ineligibility, rule_label

    broken = ineligibility(request=request, volunteer=volunteer, on=on)
    if broken:
        raise ValidationError(
            _("%(name)s cannot be proposed for this request: %(reasons)s.")
            % {"name": volunteer, "reasons": "; ".join(rule_label(rule) for rule in broken)},
            code="ineligible",
        )


@transaction.atomic
def match_propose(
    *, request: SupportRequest, volunteer: Volunteer, by=None, planned_start_on: date | None = None
) -> Match:
    """Propose a match. The basic rules are re-checked here, inside the transaction
    with the request and the volunteer locked; the matching engine adds its own
    eligibility check."""
    _lock_request(request.pk)
    locked = _lock_volunteer(volunteer.pk)
    if request.programme_id is None:
        raise ValidationError(_("Choose a programme for the request first."), code="no_programme")
    if not request.is_open:
        raise ValidationError(_("This request is no longer open."), code="request_closed")
    request_check_not_on_offer(request, by=by)
    _check_no_open_match(request.pk)
    if locked.status not in AVAILABLE_STATUSES:
        raise ValidationError(_("This volunteer is not available for matching."), code="status")
    if not locked.programmes.filter(pk=request.programme_id).exists():
        raise ValidationError(
            _("This volunteer does not volunteer for %s.") % request.programme, code="programme"
        )
    _check_capacity(locked)
    _check_eligibility(request, locked, planned_start_on or timezone.localdate())
    match = Match(
        request=request,
        volunteer=locked,
        programme=request.programme,
        coordinator=by,
        planned_start_on=planned_start_on,
    )
    match.save()
    status_history_start(subject=match, by=by)
    return match


@transaction.atomic
def match_advance(*, match: Match, to_status: str, by=None, on: date | None = None) -> Match:
    """Move a match one stage forward (volunteer agreed, family agreed, introduction, trial)."""
    if to_status == MatchStatus.ACTIVE:
        return match_activate(match=match, by=by, on=on)
    if to_status == MatchStatus.ENDED:
        raise ValidationError(_("Use 'end the match' with a reason."), code="end_needs_reason")
    match = Match.objects.select_for_update().get(pk=match.pk)
    match.check_can_move_to(to_status)
    day = on or timezone.localdate()
    if to_status == MatchStatus.INTRODUCTION:
        match.introduction_on = day
    if to_status == MatchStatus.TRIAL:
        volunteer = _lock_volunteer(match.volunteer_id)
        _check_screening(volunteer, match, day)
        match.trial_started_on = day
        match.trial_ends_on = day + relativedelta(weeks=match.programme.trial_weeks)
        FollowUp.objects.get_or_create(
            match=match, kind=FollowUpKind.TRIAL_END, due_on=match.trial_ends_on
        )
    status_step_record(subject=match, to_status=to_status, by=by)
    match.save()
    if to_status in (MatchStatus.INTRODUCTION, MatchStatus.TRIAL):
        match_reminders_schedule(match=match)  # the pulse after the first meeting, the trial
    reminders_cancel_stale(match)  # "a proposal waits" is gone once anyone agreed
    return match


@transaction.atomic
def match_activate(*, match: Match, by=None, on: date | None = None) -> Match:
    """Make a match active: screening must be valid on the start date, the volunteer
    within capacity; the programme's evaluations are scheduled in the same transaction."""
    match = Match.objects.select_for_update().select_related("programme").get(pk=match.pk)
    match.check_can_move_to(MatchStatus.ACTIVE)
    day = on or timezone.localdate()
    volunteer = _lock_volunteer(match.volunteer_id)
    _check_screening(volunteer, match, day)
    _check_capacity(volunteer, ignoring=match)
    status_step_record(subject=match, to_status=MatchStatus.ACTIVE, by=by)
    match.started_on = match.started_on or day
    match.save()
    # The trial is over: its end is no longer to be checked, nor reminded.
    trial_ends = list(match.followups.pending().filter(kind=FollowUpKind.TRIAL_END))
    FollowUp.objects.filter(pk__in=[f.pk for f in trial_ends]).update(
        cancelled_on=timezone.localdate()
    )
    reminders_cancel_stale(match, *trial_ends)
    followups_schedule(match=match)
    match_reminders_schedule(match=match)
    if volunteer.status == VolunteerStatus.APPROVED:
        from volunteers.services import volunteer_change_status

        volunteer_change_status(volunteer=volunteer, to_status=VolunteerStatus.ACTIVE, by=by)
    request = match.request
    if request.status == RequestStatus.WAITING_FOR_MATCH:
        request_change_status(request=request, to_status=RequestStatus.MATCHED, by=by)
    referral_notify_support_change(match=match, event="started")
    return match


def followups_schedule(*, match: Match) -> list[FollowUp]:
    """Evaluations from the programme's schedule over the match's typical duration."""
    start = match.started_on
    until = start + relativedelta(months=match.programme.typical_duration_months)
    created = []
    for due in match.programme.evaluation_dates(start, until):
        followup, was_created = FollowUp.objects.get_or_create(
            match=match, kind=FollowUpKind.EVALUATION, due_on=due
        )
        if was_created:
            created.append(followup)
    return created


@transaction.atomic
def match_reopen(*, match: Match, by=None, reason: str = "") -> Match:
    """Re-open an ended match in the stage it ended in (active if it had started).
    The request follows: matched again when the match is active, otherwise waiting;
    evaluations still ahead that the ending cancelled are planned again."""
    request = _lock_request(match.request_id)
    match = Match.objects.select_for_update().get(pk=match.pk)
    previous = (
        match.status_changes.filter(to_status=MatchStatus.ENDED).order_by("-changed_at").first()
    )
    target = previous.from_status if previous and previous.from_status else MatchStatus.ACTIVE
    match.check_can_move_to(target)
    if request.status in (RequestStatus.WITHDRAWN, RequestStatus.REFERRED_ELSEWHERE):
        raise ValidationError(_("This request is no longer open."), code="request_closed")
    _check_no_open_match(match.request_id, ignoring=match)
    volunteer = _lock_volunteer(match.volunteer_id)
    _check_capacity(volunteer, ignoring=match)
    if target == MatchStatus.ACTIVE:
        _check_screening(volunteer, match, timezone.localdate())
    status_step_record(subject=match, to_status=target, by=by, reason=reason)
    match.ended_on = None
    match.end_reason = ""
    match.outcome = ""
    # The closure belonged to the ending that is undone.
    match.ended_by = match.ending_kind = ""
    match.closing_talk_family_on = match.closing_talk_volunteer_on = None
    match.contact_continues = False
    match.save()
    # Its exit pulses no longer apply (their reminders lapse: `_still_asked`).
    match.pulses.filter(occasion="exit", answered_at__isnull=True).update(
        cancelled_on=timezone.localdate()
    )
    _request_follows_reopen(request, target=target, by=by, reason=reason)
    cancelled = match.followups.filter(
        cancelled_on__isnull=False, done_on__isnull=True, due_on__gte=timezone.localdate()
    )
    if target == MatchStatus.ACTIVE:
        cancelled = cancelled.exclude(kind=FollowUpKind.TRIAL_END)
    cancelled.update(cancelled_on=None)
    match_reminders_revive(match=match)
    match_reminders_schedule(match=match)
    moments_restore_with_match(match=match)
    return match


def _request_follows_reopen(request: SupportRequest, *, target: str, by, reason: str) -> None:
    wanted = RequestStatus.MATCHED if target == MatchStatus.ACTIVE else None
    if request.status == RequestStatus.CLOSED:
        wanted = wanted or RequestStatus.WAITING_FOR_MATCH
    elif request.status != RequestStatus.WAITING_FOR_MATCH:
        wanted = None
    if wanted and wanted != request.status:
        request_change_status(request=request, to_status=wanted, by=by, reason=reason)


def _decide(proposal: MatchProposal, status: str, by, reason: str = "") -> None:
    proposal.status = status
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.reject_reason = reason
    proposal.save(update_fields=["status", "decided_by", "decided_at", "reject_reason", "match"])


def _lock_pending_proposal(proposal: MatchProposal) -> MatchProposal:
    locked = (
        MatchProposal.objects.select_for_update(of=("self",))
        .select_related("batch", "request__family", "request__programme", "volunteer")
        .get(pk=proposal.pk)
    )
    if locked.status != ProposalStatus.PENDING:
        raise ValidationError(
            _("This proposal was already decided (%s).") % locked.get_status_display(),
            code="decided",
        )
    return locked


def proposal_accept(*, proposal: MatchProposal, by) -> Match:
    """Accept a suggestion of the engine: a match in status proposed, with every
    rule checked again by `match_propose`. A proposal that is no longer possible
    (the volunteer's places were taken meanwhile, a VOG expired, the family
    already has a match) becomes stale, and the coordinator is told why."""
    try:
        with transaction.atomic():
            locked = _lock_pending_proposal(proposal)
            request = _lock_request(locked.request_id)
            request.family = locked.request.family
            if request.programme_id != locked.programme_id:
                raise ValidationError(
                    _("This request moved to another programme."), code="request_moved"
                )
            start = locked.batch.start_on
            match = match_propose(
                request=request,
                volunteer=locked.volunteer,
                by=by,
                planned_start_on=start if start > timezone.localdate() else None,
            )
            locked.match = match
            _decide(locked, ProposalStatus.ACCEPTED, by)
            return match
    except ValidationError as error:
        if getattr(error, "code", None) != "decided":
            with transaction.atomic():
                MatchProposal.objects.filter(pk=proposal.pk, status=ProposalStatus.PENDING).update(
                    status=ProposalStatus.STALE,
                    decided_by=by,
                    decided_at=timezone.now(),
                    reject_reason="; ".join(error.messages),
                )
            proposal.status = ProposalStatus.STALE
        raise


@transaction.atomic
def proposal_reject(*, proposal: MatchProposal, by, reason: str = "") -> MatchProposal:
    locked = _lock_pending_proposal(proposal)
    _decide(locked, ProposalStatus.REJECTED, by, reason)
    return locked


@transaction.atomic
def followup_record(*, followup: FollowUp, done_on: date, notes: str = "", by=None) -> FollowUp:
    """Record that an evaluation or check-in took place, with what was discussed."""
    if done_on is None:
        raise ValidationError(_("Fill in when the evaluation took place."), code="date_required")
    if done_on > timezone.localdate():
        raise ValidationError(_("An evaluation cannot be recorded in the future."), code="future")
    locked = FollowUp.objects.select_for_update().select_related("match").get(pk=followup.pk)
    if locked.match.started_on is None and locked.match.trial_started_on is None:
        raise ValidationError(
            _("This match has not started yet: there is nothing to evaluate."),
            code="not_started",
        )
    locked.done_on = done_on
    locked.done_by = by
    locked.notes = notes.strip()
    locked.save(update_fields=["done_on", "done_by", "notes"])
    reminders_cancel_stale(locked)  # done: its "due" and "overdue" lapse
    followup.refresh_from_db()
    return locked


@transaction.atomic
def note_add(
    *,
    kind: str,
    text: str,
    by=None,
    confidential: bool = False,
    family=None,
    volunteer=None,
    match: Match | None = None,
) -> ContactNote:
    """Add a contact note about exactly one family, volunteer or match."""
    subjects = [s for s in (family, volunteer, match) if s is not None]
    if len(subjects) != 1:
        raise ValidationError(
            _("A note is about one family, one volunteer or one match."), code="subject"
        )
    if not text.strip():
        raise ValidationError(_("Write what the contact was about."), code="text_required")
    if kind not in ContactKind.values:
        raise ValidationError(_("Choose the kind of contact."), code="kind")
    return ContactNote.objects.create(
        family=family,
        volunteer=volunteer,
        match=match,
        kind=kind,
        text=text.strip(),
        confidential=confidential,
        author=by,
    )


def request_refuse_move_with_open_match(request: SupportRequest) -> None:
    """A request changes programme only without open matches: its programme's
    volunteer and coordinator would otherwise keep a family they no longer see."""
    if Match.objects.open().filter(request=request).exists():
        raise ValidationError(
            _(
                "This family has an open match: end it before the request moves to another programme."
            ),
            code="open_match",
        )
