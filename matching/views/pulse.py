"""The pulse page, opened from a private link (email, SMS or WhatsApp; no login) in
the language of the one who answers (the parent's request's, the volunteer's
account's) until they pick another (?lang=); or by the volunteer from their account."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt

from coalition.people.access import volunteer_required
from families.views.status import private
from matching.forms import PulseForm
from matching.models import Pulse, PulseOccasion, Side
from matching.pulses import is_first_pulse, pulse_answer, pulse_by_token, pulse_language


def _speak(request, pulse: Pulse) -> None:
    chosen = request.GET.get("lang", "")
    language = chosen if chosen in dict(settings.LANGUAGES) else pulse_language(pulse)
    translation.activate(language)
    request.LANGUAGE_CODE = language


def _answer(request, pulse: Pulse):
    """The five questions; an answer is taken once, then the thank-you page."""
    if not pulse.is_open:
        return render(request, "matching/pulse_done.html")
    first = is_first_pulse(pulse)
    form = PulseForm(request.POST or None, side=pulse.side, first=first)
    if request.method == "POST" and form.is_valid():
        pulse_answer(pulse=pulse, **form.cleaned_data)
        return redirect(request.get_full_path())
    return render(
        request,
        "matching/pulse_form.html",
        {
            "form": form,
            "pulse": pulse,
            "exit": pulse.occasion == PulseOccasion.EXIT,
            "first": first,
        },
        status=400 if form.errors else 200,
    )


@csrf_exempt  # the token in the URL is the proof; see families.views.status.private
@private
def pulse_answer_page(request, token: str):
    if request.method not in ("GET", "HEAD", "POST"):
        return render(request, "matching/pulse_gone.html", status=405)
    pulse = pulse_by_token(token)
    if pulse is None:
        return render(request, "matching/pulse_gone.html", status=404)
    _speak(request, pulse)
    return _answer(request, pulse)


@volunteer_required
def volunteer_pulse(request, pk: int):
    """The volunteer answers their pulse from their own page (logged in)."""
    if request.method not in ("GET", "HEAD", "POST"):
        raise Http404
    pulse = (
        Pulse.objects.filter(
            pk=pk, side=Side.VOLUNTEER, match__volunteer__user=request.user, cancelled_on=None
        )
        .select_related("match__request", "match__volunteer__user")
        .first()
    )
    if pulse is None:
        raise Http404
    return _answer(request, pulse)
