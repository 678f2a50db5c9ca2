"""The one way a coordinator page runs an action: validate the form, call the
service, and tell the user what happened in plain words."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest
from django.utils.translation import gettext as _


def form_problems(form: Form) -> str:
    problems = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            problems.append(f"{label}: {error}" if label else str(error))
    return " ".join(problems)


def run_action(request: HttpRequest, action: Callable[[], object], success: str) -> bool:
    """Run a service call; an illegal step becomes an error message, not a crash."""
    try:
        action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False
    messages.success(request, success)
    return True


def run_form_action(
    request: HttpRequest, form: Form, action: Callable[[dict], object], success: str
) -> bool:
    if not form.is_valid():
        messages.error(request, form_problems(form))
        return False
    return run_action(request, lambda: action(form.cleaned_data), success)


def run_note_action(request: HttpRequest, **subject) -> bool:
    """Add a contact note about one subject (family=, volunteer= or match=) from the
    note form on its page."""
    from coordinators.forms import NoteForm
    from matching.services import note_add

    return run_form_action(
        request,
        NoteForm(request.POST),
        lambda data: note_add(
            **subject,
            kind=data["kind"],
            text=data["text"],
            confidential=data["confidential"],
            by=request.user,
        ),
        _("Note added."),
    )
