"""Health information of a request as each user may handle it.

`coalition.people.access.can_see_special_category` decides who may see it; these
helpers apply that one rule to what a page shows and to what a form may change,
so that a user who may not see it can neither read, set nor clear it."""

from __future__ import annotations

from coalition.people.access import can_see_special_category
from families.models import SPECIAL_CATEGORY_SITUATIONS, Situation, SupportRequest


def situation_shown_to(user, request: SupportRequest) -> list[str]:
    """The request's situation codes `user` may see."""
    if can_see_special_category(user, request):
        return list(request.situation)
    return [code for code in request.situation if code not in SPECIAL_CATEGORY_SITUATIONS]


def situation_choices_for(user, request: SupportRequest) -> list[tuple[str, str]]:
    """The situation codes `user` may tick or untick on a form."""
    if can_see_special_category(user, request):
        return list(Situation.choices)
    return [
        (code, label)
        for code, label in Situation.choices
        if code not in SPECIAL_CATEGORY_SITUATIONS
    ]


def situation_after_edit(user, request: SupportRequest, submitted: list[str]) -> list[str]:
    """What to store after `user` submitted `submitted`: someone who may not see the
    special-category codes leaves the stored ones as they are."""
    if can_see_special_category(user, request):
        return list(submitted)
    kept = [code for code in request.situation if code in SPECIAL_CATEGORY_SITUATIONS]
    return [code for code in submitted if code not in SPECIAL_CATEGORY_SITUATIONS] + kept
