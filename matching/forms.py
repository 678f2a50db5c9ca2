from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coalition import formfields
from matching.checkins import Feeling


class StartDateForm(forms.Form):
    """The planned start date the shortlist is checked for (screening validity, ages)."""

    start = formfields.DateField(
        label=_("Planned start"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    earlier = forms.BooleanField(label=_("Show earlier volunteers too"), required=False)


class ProposeForm(forms.Form):
    volunteer = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    planned_start_on = formfields.DateField(required=False, widget=forms.HiddenInput)


class ProposalDecisionForm(forms.Form):
    ACTIONS = (("accept", _("Accept")), ("reject", _("Reject")))

    action = forms.ChoiceField(choices=ACTIONS)
    proposal = forms.IntegerField(min_value=1)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)


class CheckInForm(forms.Form):
    """The volunteer's monthly check-in, from the link in their email."""

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
