from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from coalition.people.models import Role
from coalition.programmes.models import Programme


@require_safe
def home(request):
    programmes = Programme.objects.filter(is_active=True).order_by("name")
    return render(request, "coordinators/home.html", {"programmes": programmes})


@require_safe
def about(request):
    return render(request, "coordinators/about.html")


@require_safe
@login_required
def after_login(request):
    """Send each role to the page where their work starts."""
    destinations = {
        Role.COALITION_ADMIN: "coordinators:dashboard",
        Role.COORDINATOR: "coordinators:dashboard",
        Role.INTAKE_COORDINATOR: "coordinators:dashboard",
        Role.PARTNER: "families:partner_home",
        Role.VOLUNTEER: "volunteers:home",
    }
    return redirect(destinations.get(request.user.role, "coordinators:home"))
