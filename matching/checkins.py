"""The volunteer's monthly check-in: the answer lands on the match timeline as a note."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coalition.notifications.models import Notification
from matching.models import ContactKind, ContactNote, Match


class Feeling:
    GOOD = "good"
    OKAY = "okay"
    HARD = "hard"


FEELING_LABELS = {
    Feeling.GOOD: gettext_lazy("It is going well"),
    Feeling.OKAY: gettext_lazy("It is going all right"),
    Feeling.HARD: gettext_lazy("It is difficult"),
}


@transaction.atomic
def check_in_record(
    *, notification: Notification, feeling: str, message: str = "", call_me: bool = False
) -> ContactNote | None:
    """Record the volunteer's answer once; a second answer to the same check-in is ignored."""
    locked = Notification.objects.select_for_update().get(pk=notification.pk)
    if locked.responded_at is not None:
        return None
    match = Match.objects.select_related("volunteer__user").get(pk=locked.target_id)
    # The note is for the coordinators: in the platform's language, not the volunteer's.
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            _("Monthly check-in from the volunteer (month %(month)s).")
            % {"month": locked.context.get("month", "?")},
            str(FEELING_LABELS.get(feeling, feeling)) + ".",
        ]
        if call_me:
            lines.append(_("The volunteer would like a call from the coordinator."))
    if message.strip():
        lines.append(message.strip())
    note = ContactNote.objects.create(
        match=match,
        kind=ContactKind.EMAIL,
        text="\n".join(lines),
        author=match.volunteer.user,
    )
    locked.responded_at = timezone.now()
    locked.read_at = locked.read_at or locked.responded_at
    locked.save(update_fields=["responded_at", "read_at"])
    return note
