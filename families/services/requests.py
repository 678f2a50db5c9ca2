"""A request's status and programme: every status change goes through here."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.notifications.reminders import reminders_cancel_stale
from coalition.people.access import can_own_case
from coalition.people.models import Role
from coalition.programmes.geography import locate, normalise_pc4
from coalition.programmes.models import Programme, Wijk
from coalition.status_machine import status_history_event, status_step_record
from families.models import (
    Family,
    ProgrammeReferral,
    ProgrammeReferralStatus,
    RequestStatus,
    SupportRequest,
)
from families.reminders import coordinator_will_call_schedule
from families.services.goals import goal_rounds_follow_request
from families.services.owners import request_owner_after_move
from families.services.webhooks import referral_webhooks_queue

_CLOSING_STATUSES = frozenset(
    {RequestStatus.CLOSED, RequestStatus.WITHDRAWN, RequestStatus.REFERRED_ELSEWHERE}
)

# Matches sit above this app: matching registers what a move between programmes
# must not leave behind (see `register_programme_move_check`).
_move_checks: list[Callable[[SupportRequest], None]] = []

# What hangs off a request above this app (its matches, their evaluations) must end
# with it: matching registers how (see `register_request_ending`).
_ending_hooks: list[Callable[..., None]] = []

# Routing from the central intake queue is the intake desk's work.
_ROUTERS = frozenset({Role.INTAKE_COORDINATOR, Role.COALITION_ADMIN})


def family_set_postcode(*, family: Family, postcode: str) -> None:
    """Store the postcode with its PC4 and the wijk it lies in (None outside Tilburg)."""
    pc4 = normalise_pc4(postcode)
    if pc4 is None:
        raise ValidationError(
            {"postcode": _("Fill in a Dutch postcode, for example 5038 AB.")}, code="postcode"
        )
    family.postcode = postcode.strip().upper()
    family.pc4 = pc4
    wijk_code = locate(pc4).wijk_code
    family.wijk = Wijk.objects.filter(pk=wijk_code).first() if wijk_code else None


def request_check_not_on_offer(request: SupportRequest, *, by=None, closing: bool = False) -> None:
    """While a programme referral of the request waits for an answer the request is
    on offer: neither the programme it is offered to nor the sender plans an
    intake, proposes a match or moves it on. The sender may still end it
    (`closing`); the programme it is offered to only answers the referral."""
    pending = (
        ProgrammeReferral.objects.filter(request=request, status=ProgrammeReferralStatus.PENDING)
        .select_related("to_programme")
        .first()
    )
    if pending is None:
        return
    receiver_only = can_own_case(by, programme_id=pending.to_programme_id) and not can_own_case(
        by, programme_id=request.programme_id
    )
    if closing and not receiver_only:
        return
    if receiver_only:
        message = _(
            "This request is offered to your programme: accept or decline the referral first."
        )
    else:
        message = _(
            "This request is offered to %(programme)s: wait for their answer before you go on."
        ) % {"programme": pending.to_programme.name}
    raise ValidationError(message, code="on_offer")


@transaction.atomic
def request_change_status(
    *, request: SupportRequest, to_status: str, by=None, reason: str = ""
) -> SupportRequest:
    """Move a request to `to_status`, refusing illegal steps, and record the step."""
    locked = SupportRequest.objects.select_for_update().get(pk=request.pk)
    locked.check_can_move_to(to_status)
    request_check_not_on_offer(locked, by=by, closing=to_status in _CLOSING_STATUSES)
    if to_status in _CLOSING_STATUSES and not reason.strip():
        raise ValidationError(_("Give a reason when a request ends."), code="reason_required")
    if to_status == RequestStatus.WAITING_FOR_MATCH and locked.programme_id is None:
        raise ValidationError(
            _("Choose a programme before the family waits for a match."), code="no_programme"
        )
    if to_status in _CLOSING_STATUSES:
        for hook in _ending_hooks:
            hook(request=locked, to_status=to_status, by=by, reason=reason)
    now = timezone.now()
    status_step_record(subject=locked, to_status=to_status, by=by, reason=reason, at=now)
    locked.status_reason = reason
    if to_status == RequestStatus.INTAKE_DONE and locked.intake_done_on is None:
        locked.intake_done_on = timezone.localdate(now)
    if to_status == RequestStatus.MATCHED:
        locked.matched_on = timezone.localdate(now)
    if to_status == RequestStatus.WAITING_FOR_MATCH and locked.waiting_since is None:
        locked.waiting_since = now
    if to_status in _CLOSING_STATUSES:
        locked.closed_at = now
    elif locked.closed_at is not None:
        locked.closed_at = None
    locked.save()
    if to_status == RequestStatus.INTAKE_PLANNED:
        coordinator_will_call_schedule(request=locked)
    goal_rounds_follow_request(request=locked)
    # A reminder about the request whose reason went with this step (the intake
    # promise of a new request, "a coordinator will call" after a withdrawal).
    # A closing request also drops its unanswered questionnaires' invitations.
    reminders_cancel_stale(locked, *locked.administrations.filter(completed_at__isnull=True))
    referral_webhooks_queue(request_id=locked.pk)
    request.refresh_from_db()
    return locked


def register_request_ending(hook: Callable[..., None]) -> None:
    """`hook(request=, to_status=, by=, reason=)` runs in the transaction that closes,
    withdraws or refers a request elsewhere, before the step is recorded: it ends
    what the request leaves behind (open matches and their evaluations)."""
    if hook not in _ending_hooks:
        _ending_hooks.append(hook)


def children_outside_age_range(
    *, request: SupportRequest, programme: Programme, on=None
) -> list[str]:
    """First names of the request's children whose age does not fit the programme."""
    day = on or timezone.localdate()
    return [
        child.first_name
        for child in request.children.all()
        if not programme.accepts_child_age(child.age_on(day))
    ]


