"""The parents' request form as short steps, with its state in the session.

It works without JavaScript: each step is a plain POST. The answers of every
step are kept as they were typed, so going back shows them again, and all
steps are validated once more before the request is saved.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coalition.programmes.models import Programme
from families import forms
from families.models import Situation
from families.submission import new_submission_key

SESSION_KEY = "request_wizard"
# Set in the partner area when a partner or language ambassador fills in the form
# together with the parent (families.views.partner.assist_start).
ASSISTED_KEY = "request_assisted"


def assisted_by(request) -> tuple[object, str] | None:
    """(the helper, how they help) while a partner user fills in the form with a parent."""
    from coalition.people.models import Role

    state = request.session.get(ASSISTED_KEY)
    user = request.user
    if not state or not user.is_authenticated or user.role != Role.PARTNER:
        return None
    if state.get("user") != user.pk:
        return None
    return user, state["helped_as"]


@dataclass(frozen=True)
class Step:
    number: int
    title: str
    form_class: type
    template: str


STEPS = (
    Step(1, _("About you"), forms.AboutYouForm, "families/steps/about_you.html"),
    Step(2, _("How can we reach you?"), forms.ContactForm, "families/steps/contact.html"),
    Step(3, _("Your children"), forms.ChildrenForm, "families/steps/children.html"),
    Step(4, _("What is going on?"), forms.SituationForm, "families/steps/situation.html"),
    Step(5, _("Which support?"), forms.SupportForm, "families/steps/support.html"),
    Step(6, _("When and which language?"), forms.WhenForm, "families/steps/when.html"),
    Step(7, _("Check and send"), forms.SendForm, "families/steps/send.html"),
)
LAST = len(STEPS)


def step(number: int) -> Step:
    return STEPS[number - 1]


class RequestWizard:
    def __init__(self, session):
        self.session = session
        state = session.get(SESSION_KEY) or {}
        self.data: dict[str, dict[str, list[str]]] = state.get("data", {})
        self.key: str = state.get("key") or new_submission_key()

    def _save(self) -> None:
        self.session[SESSION_KEY] = {"data": self.data, "key": self.key}

    def clear(self) -> None:
        self.session.pop(SESSION_KEY, None)

    def first_open_step(self) -> int:
        for s in STEPS[:-1]:
            if str(s.number) not in self.data:
                return s.number
        return LAST

    def _children(self) -> list[tuple[str, int]]:
        form = self.form(3, bound=True)
        return form.children() if form is not None and form.is_valid() else []

    def form_kwargs(self, number: int) -> dict:
        if step(number).form_class is forms.SupportForm:
            return {
                "programmes": Programme.objects.filter(is_active=True).order_by("name"),
                "children": self._children(),
            }
        return {}

    def form(self, number: int, data=None, *, bound: bool = False, initial: dict | None = None):
        """The step's form: bound to `data`, or to the stored answers when `bound`
        or when the step was answered before (so going back shows them); unbound
        with `initial` (what was typed before a language switch) when given."""
        s = step(number)
        if initial is None and data is None and str(number) in self.data:
            data = MultiValueDict(self.data[str(number)])
        elif data is None and bound:
            return None
        kwargs = self.form_kwargs(number)
        if s.form_class is forms.SendForm:
            initial = {**(initial or {}), "submission_key": self.key}
        if initial is not None:
            kwargs["initial"] = initial
        return s.form_class(data, **kwargs) if data is not None else s.form_class(**kwargs)

    def store(self, number: int, form) -> None:
        self.data[str(number)] = {
            name: form.data.getlist(form.add_prefix(name))
            if hasattr(form.data, "getlist")
            else [form.data.get(name, "")]
            for name in form.fields
        }
        self._save()

    def valid_forms(self) -> tuple[dict[int, object], int | None]:
        """Every answered step validated again; the first invalid step, if any."""
        result = {}
        for s in STEPS[:-1]:
            form = self.form(s.number, bound=True)
            if form is None or not form.is_valid():
                return result, s.number
            result[s.number] = form
        return result, None

    def touch(self) -> None:
        self._save()


def summary(answered: dict[int, object]) -> list[dict]:
    """Short lines of what the parent told us, to check before sending."""
    rows = []
    if 1 in answered:
        data = answered[1].cleaned_data
        rows.append({"number": 1, "text": f"{data['first_name']}, {data['postcode']}"})
    if 2 in answered:
        data = answered[2].cleaned_data
        rows.append(
            {"number": 2, "text": " · ".join(v for v in (data["phone"], data["email"]) if v)}
        )
    if 3 in answered:
        kids = answered[3].children()
        rows.append({"number": 3, "text": ", ".join(f"{name} ({age})" for name, age in kids)})
    if 4 in answered:
        data = answered[4].cleaned_data
        labels = dict(Situation.choices)
        ticked = [str(labels[code]) for code in data["situation"] if code in labels]
        text = data["situation_text"].strip()
        rows.append({"number": 4, "text": "; ".join([*ticked, *([text] if text else [])])})
    if 5 in answered:
        programme = answered[5].programme()
        rows.append(
            {"number": 5, "text": programme.name if programme else str(_("Help me choose"))}
        )
    if 6 in answered:
        count = len(answered[6].cleaned_data["availability"])
        text = ngettext("%(count)s part of the week", "%(count)s parts of the week", count)
        rows.append({"number": 6, "text": text % {"count": count}})
    titles = {s.number: s.title for s in STEPS}
    for row in rows:
        row["title"] = titles[row["number"]]
    return rows
