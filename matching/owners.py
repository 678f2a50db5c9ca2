"""Who is responsible for a match: its proposer at first, then whoever it is handed to.

The rule is the request's (`families.services.owners.check_hand_over`): a
coordinator of the match's programme, with a note when a colleague's match
changes hands; the history keeps the hand-over and the new owner is told.
"""

from __future__ import annotations

from django.db import transaction

from coalition.status_machine import status_history_event
from families.services.owners import case_handed_over_notify, check_hand_over
from matching.models import Match


@transaction.atomic
def match_assign_owner(*, match: Match, owner, by, note: str = "") -> Match:
    """Make `owner` the responsible coordinator of the match."""
    locked = Match.objects.select_for_update().get(pk=match.pk)
    check_hand_over(
        current_owner_id=locked.coordinator_id,
        programme_id=locked.programme_id,
        owner=owner,
        by=by,
        note=note,
    )
    status_history_event(subject=locked, by=by, reason=note.strip(), to_owner=owner)
    locked.coordinator = owner
    locked.save(update_fields=["coordinator"])
    case_handed_over_notify(
        target=locked, owner=owner, by=by, reference_code=locked.request.reference_code
    )
    match.refresh_from_db()
    return locked
