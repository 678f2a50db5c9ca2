"""Moving an evaluation to another day, with a reason."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.notifications.reminders import reminders_cancel_stale
from coalition.notifications.services import notifications_schedule_many
from matching.models import FollowUp, Match
from matching.reminders import followups_reminders


@transaction.atomic
def followup_reschedule(*, followup: FollowUp, due_on: date, reason: str, by=None) -> FollowUp:
    """Move an open evaluation or check-in to `due_on`, saying why.

    The first original day is kept (`rescheduled_from`) with the reason; the
    reminders for the old day are cancelled and those for the new day scheduled
    once, in this transaction. Two follow-ups of one kind never share a day
    (`one_followup_per_moment`): that is refused with a message. The coordinator's
    action is audited by the page that calls this (get_visible_or_404)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the evaluation moves."), code="reason_required")
    if due_on is None:
        raise ValidationError(_("Choose the new date."), code="date_required")
    locked = FollowUp.objects.select_for_update().get(pk=followup.pk)
    match = Match.objects.select_related(
        "request", "volunteer__user", "coordinator", "programme"
    ).get(pk=locked.match_id)
    if locked.done_on is not None or locked.cancelled_on is not None or not match.is_open:
        raise ValidationError(_("Only an evaluation still to come can be moved."), code="not_open")
    if due_on < timezone.localdate():
        raise ValidationError(_("Choose a date from today on."), code="past")
    if due_on == locked.due_on:
        raise ValidationError(_("The evaluation is already planned on that day."), code="same_day")
    taken = FollowUp.objects.filter(match_id=locked.match_id, kind=locked.kind, due_on=due_on)
    if taken.exclude(pk=locked.pk).exists():
        raise ValidationError(
            _("This match already has an evaluation on that day."), code="day_taken"
        )
    if locked.rescheduled_from is None:
        locked.rescheduled_from = locked.due_on
    locked.due_on = due_on
    locked.reschedule_reason = reason
    locked.save(update_fields=["due_on", "rescheduled_from", "reschedule_reason"])
    # The reminders about the old day lapse (their due_on no longer matches).
    reminders_cancel_stale(locked)
    locked.match = match
    notifications_schedule_many(followups_reminders([locked]))
    followup.refresh_from_db()
    return locked
