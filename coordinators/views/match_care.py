"""The match page's care actions: the sides' expectations, the pulse as a text for
SMS or WhatsApp, and the closure after the ending."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coalition.people.access import coordinator_required
from coalition.people.audit import get_visible_or_404
from coordinators.match_forms import ClosureForm, ExpectationForm
from coordinators.views._actions import run_form_action
from matching.case import match_closure_record
from matching.expectations import expectation_record
from matching.models import Match, Pulse
from matching.pulses import pulse_text_message


def _get_match(request, pk: int) -> Match:
    return get_visible_or_404(request, Match.objects.visible_to(request.user), pk=pk)


@require_POST
@coordinator_required
def match_expectation(request, pk: int):
    match = _get_match(request, pk)
    run_form_action(
        request,
        ExpectationForm(request.POST),
        lambda data: expectation_record(match=match, by=request.user, **data),
        _("Expectation saved."),
    )
    return redirect("coordinators:match_detail", pk=pk)


@require_POST
@coordinator_required
def match_closure(request, pk: int):
    match = _get_match(request, pk)
    run_form_action(
        request,
        ClosureForm(request.POST),
        lambda data: match_closure_record(match=match, **data),
        _("Closure saved."),
    )
    return redirect("coordinators:match_detail", pk=pk)


@require_POST
@coordinator_required
def pulse_text(request, pk: int, pulse_pk: int):
    """A text with a new private link, to copy into SMS or WhatsApp: shown once, not
    kept (the emailed link stops working)."""
    match = _get_match(request, pk)
    pulse = get_visible_or_404(
        request,
        Pulse.objects.filter(match=match, answered_at__isnull=True, cancelled_on__isnull=True),
        pk=pulse_pk,
    )
    return render(
        request,
        "coordinators/pulse_text.html",
        {"match": match, "pulse": pulse, "text": pulse_text_message(pulse=pulse), "nav": "matches"},
    )
