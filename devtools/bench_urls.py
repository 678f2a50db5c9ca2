"""The site's URLs plus one reference page, for `bench_dashboard` only.

The reference is the floor of any logged-in page: the base template and one
query, through the same middleware (session, authentication, two-step check,
language, CSP). A page's `ratio_to_reference` says how much more it costs."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import include, path

from coalition.people.models import User


@login_required
def reference_page(request):
    User.objects.filter(pk=request.user.pk).exists()
    return render(request, "base.html", {})


urlpatterns = [
    path("__bench__/reference/", reference_page, name="bench_reference"),
    # By name, not by import: the site wiring sits above every app.
    path("", include("coalition.urls")),
]
