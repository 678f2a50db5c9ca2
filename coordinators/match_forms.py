"""Forms of the match page: its steps, the ending and the closure, the expectations
at the start and the evaluations. They validate input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coalition import formfields
from coalition.formfields import DateInput
from coordinators.forms import today
from matching.case import AfterEnding
from matching.models import EndedBy, EndingKind, EndReason, Frequency, MatchStatus, Outcome, Side


class MatchStepForm(forms.Form):
    to_status = forms.ChoiceField(choices=MatchStatus.choices)
    on = formfields.DateField(label=_("On"), widget=DateInput(), required=False)


class MatchEndForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why it ends"), choices=EndReason.choices)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    on = formfields.DateField(label=_("Ended on"), widget=DateInput(), initial=today)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    after = forms.ChoiceField(
        label=_("And the request?"),
        choices=AfterEnding.choices,
        initial=AfterEnding.WAIT,
        required=False,
        widget=forms.RadioSelect,
    )
    close_reason = forms.CharField(
        label=_("Why the request closes (only when you close it)"), required=False
    )
    ended_by = forms.ChoiceField(
        label=_("Who ended it"), choices=[("", "---------"), *EndedBy.choices], required=False
    )
    ending_kind = forms.ChoiceField(
        label=_("Planned or premature"),
        choices=[("", _("From the reason")), *EndingKind.choices],
        required=False,
    )
    contact_continues = forms.BooleanField(
        label=_("Family and volunteer keep in touch informally"), required=False
    )


class ClosureForm(forms.Form):
    """After the ending: the closing talks held, and informal contact."""

    closing_talk_family_on = formfields.DateField(
        label=_("Closing talk with the family"), widget=DateInput(), required=False
    )
    closing_talk_volunteer_on = formfields.DateField(
        label=_("Closing talk with the volunteer"), widget=DateInput(), required=False
    )
    ended_by = forms.ChoiceField(
        label=_("Who ended it"), choices=[("", "---------"), *EndedBy.choices], required=False
    )
    contact_continues = forms.BooleanField(
        label=_("Family and volunteer keep in touch informally"), required=False
    )


class ExpectationForm(forms.Form):
    """What one side expects at the start, as told at the proposal or introduction."""

    side = forms.ChoiceField(label=_("Whose expectation"), choices=Side.choices)
    months = forms.IntegerField(label=_("How long (months)"), min_value=1, max_value=60)
    frequency = forms.ChoiceField(label=_("How often"), choices=Frequency.choices)
    purpose = forms.CharField(label=_("What for"), max_length=200, required=False)


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Why re-open"), required=False)


class FollowUpForm(forms.Form):
    done_on = formfields.DateField(label=_("Took place on"), widget=DateInput(), initial=today)
    notes = forms.CharField(
        label=_("What was discussed"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class FollowUpRescheduleForm(forms.Form):
    due_on = formfields.DateField(label=_("New date"), widget=DateInput())
    reason = forms.CharField(
        label=_("Why it moves"), widget=forms.Textarea(attrs={"rows": 2}), max_length=500
    )
