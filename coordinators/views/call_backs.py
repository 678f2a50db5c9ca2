"""After the call-back: the coordinator completes the short request with what the
parent told them (closing it is the request page's usual "end" action)."""

from __future__ import annotations

from django import forms
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coalition.people.access import coordinator_required
from coalition.people.audit import get_visible_or_404
from coordinators.views._actions import run_form_action
from families.form_fields import ChildrenFields, clean_family_postcode
from families.models import SPECIAL_CATEGORY_SITUATIONS, Situation, SupportRequest
from families.services.call_back import call_back_complete


class CallBackCompleteForm(ChildrenFields):
    postcode = forms.CharField(label=gettext_lazy("Postcode"), max_length=10)
    # Health situations are not asked here: the programme's coordinator records them
    # at the intake (RecordIntakeForm), where special-category rules apply.
    situation = forms.MultipleChoiceField(
        label=gettext_lazy("What is going on?"),
        choices=[
            (c, label) for c, label in Situation.choices if c not in SPECIAL_CATEGORY_SITUATIONS
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    situation_text = forms.CharField(
        label=gettext_lazy("In their own words"),
        max_length=2000,
        required=False,
        help_text=gettext_lazy("No medical details."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_postcode(self) -> str:
        return clean_family_postcode(self.cleaned_data["postcode"])


@coordinator_required
def request_complete_call_back(request, pk: int):
    user = request.user
    support_request = get_visible_or_404(
        request, SupportRequest.objects.held_by(user).select_related("family"), pk=pk
    )
    if not support_request.call_back:
        return redirect("coordinators:request_detail", pk=pk)
    form = CallBackCompleteForm(request.POST or None)
    if request.method == "POST" and run_form_action(
        request,
        form,
        lambda data: call_back_complete(
            request=support_request,
            postcode=data["postcode"],
            children=form.children(),
            situation=data["situation"],
            situation_text=data["situation_text"],
            by=user,
        ),
        _("The request is complete. It stays in the intake queue."),
    ):
        return redirect("coordinators:request_detail", pk=pk)
    return render(
        request,
        "coordinators/request_call_back.html",
        {"req": support_request, "form": form, "nav": "requests"},
    )
