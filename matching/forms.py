from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coalition import formfields
from matching.checkins import Feeling
from matching.models import AsAgreed, Fit, Side


class StartDateForm(forms.Form):
    """The planned start date the shortlist is checked for (screening validity, ages)."""

    start = formfields.DateField(
        label=_("Planned start"),
        required=False,
        widget=formfields.DateInput(),
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


# The pulse's score: a face for each third of the scale (hidden from screen readers,
# which read the number); three faces that every phone's emoji font has.
SCORE_FACES = {0: "😞", 1: "😞", 2: "😞", 3: "😞", 4: "😐", 5: "😐", 6: "😐"}
EXPECTED_MONTHS = [(3, _("3 months")), (6, _("6 months")), (12, _("1 year")), (24, _("2 years"))]


class PulseForm(forms.Form):
    """At most five questions, answered on a phone in under a minute. The first pulse
    asks how long the side expects the support to last instead of "as agreed"."""

    score = forms.TypedChoiceField(
        label=_("How is it going?"),
        choices=[(n, str(n)) for n in range(11)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a number from 0 to 10.")},
    )
    fits = forms.ChoiceField(
        label=_("Do you and the family fit together?"),
        choices=Fit.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose an answer.")},
    )
    as_agreed = forms.ChoiceField(
        label=_("Has the support happened as agreed?"),
        choices=AsAgreed.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    expected_months = forms.TypedChoiceField(
        label=_("How long do you think the support will last?"),
        choices=EXPECTED_MONTHS,
        coerce=int,
        widget=forms.RadioSelect,
        required=False,
        empty_value=None,
    )
    message = forms.CharField(
        label=_("Anything your coordinator should know? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    wants_call = forms.BooleanField(label=_("I would like a call"), required=False)

    def __init__(self, *args, side: str = Side.VOLUNTEER, first: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.first = first
        if side == Side.PARENT:
            self.fields["fits"].label = _("Do you and the volunteer fit together?")
        if first:
            del self.fields["as_agreed"]
        else:
            del self.fields["expected_months"]
            self.fields["as_agreed"].required = True
            self.fields["as_agreed"].error_messages["required"] = _("Choose an answer.")

    def faces(self) -> list[tuple]:
        return [(radio, SCORE_FACES.get(int(radio.data["value"]), "😄")) for radio in self["score"]]
