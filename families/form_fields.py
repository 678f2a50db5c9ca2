"""Form building blocks shared by the front doors of families and volunteers.

Fields and checks that several forms ask the same way: phone, postcode, the week
grid, the home languages, how to reach a parent and the children's ages.
"""

from __future__ import annotations

import re
import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from coalition.programmes.geography import in_tilburg, normalise_pc4
from coalition.programmes.models import Programme
from coalition.programmes.weekgrid import DAYS, PARTS
from families.languages import language_choices
from families.models import ContactPreference

CHILD_SLOTS = 5
MAX_CHILD_AGE = 23
INVALID_CHOICE = {"invalid_choice": _("Choose one of the options shown.")}
_PHONE_CHARS = re.compile(r"^\+?[0-9 ()\-.]{8,25}$")


_POSTCODE = re.compile(r"^([1-9][0-9]{3}) ?([A-Z]{2})?$")


def western_digits(value: str) -> str:
    """Digits as people type them, in any script (Arabic-Indic, Persian, full-width),
    become 0-9; everything else stays as it is."""
    return "".join(
        str(unicodedata.decimal(ch)) if unicodedata.decimal(ch, None) is not None else ch
        for ch in value
    )


def clean_phone_number(value: str) -> str:
    value = " ".join(western_digits(value).split())
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
    """Four digits and, usually, two letters, with or without a space: '5038ab',
    '5038 AB' and '٥٠٣٨ AB' become '5038 AB'; '5038 ABC' is refused."""
    match = _POSTCODE.match(" ".join(western_digits(value).split()).upper())
    if match is None or normalise_pc4(match.group(1)) is None:
        raise forms.ValidationError(
            _("Fill in a Dutch postcode, for example 5038 AB."), code="postcode"
        )
    digits, letters = match.groups()
    return f"{digits} {letters}" if letters else digits


def clean_family_postcode(value: str) -> str:
    """A family's postcode, which must lie where the coalition works."""
    postcode = clean_dutch_postcode(value)
    if not in_tilburg(postcode[:4]):
        raise forms.ValidationError(
            _(
                "This postcode is not in the municipality of Tilburg, where the coalition "
                "helps families. Do you live somewhere else? Ask the wijkteam or social "
                "team of your own municipality for help."
            ),
            code="outside_area",
        )
    return postcode


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


class HomeLanguagesField(forms.MultipleChoiceField):
    """The languages someone speaks, ticked from the one list of home languages."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, label, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("error_messages", INVALID_CHOICE)
        super().__init__(label=label, choices=language_choices, **kwargs)


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


def check_ages_fit(programme: Programme | None, children: list[tuple[str, int]]) -> None:
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
