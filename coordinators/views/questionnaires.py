"""A request's questionnaires: give one (link or conversation), enter answers, see the change."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from coalition.people.access import coordinator_required
from coalition.people.audit import get_visible_or_404
from coordinators.forms import QuestionnaireStartForm
from coordinators.selectors.questionnaires import instrument_offers, request_questionnaires
from coordinators.views._actions import run_form_action
from families.models import Administration, AdministrationMode, SupportRequest
from families.questionnaire_form import posted_answers, questionnaire_items
from families.services import administration_save_answers, administration_start


def _get_request(request, pk: int) -> SupportRequest:
    return get_visible_or_404(request, SupportRequest.objects.held_by(request.user), pk=pk)


@require_safe
@coordinator_required
def request_questionnaires_page(request, pk: int):
    support_request = _get_request(request, pk)
    offers = instrument_offers(support_request)
    return render(
        request,
        "coordinators/request_questionnaires.html",
        {
            "req": support_request,
            "offers": offers,
            "form": QuestionnaireStartForm(offers=offers),
            **request_questionnaires(support_request),
            "nav": "requests",
        },
    )


@require_POST
@coordinator_required
def request_questionnaire_start(request, pk: int):
    support_request = _get_request(request, pk)
    form = QuestionnaireStartForm(request.POST, offers=instrument_offers(support_request))
    started = {}

    def start(data):
        started["administration"], _token = administration_start(
            request=support_request,
            instrument=data["instrument"],
            moment=data["moment"],
            mode=data["mode"],
            by=request.user,
        )

    done = run_form_action(request, form, start, _("Questionnaire started."))
    administration = started.get("administration")
    if done and administration.mode == AdministrationMode.CONVERSATION:
        return redirect("coordinators:administration_enter", pk=administration.pk)
    if done:
        messages.info(request, _("The parent receives the link by email, with one reminder."))
    return redirect("coordinators:request_questionnaires", pk=support_request.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@coordinator_required
def administration_enter(request, pk: int):
    """The coordinator reads the items aloud in a conversation and enters the answers."""
    held = Administration.objects.filter(
        request__in=SupportRequest.objects.held_by(request.user), completed_at__isnull=True
    ).select_related("instrument", "request")
    administration = get_visible_or_404(request, held, pk=pk)
    if request.method == "POST":
        try:
            administration_save_answers(
                administration=administration,
                answers=posted_answers(request.POST, administration),
                finish="finish" in request.POST,
            )
        except forms.ValidationError as problem:
            messages.error(request, " ".join(problem.messages))
        else:
            messages.success(request, _("Answers saved."))
            return redirect("coordinators:request_questionnaires", pk=administration.request_id)
    return render(
        request,
        "coordinators/administration_enter.html",
        {
            "administration": administration,
            "req": administration.request,
            "items": questionnaire_items(administration, request.LANGUAGE_CODE),
            "nav": "requests",
        },
    )
