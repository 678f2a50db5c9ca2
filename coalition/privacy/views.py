"""The public privacy and accessibility statements. The coordinators' export and
erasure pages are in the workspace (coordinators/views/privacy.py)."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def privacy_statement(request):
    return render(request, "privacy/statement.html")


@require_safe
def accessibility_statement(request):
    return render(request, "privacy/accessibility.html")
