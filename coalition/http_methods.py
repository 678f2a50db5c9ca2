"""Only the methods the platform's pages need are served: GET and HEAD to read, POST
to act. OPTIONS, TRACE, PUT, PATCH, DELETE and anything else get a 405 before any view
runs, so no page is shown for them and none is logged as a change (issue 14): a view
need not remember to refuse them. A page that only reads also refuses POST
(`require_safe` on the view)."""

from __future__ import annotations

from django.http import HttpResponseNotAllowed

SERVED_METHODS = ("GET", "HEAD", "POST")


def served_methods_middleware(get_response):
    def middleware(request):
        if request.method not in SERVED_METHODS:
            return HttpResponseNotAllowed(SERVED_METHODS)
        return get_response(request)

    return middleware
