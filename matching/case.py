"""A case over its whole life: the transitions that touch a request, its matches and a
volunteer at once (docs/case-lifecycle.md holds the model and its table).

A match that ends never strands its family: the request waits again (keeping the
date it first waited) or closes with a reason. A request that ends takes its open
matches, their evaluations and reminders with it. A volunteer who pauses or stops
either ends their open matches (the families wait again) or leaves them open as a
task for the coordinator. The apps below matching call in through the hooks they
offer (`register_request_ending`, `register_volunteer_status_hook`).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coalition.notifications.reminders import reminders_cancel_stale
from coalition.notifications.services import Reminder, notifications_schedule_many
from coalition.status_machine import status_step_record
from families.models import Parent, RequestStatus, SupportRequest
from families.services import referral_notify_support_change, request_change_status, request_end
from matching.models import (
    PLANNED_END_REASONS,
    EndedBy,
    EndingKind,
    EndReason,
    FollowUp,
    Match,
    MatchProposal,
    MatchStatus,
    Outcome,
    ProposalStatus,
)
from matching.moments.services import moments_end_with_match
from matching.pulses import exit_pulses_reminders, pulses_cancel
from volunteers.models import Volunteer, VolunteerStatus
from volunteers.reminders import volunteer_recipient


class AfterEnding(models.TextChoices):
    """What happens to the request when its match ends early."""

    WAIT = "wait", gettext_lazy("The family waits for another volunteer")
    CLOSE = "close", gettext_lazy("Close the request")


class OpenMatches(models.TextChoices):
    """What happens to a volunteer's open matches when they pause or stop."""

    TASK = "task", gettext_lazy("Keep them open: the coordinator decides per family")
    END = "end", gettext_lazy("End them: the families wait for another volunteer")


# Why a match ends when its request ends without a reason of its own.
MATCH_END_FOR_REQUEST = {
    RequestStatus.WITHDRAWN: EndReason.FAMILY_WITHDREW,
    RequestStatus.REFERRED_ELSEWHERE: EndReason.PROFESSIONAL_CARE,
    RequestStatus.CLOSED: EndReason.OTHER,
}
# The parent heard of a match once the family agreed to it; the volunteer once they did.
_PARENT_KNEW = frozenset(
    {MatchStatus.FAMILY_AGREED, MatchStatus.INTRODUCTION, MatchStatus.TRIAL, MatchStatus.ACTIVE}
)
_PAUSING = frozenset({VolunteerStatus.PAUSED, VolunteerStatus.STOPPED})
# The family and the volunteer have met: both are asked an exit pulse at the end.
_MET = frozenset({MatchStatus.INTRODUCTION, MatchStatus.TRIAL, MatchStatus.ACTIVE})


def _closure_record(
    match: Match, *, ended_by: str, ending_kind: str, contact_continues: bool
) -> None:
    if ended_by and ended_by not in EndedBy.values:
        raise ValidationError(_("Choose who ended the match."), code="ended_by")
    match.ended_by = ended_by
    match.ending_kind = ending_kind or (
        EndingKind.PLANNED if match.end_reason in PLANNED_END_REASONS else EndingKind.PREMATURE
    )
    match.contact_continues = contact_continues
    match.full_clean(exclude=["request", "volunteer", "programme", "coordinator"])
    match.save(update_fields=["ended_by", "ending_kind", "contact_continues"])


@transaction.atomic
def match_closure_record(
    *,
    match: Match,
    closing_talk_family_on: date | None,
    closing_talk_volunteer_on: date | None,
    contact_continues: bool,
    ended_by: str = "",
) -> Match:
    """After the ending: the closing talks held with each side, and whether the family
    and the volunteer keep in touch informally."""
    locked = Match.objects.select_for_update().get(pk=match.pk)
    if locked.status != MatchStatus.ENDED:
        raise ValidationError(_("Only an ended match has a closure."), code="not_ended")
    locked.closing_talk_family_on = closing_talk_family_on
    locked.closing_talk_volunteer_on = closing_talk_volunteer_on
    locked.contact_continues = contact_continues
    if ended_by:
        locked.ended_by = ended_by
    locked.full_clean(exclude=["request", "volunteer", "programme", "coordinator"])
    locked.save()
    match.refresh_from_db()
    return locked