def can_route_from_queue(*, user, request: SupportRequest) -> bool:
    """Who may route a request to a programme ("confirm programme"): the intake
    coordinators and the coalition administrator, for an open request in the
    central intake queue only. Between programmes a request moves only through an
    accepted programme referral (`programme_referral_decide`)."""
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.role in _ROUTERS
        and request.in_intake_queue
        and request.is_open
    )


@transaction.atomic
def request_choose_programme(
    *, request: SupportRequest, programme: Programme, by
) -> SupportRequest:
    """Route a request from the central intake queue to a programme; the children's
    ages must fit its range. The move is written in the request's history."""
    locked = SupportRequest.objects.select_for_update().get(pk=request.pk)
    if not locked.in_intake_queue:
        raise ValidationError(
            _(
                "Only a request in the central intake queue can be routed to a programme. "
                "To hand a request to another programme, refer it; it moves when that "
                "programme accepts."
            ),
            code="not_in_queue",
        )
    if not can_route_from_queue(user=by, request=locked):
        raise ValidationError(
            _("Only intake coordinators route requests from the intake queue."),
            code="not_allowed",
        )
    request_move_to_programme(request=locked, programme=programme, by=by)
    request.refresh_from_db()
    return locked


def register_programme_move_check(check: Callable[[SupportRequest], None]) -> None:
    """`check(request)` raises a ValidationError when the request may not change
    programme now (for example while a match of its programme is open)."""
    if check not in _move_checks:
        _move_checks.append(check)


def request_check_may_move(request: SupportRequest) -> None:
    """Run the registered checks: raises when the request may not change programme
    now. Referring asks it too, so a referral is never accepted into a dead end."""
    for check in _move_checks:
        check(request)


def request_move_to_programme(
    *, request: SupportRequest, programme: Programme, by, reason: str = ""
) -> None:
    """The move itself, for the two services allowed to make it (routing from the
    queue, accepting a referral): the caller holds the row lock and has checked
    who may move it. The children's ages must fit; the move is written in the
    request's history."""
    if request.call_back:
        # No postcode or children yet: the programme could not check its rules.
        raise ValidationError(
            _("Call the parent back and complete the request before you choose a programme."),
            code="call_back",
        )
    outside = children_outside_age_range(request=request, programme=programme)
    if outside:
        raise ValidationError(
            _("%(programme)s is for children of %(min)s to %(max)s years; %(names)s do not fit.")
            % {
                "programme": programme.name,
                "min": programme.child_min_age,
                "max": programme.child_max_age,
                "names": ", ".join(outside),
            },
            code="child_age",
        )
    request_check_may_move(request)
    status_history_event(
        subject=request,
        by=by,
        reason=reason,
        from_programme_id=request.programme_id,
        to_programme=programme,
    )
    request.programme = programme
    request.help_me_choose = False
    request.save(update_fields=["programme", "help_me_choose"])
    request_owner_after_move(request, by=by)
