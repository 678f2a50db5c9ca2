"""The volunteer's own page: screening progress, matches, availability, pause or stop."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from coalition.people.access import volunteer_required
from volunteers import forms, selectors, services
from volunteers.applications import application_create


def _home(request, *, availability_form=None, apply_form=None, status=200):
    volunteer = selectors.volunteer_for_user(request.user)
    if volunteer is None:
        return render(request, "volunteers/no_profile.html", status=404)
    today = timezone.localdate()
    if availability_form is None:
        from coalition.programmes.weekgrid import slots_from_mask

        availability_form = forms.AvailabilityForm(
            initial={"availability": slots_from_mask(volunteer.availability)}
        )
    return render(
        request,
        "volunteers/home.html",
        {
            "volunteer": volunteer,
            "progress": selectors.screening_progress(volunteer=volunteer, on=today),
            "matches": selectors.matches_for_volunteer(user=request.user, on=today),
            "availability_form": availability_form,
            "actions": services.volunteer_self_actions(volunteer),
            "applications": list(volunteer.applications.select_related("programme")),
            "apply_form": apply_form or forms.ApplyProgrammeForm(volunteer=volunteer),
        },
        status=status,
    )


@require_safe
@volunteer_required
def home(request):
    return _home(request)


@volunteer_required
@require_POST
def availability(request):
    volunteer = selectors.volunteer_for_user(request.user)
    form = forms.AvailabilityForm(request.POST)
    if volunteer is None or not form.is_valid():
        return _home(request, availability_form=form, status=400)
    services.volunteer_update_availability(
        volunteer=volunteer, availability=form.availability_mask()
    )
    messages.success(request, _("Your availability is saved."))
    return redirect("volunteers:home")


@volunteer_required
@require_POST
def change_status(request):
    volunteer = selectors.volunteer_for_user(request.user)
    form = forms.StatusChangeForm(request.POST)
    if volunteer is None or not form.is_valid():
        return _home(request, status=400)
    action = form.cleaned_data["action"]
    if action not in services.volunteer_self_actions(volunteer):
        messages.error(request, _("This is not possible at the moment."))
        return _home(request, status=400)
    if not form.cleaned_data["confirm"]:
        return render(
            request,
            "volunteers/status_confirm.html",
            {
                "action": action,
                "reason": form.cleaned_data["reason"],
                "matches": selectors.matches_for_volunteer(
                    user=request.user, on=timezone.localdate()
                ),
            },
        )
    try:
        services.volunteer_self_change_status(
            volunteer=volunteer,
            action=form.cleaned_data["action"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _home(request, status=400)
    if form.cleaned_data["action"] == "pause":
        messages.success(request, _("You are on pause. We will not ask you for a new family."))
    else:
        messages.success(request, _("You stopped as a volunteer. Thank you for everything."))
    return redirect("volunteers:home")


@volunteer_required
@require_POST
def apply_programme(request):
    """Also volunteer for another programme: one person, one account, one more application."""
    volunteer = selectors.volunteer_for_user(request.user)
    if volunteer is None:
        return _home(request, status=400)
    form = forms.ApplyProgrammeForm(request.POST, volunteer=volunteer)
    if not form.is_valid():
        return _home(request, apply_form=form, status=400)
    try:
        application_create(
            volunteer=volunteer,
            programme=form.cleaned_data["programme"],
            motivation=form.cleaned_data["motivation"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _home(request, apply_form=form, status=400)
    messages.success(
        request,
        _("You applied to %(programme)s. Its coordinator contacts you.")
        % {"programme": form.cleaned_data["programme"].name},
    )
    return redirect("volunteers:home")
