"""Volunteers: the pipeline by status and the volunteer page with screening."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from coalition.people.access import coordinator_required
from coalition.people.audit import audit_list, get_visible_or_404
from coalition.people.models import AuditAction, Role
from coalition.programmes.models import Programme
from coalition.programmes.weekgrid import PARTS
from coordinators import selectors
from coordinators.forms import (
    NoteForm,
    ScreeningExemptForm,
    ScreeningRecordForm,
    VolunteerStatusForm,
)
from coordinators.views._actions import run_action, run_form_action, run_note_action
from coordinators.views.documents import documents_panel
from coordinators.views.requests import week_grid
from matching.case import OpenMatches
from volunteers import services
from volunteers.applications import application_checklist, application_decide
from volunteers.models import (
    VOLUNTEER_TRANSITIONS,
    ApplicationStatus,
    HouseholdMember,
    Volunteer,
    VolunteerStatus,
)
from volunteers.selectors import household_adults

STATUS_ACTIONS = {
    VolunteerStatus.SCREENING: gettext_lazy("Start screening"),
    VolunteerStatus.APPROVED: gettext_lazy("Approve"),
    VolunteerStatus.ACTIVE: gettext_lazy("Resume"),
    VolunteerStatus.PAUSED: gettext_lazy("Pause"),
    VolunteerStatus.STOPPED: gettext_lazy("Stop"),
    VolunteerStatus.REJECTED: gettext_lazy("Do not accept"),
}


def _get_volunteer(request, pk: int, *, action: str | None = None) -> Volunteer:
    return get_visible_or_404(
        request, Volunteer.objects.visible_to(request.user), action=action, pk=pk
    )


@require_safe
@coordinator_required
def volunteer_pipeline(request):
    audit_list(request, target_type="volunteers.volunteer")
    return render(
        request,
        "coordinators/volunteer_pipeline.html",
        {
            "columns": selectors.volunteer_pipeline(user=request.user),
            "limit": selectors.PIPELINE_LIMIT,
            "nav": "volunteers",
        },
    )


@require_safe
@coordinator_required
def volunteer_detail(request, pk: int):
    user = request.user
    volunteer = get_visible_or_404(request, selectors.volunteer_for_page(user=user), pk=pk)
    today = timezone.localdate()
    actions = [
        {"status": status, "label": STATUS_ACTIONS[status]}
        for status in VolunteerStatus.values
        if status in VOLUNTEER_TRANSITIONS[volunteer.status]
    ]
    adults = household_adults(volunteer=volunteer, on=today)
    matches = selectors.volunteer_matches(user=user, volunteer=volunteer)
    context = {
        "volunteer": volunteer,
        "checklist": selectors.screening_checklist(volunteer=volunteer, today=today),
        "availability": week_grid(volunteer.availability),
        "parts": PARTS,
        "matches": matches,
        "open_matches": [m for m in matches if m.is_open],
        "open_match_choices": OpenMatches.choices,
        "notes": list(selectors.notes_for(user).filter(volunteer=volunteer)),
        "actions": actions,
        "record_form": ScreeningRecordForm(household_adults=adults, auto_id="record_%s"),
        "exempt_form": ScreeningExemptForm(household_adults=adults, auto_id="exempt_%s"),
        "note_form": NoteForm(auto_id="note_%s"),
        "nav": "volunteers",
        "applications": [
            {
                "application": application,
                "checklist": application_checklist(
                    volunteer=volunteer, programme=application.programme, on=today
                ),
            }
            for application in _applications_decided_by(user, volunteer)
        ],
        **documents_panel(user, volunteer=volunteer),
    }
    return render(request, "coordinators/volunteer_detail.html", context)


def _applications_decided_by(user, volunteer: Volunteer):
    """The volunteer's pending applications to a programme `user` coordinates (every
    programme for the administrator)."""
    pending = volunteer.applications.filter(status=ApplicationStatus.PENDING).select_related(
        "programme"
    )
    if user.role == Role.COALITION_ADMIN:
        return pending
    return pending.filter(programme__in=Programme.objects.coordinated_by(user).values("pk"))


def _enrolled_in_my_programmes(user):
    volunteers = Volunteer.objects.visible_to(user)
    if user.role == Role.COALITION_ADMIN:
        return volunteers
    return volunteers.filter(
        programmes__in=Programme.objects.coordinated_by(user).values("pk")
    ).distinct()


def _screening_programme(user, volunteer: Volunteer) -> Programme | None:
    """The programme whose screening a step recorded by `user` is: the one the
    volunteer applies to, else the one of theirs `user` coordinates."""
    application = _applications_decided_by(user, volunteer).first()
    if application is not None:
        return application.programme
    if user.role == Role.COALITION_ADMIN:
        return None
    return Programme.objects.coordinated_by(user).filter(volunteers=volunteer).first()


def _back(pk: int):
    return redirect("coordinators:volunteer_detail", pk=pk)


def _household_adults(volunteer: Volunteer) -> list[HouseholdMember]:
    return household_adults(volunteer=volunteer, on=timezone.localdate())


@require_POST
@coordinator_required
def volunteer_status(request, pk: int):
    # A programme the volunteer only applies to screens them, but does not pause,
    # stop or approve the person for the programmes they already belong to.
    volunteer = get_visible_or_404(request, _enrolled_in_my_programmes(request.user), pk=pk)
    run_form_action(
        request,
        VolunteerStatusForm(request.POST),
        lambda data: services.volunteer_change_status(
            volunteer=volunteer,
            to_status=data["to_status"],
            by=request.user,
            reason=data["reason"],
            open_matches=data["open_matches"] or "task",
        ),
        _("Status changed."),
    )
    return _back(pk)


@require_POST
@coordinator_required
def volunteer_screening(request, pk: int):
    volunteer = _get_volunteer(request, pk)

    run_form_action(
        request,
        ScreeningRecordForm(
            request.POST, request.FILES, household_adults=_household_adults(volunteer)
        ),
        lambda data: services.screening_record(
            volunteer=volunteer,
            kind=data["kind"],
            done_on=data["done_on"],
            by=request.user,
            household_member=data["household_member"],
            notes=data["notes"],
            document=data["document"],
            programme=_screening_programme(request.user, volunteer),
            screening_profile=data["screening_profile"],
        ),
        _("Screening step recorded."),
    )
    return _back(pk)


@require_POST
@coordinator_required
def volunteer_exempt(request, pk: int):
    volunteer = _get_volunteer(request, pk)
    run_form_action(
        request,
        ScreeningExemptForm(request.POST, household_adults=_household_adults(volunteer)),
        lambda data: services.screening_exempt(
            volunteer=volunteer,
            kind=data["kind"],
            reason=data["reason"],
            by=request.user,
            household_member=data["household_member"],
        ),
        _("Exemption recorded."),
    )
    return _back(pk)


@require_POST
@coordinator_required
def volunteer_note(request, pk: int):
    volunteer = _get_volunteer(request, pk)
    run_note_action(request, volunteer=volunteer)
    return _back(pk)


@require_safe
@coordinator_required
def screening_document(request, pk: int, step_pk: int):
    """A screening document (a VOG scan) for the volunteer's coordinators only: never
    a public media URL, never cached, and every download is in the audit log."""
    volunteer = _get_volunteer(request, pk, action=AuditAction.EXPORT)
    step = get_object_or_404(volunteer.screening.exclude(document=""), pk=step_pk)
    try:
        handle = step.document.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=step.document.name.rsplit("/", 1)[-1]
    )
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@coordinator_required
def application_decide_view(request, pk: int, application_pk: int):
    """Accept a volunteer into the programme they apply to (screening complete,
    counting what it accepts from their other programmes), or decline."""
    volunteer = _get_volunteer(request, pk)
    application = get_object_or_404(
        _applications_decided_by(request.user, volunteer), pk=application_pk
    )
    accept = request.POST.get("decision") == "accept"
    run_action(
        request,
        lambda: application_decide(application=application, accept=accept, by=request.user),
        _("Accepted into the programme.") if accept else _("Application declined."),
    )
    return _back(pk)
