"""Who sees a family's goals, their ratings and their network map: one rule, here.

- The coordinators who hold the request (and the coalition admin) see everything.
- The volunteer of the family's match sees the goals, and the ratings only when
  the parent agreed (a consent record, `ConsentPurpose.RATINGS_WITH_VOLUNTEER`).
- Everyone else (a partner, another programme's coordinator) sees nothing.

Whether a user is the volunteer of the family is known above this app: the
page that shows a volunteer their match says so (`as_volunteer=True`).
"""

from __future__ import annotations

from enum import IntEnum

from coalition.people.models import Role
from coalition.privacy.models import ConsentPurpose
from families.models import Consent, SupportRequest


class GoalAccess(IntEnum):
    NONE = 0
    GOALS = 1
    GOALS_AND_RATINGS = 2
    EVERYTHING = 3  # goals, ratings and the network map


def ratings_shared_with_volunteer(request: SupportRequest) -> bool:
    return Consent.objects.filter(
        family_id=request.family_id,
        purpose=ConsentPurpose.RATINGS_WITH_VOLUNTEER,
        withdrawn_at__isnull=True,
    ).exists()


def goal_access(user, request: SupportRequest, *, as_volunteer: bool = False) -> GoalAccess:
    if not (user and user.is_authenticated and user.is_active):
        return GoalAccess.NONE
    if as_volunteer:
        if user.role != Role.VOLUNTEER:
            return GoalAccess.NONE
        if ratings_shared_with_volunteer(request):
            return GoalAccess.GOALS_AND_RATINGS
        return GoalAccess.GOALS
    if SupportRequest.objects.held_by(user).filter(pk=request.pk).exists():
        return GoalAccess.EVERYTHING
    return GoalAccess.NONE
