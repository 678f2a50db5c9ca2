"""One picture per situation option and per programme (static/pictures/, CC0, see its
README), with its text alternative: one scene with people, one message each."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from families.models import Situation

SITUATION_PICTURES = {
    Situation.OVERLOADED: _(
        "A mother sits on a chair with her head in her hands; a full laundry basket stands next to her"
    ),
    Situation.NO_NETWORK: _(
        "A mother with her child stands alone; the houses of family and friends are far away"
    ),
    Situation.NEW_IN_NL: _("A father with a suitcase and his child arrive in a new street"),
    Situation.SINGLE_PARENT: _("One mother walks hand in hand with her two children"),
    Situation.PARENTING: _("A mother talks with her child and has a question"),
    Situation.CHILD_ATTENTION: _(
        "A father kneels next to his child and puts a hand on the child's shoulder"
    ),
    Situation.MONEY_HOUSING: _("A mother sits at the table and worries over bills"),
    Situation.PARENT_ILLNESS: _("A mother lies ill in bed; her child stands next to the bed"),
    Situation.PARENT_MENTAL_HEALTH: _(
        "A father sits on the floor with his arms around his knees, looking down"
    ),
    Situation.OTHER: _("Two adults talk with each other"),
}

PROGRAMME_PICTURES = {
    "buurtgezinnen": _(
        "A child walks from home to the house of a family nearby, who welcomes them"
    ),
    "steunouder": _("A volunteer reads a book with a child on the sofa"),
    "meeleefgezin": _("A volunteer couple holds a toddler"),
    "home-start": _("A volunteer mother visits a mother at home; they drink tea at the table"),
    "samen-oplopen": _("A volunteer walks side by side with a teenager"),
}


def situation_picture(code: str) -> dict | None:
    if code not in SITUATION_PICTURES:
        return None
    return {"src": f"pictures/situation-{code}.svg", "alt": SITUATION_PICTURES[code]}


def programme_picture(slug: str) -> dict | None:
    if slug not in PROGRAMME_PICTURES:
        return None
    return {"src": f"pictures/programme-{slug}.svg", "alt": PROGRAMME_PICTURES[slug]}
