from __future__ import annotations

from django.shortcuts import render


def signup(request):
    return render(request, "volunteers/signup.html")
