"""The intake conversation with a family, recorded in one step.

What was confirmed is stored on the request and the family (families); the
conversation itself becomes a contact note on the family's timeline, which is
why this step lives here, with the contact notes.
"""

from __future__ import annotations

from django.db import transaction

from families.models import SupportRequest
from families.services import request_confirm_intake
from matching.models import ContactKind, ContactNote


@transaction.atomic
def request_record_intake(
    *,
    request: SupportRequest,
    by=None,
    notes: str = "",
    notes_confidential: bool = True,
    **answers,
) -> SupportRequest:
    """Record the intake: `answers` are those of `request_confirm_intake` (done_on,
    situation, programme, ...); the notes of the conversation, if any, become a
    contact note about the family."""
    request = request_confirm_intake(request=request, by=by, **answers)
    if notes.strip():
        ContactNote.objects.create(
            family_id=request.family_id,
            kind=ContactKind.MEETING,
            text=notes.strip(),
            confidential=notes_confidential,
            author=by,
        )
    return request
