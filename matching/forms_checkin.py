from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from matching.checkins import Feeling


class CheckInForm(forms.Form):
    feeling = forms.ChoiceField(
        label=_("How is it going?"),
        choices=[
            (Feeling.GOOD, _("It is going well")),
            (Feeling.OKAY, _("It is going all right")),
            (Feeling.HARD, _("It is difficult")),
        ],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Anything your coordinator should know? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    call_me = forms.BooleanField(label=_("Please call me"), required=False)
