"""Reads for the coordinator pages: every query is scoped with `visible_to` and
loads what its template shows in a fixed number of queries, however many rows."""

from coordinators.selectors.pages import (
    FollowUpPlan,
    TimelineEntry,
    followup_plan,
    match_for_page,
    matches_of_request,
    request_for_page,
    request_referrals,
    request_timeline,
    volunteers_to_propose,
)
from coordinators.selectors.scope import (
    notes_for,
    referrals_received,
    referrals_sent,
    visible_programmes,
)
from coordinators.selectors.today import (
    IDLE_VOLUNTEER_DAYS,
    PANEL_LIMIT,
    TRIAL_ENDING_DAYS,
    Overview,
    Waiting,
    dashboard_overview,
    promise_level,
    weekly_caseload,
)
from coordinators.selectors.volunteers import (
    PIPELINE_LIMIT,
    PIPELINE_STATUSES,
    screening_checklist,
    volunteer_for_page,
    volunteer_matches,
    volunteer_pipeline,
)

__all__ = [
    "IDLE_VOLUNTEER_DAYS",
    "PANEL_LIMIT",
    "PIPELINE_LIMIT",
    "PIPELINE_STATUSES",
    "TRIAL_ENDING_DAYS",
    "FollowUpPlan",
    "Overview",
    "TimelineEntry",
    "Waiting",
    "dashboard_overview",
    "followup_plan",
    "match_for_page",
    "matches_of_request",
    "notes_for",
    "promise_level",
    "referrals_received",
    "referrals_sent",
    "request_for_page",
    "request_referrals",
    "request_timeline",
    "screening_checklist",
    "visible_programmes",
    "volunteer_for_page",
    "volunteer_matches",
    "volunteer_pipeline",
    "volunteers_to_propose",
    "weekly_caseload",
]
