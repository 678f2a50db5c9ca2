"""Who may see which support moment: the rule of the match it belongs to."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class MomentQuerySet(models.QuerySet):
    def visible_to(self, user) -> MomentQuerySet:
        """A moment follows its match: the volunteer of the match, the coordinators of
        its programme, the coalition administrator."""
        Match = self.model.match.field.related_model
        return self.filter(match__in=Match.objects.visible_to(user).values("pk"))

    def planned(self) -> MomentQuerySet:
        return self.filter(status="planned")

    def happened(self) -> MomentQuerySet:
        return self.filter(status="happened")

    def to_confirm(self, now=None) -> MomentQuerySet:
        """Planned moments that have started: the volunteer still says what became of them."""
        return self.planned().filter(starts_at__lte=now or timezone.now())

    def not_cancelled(self) -> MomentQuerySet:
        return self.exclude(status="cancelled")
