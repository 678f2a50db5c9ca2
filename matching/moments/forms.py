"""Forms of support moments: plan (once or weekly) and the one-tap outcome."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalition import formfields
from matching.moments.models import CancelledBy, MomentStatus
from matching.moments.selectors import MomentKindSpec

# The buttons of the one-tap confirmation: (value, what is recorded).
OUTCOMES: dict[str, tuple[str, str]] = {
    "happened": (MomentStatus.HAPPENED, ""),
    "cancelled_family": (MomentStatus.CANCELLED, CancelledBy.FAMILY),
    "cancelled_volunteer": (MomentStatus.CANCELLED, CancelledBy.VOLUNTEER),
    "cancelled_other": (MomentStatus.CANCELLED, CancelledBy.OTHER),
}


class MomentPlanForm(forms.Form):
    """A moment on a day from a time until a time; an end before the start means the
    next day (an overnight stay). Repeated weekly for `weeks` weeks."""

    match = forms.TypedChoiceField(label=_("Family"), coerce=int, required=False)
    kind = forms.ChoiceField(label=_("What"))
    day = formfields.DateField(label=_("Day"), widget=formfields.DateInput())
    start = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}))
    weeks = forms.IntegerField(
        label=_("Every week, for how many weeks?"),
        help_text=_("1 means only this once."),
        min_value=1,
        max_value=26,
        initial=1,
    )

    def __init__(self, *args, kinds: list[MomentKindSpec], matches=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.kind, k.label) for k in kinds]
        if kinds and not self.is_bound:
            first = kinds[0]
            end = dt.datetime.combine(dt.date(2000, 1, 1), first.usual_start) + dt.timedelta(
                minutes=first.usual_minutes
            )
            self.initial.setdefault("start", first.usual_start.strftime("%H:%M"))
            self.initial.setdefault("end", end.time().strftime("%H:%M"))
        self.initial.setdefault("day", timezone.localdate().isoformat())
        for field in self.fields.values():
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs.setdefault("class", "form-select" if select else "form-control")
        if matches:
            self.fields["match"].choices = list(matches)
            self.fields["match"].required = True
        else:
            del self.fields["match"]

    def clean(self):
        data = super().clean()
        day, start, end = data.get("day"), data.get("start"), data.get("end")
        if day and start and end:
            starts_at = timezone.make_aware(dt.datetime.combine(day, start))
            end_day = day + dt.timedelta(days=1) if end <= start else day
            data["starts_at"] = starts_at
            data["ends_at"] = timezone.make_aware(dt.datetime.combine(end_day, end))
        return data


class MomentOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(choices=[(key, key) for key in OUTCOMES])

    def recorded(self) -> tuple[str, str]:
        return OUTCOMES[self.cleaned_data["outcome"]]
