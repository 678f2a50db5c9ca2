"""Forms for goals, their ratings and the network map: used by the parent's private
page and by the coordinator's page alike. They validate; the services write."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from families.models import MAX_GOALS, Goal, Helper, LifeDomain, NetworkDomain, RatingMoment

SCORES = [(str(score), str(score)) for score in range(11)]


class GoalsForm(forms.Form):
    """One to three goals in the parent's words, each with its life domain."""

    def __init__(self, *args, goals: list[Goal] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        goals = goals or []
        domains = [("", _("Choose a life domain")), *LifeDomain.choices]
        for position in range(1, MAX_GOALS + 1):
            goal = goals[position - 1] if position <= len(goals) else None
            self.fields[f"text_{position}"] = forms.CharField(
                label=_("Goal %(number)s in the parent's words") % {"number": position},
                max_length=300,
                required=False,
                initial=goal.text if goal else "",
            )
            self.fields[f"domain_{position}"] = forms.ChoiceField(
                label=_("Life domain of goal %(number)s") % {"number": position},
                choices=domains,
                required=False,
                initial=goal.domain if goal else "",
            )

    def clean(self):
        data = super().clean()
        goals = []
        for position in range(1, MAX_GOALS + 1):
            text = (data.get(f"text_{position}") or "").strip()
            domain = data.get(f"domain_{position}") or ""
            if text and not domain:
                self.add_error(f"domain_{position}", _("Choose a life domain for this goal."))
            if text:
                goals.append((text, domain))
        if not goals and not self.errors:
            raise ValidationError(_("Write at least one goal in the parent's words."))
        data["goals"] = goals
        return data


class GoalRatingForm(forms.Form):
    """A 0-10 score for each goal: one fieldset per goal, its legend the goal itself."""

    def __init__(self, *args, goals: list[Goal], with_moment: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = goals
        if with_moment:
            self.fields["moment"] = forms.ChoiceField(
                label=_("Moment"), choices=RatingMoment.choices
            )
        for goal in goals:
            self.fields[f"goal_{goal.pk}"] = forms.TypedChoiceField(
                label=goal.text,
                choices=SCORES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose a number from 0 to 10 for this goal.")},
            )

    def rows(self):
        return [(goal, self[f"goal_{goal.pk}"]) for goal in self.goals]

    def scores(self) -> dict[int, int]:
        return {goal.pk: self.cleaned_data[f"goal_{goal.pk}"] for goal in self.goals}


class NetworkMapForm(forms.Form):
    """Per domain, who helps: several may; "nobody" stands alone."""

    def __init__(self, *args, answers: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        answers = answers or {}
        for domain, label in NetworkDomain.choices:
            self.fields[f"network_{domain}"] = forms.MultipleChoiceField(
                label=label,
                choices=Helper.choices,
                required=False,
                initial=answers.get(domain, []),
                widget=forms.CheckboxSelectMultiple,
            )

    def clean(self):
        data = super().clean()
        for domain, _label in NetworkDomain.choices:
            chosen = data.get(f"network_{domain}") or []
            if Helper.NOBODY in chosen and len(chosen) > 1:
                self.add_error(
                    f"network_{domain}",
                    _("Choose 'nobody' only when nobody else helps."),
                )
        return data

    def rows(self):
        return [self[f"network_{domain}"] for domain in NetworkDomain.values]

    def answers(self) -> dict[str, list[str]]:
        return {
            domain: self.cleaned_data[f"network_{domain}"]
            for domain in NetworkDomain.values
            if self.cleaned_data.get(f"network_{domain}")
        }


class RatingsConsentForm(forms.Form):
    share_with_volunteer = forms.BooleanField(
        label=_("The volunteer may see the numbers I give"),
        help_text=_("Without this, the volunteer sees your goals but not your numbers."),
        required=False,
    )
