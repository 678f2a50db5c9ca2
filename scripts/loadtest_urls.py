"""URLs of the load test only (scripts/loadtest_settings.py): every production
URL, plus a bare view that measures what Django itself costs on this machine,
the ceiling the real pages are compared with, and a page of the layout with one
query as a second, realistic ceiling. Never part of coalition/urls.py."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from coalition.programmes.models import Programme
from coalition.urls import urlpatterns as coalition_urlpatterns


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


def bare_logged_in(request):
    """Nothing but the session and authentication middleware: the floor of any
    logged-in page. Refuses a visitor who is not logged in, so a lost session
    shows up as errors instead of as a fast anonymous page."""
    if not request.user.is_authenticated:
        return HttpResponse("not logged in", status=403, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


def template_one_query(request):
    """A page of the site's layout with one query: the second, realistic ceiling."""
    programmes = list(Programme.objects.order_by("name"))
    return render(request, "coordinators/about.html", {"programmes": programmes})


urlpatterns = [
    path("loadtest/bare/", bare, name="loadtest_bare"),
    path("loadtest/bare-logged-in/", bare_logged_in, name="loadtest_bare_logged_in"),
    path("loadtest/template/", template_one_query, name="loadtest_template"),
    *coalition_urlpatterns,
]
