"""What of a volunteer's records notifications can be about (registered with the notifications room)."""

from __future__ import annotations

from coalition.notifications.registry import register_target
from volunteers.models import ScreeningStep, Volunteer


def _screening_steps_visible_to(user):
    # Screening steps have no scope of their own: their volunteer's.
    return ScreeningStep.objects.filter(volunteer__in=Volunteer.objects.visible_to(user))


register_target(Volunteer, Volunteer.objects.visible_to)
register_target(ScreeningStep, _screening_steps_visible_to)
