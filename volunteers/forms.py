"""Forms of the volunteers' front door: sign-up and the volunteer's own page."""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalition.programmes.models import Programme
from coalition.programmes.weekgrid import mask_from_slots, slot_choices
from families.form_fields import (
    INVALID_CHOICE,
    HomeLanguagesField,
    clean_dutch_postcode,
    clean_phone_number,
    weekgrid_rows,
)
from families.submission import SubmissionKeyField

MEMBER_SLOTS = 3
RADIUS_CHOICES = [(str(km), _("%(km)s km") % {"km": km}) for km in (1, 2, 3, 5, 10, 15, 20)]
AGE_CHOICES = [(str(age), str(age)) for age in range(18)]

VOLUNTEER_CONSENT_VERSION = "2026-11"
VOLUNTEER_CONSENT_TEXT = _(
    "I agree that the coalition keeps these answers to screen me as a volunteer and to "
    "match me with a family. Only coordinators of the coalition can see them."
)


class AvailabilityForm(forms.Form):
    availability = forms.MultipleChoiceField(
        label=_("When are you available?"),
        choices=slot_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one part of the week."), **INVALID_CHOICE},
    )

    def availability_mask(self) -> int:
        return mask_from_slots(self.cleaned_data["availability"])

    def grid(self) -> list[dict]:
        return weekgrid_rows(self["availability"])


class ContactCleaningMixin:
    """The phone number and postcode a volunteer gives, checked the same way everywhere."""

    def clean_phone(self) -> str:
        phone = clean_phone_number(self.cleaned_data.get("phone", ""))
        if not phone:
            raise forms.ValidationError(_("Give your phone number."), code="required")
        return phone

    def clean_postcode(self) -> str:
        return clean_dutch_postcode(self.cleaned_data["postcode"])


