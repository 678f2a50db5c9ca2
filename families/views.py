from __future__ import annotations

from django.shortcuts import render


def request_start(request):
    return render(request, "families/request_start.html")