def _end_match_row(
    match: Match, *, reason: str, outcome: str, by, note: str, on: date | None
) -> str:
    """End a locked, open match; its pending evaluations are cancelled and every
    reminder about it or them whose reason is gone. Returns the stage it ended in."""
    stage = match.status
    status_step_record(subject=match, to_status=MatchStatus.ENDED, by=by, reason=note)
    today = timezone.localdate()
    day = on or today
    if on is None and match.started_on and match.started_on > day:
        day = match.started_on  # it was to start later: it ends before it began
    match.ended_on = day
    match.end_reason = reason
    match.outcome = outcome or Outcome.UNKNOWN
    match.end_note = note
    match.full_clean(exclude=["request", "volunteer", "programme", "coordinator"])
    match.save()
    followups = list(match.followups.pending())
    FollowUp.objects.filter(pk__in=[f.pk for f in followups]).update(cancelled_on=today)
    reminders_cancel_stale(match, *followups, *pulses_cancel(match=match))
    moments_end_with_match(match=match)  # moments ahead leave the volunteer's calendar
    if match.started_on is not None:
        referral_notify_support_change(match=match, event="ended")
    return stage


def _request_waits_again(request: SupportRequest, *, by, reason: str) -> None:
    """A matched family without an active match goes back to the waiting list;
    `waiting_since` keeps the day it first waited, for fairness."""
    if request.status != RequestStatus.MATCHED:
        return
    if Match.objects.filter(request=request, status=MatchStatus.ACTIVE).exists():
        return
    request_change_status(
        request=request, to_status=RequestStatus.WAITING_FOR_MATCH, by=by, reason=reason
    )


def _tell_parent(match: Match, *, stage: str, after: str) -> None:
    if stage not in _PARENT_KNEW:
        return
    parent = (
        Parent.objects.filter(family_id=match.request.family_id, is_primary_contact=True)
        .exclude(email="")
        .first()
    )
    if parent is None:
        return
    notifications_schedule_many(
        [
            Reminder(
                "parent_match_ended",
                timezone.now(),
                match,
                recipient_email=parent.email,
                language=match.request.language,
                context={
                    "parent_first_name": parent.first_name,
                    "volunteer_first_name": match.volunteer.first_name,
                    "reference_code": match.request.reference_code,
                    "next": after,
                },
            )
        ]
    )


def _tell_volunteer(match: Match, *, stage: str) -> None:
    if stage == MatchStatus.PROPOSED:
        return
    volunteer = Volunteer.objects.select_related("user").get(pk=match.volunteer_id)
    notifications_schedule_many(
        [
            Reminder(
                "volunteer_match_ended",
                timezone.now(),
                match,
                context={
                    "volunteer_first_name": volunteer.first_name,
                    "programme": match.programme.name,
                },
                **volunteer_recipient(volunteer),
            )
        ]
    )


@transaction.atomic
def match_end(
    *,
    match: Match,
    reason: str,
    outcome: str = "",
    by=None,
    note: str = "",
    on: date | None = None,
    after: str = AfterEnding.WAIT,
    close_reason: str = "",
    tell_volunteer: bool = True,
    ended_by: str = "",
    ending_kind: str = "",
    contact_continues: bool = False,
) -> Match:
    """End a match, early or as planned. The family waits again (`after=wait`: back on
    the waiting list with its original date, this volunteer left out of the next
    shortlist) or the request closes (`after=close`, with `close_reason`). The parent
    and the volunteer are told when they knew of the match; the partner by
    `referral_notify_support_change`. The closure is recorded as a step: who ended
    it (`ended_by`), planned or premature (by default from the reason), whether
    contact continues informally; both sides who met get an exit pulse."""
    if not reason:
        raise ValidationError(_("Say why the match ended."), code="reason_required")
    if after not in AfterEnding.values:
        raise ValidationError(_("Choose what happens to the request."), code="after")
    if after == AfterEnding.CLOSE and not close_reason.strip():
        raise ValidationError(_("Say why the request closes."), code="close_reason_required")
    request = SupportRequest.objects.select_for_update().get(pk=match.request_id)
    locked = (
        Match.objects.select_for_update(of=("self",))
        .select_related("programme", "volunteer", "request")
        .get(pk=match.pk)
    )
    stage = _end_match_row(locked, reason=reason, outcome=outcome, by=by, note=note, on=on)
    _closure_record(
        locked, ended_by=ended_by, ending_kind=ending_kind, contact_continues=contact_continues
    )
    if stage in _MET:
        notifications_schedule_many(exit_pulses_reminders(match=locked))
    if after == AfterEnding.CLOSE and request.is_open:
        request_change_status(
            request=request, to_status=RequestStatus.CLOSED, by=by, reason=close_reason.strip()
        )
    else:
        _request_waits_again(request, by=by, reason=str(EndReason(reason).label))
    _tell_parent(locked, stage=stage, after=after)
    if tell_volunteer:
        _tell_volunteer(locked, stage=stage)
    match.refresh_from_db()
    return locked


