"""The parents' front door: the request form, its confirmation, and the private status page."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from families import forms, services
from families.models import SupportRequest
from families.request_wizard import LAST, STEPS, RequestWizard, step, summary
from families.selectors import parent_status_text, primary_parent, request_by_status_token
from families.submission import posted_submission_key, submitted
from families.throttle import submission_allowed

CONFIRMATION_KEY = "request_confirmation"
# What a parent typed (health choices too) lives in the session until sent: on a shared
# phone it should not outlive a few idle hours.
WIZARD_IDLE_SECONDS = 4 * 3600


def private(view):
    """Pages under the private status link: never cached, never sent on as a referrer.

    With `no-referrer` a browser sends `Origin: null` on a POST, which Django's CSRF
    check refuses. The POST views under the link are therefore csrf_exempt: the
    256-bit token in their URL is itself the proof that the request comes from the
    parent's page (an attacker cannot forge a POST to a URL they do not know).
    The language is chosen with plain links (?lang=) for the same reason.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        response["Cache-Control"] = "no-store"
        return response

    return wrapper


def _render_step(request, wizard: RequestWizard, number: int, form, *, status: int = 200):
    wizard.touch()
    if not request.user.is_authenticated:
        request.session.set_expiry(WIZARD_IDLE_SECONDS)
    context = {
        "form": form,
        "step": step(number),
        "steps": STEPS,
        "last": LAST,
        "progress": round(100 * number / LAST),
        "previous": number - 1 if number > 1 else None,
    }
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
    return _render_step(request, wizard, number, wizard.form(number))


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
    request.session[CONFIRMATION_KEY] = {
        "reference_code": submitted.request.reference_code,
        "status_url": services.status_url(submitted.status_token),
        "email": bool(contact.cleaned_data["email"]),
    }
    return redirect("families:request_sent")


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


# --- The private status link ---------------------------------------------------


def _link_gone(request):
    return render(request, "families/status_link_gone.html", status=404)


def _status_page(request, support_request, token, *, withdraw_form=None, contact_form=None):
    parent = primary_parent(support_request)
    family = support_request.family
    headline, explanation = parent_status_text(support_request)
    if contact_form is None:
        contact_form = forms.ContactUpdateForm(
            initial={
                "phone": parent.phone if parent else "",
                "email": parent.email if parent else "",
                "contact_preference": family.contact_preference,
                "contact_times": family.contact_times,
            }
        )
    return render(
        request,
        "families/request_status.html",
        {
            "support_request": support_request,
            "token": token,
            "headline": headline,
            "explanation": explanation,
            "can_withdraw": support_request.is_open,
            "withdraw_form": withdraw_form or forms.WithdrawForm(),
            "contact_form": contact_form,
            "promise_days": settings.INTAKE_PROMISE_WORKING_DAYS,
        },
        status=400 if (withdraw_form and withdraw_form.errors) or contact_form.errors else 200,
    )


def _language_chosen(request, token: str):
    """?lang=xx on a status page: remember the language in its cookie and reload."""
    language = request.GET.get("lang", "")
    if language not in dict(settings.LANGUAGES):
        return None
    response = redirect("families:request_status", token=token)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )
    return response


@private
def request_status(request, token: str):
    if (response := _language_chosen(request, token)) is not None:
        return response
    support_request = request_by_status_token(token)
    if support_request is None:
        return _link_gone(request)
    return _status_page(request, support_request, token)


@csrf_exempt
@private
@require_POST
def request_status_withdraw(request, token: str):
    support_request = request_by_status_token(token)
    if support_request is None:
        return _link_gone(request)
    form = forms.WithdrawForm(request.POST)
    if not form.is_valid() or not support_request.is_open:
        return _status_page(request, support_request, token, withdraw_form=form)
    services.request_withdraw_by_parent(request=support_request, reason=form.cleaned_data["reason"])
    messages.success(request, _("Your request is stopped. We will not contact you about it."))
    return redirect("families:request_status", token=token)


@csrf_exempt
@private
@require_POST
def request_status_contact(request, token: str):
    support_request = request_by_status_token(token)
    if support_request is None:
        return _link_gone(request)
    form = forms.ContactUpdateForm(request.POST)
    if not form.is_valid():
        return _status_page(request, support_request, token, contact_form=form)
    services.request_update_contact(request=support_request, **form.cleaned_data)
    messages.success(request, _("Thank you. We saved your new contact details."))
    return redirect("families:request_status", token=token)


@csrf_exempt
@private
@require_POST
def request_status_revoke(request, token: str):
    support_request = request_by_status_token(token)
    if support_request is None:
        return _link_gone(request)
    services.request_revoke_status_link(request=support_request)
    return render(request, "families/status_link_stopped.html")