class HouseholdSlotsMixin:
    """Up to `slots` other people in the household: a first name and a birth year each."""

    slots = MEMBER_SLOTS

    def add_member_slots(self) -> None:
        for i in range(1, self.slots + 1):
            self.fields[f"member_{i}_name"] = forms.CharField(
                label=_("First name"), max_length=100, required=False
            )
            self.fields[f"member_{i}_birth_year"] = forms.IntegerField(
                label=_("Birth year"),
                required=False,
                min_value=1900,
                max_value=timezone.localdate().year,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    def member_rows(self):
        return [
            (self[f"member_{i}_name"], self[f"member_{i}_birth_year"])
            for i in range(1, self.slots + 1)
        ]

    def clean_member_slots(self, cleaned: dict) -> None:
        for i in range(1, self.slots + 1):
            name = (cleaned.get(f"member_{i}_name") or "").strip()
            year = cleaned.get(f"member_{i}_birth_year")
            if name and year is None and f"member_{i}_birth_year" not in self.errors:
                self.add_error(
                    f"member_{i}_birth_year", _("In which year was %(name)s born?") % {"name": name}
                )
            elif year is not None and not name:
                self.add_error(f"member_{i}_name", _("Write a first name."))

    def household_members(self) -> list[tuple[str, int]]:
        members = []
        for i in range(1, self.slots + 1):
            name = (self.cleaned_data.get(f"member_{i}_name") or "").strip()
            year = self.cleaned_data.get(f"member_{i}_birth_year")
            if name and year is not None:
                members.append((name, year))
        return members


class VolunteerSignupForm(ContactCleaningMixin, HouseholdSlotsMixin, AvailabilityForm):
    programmes = forms.ModelMultipleChoiceField(
        label=_("For which programmes do you want to volunteer?"),
        queryset=Programme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one programme.")},
    )
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("You log in with this address. We send you an email to check it."),
        error_messages={"invalid": _("This does not look like an email address.")},
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only numbers."),
    )
    password2 = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    is_household = forms.TypedChoiceField(
        label=_("Do you volunteer alone or as a household?"),
        choices=[("0", _("On my own")), ("1", _("As a household (family)"))],
        coerce=lambda v: v == "1",
        initial="0",
        widget=forms.RadioSelect,
    )
    has_children = forms.BooleanField(label=_("There are children in my household"), required=False)
    has_pets = forms.BooleanField(label=_("There are pets in my household"), required=False)
    smokes = forms.BooleanField(label=_("Someone smokes in my household"), required=False)
    languages = HomeLanguagesField(label=_("Which languages do you speak?"))
    postcode = forms.CharField(
        label=_("Your postcode"), max_length=10, help_text=_("For example 5038 AB.")
    )
    travel_radius_km = forms.ChoiceField(
        label=_("How far do you want to travel?"), choices=RADIUS_CHOICES, initial="5"
    )
    child_age_min = forms.TypedChoiceField(
        label=_("Youngest child age"), choices=AGE_CHOICES, coerce=int, initial="0"
    )
    child_age_max = forms.TypedChoiceField(
        label=_("Oldest child age"), choices=AGE_CHOICES, coerce=int, initial="17"
    )
    motivation = forms.CharField(
        label=_("Why do you want to volunteer? (not required)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    consent = forms.BooleanField(
        label=VOLUNTEER_CONSENT_TEXT,
        error_messages={"required": _("We can only process your sign-up if you agree.")},
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    # A double tap on "Sign up" saves one volunteer (families.submission).
    submission_key = SubmissionKeyField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programmes"].queryset = Programme.objects.filter(is_active=True).order_by(
            "name"
        )
        self.add_member_slots()

    def clean_email(self) -> str:
        return self.cleaned_data["email"].lower()

    def clean(self) -> dict:
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif p1:
            from coalition.people.models import User

            probe = User(
                email=cleaned.get("email", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(p1, user=probe)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        low, high = cleaned.get("child_age_min"), cleaned.get("child_age_max")
        if low is not None and high is not None and low > high:
            self.add_error("child_age_max", _("The oldest age must not be below the youngest age."))
        self.clean_member_slots(cleaned)
        return cleaned


class StatusChangeForm(forms.Form):
    action = forms.ChoiceField(choices=[("pause", "pause"), ("stop", "stop")])
    reason = forms.CharField(
        label=_("Do you want to tell us why? (not required)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # The first post shows what happens (their open matches named); the second confirms.
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


class VolunteerProfileForm(ContactCleaningMixin, HouseholdSlotsMixin, forms.Form):
    """What a volunteer changes on their own page (not their email: that is their login)."""

    phone = forms.CharField(label=_("Phone number"), max_length=40)
    postcode = forms.CharField(
        label=_("Your postcode"), max_length=10, help_text=_("For example 5038 AB.")
    )
    travel_radius_km = forms.ChoiceField(
        label=_("How far do you want to travel?"), choices=RADIUS_CHOICES
    )
    languages = HomeLanguagesField(label=_("Which languages do you speak?"))
    child_age_min = forms.TypedChoiceField(
        label=_("Youngest child age"), choices=AGE_CHOICES, coerce=int
    )
    child_age_max = forms.TypedChoiceField(
        label=_("Oldest child age"), choices=AGE_CHOICES, coerce=int
    )
    has_children = forms.BooleanField(label=_("There are children in my household"), required=False)
    has_pets = forms.BooleanField(label=_("There are pets in my household"), required=False)
    smokes = forms.BooleanField(label=_("Someone smokes in my household"), required=False)

    def __init__(self, *args, volunteer, **kwargs):
        members = list(volunteer.household_members.all())
        # Every current member has a row, plus room for two more.
        self.slots = len(members) + 2
        initial = {
            "phone": volunteer.phone,
            "postcode": volunteer.pc4,
            "travel_radius_km": str(int(volunteer.travel_radius_km)),
            "languages": volunteer.languages,
            "child_age_min": str(volunteer.child_age_min),
            "child_age_max": str(volunteer.child_age_max),
            "has_children": volunteer.has_children,
            "has_pets": volunteer.has_pets,
            "smokes": volunteer.smokes,
        }
        for i, member in enumerate(members, start=1):
            initial[f"member_{i}_name"] = member.first_name
            initial[f"member_{i}_birth_year"] = member.birth_year
        super().__init__(*args, initial=initial, **kwargs)
        self.add_member_slots()
        radius = initial["travel_radius_km"]
        if radius not in dict(RADIUS_CHOICES):
            self.fields["travel_radius_km"].choices = [
                (radius, _("%(km)s km") % {"km": radius}),
                *RADIUS_CHOICES,
            ]

    def clean(self) -> dict:
        cleaned = super().clean()
        low, high = cleaned.get("child_age_min"), cleaned.get("child_age_max")
        if low is not None and high is not None and low > high:
            self.add_error("child_age_max", _("The oldest age must not be below the youngest age."))
        self.clean_member_slots(cleaned)
        return cleaned


class ApplyProgrammeForm(forms.Form):
    """A volunteer of one programme applies to another: same person, same account."""

    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.none(), empty_label=None
    )
    motivation = forms.CharField(
        label=_("Why this programme? (not required)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, volunteer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = (
            Programme.objects.filter(is_active=True)
            .exclude(pk__in=volunteer.programmes.values("pk"))
            .exclude(pk__in=volunteer.applications.filter(status="pending").values("programme_id"))
        )