def _stale_proposals(*, by, reason: str, **about) -> None:
    """The engine's suggestions that can no longer be accepted."""
    MatchProposal.objects.filter(status=ProposalStatus.PENDING, **about).update(
        status=ProposalStatus.STALE, decided_by=by, decided_at=timezone.now(), reject_reason=reason
    )


def request_ending_ends_matches(
    *, request: SupportRequest, to_status: str, by=None, reason: str = "", end_reason: str = ""
) -> None:
    """Registered with families: a request that closes, is withdrawn or referred
    elsewhere ends its open matches (the volunteer is told) and its suggestions."""
    end_reason = end_reason or MATCH_END_FOR_REQUEST[to_status]
    for match in (
        Match.objects.select_for_update(of=("self",))
        .filter(request_id=request.pk)
        .open()
        .select_related("programme", "volunteer", "request")
    ):
        stage = _end_match_row(
            match, reason=end_reason, outcome=Outcome.UNKNOWN, by=by, note=reason, on=None
        )
        _tell_volunteer(match, stage=stage)
    _stale_proposals(by=by, reason=reason, request_id=request.pk)


@transaction.atomic
def request_close(
    *, request: SupportRequest, to_status: str, reason: str, by=None, end_reason: str = ""
) -> SupportRequest:
    """A coordinator withdraws, closes or refers a request elsewhere; its open matches
    end with `end_reason` (a family that moved away: `EndReason.MOVED`), by default
    the one that fits the request's ending."""
    if to_status not in MATCH_END_FOR_REQUEST:
        raise ValidationError(_("Choose close or withdraw."), code="illegal_transition")
    if not reason.strip():
        raise ValidationError(_("Give a reason when a request ends."), code="reason_required")
    locked = SupportRequest.objects.select_for_update().get(pk=request.pk)
    locked.check_can_move_to(to_status)
    request_ending_ends_matches(
        request=locked, to_status=to_status, by=by, reason=reason.strip(), end_reason=end_reason
    )
    request_end(request=locked, to_status=to_status, reason=reason.strip(), by=by)
    request.refresh_from_db()
    return locked


def volunteer_status_follows(
    *, volunteer: Volunteer, to_status: str, by=None, open_matches: str = OpenMatches.TASK
) -> None:
    """Registered with volunteers: a volunteer who pauses or stops gets no new
    suggestions; their open matches end (`open_matches=end`, the families wait
    again) or stay open as the coordinator's task ("volunteer stopped: decide")."""
    if to_status not in _PAUSING:
        return
    _stale_proposals(by=by, reason=str(VolunteerStatus(to_status).label), volunteer_id=volunteer.pk)
    if open_matches != OpenMatches.END:
        return
    for match in Match.objects.filter(volunteer_id=volunteer.pk).open():
        match_end(
            match=match,
            reason=EndReason.VOLUNTEER_STOPPED,
            outcome=Outcome.UNKNOWN,
            by=by,
            note=str(VolunteerStatus(to_status).label),
            tell_volunteer=False,
        )


def matches_waiting_for_decision(matches: models.QuerySet[Match]) -> models.QuerySet[Match]:
    """Open matches whose volunteer paused or stopped: the coordinator decides."""
    return matches.open().filter(volunteer__status__in=_PAUSING)
