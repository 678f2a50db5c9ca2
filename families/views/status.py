"""The parent's private status page, opened from the link in their confirmation (no login)."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from families import forms, services
from families.selectors import (
    parent_status_text,
    planned_intake,
    primary_parent,
    request_by_status_token,
)
from families.services.consent import family_consent_withdraw_by_parent


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


# Set when the parent picks a language on their status page (?lang=): from then on
# that language; until then the language of their request, whatever the browser says.
STATUS_LANGUAGE_COOKIE = "status_language"


def speak_the_parents_language(request, support_request) -> None:
    """A page behind the parent's private link speaks their chosen language (?lang=,
    kept in a cookie), else their request's, whatever the browser says."""
    chosen = request.COOKIES.get(STATUS_LANGUAGE_COOKIE, "")
    language = chosen if chosen in dict(settings.LANGUAGES) else support_request.language
    if language in dict(settings.LANGUAGES):
        translation.activate(language)
        request.LANGUAGE_CODE = language


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
            "intake": planned_intake(support_request),
            "can_withdraw": support_request.is_open,
            "withdraw_form": withdraw_form or forms.WithdrawForm(),
            "contact_form": contact_form,
            "promise_days": settings.INTAKE_PROMISE_WORKING_DAYS,
        },
        status=400 if (withdraw_form and withdraw_form.errors) or contact_form.errors else 200,
    )


def language_chosen(request, url_name: str, *, token: str, cookies=(STATUS_LANGUAGE_COOKIE,)):
    """?lang=xx on a page behind a private link: remember the language in `cookies`
    and reload the page without it; None when no (known) language was chosen."""
    language = request.GET.get("lang", "")
    if language not in dict(settings.LANGUAGES):
        return None
    response = redirect(url_name, token=token)
    for cookie in cookies:
        response.set_cookie(
            cookie,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        )
    return response


def _language_chosen(request, token: str):
    """The status page also sets the site's own language cookie: its other pages follow."""
    return language_chosen(
        request,
        "families:request_status",
        token=token,
        cookies=(settings.LANGUAGE_COOKIE_NAME, STATUS_LANGUAGE_COOKIE),
    )


@require_safe
@private
def request_status(request, token: str):
    if (response := _language_chosen(request, token)) is not None:
        return response
    support_request = request_by_status_token(token)
    if support_request is None:
        return _link_gone(request)
    speak_the_parents_language(request, support_request)
    return _status_page(request, support_request, token)


def status_action(view):
    """A POST under the status link (see `private` for why it is csrf_exempt): the
    view gets the request the token opens, or the parent sees that the link is gone."""

    @csrf_exempt
    @private
    @require_POST
    @wraps(view)
    def wrapper(request, token: str):
        support_request = request_by_status_token(token)
        if support_request is None:
            return _link_gone(request)
        speak_the_parents_language(request, support_request)
        return view(request, support_request, token)

    return wrapper


@status_action
def request_status_withdraw(request, support_request, token: str):
    form = forms.WithdrawForm(request.POST)
    if not form.is_valid() or not support_request.is_open:
        return _status_page(request, support_request, token, withdraw_form=form)
    services.request_withdraw_by_parent(request=support_request, reason=form.cleaned_data["reason"])
    messages.success(request, _("Your request is stopped. We will not contact you about it."))
    return redirect("families:request_status", token=token)


@status_action
def request_status_contact(request, support_request, token: str):
    form = forms.ContactUpdateForm(request.POST)
    if not form.is_valid():
        return _status_page(request, support_request, token, contact_form=form)
    services.request_update_contact(request=support_request, **form.cleaned_data)
    messages.success(request, _("Thank you. We saved your new contact details."))
    return redirect("families:request_status", token=token)


@status_action
def request_status_revoke(request, support_request, token: str):
    services.request_revoke_status_link(request=support_request)
    return render(request, "families/status_link_stopped.html")


@require_safe
@private
def request_status_consent(request, token: str):
    """What taking back consent means, in plain words, before the parent confirms."""
    support_request = request_by_status_token(token)
    if support_request is None:
        return _link_gone(request)
    speak_the_parents_language(request, support_request)
    return render(
        request,
        "families/status_consent_withdraw.html",
        {"support_request": support_request, "token": token},
    )


@status_action
def request_status_consent_withdraw(request, support_request, token: str):
    language = translation.get_language()
    family_consent_withdraw_by_parent(request=support_request)
    # The link is gone with the data: the answer is shown here, not after a redirect.
    return render(request, "families/status_consent_withdrawn.html", {"language": language})
