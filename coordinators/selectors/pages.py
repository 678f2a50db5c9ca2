"""Reads for the request and match pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from coalition.notifications.kinds import kind_of
from coalition.notifications.models import Notification
from coordinators.selectors.scope import notes_for
from families.models import (
    ProgrammeReferral,
    SupportRequest,
)
from matching.models import FollowUp, Match, MatchStatusChange
from volunteers.models import Volunteer, VolunteerStatus

# --- A request ---------------------------------------------------------------


def request_for_page(*, user) -> QuerySet[SupportRequest]:
    """The request page's queryset; the view picks its row with `get_visible_or_404`,
    which also writes the audit event."""
    return (
        SupportRequest.objects.visible_to(user)
        .select_related(
            "programme",
            "family__wijk",
            "owner",
            "referral__organisation",
            "referral__referred_by",
            "referral__consent",
        )
        .prefetch_related(
            "children",
            "family__parents",
            Prefetch(
                "family__consents",
                to_attr="consent_list",
            ),
        )
    )


@dataclass
class TimelineEntry:
    at: dt.datetime
    kind: str  # status | programme | owner | note | email | match | referral
    title: str
    text: str = ""
    by: Any = None
    confidential: bool = False
    link: str = ""


def _programme_move_title(change) -> str:
    origin = change.from_programme or _("Central intake queue")
    return f"{origin} → {change.to_programme}"


def _change_kind_and_title(change) -> tuple[str, str]:
    if change.to_programme_id:
        return "programme", _programme_move_title(change)
    if change.to_owner_id:
        return "owner", _("Responsible coordinator: %s") % change.to_owner
    return "status", change.get_to_status_display()


def request_timeline(*, user, request: SupportRequest) -> list[TimelineEntry]:
    """Everything that happened to a request, newest first: status changes (and
    moves and hand-overs), notes, emails, matches and referrals. One query per source."""
    entries: list[TimelineEntry] = []
    for change in request.status_changes.select_related(
        "changed_by", "from_programme", "to_programme", "to_owner"
    ):
        kind, title = _change_kind_and_title(change)
        entries.append(
            TimelineEntry(
                at=change.changed_at,
                kind=kind,
                title=title,
                text=change.reason,
                by=change.changed_by,
            )
        )
    for note in notes_for(user).filter(family_id=request.family_id):
        entries.append(
            TimelineEntry(
                at=note.created_at,
                kind="note",
                title=note.get_kind_display(),
                text=note.text,
                by=note.author,
                confidential=note.confidential,
            )
        )
    notifications = Notification.objects.filter(
        target_type=ContentType.objects.get_for_model(SupportRequest), target_id=request.pk
    ).select_related("recipient_user")
    for notification in notifications:
        entries.append(
            TimelineEntry(
                at=notification.sent_at or notification.due_at,
                kind="email",
                title=str(kind_of(notification.kind).label),
                text=notification.get_status_display(),
                by=notification.recipient_user or notification.recipient_email,
            )
        )
    for referral in request.programme_referrals.select_related(
        "from_programme", "to_programme", "created_by"
    ):
        entries.append(
            TimelineEntry(
                at=referral.created_at,
                kind="referral",
                title=f"{referral.from_programme} → {referral.to_programme}",
                text=f"{referral.reason}\n{referral.get_status_display()}"
                + (f": {referral.decision_note}" if referral.decision_note else ""),
                by=referral.created_by,
            )
        )
    return sorted(entries, key=lambda e: e.at, reverse=True)


def request_referrals(*, request: SupportRequest) -> list[ProgrammeReferral]:
    """The request's programme referrals, newest first, for the offer and the
    declined ones on its page."""
    return list(
        request.programme_referrals.select_related("from_programme", "to_programme", "decided_by")
    )


def matches_of_request(*, user, request: SupportRequest) -> list[Match]:
    return list(
        Match.objects.visible_to(user)
        .filter(request=request)
        .select_related("volunteer", "programme")
        .order_by("-proposed_at")
    )


def volunteers_to_propose(*, user, request: SupportRequest) -> QuerySet[Volunteer]:
    """Available volunteers of the request's programme, for a quick proposal when
    the matching engine's shortlist is not used."""
    if request.programme_id is None:
        return Volunteer.objects.none()
    return (
        Volunteer.objects.visible_to(user)
        .filter(
            programmes=request.programme_id,
            status__in=[VolunteerStatus.APPROVED, VolunteerStatus.ACTIVE],
        )
        .order_by("last_name", "first_name")
    )


# --- A match -----------------------------------------------------------------


@dataclass
class FollowUpPlan:
    """A match's follow-ups for its page: the one to do now (due, overdue or the
    next), the later ones (dates only), and those done or no longer needed."""

    current: FollowUp | None
    later: list[FollowUp]
    done: list[FollowUp]
    cancelled: list[FollowUp]


def followup_plan(match: Match) -> FollowUpPlan:
    """From the follow-ups `match_for_page` loaded (match.plan): no query."""
    open_ones = [f for f in match.plan if f.done_on is None and f.cancelled_on is None]
    return FollowUpPlan(
        current=open_ones[0] if open_ones else None,
        later=open_ones[1:],
        done=[f for f in match.plan if f.done_on is not None],
        cancelled=[f for f in match.plan if f.done_on is None and f.cancelled_on is not None],
    )


def match_for_page(*, user) -> QuerySet[Match]:
    return (
        Match.objects.visible_to(user)
        .select_related("request__family__wijk", "volunteer__wijk", "programme", "coordinator")
        .prefetch_related(
            Prefetch(
                "status_changes",
                queryset=MatchStatusChange.objects.select_related("to_owner", "changed_by"),
                to_attr="history",
            ),
            Prefetch(
                "followups", queryset=FollowUp.objects.order_by("due_on", "pk"), to_attr="plan"
            ),
        )
    )
