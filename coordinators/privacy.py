"""What the privacy room must know about the coordinators' workspace: a subject
access export shows a confidential contact note by the same rule as the pages
(`notes_for`). Registered in `coalition.privacy.registry` when the privacy room starts."""

from __future__ import annotations

from coalition.privacy import registry
from coalition.privacy.export import WITHHELD_CONFIDENTIAL
from coordinators.selectors.scope import notes_for
from matching.models import ContactNote


def _confidential_note_filter(rows: list[ContactNote], user):
    """A programme the family is only shared with does not read the other
    programme's confidential notes, in the export either."""
    readable = frozenset(
        notes_for(user).filter(pk__in=[note.pk for note in rows]).values_list("pk", flat=True)
    )
    text_label = str(ContactNote._meta.get_field("text").verbose_name)

    def apply(note: ContactNote, data: dict) -> None:
        if note.confidential and note.pk not in readable:
            data[text_label] = WITHHELD_CONFIDENTIAL

    return apply


registry.register_export_filter(ContactNote, _confidential_note_filter)
