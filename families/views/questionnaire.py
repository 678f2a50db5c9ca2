"""The parent's questionnaire, opened from the private link in their email (no login).

Phone first: one column, each item its own labelled fieldset (a screen reader
reads the statement, then the choices). Every press of a button keeps the
answers given so far, so a parent can stop and come back with the same link.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from coalition.instruments.models import in_language
from families.questionnaire_form import posted_answers, questionnaire_items
from families.selectors import administration_by_token
from families.services import administration_save_answers
from families.views.status import private


# See families.views.status.private for why a POST under a private link is csrf_exempt.
@csrf_exempt
@private
@require_http_methods(["GET", "HEAD", "POST"])
def questionnaire(request, token: str):
    administration = administration_by_token(token)
    if administration is None:
        return render(request, "families/questionnaire_gone.html", status=404)
    translation.activate(administration.language)
    request.LANGUAGE_CODE = administration.language
    saved = False
    error = ""
    if request.method == "POST":
        try:
            administration = administration_save_answers(
                administration=administration,
                answers=posted_answers(request.POST, administration),
                finish="finish" in request.POST,
            )
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            if administration.is_complete:
                return render(request, "families/questionnaire_done.html")
            saved = True
    instrument = administration.instrument
    return render(
        request,
        "families/questionnaire.html",
        {
            "token": token,
            "instrument": instrument,
            "instructions": in_language(instrument.instructions, administration.language),
            "items": questionnaire_items(administration, administration.language),
            "answered": len(administration.answers),
            "total": len(instrument.items.all()),
            "saved": saved,
            "error": error,
        },
        status=400 if error else 200,
    )
