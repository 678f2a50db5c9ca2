"""Forms of the families' front doors: the parents' request, the status page, referrals.

Forms validate only; the services in families/services/ write.
"""

from __future__ import annotations

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalition.programmes.geography import normalise_pc4
from coalition.programmes.models import Programme
from coalition.programmes.weekgrid import DAYS, PARTS, mask_from_slots, slot_choices
from families.languages import language_choices
from families.models import ContactPreference, Situation
from families.submission import SubmissionKeyField

HELP_ME_CHOOSE = "help"
CHILD_SLOTS = 5
MAX_CHILD_AGE = 23
INVALID_CHOICE = {"invalid_choice": _("Choose one of the options shown.")}
_PHONE_CHARS = re.compile(r"^\+?[0-9 ()\-.]{8,25}$")


def clean_phone_number(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    digits = sum(ch.isdigit() for ch in value)
    if not _PHONE_CHARS.match(value) or not 8 <= digits <= 15:
        raise forms.ValidationError(
            _("This does not look like a phone number. For example: 06 12345678."),
            code="phone",
        )
    return value


def clean_dutch_postcode(value: str) -> str:
    value = " ".join(value.split()).upper()
    if normalise_pc4(value) is None:
        raise forms.ValidationError(
            _("Fill in a Dutch postcode, for example 5038 AB."), code="postcode"
        )
    return value


def weekgrid_rows(field: forms.BoundField) -> list[dict]:
    """The 7x3 grid of dagdelen for a template: one row per day, one cell per part."""
    chosen = set(field.value() or [])
    rows = []
    for day, day_label in DAYS:
        cells = []
        for part, part_label in PARTS:
            slot = f"{day}_{part}"
            cells.append(
                {
                    "value": slot,
                    "id": f"id_{field.html_name}_{slot}",
                    "checked": slot in chosen,
                    "label": f"{day_label} {part_label}",
                }
            )
        rows.append({"label": day_label, "cells": cells})
    return rows


class ContactFields(forms.Form):
    """How to reach a parent: phone and/or email, preference and best times."""

    phone = forms.CharField(
        label=_("Phone number"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        help_text=_("Not required. If you give it, we send you a confirmation."),
        error_messages={"invalid": _("This does not look like an email address.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_preference = forms.ChoiceField(
        label=_("How do you want us to contact you?"),
        choices=ContactPreference.choices,
        initial=ContactPreference.PHONE,
        error_messages={"required": _("Choose how we can contact you."), **INVALID_CHOICE},
        widget=forms.RadioSelect,
    )
    contact_times = forms.CharField(
        label=_("When is a good time to call you?"),
        max_length=200,
        required=False,
        help_text=_("For example: weekdays after 3 pm."),
    )

    def clean_phone(self) -> str:
        return clean_phone_number(self.cleaned_data.get("phone", ""))

    def clean(self) -> dict:
        cleaned = super().clean()
        phone, email = cleaned.get("phone"), cleaned.get("email")
        preference = cleaned.get("contact_preference")
        if "phone" in self.errors or "email" in self.errors:
            return cleaned
        if not phone and not email:
            self.add_error(
                "phone", _("Give a phone number or an email address, so we can reach you.")
            )
        elif preference in (ContactPreference.PHONE, ContactPreference.WHATSAPP) and not phone:
            self.add_error("phone", _("Give your phone number, or choose email."))
        elif preference == ContactPreference.EMAIL and not email:
            self.add_error("email", _("Give your email address, or choose phone."))
        return cleaned


class ChildrenFields(forms.Form):
    """Up to five children, each a first name (or initial) and an age in years."""

    child_slots = CHILD_SLOTS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, self.child_slots + 1):
            self.fields[f"child_{i}_name"] = forms.CharField(
                label=_("First name or initial"), max_length=100, required=False
            )
            self.fields[f"child_{i}_age"] = forms.IntegerField(
                label=_("Age in years"),
                required=False,
                min_value=0,
                max_value=MAX_CHILD_AGE,
                error_messages={
                    "invalid": _("Fill in the age as a number, for example 4."),
                    "min_value": _("Fill in an age from 0 to %(max)s.") % {"max": MAX_CHILD_AGE},
                    "max_value": _("Fill in an age from 0 to %(max)s.") % {"max": MAX_CHILD_AGE},
                },
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    def child_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"child_{i}_name"], self[f"child_{i}_age"])
            for i in range(1, self.child_slots + 1)
        ]

    def clean(self) -> dict:
        cleaned = super().clean()
        found = 0
        for i in range(1, self.child_slots + 1):
            name_key, age_key = f"child_{i}_name", f"child_{i}_age"
            if name_key in self.errors or age_key in self.errors:
                found += 1
                continue
            name = (cleaned.get(name_key) or "").strip()
            age = cleaned.get(age_key)
            if name and age is None:
                self.add_error(age_key, _("How old is %(name)s?") % {"name": name})
            elif age is not None and not name:
                self.add_error(name_key, _("Write a first name or an initial."))
            if name or age is not None:
                found += 1
        if not found:
            self.add_error("child_1_name", _("Tell us about at least one child."))
        return cleaned

    def children(self) -> list[tuple[str, int]]:
        result = []
        for i in range(1, self.child_slots + 1):
            name = (self.cleaned_data.get(f"child_{i}_name") or "").strip()
            age = self.cleaned_data.get(f"child_{i}_age")
            if name and age is not None:
                result.append((name, age))
        return result


def _check_ages_fit(programme: Programme | None, children: list[tuple[str, int]]) -> None:
    if programme is None:
        return
    outside = [name for name, age in children if not programme.accepts_child_age(age)]
    if outside:
        raise forms.ValidationError(
            _(
                "%(programme)s is for children from %(min)s to %(max)s years old "
                "(not for %(names)s). Choose another one, or let us help you choose."
            )
            % {
                "programme": programme.name,
                "min": programme.child_min_age,
                "max": programme.child_max_age,
                "names": ", ".join(outside),
            },
            code="child_age",
        )


# --- The parents' request, one short step per form -------------------------


class AboutYouForm(forms.Form):
    first_name = forms.CharField(
        label=_("Your first name"),
        max_length=100,
        error_messages={"required": _("Write your first name, so we know how to greet you.")},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    postcode = forms.CharField(
        label=_("Your postcode"),
        max_length=10,
        help_text=_("For example 5038 AB. We use it to find a volunteer near you."),
        error_messages={"required": _("Fill in your postcode, for example 5038 AB.")},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )

    def clean_postcode(self) -> str:
        return clean_dutch_postcode(self.cleaned_data["postcode"])


class ContactForm(ContactFields):
    pass


class ChildrenForm(ChildrenFields):
    pass


class SituationForm(forms.Form):
    situation = forms.MultipleChoiceField(
        label=_("What is going on? Tick what fits."),
        choices=Situation.choices,
        required=False,
        error_messages=INVALID_CHOICE,
        widget=forms.CheckboxSelectMultiple,
    )
    situation_text = forms.CharField(
        label=_("Do you want to tell us more? (not required)"),
        max_length=2000,
        required=False,
        error_messages={"max_length": _("Please keep it shorter: at most 2000 characters.")},
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if not cleaned.get("situation") and not (cleaned.get("situation_text") or "").strip():
            self.add_error("situation", _("Tick at least one, or tell us in your own words."))
        return cleaned


class SupportForm(forms.Form):
    support = forms.ChoiceField(
        label=_("Which support would you like?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a programme, or choose 'Help me choose'."),
            **INVALID_CHOICE,
        },
    )

    def __init__(self, *args, programmes=(), children=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.programmes = {p.slug: p for p in programmes}
        self.children = list(children)
        self.fields["support"].choices = [(slug, p.name) for slug, p in self.programmes.items()] + [
            (HELP_ME_CHOOSE, _("Help me choose"))
        ]

    def clean_support(self) -> str:
        support = self.cleaned_data["support"]
        _check_ages_fit(self.programmes.get(support), self.children)
        return support

    def programme(self) -> Programme | None:
        return self.programmes.get(self.cleaned_data["support"])

    def options(self) -> list[dict]:
        """'Help me choose' first: the easiest answer for a parent who is not sure."""
        chosen = self["support"].value()
        options = [
            {"value": HELP_ME_CHOOSE, "programme": None, "checked": chosen == HELP_ME_CHOOSE}
        ]
        options += [
            {"value": slug, "programme": p, "checked": chosen == slug}
            for slug, p in self.programmes.items()
        ]
        return options


class WhenForm(forms.Form):
    availability = forms.MultipleChoiceField(
        label=_("When could a volunteer come or help?"),
        choices=slot_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one part of the week."), **INVALID_CHOICE},
    )
    languages = forms.MultipleChoiceField(
        label=_("Which languages do you speak at home?"),
        choices=language_choices,
        required=False,
        error_messages=INVALID_CHOICE,
        widget=forms.CheckboxSelectMultiple,
    )
    needs_shared_language = forms.BooleanField(
        label=_("I need a volunteer who speaks my language"), required=False
    )

    def availability_mask(self) -> int:
        return mask_from_slots(self.cleaned_data["availability"])

    def grid(self) -> list[dict]:
        return weekgrid_rows(self["availability"])


REQUEST_CONSENT_VERSION = "2026-11"
REQUEST_CONSENT_TEXT = _(
    "I agree that the coalition keeps my answers to find support for my family. "
    "Only coordinators of the coalition can see them. "
    "I can take back this consent at any time."
)


class SendForm(forms.Form):
    consent = forms.BooleanField(
        label=REQUEST_CONSENT_TEXT,
        error_messages={"required": _("We can only help if you agree. Tick the box to send.")},
    )
    submission_key = SubmissionKeyField()
    # Honeypot: hidden from people by CSS, filled in by form-filling bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)


# --- The private status page -------------------------------------------------


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Do you want to tell us why? (not required)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ContactUpdateForm(ContactFields):
    pass


# --- Partner referrals -------------------------------------------------------

REFERRAL_CONSENT_VERSION = "2026-11"
REFERRAL_CONSENT_TEXT = _(
    "The parents agreed that I refer them to the coalition and that I pass on these "
    "contact details, so that a coordinator can contact them."
)


class ReferralForm(ChildrenFields, ContactFields):
    parent_first_name = forms.CharField(label=_("Parent's first name"), max_length=100)
    postcode = forms.CharField(label=_("Postcode"), max_length=10)
    language = forms.ChoiceField(label=_("Language to contact the parents in"))
    reason = forms.CharField(
        label=_("Reason for the referral"),
        max_length=3000,
        help_text=_("What is going on, and what would help. No medical details."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    advised_programme = forms.ModelChoiceField(
        label=_("Advised programme"),
        queryset=Programme.objects.none(),
        required=False,
        empty_label=_("The coalition decides"),
    )
    parents_agreed = forms.BooleanField(
        label=REFERRAL_CONSENT_TEXT,
        error_messages={"required": _("Refer a family only after the parents agreed.")},
    )
    parents_agreed_on = forms.DateField(
        label=_("Date the parents agreed"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    # A double tap on "Send" saves one referral (families.submission).
    submission_key = SubmissionKeyField()

    field_order = [
        "parent_first_name",
        "phone",
        "email",
        "contact_preference",
        "contact_times",
        "postcode",
        "language",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.conf import settings

        self.fields["language"].choices = settings.LANGUAGES
        self.fields["language"].initial = "nl"
        self.fields["advised_programme"].queryset = Programme.objects.filter(is_active=True)

    def clean_postcode(self) -> str:
        return clean_dutch_postcode(self.cleaned_data["postcode"])

    def clean_parents_agreed_on(self):
        day = self.cleaned_data["parents_agreed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("This date is in the future."), code="future")
        return day

    def clean(self) -> dict:
        cleaned = super().clean()
        if "advised_programme" not in self.errors and not any(
            k.startswith("child_") for k in self.errors
        ):
            try:
                _check_ages_fit(cleaned.get("advised_programme"), self.children())
            except forms.ValidationError as exc:
                self.add_error("advised_programme", exc)
        return cleaned
