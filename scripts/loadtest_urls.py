"""URLs of the load test only (scripts/loadtest_settings.py): every production
URL, plus a bare view that measures what Django itself costs on this machine,
the ceiling the real pages are compared with. Never part of coalition/urls.py."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import path

from coalition.urls import urlpatterns as coalition_urlpatterns


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("loadtest/bare/", bare, name="loadtest_bare"), *coalition_urlpatterns]
