"""Who may see which document: the access rule of the record it hangs on."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from coalition.people.access import STAFF
from families.models import Family, SupportRequest
from matching.models import Match
from volunteers.models import Volunteer


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user) -> DocumentQuerySet:
        """Documents on a family, request, match or volunteer `user` may see, by the
        `visible_to` of that record; for staff only (documents are not shown to
        partners, volunteers or parents). Health information is a second rule on
        top: `documents.access.may_read`."""
        if not (user and user.is_authenticated and user.is_active) or user.role not in STAFF:
            return self.none()
        return self.filter(
            Q(family__in=Family.objects.visible_to(user).values("pk"))
            | Q(request__in=SupportRequest.objects.visible_to(user).values("pk"))
            | Q(match__in=Match.objects.visible_to(user).values("pk"))
            | Q(volunteer__in=Volunteer.objects.visible_to(user).values("pk"))
        )

    def on(self, **target) -> DocumentQuerySet:
        """The documents of one record, newest first, ready for `may_read`."""
        return (
            self.filter(**target)
            .select_related("request", "match__request", "created_by")
            .prefetch_related("versions__uploaded_by", "family__requests", "volunteer__programmes")
        )
