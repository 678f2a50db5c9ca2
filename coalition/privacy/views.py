"""The public privacy and accessibility statements. The coordinators' export and
erasure pages are in the workspace (coordinators/views/privacy.py)."""

from __future__ import annotations

from datetime import date

from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def privacy_statement(request):
    return render(request, "privacy/statement.html")


# The Dutch model statement (toegankelijkheidsverklaring) is dated: change this day
# when the statement is reviewed.
ACCESSIBILITY_STATEMENT_DATE = date(2026, 12, 3)


@require_safe
def accessibility_statement(request):
    return render(
        request,
        "privacy/accessibility.html",
        {"statement_date": ACCESSIBILITY_STATEMENT_DATE, "answer_days": 5},
    )
