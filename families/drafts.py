"""What a parent typed on a public form when they switch language mid-step.

The language switch of a public form submits the form itself (see
includes/language_switch.html with `draft_form`): `language_switch_keeping_draft`
keeps the typed values in the session, unvalidated, and then switches the language
as Django's `set_language` does. The page shows the values again as the form's
initial values, so no error appears for what the parent has not finished yet.
"""

from __future__ import annotations

from django import forms

SESSION_KEY = "form_drafts"
# Never kept: the switch's own fields, the token and the hidden bot trap.
_NOT_KEPT = frozenset({"csrfmiddlewaretoken", "switch_language", "next", "draft_for", "website"})
MAX_VALUES = 30
MAX_CHARS = 4000
DRAFT_NAMES = ("call_back", *(f"request_step_{n}" for n in range(1, 8)))


def draft_keep(session, name: str, data) -> None:
    if name not in DRAFT_NAMES:
        return
    kept = {
        key: [value[:MAX_CHARS] for value in data.getlist(key)[:MAX_VALUES]]
        for key in list(data.keys())[: MAX_VALUES * 2]
        if key not in _NOT_KEPT
    }
    session[SESSION_KEY] = {**session.get(SESSION_KEY, {}), name: kept}


def draft_drop(session, name: str) -> None:
    drafts = session.get(SESSION_KEY) or {}
    if name in drafts:
        session[SESSION_KEY] = {k: v for k, v in drafts.items() if k != name}


def draft_initial(session, name: str, form_class: type[forms.Form], **kwargs) -> dict | None:
    """The kept values as initial values for a form of `form_class`, or None."""
    draft = (session.get(SESSION_KEY) or {}).get(name)
    if draft is None:
        return None
    fields = form_class(**kwargs).fields
    initial = {}
    for key, values in draft.items():
        field = fields.get(key)
        if field is None:
            continue
        multiple = isinstance(field, forms.MultipleChoiceField)
        initial[key] = values if multiple else (values[0] if values else "")
    return initial
