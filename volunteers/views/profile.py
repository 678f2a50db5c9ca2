"""The volunteer changes their own details."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coalition.people.access import volunteer_required
from volunteers import forms, selectors
from volunteers.profile import volunteer_update_profile


@volunteer_required
@require_http_methods(["GET", "POST"])
def profile(request):
    volunteer = selectors.volunteer_for_user(request.user)
    if volunteer is None:
        return render(request, "volunteers/no_profile.html", status=404)
    form = forms.VolunteerProfileForm(request.POST or None, volunteer=volunteer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            change = volunteer_update_profile(
                volunteer=volunteer,
                phone=data["phone"],
                postcode=data["postcode"],
                travel_radius_km=Decimal(data["travel_radius_km"]),
                languages=data["languages"],
                child_age_min=data["child_age_min"],
                child_age_max=data["child_age_max"],
                has_children=data["has_children"],
                has_pets=data["has_pets"],
                smokes=data["smokes"],
                household_members=form.household_members(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your details are saved."))
            if change.adults_added:
                messages.info(
                    request,
                    _(
                        "Every adult in your household needs a certificate of conduct (VOG). "
                        "Your coordinator will contact you about it."
                    ),
                )
            elif change.matters_for_screening():
                messages.info(request, _("Your coordinator has been told about the change."))
            return redirect("volunteers:home")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "volunteers/profile.html", {"form": form, "volunteer": volunteer}, status=status
    )
