"""The partner area: refer a family, and follow your organisation's referrals."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from coalition.people.access import partner_required
from coalition.people.audit import audit_list, audit_log, get_visible_or_404
from coalition.people.models import AuditAction
from families import forms, services
from families.models import SupportRequest
from families.request_wizard import ASSISTED_KEY, RequestWizard
from families.selectors import partner_referrals
from families.submission import posted_submission_key, submitted


@require_safe
@partner_required
def referral_list(request):
    audit_list(request, target_type="families.referral")
    rows = partner_referrals(user=request.user)
    return render(request, "families/partner_referral_list.html", {"rows": rows})


@require_safe
@partner_required
def referral_detail(request, reference_code: str):
    # Fetched through the audited helper first: the view, or another
    # organisation's reference code tried, lands in the audit log.
    get_visible_or_404(
        request, SupportRequest.objects.visible_to(request.user), reference_code=reference_code
    )
    rows = partner_referrals(user=request.user, reference_code=reference_code)
    if not rows:
        raise Http404
    return render(request, "families/partner_referral_detail.html", {"row": rows[0]})


def _referred(request, reference_code: str):
    messages.success(
        request,
        _("Thank you. The referral is received with reference %(code)s.")
        % {"code": reference_code},
    )
    return redirect("families:partner_referral_detail", reference_code=reference_code)


def _already_referred(request):
    """A second tap on "Send" shows what the first one showed, without a second referral."""
    earlier = submitted(
        SupportRequest.objects.visible_to(request.user), posted_submission_key(request)
    )
    if earlier is None:
        return None
    return _referred(request, earlier.reference_code)


def _referral_create(request, data: dict, form):
    referral = services.referral_create(
        by=request.user, submission_key=data["submission_key"], **form.referral()
    )
    # The partner created a family's data: the request (with family and consent) is logged.
    audit_log(request=request, action=AuditAction.CREATE, obj=referral.request)
    return referral


@partner_required
def referral_create(request):
    if request.method == "POST" and (done := _already_referred(request)) is not None:
        return done
    form = forms.ReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = _referral_create(request, data, form)
        except IntegrityError:
            # A second tap raced the first one to the same submission key.
            if (done := _already_referred(request)) is not None:
                return done
            raise
        except ValidationError as exc:
            form.add_error(None, exc)
            return render(
                request, "families/partner_referral_form.html", {"form": form}, status=400
            )
        return _referred(request, referral.request.reference_code)
    return render(
        request,
        "families/partner_referral_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@partner_required
def assist_start(request):
    """A partner or language ambassador fills in the request together with the parent:
    the public form's steps, with who helped recorded and the consent given in person."""
    form = forms.AssistStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        RequestWizard(request.session).clear()
        request.session[ASSISTED_KEY] = {
            "user": request.user.pk,
            "helped_as": form.cleaned_data["helped_as"],
        }
        return redirect("families:request_start")
    return render(request, "families/partner_assist_start.html", {"form": form})
