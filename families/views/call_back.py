""" "Bel mij terug": one short screen, with the request form's consent and protection."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from families import forms
from families.drafts import draft_drop, draft_initial
from families.languages import LANGUAGE_CODES
from families.models import SupportRequest
from families.services import status_url
from families.services.call_back import call_back_request_submit
from families.submission import posted_submission_key, submitted
from families.throttle import honeypot_hit, submission_allowed, submission_succeeded
from families.views.request_form import CONFIRMATION_KEY

SCOPE = "request"


DRAFT = "call_back"


def _page(request, form, *, status: int = 200):
    draft_drop(request.session, DRAFT)
    context = {"form": form, "draft_form": {"id": "call-back-form", "name": DRAFT}}
    return render(request, "families/call_back.html", context, status=status)


def _confirm(request, support_request: SupportRequest, token: str | None):
    shown = request.session.get(CONFIRMATION_KEY) or {}
    if token is None and shown.get("reference_code") == support_request.reference_code:
        # A second tap of this browser: the confirmation it already has, link included.
        return redirect("families:request_sent")
    confirmation = {"reference_code": support_request.reference_code, "call_back": True}
    if token:
        confirmation["status_url"] = status_url(token)
    request.session[CONFIRMATION_KEY] = confirmation
    return redirect("families:request_sent")


@never_cache
def call_back(request):
    page_language = translation.get_language() or settings.LANGUAGE_CODE
    if request.method != "POST":
        initial = {"language": page_language if page_language in LANGUAGE_CODES else "nl"}
        initial.update(draft_initial(request.session, DRAFT, forms.CallBackForm) or {})
        return _page(request, forms.CallBackForm(initial=initial))
    if not submission_allowed(request, scope=SCOPE):
        return render(request, "429.html", status=429)
    key = posted_submission_key(request)
    if (existing := submitted(SupportRequest.objects, key)) is not None:
        return _confirm(request, existing, None)
    form = forms.CallBackForm(request.POST)
    if request.POST.get("website"):
        honeypot_hit(request, scope=SCOPE)
        form.is_valid()
        form.add_error(None, _("Something went wrong. Please try again later."))
        return _page(request, form, status=400)
    if not form.is_valid():
        return _page(request, form)
    try:
        sent = call_back_request_submit(
            first_name=form.cleaned_data["first_name"],
            phone=form.cleaned_data["phone"],
            language=form.cleaned_data["language"],
            best_time=form.best_time_for_coordinators(),
            page_language=page_language,
            consent_text=str(forms.REQUEST_CONSENT_TEXT),
            consent_version=forms.REQUEST_CONSENT_VERSION,
            submission_key=form.cleaned_data["submission_key"],
        )
    except IntegrityError:
        # A second tap raced the first one to the same key.
        if (existing := submitted(SupportRequest.objects, key)) is not None:
            return _confirm(request, existing, None)
        raise
    submission_succeeded(request, scope=SCOPE)
    return _confirm(request, sent.request, sent.status_token)
