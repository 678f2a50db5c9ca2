"""The one licence rule: may the platform administer this instrument?

Everything that starts an administration (the parent's link, the coordinator's
conversation, the demo data) asks `licence_refusal` first; the reason it gives is
shown to the coordinator as it is.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.instruments.models import Instrument, LicenceStatus


def licence_refusal(instrument: Instrument, *, today: dt.date | None = None) -> str:
    """Why `instrument` may not be administered on the platform, or "" when it may.

    Every administration here is electronic (a parent's screen, or the coordinator
    typing the answers during a conversation), so a licence that allows only paper
    refuses both."""
    today = today or timezone.localdate()
    words = {"name": str(instrument), "holder": instrument.licence_holder}
    if instrument.licence_status == LicenceStatus.PENDING:
        return (
            _(
                "%(name)s cannot be used yet: the licence from %(holder)s has been requested "
                "but not granted."
            )
            % words
        )
    if instrument.licence_status == LicenceStatus.NONE:
        return _("%(name)s cannot be used: the coalition has no licence from %(holder)s.") % words
    expired = instrument.licence_valid_until is not None and instrument.licence_valid_until < today
    if instrument.licence_status == LicenceStatus.EXPIRED or expired:
        return (
            _(
                "%(name)s cannot be used: the licence from %(holder)s has expired. "
                "Ask the coalition administrator to renew it."
            )
            % words
        )
    if not instrument.electronic_allowed:
        return (
            _(
                "%(name)s cannot be filled in on the platform: %(holder)s has not authorised "
                "electronic administration. Use the paper version the licence allows."
            )
            % words
        )
    return ""


def language_refusal(instrument: Instrument, language: str) -> str:
    """Why `instrument` cannot be given in `language`, or ""."""
    if language in instrument.languages:
        return ""
    return _(
        "%(name)s has no translation in this language. Ask the questions in a conversation "
        "with an interpreter, or choose another instrument."
    ) % {"name": str(instrument)}
