"""What the coordinators' workspace tells the notifications room: the caseload in a
coordinator's Monday digest is today's work, by the same rules as the dashboard,
and where the page of each record a reminder is about lives, so that every
reminder to staff links to it. `NotificationsConfig.ready()` imports this module
(see coalition/notifications/registry.py)."""

from __future__ import annotations

from django.urls import reverse

from coalition.notifications import digest
from coalition.notifications.registry import register_record_page
from coordinators.selectors.today import weekly_caseload
from families.models import SupportRequest
from matching.models import FollowUp, Match
from volunteers.models import ScreeningStep, Volunteer

digest.register_caseload(weekly_caseload)

register_record_page(
    SupportRequest, lambda request: reverse("coordinators:request_detail", args=[request.pk])
)
register_record_page(Match, lambda match: reverse("coordinators:match_detail", args=[match.pk]))
register_record_page(
    FollowUp, lambda followup: reverse("coordinators:match_detail", args=[followup.match_id])
)
register_record_page(
    Volunteer, lambda volunteer: reverse("coordinators:volunteer_detail", args=[volunteer.pk])
)
register_record_page(
    ScreeningStep,
    lambda step: reverse("coordinators:volunteer_detail", args=[step.volunteer_id]),
)
