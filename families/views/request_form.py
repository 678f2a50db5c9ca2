"""The parents' front door: the request form in steps, and its confirmation."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from django.views.i18n import set_language

from families import forms, services
from families.drafts import draft_drop, draft_initial, draft_keep
from families.models import HelperKind, SupportRequest
from families.request_wizard import (
    ASSISTED_KEY,
    LAST,
    STEPS,
    RequestWizard,
    assisted_by,
    step,
    summary,
)
from families.submission import posted_submission_key, submitted
from families.throttle import honeypot_hit, submission_allowed, submission_succeeded

CONFIRMATION_KEY = "request_confirmation"
# What a parent typed (health choices too) lives in the session until sent: on a shared
# phone it should not outlive a few idle hours.
WIZARD_IDLE_SECONDS = 4 * 3600


def _render_step(request, wizard: RequestWizard, number: int, form, *, status: int = 200):
    # A visitor who has typed nothing yet gets the page without a session: no row
    # written per look at the form, which is most of what the front door serves.
    if wizard.data:
        wizard.touch()
        if not request.user.is_authenticated:
            request.session.set_expiry(WIZARD_IDLE_SECONDS)
    draft_drop(request.session, f"request_step_{number}")
    context = {
        "form": form,
        "step": step(number),
        "steps": STEPS,
        "last": LAST,
        "progress": round(100 * number / LAST),
        "previous": number - 1 if number > 1 else None,
        # The language switch sends this form along, so what was typed stays.
        "draft_form": {"id": "step-form", "name": f"request_step_{number}"},
    }
    if (helper := assisted_by(request)) is not None:
        context["assisted_as"] = HelperKind(helper[1]).label
        if number == LAST:
            form.fields["consent"].label = forms.ASSISTED_CONSENT_LABEL
            context["consent_text"] = forms.REQUEST_CONSENT_TEXT
    if number == LAST:
        answered, _invalid = wizard.valid_forms()
        context["summary"] = summary(answered)
    return render(request, "families/request_step.html", context, status=status)


def _to_step(number: int):
    if number == 1:
        return redirect("families:request_start")
    return redirect("families:request_step", number=number)


def request_start(request):
    return request_step(request, number=1)


# The steps hold what a parent typed: a shared phone's back button must not show it.
@never_cache
def request_step(request, number: int):
    if not 1 <= number <= LAST:
        raise Http404
    wizard = RequestWizard(request.session)
    if request.method == "POST" and number == LAST:
        # Before the step check: a second tap arrives after the first one cleared the wizard.
        return _request_send(request, wizard)
    if number > wizard.first_open_step():
        return _to_step(wizard.first_open_step())
    if request.method == "POST":
        form = wizard.form(number, data=request.POST)
        if form.is_valid():
            wizard.store(number, form)
            return redirect("families:request_step", number=number + 1)
        return _render_step(request, wizard, number, form)
    initial = draft_initial(
        request.session,
        f"request_step_{number}",
        step(number).form_class,
        **wizard.form_kwargs(number),
    )
    form = wizard.form(number) if initial is None else wizard.form(number, initial=initial)
    return _render_step(request, wizard, number, form)


# Posted by the language switch of a public form (includes/language_switch.html):
# what was typed is kept, unvalidated, and shown again in the new language.
@require_POST
def language_switch(request):
    draft_keep(request.session, request.POST.get("draft_for", ""), request.POST)
    # The form may ask a `language` of its own ("in which language do you want to talk?").
    request.POST = request.POST.copy()
    request.POST["language"] = request.POST.get("switch_language", "")
    return set_language(request)


def _already_sent(request, key: str):
    existing = submitted(SupportRequest.objects, key)
    if existing is None:
        return None
    confirmation = request.session.get(CONFIRMATION_KEY) or {}
    if confirmation.get("reference_code") != existing.reference_code:
        # Same key from another session: show the reference, not the private link.
        request.session[CONFIRMATION_KEY] = {"reference_code": existing.reference_code}
    return redirect("families:request_sent")


def _request_send(request, wizard: RequestWizard):
    if not submission_allowed(request, scope="request"):
        return render(request, "429.html", status=429)
    key = posted_submission_key(request)
    if (done := _already_sent(request, key)) is not None:
        return done
    form = wizard.form(LAST, data=request.POST)
    if request.POST.get("website"):
        # A bot filled the hidden field: save nothing and say nothing specific.
        honeypot_hit(request, scope="request")
        form.is_valid()
        form.add_error(None, _("Something went wrong. Please try again later."))
        return _render_step(request, wizard, LAST, form, status=400)
    if not form.is_valid():
        return _render_step(request, wizard, LAST, form)
    answered, invalid = wizard.valid_forms()
    if invalid is not None:
        messages.error(request, _("Please check this step again."))
        return _to_step(invalid)
    about, contact, children, situation, support, when = (answered[n] for n in range(1, 7))
    helper = assisted_by(request)
    try:
        submitted = services.request_submit(
            first_name=about.cleaned_data["first_name"],
            postcode=about.cleaned_data["postcode"],
            phone=contact.cleaned_data["phone"],
            email=contact.cleaned_data["email"],
            contact_preference=contact.cleaned_data["contact_preference"],
            contact_times=contact.cleaned_data["contact_times"],
            children=children.children(),
            situation=situation.cleaned_data["situation"],
            situation_text=situation.cleaned_data["situation_text"],
            programme=support.programme(),
            availability=when.availability_mask(),
            languages=when.cleaned_data["languages"],
            needs_shared_language=when.cleaned_data["needs_shared_language"],
            language=translation.get_language() or settings.LANGUAGE_CODE,
            consent_text=str(forms.REQUEST_CONSENT_TEXT),
            consent_version=forms.REQUEST_CONSENT_VERSION,
            submission_key=form.cleaned_data["submission_key"],
            helped_by=helper[0] if helper else None,
            helped_as=helper[1] if helper else "",
        )
    except IntegrityError:
        # A second tap raced the first one to the same submission key.
        if (done := _already_sent(request, key)) is not None:
            return done
        raise
    except ValidationError as exc:
        form.add_error(None, exc)
        return _render_step(request, wizard, LAST, form)
    wizard.clear()
    request.session.pop(ASSISTED_KEY, None)
    submission_succeeded(request, scope="request")
    request.session[CONFIRMATION_KEY] = {
        "reference_code": submitted.request.reference_code,
        "status_url": services.status_url(submitted.status_token),
        "email": bool(contact.cleaned_data["email"]),
    }
    return redirect("families:request_sent")


@require_safe
@never_cache
def request_sent(request):
    confirmation = request.session.get(CONFIRMATION_KEY)
    if not confirmation:
        return redirect("families:request_start")
    return render(
        request,
        "families/request_sent.html",
        {**confirmation, "promise_days": settings.INTAKE_PROMISE_WORKING_DAYS},
    )
