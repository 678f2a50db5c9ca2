"""A clear page for a form that is too big, instead of a bare 400."""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render


class RequestTooBigMiddleware:
    """Parse a POST body before the view hooks run (CSRF reads it there), so that a body
    over DATA_UPLOAD_MAX_MEMORY_SIZE is answered with 413 and nothing is stored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST":
            try:
                request.POST  # noqa: B018 - parsing is what raises
            except RequestDataTooBig:
                return render(request, "413.html", status=413)
        return self.get_response(request)
