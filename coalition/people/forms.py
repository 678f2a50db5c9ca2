"""Invitations: what the administrator fills in, and what the invited person
fills in, once: their name and a password."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from coalition.people.models import Role, User
from coalition.people.services import INVITABLE_ROLES
from coalition.programmes.models import Programme


class InvitationAcceptForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["first_name"].initial = user.first_name
        self.fields["last_name"].initial = user.last_name

    def clean_first_name(self) -> str:
        name = self.cleaned_data["first_name"].strip()
        if not name:
            raise forms.ValidationError(_("Fill in your first name."))
        return name

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            try:
                password_validation.validate_password(first, self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class UserInvitationAdminForm(forms.ModelForm):
    """The administrator invites: who, in which role, for which organisation and
    programmes. No password: the invited person chooses it."""

    programmes = forms.ModelMultipleChoiceField(
        label=_("Programmes (coordinators)"),
        queryset=Programme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = User
        fields = ["email", "role", "organisation", "first_name", "last_name", "preferred_language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [
            (value, label) for value, label in Role.choices if value in INVITABLE_ROLES
        ]
        self.fields["preferred_language"] = forms.ChoiceField(
            label=_("preferred language"),
            choices=[
                (code, name)
                for code, name in settings.LANGUAGES
                if code in settings.STAFF_LANGUAGES
            ],
            initial="nl",
        )

    def clean(self):
        cleaned = super().clean()
        role, organisation = cleaned.get("role"), cleaned.get("organisation")
        if role in (Role.PARTNER, Role.COORDINATOR, Role.INTAKE_COORDINATOR) and not organisation:
            self.add_error("organisation", _("Give the organisation this person works for."))
        if (
            role != Role.COORDINATOR
            and role != Role.INTAKE_COORDINATOR
            and cleaned.get("programmes")
        ):
            self.add_error("programmes", _("Only coordinators have programmes."))
        return cleaned
