"""Forms of the coordinator pages: they validate input, the services decide."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalition import formfields
from coalition.instruments.models import Instrument, Moment
from coalition.people.access import can_see_special_category
from coalition.privacy.uploads import validate_screening_document
from coalition.programmes.models import Programme, ScreeningKind
from coalition.programmes.weekgrid import mask_from_slots, slot_choices, slots_from_mask
from coordinators.selectors import agenda
from families.models import (
    AdministrationMode,
    RenewalChannel,
    RequestStatus,
    Situation,
    SupportRequest,
)
from families.special_category import (
    situation_after_edit,
    situation_choices_for,
    situation_shown_to,
)
from matching.case import OpenMatches
from matching.models import (
    ContactKind,
)
from volunteers.models import VolunteerStatus
from volunteers.selectors import household_vog_label


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%dT%H:%M")
        super().__init__(**kwargs)


def today():
    return timezone.localdate()


class PlanIntakeForm(forms.Form):
    when = formfields.DateTimeField(
        label=_("Intake on"), widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M"]
    )


class AgendaFilterForm(forms.Form):
    """Whose planned intakes the agenda shows: mine, my programmes', or a colleague's."""

    who = forms.ChoiceField(label=_("Whose intakes"), required=False)

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self._colleagues = {str(c.pk): c for c in colleagues}
        self.fields["who"].choices = [
            (agenda.MINE, _("Mine")),
            (agenda.PROGRAMMES, _("My programmes'")),
            *((pk, c.get_full_name() or c.email) for pk, c in self._colleagues.items()),
        ]
        self.fields["who"].widget.attrs["class"] = "form-select form-select-sm"

    def chosen(self):
        """MINE, PROGRAMMES or the chosen colleague (a User)."""
        value = self.cleaned_data.get("who") or agenda.MINE
        return self._colleagues.get(value, value)


class ProgrammeChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Programme.objects.filter(is_active=True))
        super().__init__(**kwargs)


class RecordIntakeForm(forms.Form):
    done_on = forms.DateField(
        label=_("Intake took place on"), widget=formfields.DateInput(), initial=today
    )
    programme = ProgrammeChoiceField(label=_("Agreed programme"), required=False)
    situation = forms.MultipleChoiceField(
        label=_("Confirmed situation"),
        choices=Situation.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    availability = forms.MultipleChoiceField(
        label=_("Dagdelen that suit the family"),
        choices=slot_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages = forms.CharField(
        label=_("Languages spoken at home"),
        required=False,
        help_text=_("Two-letter codes separated by commas, for example: nl, ar."),
    )
    needs_shared_language = forms.BooleanField(
        label=_("Needs a volunteer who speaks one of these languages"), required=False
    )
    excludes_pets = forms.BooleanField(label=_("No pets (allergy or fear)"), required=False)
    excludes_smoking = forms.BooleanField(label=_("No smoking household"), required=False)
    health_notes = forms.CharField(
        label=_("Health notes (special category)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Only coordinators of the programme see this."),
    )
    notes = forms.CharField(
        label=_("Notes of the conversation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    notes_confidential = forms.BooleanField(
        label=_("Confidential notes"), required=False, initial=True
    )

    def __init__(self, *args, user, request: SupportRequest, **kwargs):
        """Special-category fields follow `can_see_special_category`: for a user who
        may not see them, the health notes and the special situation codes are not
        on the form, so they can be neither read, set nor cleared."""
        super().__init__(*args, **kwargs)
        self.user, self.request = user, request
        self.fields["situation"].choices = situation_choices_for(user, request)
        if not can_see_special_category(user, request):
            del self.fields["health_notes"]

    @classmethod
    def initial_for(cls, request: SupportRequest, *, user) -> dict:
        family = request.family
        initial = {
            "programme": request.programme_id,
            "situation": situation_shown_to(user, request),
            "availability": slots_from_mask(request.availability),
            "languages": ", ".join(family.languages),
            "needs_shared_language": family.needs_shared_language,
            "excludes_pets": family.excludes_pets,
            "excludes_smoking": family.excludes_smoking,
            "notes_confidential": True,
        }
        if can_see_special_category(user, request):
            initial["health_notes"] = request.health_notes
        return initial

    def clean_situation(self) -> list[str]:
        return situation_after_edit(self.user, self.request, self.cleaned_data["situation"])

    def clean_languages(self) -> list[str]:
        codes = [c.strip().lower() for c in self.cleaned_data["languages"].split(",") if c.strip()]
        for code in codes:
            if not (2 <= len(code) <= 3 and code.isalpha()):
                raise forms.ValidationError(_("“%s” is not a language code.") % code)
        return codes

    def clean_availability(self) -> int:
        return mask_from_slots(self.cleaned_data["availability"])


class ChooseProgrammeForm(forms.Form):
    programme = ProgrammeChoiceField(label=_("Programme"))


class ReferForm(forms.Form):
    to_programme = ProgrammeChoiceField(label=_("Refer to"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    family_agreed = forms.BooleanField(
        label=_("The family agreed that we share their request"), required=False
    )


class ConsentRenewForm(forms.Form):
    valid_until = formfields.DateField(
        label=_("Consent valid until"), widget=formfields.DateInput()
    )
    channel = forms.ChoiceField(label=_("How the parents agreed"), choices=RenewalChannel.choices)


class EndRequestForm(forms.Form):
    to_status = forms.ChoiceField(
        label=_("How it ends"),
        choices=[
            (RequestStatus.WITHDRAWN, _("The family withdraws")),
            (RequestStatus.CLOSED, _("Close the request")),
            (RequestStatus.REFERRED_ELSEWHERE, _("The family is referred to other help")),
        ],
    )
    family_moved = forms.BooleanField(label=_("The family moved out of the area"), required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ReferralDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])
    note = forms.CharField(
        label=_("Answer to the sender"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class ProposeForm(forms.Form):
    volunteer = forms.ModelChoiceField(label=_("Volunteer"), queryset=None)

    def __init__(self, *args, volunteers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = volunteers


class NoteForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of contact"), choices=ContactKind.choices)
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))
    confidential = forms.BooleanField(label=_("Confidential"), required=False)


OWN_SCREENING_KINDS = [(k, v) for k, v in ScreeningKind.choices if k != ScreeningKind.HOUSEHOLD_VOG]


class _ScreeningStepForm(forms.Form):
    """A step of the volunteer's own screening, or the VOG of one adult in their
    household: the choice "household_vog:<member id>" becomes `kind` plus
    `household_member` in the cleaned data."""

    kind = forms.ChoiceField(label=_("Step"))

    def __init__(self, *args, household_adults=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.household_adults = {str(m.pk): m for m in household_adults}
        self.fields["kind"].choices = [
            *OWN_SCREENING_KINDS,
            *(
                (f"{ScreeningKind.HOUSEHOLD_VOG}:{pk}", household_vog_label(member))
                for pk, member in self.household_adults.items()
            ),
        ]

    def clean(self):
        data = super().clean()
        if "kind" in data:
            data["kind"], _sep, member_pk = data["kind"].partition(":")
            data["household_member"] = self.household_adults.get(member_pk)
        return data


class ScreeningRecordForm(_ScreeningStepForm):
    done_on = formfields.DateField(
        label=_("Done on (for a VOG: date of issue)"), widget=formfields.DateInput(), initial=today
    )
    document = forms.FileField(
        label=_("Document"), required=False, validators=[validate_screening_document]
    )
    notes = forms.CharField(label=_("Notes"), required=False)
    screening_profile = forms.CharField(
        label=_("Screening profile (VOG)"), max_length=100, required=False
    )

    def clean_done_on(self):
        day = self.cleaned_data["done_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("This date lies in the future."))
        return day


class ScreeningExemptForm(_ScreeningStepForm):
    reason = forms.CharField(label=_("Reason for the exemption"))


class VolunteerStatusForm(forms.Form):
    to_status = forms.ChoiceField(choices=VolunteerStatus.choices)
    reason = forms.CharField(label=_("Reason"), required=False)
    open_matches = forms.ChoiceField(
        label=_("Their open matches"),
        choices=OpenMatches.choices,
        initial=OpenMatches.TASK,
        required=False,
    )


class AssignOwnerForm(forms.Form):
    """Hand a request or match to a colleague of its programme (or take it)."""

    owner = forms.ModelChoiceField(label=_("Responsible coordinator"), queryset=None)
    note = forms.CharField(
        label=_("Note for your colleague"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Needed when the case already has a responsible coordinator."),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = candidates


class QuestionnaireStartForm(forms.Form):
    instrument = forms.ModelChoiceField(
        label=_("Questionnaire"),
        queryset=None,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    moment = forms.ChoiceField(
        label=_("Moment"),
        choices=Moment.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    mode = forms.ChoiceField(
        label=_("How"),
        choices=AdministrationMode.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, offers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = Instrument.objects.filter(
            pk__in=[offer.instrument.pk for offer in offers]
        )
