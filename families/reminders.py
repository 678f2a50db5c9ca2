"""What of a family's records notifications can be about (registered with the notifications room)."""

from __future__ import annotations

from coalition.notifications.registry import register_target
from families.models import Family, SupportRequest

register_target(SupportRequest, SupportRequest.objects.visible_to)
register_target(Family, Family.objects.visible_to)
