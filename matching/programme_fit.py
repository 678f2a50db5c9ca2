"""Which programme fits a request, for the intake coordinator at triage.

One suggestion per active programme, ranked, each with its reasons in words:
the children's ages against the programme's age range (`coalition.programmes.ages`),
the family's situation against what the programme is for (`SituationFit`, data),
the support wished (the programme a referring partner advised), and the free
volunteers near the family (the matching engine's own eligibility rules, on
today's pools). A suggestion is advice: the coordinator routes with the usual
service, nothing here changes the request.

The situation is the one the coordinator may see (`situation_shown_to`): health
information they may not read neither appears in a reason nor moves the order.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coalition.programmes.models import Programme
from families.models import Situation, SupportRequest
from families.special_category import situation_shown_to
from matching.engine import loaders
from matching.engine.eligibility import assess
from matching.fit_rules import SituationFit

# Points per reason: an age that does not fit rules a programme out; the rest adds up.
WISH_POINTS = 4
VOLUNTEER_POINTS = 1  # per free volunteer, up to VOLUNTEERS_COUNTED
VOLUNTEERS_COUNTED = 3
NO_VOLUNTEER_POINTS = -2


@dataclass
class Suggestion:
    programme: Programme
    fits_ages: bool
    score: int = 0
    free_volunteers: int = 0
    reasons: list[str] = field(default_factory=list)
    against: list[str] = field(default_factory=list)


def _age_reasons(programme: Programme, ages: tuple[int, ...]) -> tuple[bool, list[str]]:
    if not ages:
        return True, []
    outside = [age for age in ages if not programme.accepts_child_age(age)]
    if outside:
        return False, [
            ngettext(
                "a child of %(ages)s is outside its ages (%(min)s to %(max)s)",
                "children of %(ages)s are outside its ages (%(min)s to %(max)s)",
                len(outside),
            )
            % {
                "ages": ", ".join(str(a) for a in sorted(outside)),
                "min": programme.child_min_age,
                "max": programme.child_max_age,
            }
        ]
    return True, [
        _("the children's ages fit (%(min)s to %(max)s)")
        % {"min": programme.child_min_age, "max": programme.child_max_age}
    ]


def _free_volunteers(request: SupportRequest, programmes: list[Programme], on: date) -> dict:
    """Per programme, how many volunteers the engine would find eligible for this
    family now (available, screened, within reach, shared dagdelen, the family's
    exclusions): one pool query for every programme together."""
    ages = loaders.child_ages_by_request([request.pk], on=on).get(request.pk, ())
    open_ids, ended_ids = loaders.volunteers_of_request(request.pk)
    facts = loaders.request_facts(
        request, on=on, child_ages=ages, matched_volunteer_ids=open_ids | ended_ids
    )
    rules = {p.pk: loaders.programme_rules(p) for p in programmes}
    pools = loaders.load_pools(rules.values(), on=on)
    return {
        p.pk: int(
            assess(
                dataclasses.replace(facts, programme_id=p.pk), rules[p.pk], pools[p.pk]
            ).eligible.sum()
        )
        for p in programmes
    }


def programme_suggestions(
    *, request: SupportRequest, user, on: date | None = None
) -> list[Suggestion]:
    """Every active programme for this request, best first; those whose age range
    the children do not fit come last, with the reason."""
    on = on or timezone.localdate()
    programmes = list(Programme.objects.filter(is_active=True))
    situation = set(situation_shown_to(user, request))
    labels = dict(Situation.choices)
    fits: dict[int, list[SituationFit]] = {}
    for fit in SituationFit.objects.filter(programme__in=programmes, fits_situation__in=situation):
        fits.setdefault(fit.programme_id, []).append(fit)
    # A partner's referral (one-to-one; absent for a family that asked itself).
    referral = getattr(request, "referral", None)
    advised = referral.advised_programme_id if referral is not None else None
    ages = tuple(child.age_on(on) for child in request.children.all())
    volunteers = _free_volunteers(request, programmes, on)

    suggestions = []
    for programme in programmes:
        fits_ages, age_reasons = _age_reasons(programme, ages)
        suggestion = Suggestion(programme=programme, fits_ages=fits_ages)
        (suggestion.reasons if fits_ages else suggestion.against).extend(age_reasons)
        matched = sorted(fits.get(programme.pk, []), key=lambda f: (-f.weight, f.fits_situation))
        if matched:
            suggestion.score += sum(f.weight for f in matched)
            suggestion.reasons.append(
                _("meant for: %(situations)s")
                % {"situations": "; ".join(str(labels[f.fits_situation]) for f in matched)}
            )
        if programme.pk == advised:
            suggestion.score += WISH_POINTS
            suggestion.reasons.append(_("advised by the referring partner"))
        n = volunteers.get(programme.pk, 0)
        suggestion.free_volunteers = n
        if n:
            suggestion.score += VOLUNTEER_POINTS * min(n, VOLUNTEERS_COUNTED)
            suggestion.reasons.append(
                ngettext(
                    "%(n)s free volunteer near the family",
                    "%(n)s free volunteers near the family",
                    n,
                )
                % {"n": n}
            )
        else:
            suggestion.score += NO_VOLUNTEER_POINTS
            suggestion.against.append(_("no free volunteer near the family now"))
        suggestions.append(suggestion)
    suggestions.sort(key=lambda s: (not s.fits_ages, -s.score, s.programme.name))
    return suggestions
