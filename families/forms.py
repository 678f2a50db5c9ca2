"""Forms of the families' front doors: the parents' request, the status page, referrals.

Forms validate only; the services in families/services/ write.
"""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.db import models
from django.utils import timezone, translation
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coalition import formfields
from coalition.programmes.models import Programme
from coalition.programmes.weekgrid import mask_from_slots, slot_choices
from families.form_fields import (
    INVALID_CHOICE,
    ChildrenFields,
    ContactFields,
    HomeLanguagesField,
    check_ages_fit,
    clean_family_postcode,
    clean_phone_number,
    weekgrid_rows,
)
from families.languages import language_choices
from families.models import HelperKind, Situation
from families.submission import SubmissionKeyField

HELP_ME_CHOOSE = "help"
# Filled in by static/js/char_counter.js while the parent types.
COUNTER_TEXT = _("Characters left: %(left)s of %(max)s")


def _at_most(limit: int) -> str:
    return gettext("At most %(max)s characters.") % {"max": limit}


# The limit in words for a page without JavaScript, in the language of the request.
at_most_characters = lazy(_at_most, str)


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
        return clean_family_postcode(self.cleaned_data["postcode"])


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
        help_text=at_most_characters(2000),
        error_messages={"max_length": _("Please keep it shorter: at most 2000 characters.")},
        widget=forms.Textarea(attrs={"rows": 4, "data-counter": COUNTER_TEXT}),
    )

    def options(self) -> list[dict]:
        chosen = set(self["situation"].value() or [])
        return [
            {"value": value, "label": label, "checked": value in chosen}
            for value, label in Situation.choices
        ]

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
        check_ages_fit(self.programmes.get(support), self.children)
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
    languages = HomeLanguagesField(label=_("Which languages do you speak at home?"))
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


# --- "Bel mij terug": four answers and the same consent ------------------------


class BestTime(models.TextChoices):
    MORNING = "morning", _("In the morning (9:00 to 12:00)")
    AFTERNOON = "afternoon", _("In the afternoon (12:00 to 17:00)")
    EVENING = "evening", _("In the early evening (17:00 to 20:00)")
    ANY = "any", _("Any time")


class CallBackForm(forms.Form):
    first_name = AboutYouForm.base_fields["first_name"]
    phone = forms.CharField(
        label=_("Your phone number"),
        max_length=40,
        error_messages={"required": _("Give your phone number, so we can call you.")},
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    language = forms.ChoiceField(
        label=_("In which language do you want to talk?"),
        choices=language_choices,
        error_messages={"required": _("Choose a language."), **INVALID_CHOICE},
    )
    best_time = forms.ChoiceField(
        label=_("When can we call you?"),
        choices=BestTime.choices,
        initial=BestTime.ANY,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose when we can call you."), **INVALID_CHOICE},
    )
    consent = SendForm.base_fields["consent"]
    submission_key = SubmissionKeyField()
    website = SendForm.base_fields["website"]

    def clean_phone(self) -> str:
        return clean_phone_number(self.cleaned_data.get("phone", ""))

    def best_time_for_coordinators(self) -> str:
        """The coordinators read the time in Dutch, whatever the page's language."""
        with translation.override("nl"):
            return str(BestTime(self.cleaned_data["best_time"]).label)


# --- Filling in the request together with the parent (partner area) ----------

ASSISTED_CONSENT_LABEL = _(
    "I read this text to the parent, in a language they understand, and they agreed in person:"
)


class AssistStartForm(forms.Form):
    helped_as = forms.ChoiceField(
        label=_("How do you help the parent?"),
        choices=HelperKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you help."), **INVALID_CHOICE},
    )
    parent_present = forms.BooleanField(
        label=_("The parent is here with me and wants to fill in the request together."),
        error_messages={"required": _("Fill in the request only together with the parent.")},
    )


# --- The private status page -------------------------------------------------


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Do you want to tell us why? (not required)"),
        max_length=1000,
        required=False,
        help_text=at_most_characters(1000),
        widget=forms.Textarea(attrs={"rows": 3, "data-counter": COUNTER_TEXT}),
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
    parents_agreed_on = formfields.DateField(
        label=_("Date the parents agreed"),
        initial=timezone.localdate,
        widget=formfields.DateInput(),
    )
    consent_valid_until = formfields.DateField(
        label=_("Consent valid until"),
        help_text=_("The last day the parents' consent holds. After it, nothing more is shared."),
        initial=lambda: timezone.localdate() + timedelta(days=365),
        widget=formfields.DateInput(),
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
        return clean_family_postcode(self.cleaned_data["postcode"])

    def referral(self) -> dict:
        """What `referral_create` needs from the form, whichever front door sent it
        (the partner's web page or the API); the caller adds who and the key."""
        data = self.cleaned_data
        return {
            **{
                name: data[name]
                for name in (
                    "parent_first_name",
                    "phone",
                    "email",
                    "contact_preference",
                    "contact_times",
                    "postcode",
                    "language",
                    "reason",
                    "advised_programme",
                    "parents_agreed_on",
                    "consent_valid_until",
                )
            },
            "children": self.children(),
            "consent_text": str(REFERRAL_CONSENT_TEXT),
            "consent_version": REFERRAL_CONSENT_VERSION,
        }

    def clean_parents_agreed_on(self):
        day = self.cleaned_data["parents_agreed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("This date is in the future."), code="future")
        return day

    def clean_consent_valid_until(self):
        day = self.cleaned_data["consent_valid_until"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("This consent has already run out."), code="expired")
        return day

    def clean(self) -> dict:
        cleaned = super().clean()
        agreed_on, valid_until = (
            cleaned.get("parents_agreed_on"),
            cleaned.get("consent_valid_until"),
        )
        if agreed_on and valid_until and valid_until <= agreed_on:
            self.add_error(
                "consent_valid_until",
                forms.ValidationError(
                    _("Consent must be valid after the day it was given."), code="before_given"
                ),
            )
        if "advised_programme" not in self.errors and not any(
            k.startswith("child_") for k in self.errors
        ):
            try:
                check_ages_fit(cleaned.get("advised_programme"), self.children())
            except forms.ValidationError as exc:
                self.add_error("advised_programme", exc)
        return cleaned


class WebhookEndpointForm(forms.Form):
    url = forms.URLField(
        label=_("Address (URL)"),
        max_length=200,
        assume_scheme="https",
        help_text=_("Starts with https://. We post every status change of your referrals here."),
    )
