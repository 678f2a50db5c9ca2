from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coalition.privacy.uploads import validate_document
from documents.models import DocumentKind


class DocumentUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(
        label=_("File (PDF, JPG or PNG)"),
        validators=[validate_document],
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    special_category = forms.BooleanField(
        label=_("Holds health information"),
        required=False,
        help_text=_("Only the coordinators who may see the request's health information see it."),
    )


class DocumentVersionForm(forms.Form):
    file = forms.FileField(
        label=_("New version (PDF, JPG or PNG)"),
        validators=[validate_document],
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
