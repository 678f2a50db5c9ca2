"""The coordinators' privacy pages: a family's or a volunteer's subject access
export, and their erasure on request. The URL names stay `privacy:*` (wired in
coalition/urls.py); the public statements are in coalition/privacy/views.py."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from coalition.people.access import coordinator_required
from coalition.people.audit import audit_log, get_visible_or_404
from coalition.people.models import AuditAction
from coalition.privacy.export import subject_export_json
from coalition.privacy.forms import ErasureConfirmForm
from families.models import Family
from families.privacy import family_erase
from volunteers.models import Volunteer
from volunteers.privacy import volunteer_erase


def _export_response(request, subject, filename: str) -> HttpResponse:
    response = HttpResponse(
        subject_export_json(subject=subject, user=request.user),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_safe
@coordinator_required
def family_export(request, pk: int):
    family = get_visible_or_404(
        request, Family.objects.visible_to(request.user), action=AuditAction.EXPORT, pk=pk
    )
    return _export_response(request, family, f"family-{family.pk}.json")


@require_safe
@coordinator_required
def volunteer_export(request, pk: int):
    volunteer = get_visible_or_404(
        request, Volunteer.objects.visible_to(request.user), action=AuditAction.EXPORT, pk=pk
    )
    return _export_response(request, volunteer, f"volunteer-{volunteer.pk}.json")


def _erase_page(request, subject, erase, label: str):
    form = ErasureConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Taken before: deleting a row clears its primary key on the instance.
        target_type, target_id = subject._meta.label_lower, subject.pk
        erase()
        audit_log(
            request=request, action=AuditAction.ERASE, target_type=target_type, target_id=target_id
        )
        messages.success(
            request, _("The personal data of %(label)s was erased.") % {"label": label}
        )
        return redirect("coordinators:dashboard")
    return render(request, "coordinators/erase_confirm.html", {"form": form, "label": label})


@coordinator_required
def family_erase_view(request, pk: int):
    # Only the programme that holds the family's request (or the admin) erases it; a
    # programme the request is only offered to would end the holder's work.
    family = get_visible_or_404(request, Family.objects.held_by(request.user), pk=pk)
    label = _("family %(id)s") % {"id": family.pk}
    return _erase_page(request, family, lambda: family_erase(family=family, by=request.user), label)


@coordinator_required
def volunteer_erase_view(request, pk: int):
    volunteer = get_visible_or_404(request, Volunteer.objects.visible_to(request.user), pk=pk)
    label = _("volunteer %(id)s") % {"id": volunteer.pk}
    return _erase_page(request, volunteer, lambda: volunteer_erase(volunteer=volunteer), label)
