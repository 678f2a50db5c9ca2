"""The intake agenda: planned intakes per day, and one intake as a calendar file."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from coalition.people.access import coordinator_required
from coalition.people.audit import audit_list, get_visible_or_404
from coordinators.forms import AgendaFilterForm
from coordinators.selectors import agenda


@require_safe
@coordinator_required
def intake_agenda(request):
    user = request.user
    form = AgendaFilterForm(request.GET or None, colleagues=agenda.agenda_colleagues(user))
    who = form.chosen() if form.is_valid() else agenda.MINE
    audit_list(request, target_type="families.supportrequest")
    return render(
        request,
        "coordinators/intake_agenda.html",
        {"agenda": agenda.intake_agenda(user=user, who=who), "form": form, "nav": "agenda"},
    )


@require_safe
@coordinator_required
def intake_calendar(request, pk: int):
    support_request = get_visible_or_404(request, agenda.planned_intakes(request.user), pk=pk)
    response = HttpResponse(
        agenda.intake_calendar(support_request), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="intake-{support_request.reference_code}.ics"'
    )
    response["Cache-Control"] = "no-store"
    return response
