"""Forms for the notifications pages (validation only)."""

from __future__ import annotations

from django import forms

from coalition.notifications.kinds import WEEKLY_DIGEST, Kind
from coalition.notifications.models import NotificationDelivery


class NotificationPreferencesForm(forms.Form):
    """One choice per kind the user can receive: email, weekly digest, or only on the site."""

    def __init__(self, *args, kinds: list[Kind], current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds:
            choices = NotificationDelivery.choices
            if kind.slug == WEEKLY_DIGEST:
                choices = [c for c in choices if c[0] != NotificationDelivery.DIGEST]
            self.fields[kind.slug] = forms.ChoiceField(
                label=kind.label,
                choices=choices,
                initial=current.get(kind.slug, NotificationDelivery.EMAIL),
                widget=forms.RadioSelect,
            )
