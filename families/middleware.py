"""Input no view should see: a form too big (a clear 413 page), a body that cannot be
decoded, and a NUL byte anywhere in the address or a form (both a 400 page).

A NUL byte is never typed by a person, and PostgreSQL refuses it in text: refused
here, no lookup, form or save of any view meets it.
"""

from __future__ import annotations

from django.core.exceptions import BadRequest, RequestDataTooBig
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render

NUL = "\x00"


class RequestInputMiddleware:
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
            except (BadRequest, MultiPartParserError):
                # Django raises on an undecodable body but keeps no parsed result:
                # the next read of request.POST (CSRF, the 400 page) would raise again.
                request._mark_post_parse_error()
                raise
        if _carries_nul(request):
            # Django answers BadRequest with its 400 page (handler400, 400.html).
            raise BadRequest("NUL byte in the request")
        return self.get_response(request)


def _carries_nul(request) -> bool:
    if NUL in request.path_info:
        return True
    for data in (request.GET, request.POST):
        for key, values in data.lists():
            if NUL in key or any(NUL in value for value in values):
                return True
    return any(NUL in upload.name for upload in request.FILES.values())
