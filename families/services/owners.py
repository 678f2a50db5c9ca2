"""Who is responsible for a request: handing it to a colleague, and the coordinator
who takes a request nobody holds yet.

A request gets its owner when a coordinator first works on it (plans or records
its intake, routes it, accepts a referral of it, puts the family on the waiting
list); a request that arrives from a parent or a partner has none until then.
Every change of owner is a row in the request's history (the status stays as it
is, `to_owner` says who is responsible from now on, the reason holds the note).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.notifications.recipients import user_recipient
from coalition.notifications.services import notification_schedule
from coalition.people.access import can_own_case, may_hand_over
from coalition.status_machine import status_history_event
from families.models import SupportRequest

CASE_HANDED_OVER = "case_handed_over"


def check_hand_over(
    *, current_owner_id: int | None, programme_id: int | None, owner, by, note: str
) -> None:
    """The one rule of a hand-over, for requests and matches alike: `by` works for
    the case's programme, `owner` may own it, and taking a case from a colleague
    says why."""
    if by is not None and not may_hand_over(by, programme_id=programme_id):
        raise ValidationError(
            _("Only a coordinator of this programme can hand this case over."),
            code="not_allowed",
        )
    if not can_own_case(owner, programme_id=programme_id):
        raise ValidationError(
            _("%(name)s is not a coordinator of this programme and cannot be responsible.")
            % {"name": owner},
            code="not_a_colleague",
        )
    if current_owner_id == owner.pk:
        raise ValidationError(
            _("%(name)s is already responsible.") % {"name": owner}, code="same_owner"
        )
    if current_owner_id is not None and not note.strip():
        raise ValidationError(
            _("Write a short note for your colleague when you hand a case over."),
            code="note_required",
        )


def case_handed_over_notify(*, target: models.Model, owner, by, reference_code: str) -> None:
    """Tell the new owner, in the platform (and by email as they prefer); not when
    they took the case themselves. The note stays on the case page: only the
    reference and who handed it over go into the message."""
    if by is not None and by.pk == owner.pk:
        return
    notification_schedule(
        kind=CASE_HANDED_OVER,
        due_at=timezone.now(),
        target=target,
        context={"reference_code": reference_code, "by_name": str(by or "")},
        **user_recipient(owner),
    )


@transaction.atomic
def request_assign_owner(*, request: SupportRequest, owner, by, note: str = "") -> SupportRequest:
    """Make `owner` the responsible coordinator of the request (a hand-over when it
    had one). Recorded in the history; the new owner is told."""
    locked = SupportRequest.objects.select_for_update().get(pk=request.pk)
    check_hand_over(
        current_owner_id=locked.owner_id,
        programme_id=locked.programme_id,
        owner=owner,
        by=by,
        note=note,
    )
    _request_set_owner(locked, owner, by=by, note=note.strip())
    case_handed_over_notify(target=locked, owner=owner, by=by, reference_code=locked.reference_code)
    request.refresh_from_db()
    return locked


def _request_set_owner(request: SupportRequest, owner, *, by, note: str = "") -> None:
    status_history_event(subject=request, by=by, reason=note, to_owner=owner)
    request.owner = owner
    request.save(update_fields=["owner"])


def request_take_if_unowned(request: SupportRequest, *, by) -> None:
    """The coordinator who works on a request nobody holds becomes its owner. The
    caller holds the row lock."""
    if request.owner_id is None and can_own_case(by, programme_id=request.programme_id):
        _request_set_owner(request, by, by=by)


def request_owner_after_move(request: SupportRequest, *, by) -> None:
    """After a move to another programme the owner must work for it: else the
    coordinator who moved it takes it if they may, or nobody holds it until a
    coordinator of the new programme does. The caller holds the row lock."""
    if request.owner_id is not None and can_own_case(
        request.owner, programme_id=request.programme_id
    ):
        return
    if can_own_case(by, programme_id=request.programme_id):
        if request.owner_id != by.pk:
            _request_set_owner(request, by, by=by)
    elif request.owner_id is not None:
        request.owner = None
        request.save(update_fields=["owner"])
