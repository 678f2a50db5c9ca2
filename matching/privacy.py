"""What the privacy room must know about matches: a family's open matches end
before its erasure, a family with a live match is not yet due, ended matches lose
their notes after the period, and a match is shared between family and volunteer.
Registered in `coalition.privacy.registry` when the privacy room starts."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from coalition.privacy import registry
from coalition.privacy.erasure import ErasureReport, anonymise_row
from coalition.privacy.retention import retention_cutoff
from families.models import Family
from matching.case import request_ending_ends_matches
from matching.models import (
    OPEN_MATCH_STATUSES,
    CalendarFeed,
    ContactNote,
    EndReason,
    Expectation,
    FollowUp,
    Match,
    MatchProposal,
    MatchStatus,
    MatchStatusChange,
    Moment,
    Pulse,
)
from volunteers.models import Volunteer


def _end_open_matches(family: Family, *, by=None) -> None:
    """Without a name or a phone number nobody can help the family any more."""
    for request in family.requests.filter(matches__status__in=OPEN_MATCH_STATUSES).distinct():
        request_ending_ends_matches(
            request=request,
            to_status=request.status,
            by=by,
            end_reason=EndReason.FAMILY_WITHDREW,
        )


def _live_match():
    """A family with an open match, or one that ended within the period, is kept."""
    cutoff = timezone.localdate(retention_cutoff(settings.RETENTION_ENDED_MATCH_DAYS))
    return Exists(
        Match.objects.filter(request__family=OuterRef("pk")).filter(
            Q(status__in=OPEN_MATCH_STATUSES) | Q(ended_on__gte=cutoff)
        )
    )


def matches_due():
    """Ended matches past the period whose notes still hold text (their family may
    still be helped in a new match, so the family itself is not due)."""
    cutoff = timezone.localdate(retention_cutoff(settings.RETENTION_ENDED_MATCH_DAYS))
    has_text = (
        ~Q(end_note="")
        | Exists(ContactNote.objects.filter(match=OuterRef("pk")))
        | Exists(FollowUp.objects.filter(match=OuterRef("pk")).exclude(notes=""))
        | Exists(Pulse.objects.filter(match=OuterRef("pk")).exclude(message=""))
        | Exists(Expectation.objects.filter(match=OuterRef("pk")).exclude(purpose=""))
    )
    return Match.objects.filter(status=MatchStatus.ENDED, ended_on__lt=cutoff).filter(has_text)


@transaction.atomic
def match_anonymise(*, match: Match) -> ErasureReport:
    report = ErasureReport()
    report.deleted["matching.contactnote"] = match.notes.all().delete()[0]
    # What the sides wrote in words goes; their scores stay for the statistics.
    match.pulses.exclude(message="").update(message="")
    match.expectations.exclude(purpose="").update(purpose="")
    for row in [match, *match.followups.all(), *match.status_changes.all()]:
        anonymise_row(row, report)
    return report


registry.register_erasure_step(Family, _end_open_matches)
registry.register_erasure_rules(ContactNote, delete=True)
registry.register_erasure_rules(Pulse, delete=True)
registry.register_erasure_rules(Expectation, delete=True)
# An erased volunteer's calendar address stops: nothing in it is needed afterwards.
registry.register_erasure_rules(CalendarFeed, delete=True)
registry.register_statistics_anchor(
    Volunteer, lambda volunteer: Match.objects.filter(volunteer=volunteer).exists()
)
registry.register_shared(
    Volunteer, Match, reason="A match's notes and follow-ups describe the family's support."
)
registry.register_shared(
    Volunteer,
    MatchProposal,
    reason="A proposal's reasons and explanation are about the family.",
)
registry.register_retention_hold(Family, _live_match)
registry.register_retention_rule(
    kind="matches",
    model=Match,
    due=matches_due,
    erase=lambda match: match_anonymise(match=match).files_deleted,
    order=20,
)

# In a family's export: the family's matches and the notes about their support;
# of a proposal (the engine's suggestion of a volunteer), not the volunteer it
# named nor the score and explanation, which describe the volunteer's home,
# availability and load.
registry.register_export_fields(
    Family,
    Match,
    about_subject="id request volunteer programme coordinator status status_changed_at "
    "planned_start_on proposed_at introduction_on trial_started_on trial_ends_on started_on "
    "ended_on end_reason outcome end_note ended_by ending_kind closing_talk_family_on "
    "closing_talk_volunteer_on contact_continues",
)
# The pulse and the expectations: the family's answers and the volunteer's about the
# family's support (a volunteer's export lists matches, not what hangs off them, as
# with follow-ups); the link's hash is never exported (coalition.privacy.export).
registry.register_export_fields(
    Family,
    Pulse,
    about_subject="id match side occasion due_on answered_at score fits as_agreed message "
    "wants_call cancelled_on",
)
registry.register_export_fields(
    Family,
    Expectation,
    about_subject="id match side months frequency purpose recorded_at recorded_by",
)

registry.register_export_fields(
    Family,
    MatchStatusChange,
    about_subject="id changed_at changed_by reason match from_status to_status to_owner",
)
registry.register_export_fields(
    Family,
    FollowUp,
    about_subject="id match kind due_on window_days done_on done_by notes "
    "rescheduled_from reschedule_reason cancelled_on",
)
registry.register_export_fields(
    Family,
    ContactNote,
    about_subject="id family match kind text confidential author created_at",
    about_others="volunteer",
)
registry.register_export_fields(
    Family,
    MatchProposal,
    about_subject="id batch request programme status decided_by decided_at reject_reason match",
    about_others="volunteer score explanation",
)
# In a volunteer's export: the dates and outcome of their matches, not the family's
# request, the notes about the family's support, nor a proposal's score and
# explanation (the children's ages, the wijk, the distance, the waiting days).
registry.register_export_fields(
    Volunteer,
    Match,
    about_subject="id volunteer programme coordinator status status_changed_at "
    "planned_start_on proposed_at introduction_on trial_started_on trial_ends_on started_on "
    "ended_on end_reason outcome ended_by ending_kind closing_talk_family_on "
    "closing_talk_volunteer_on contact_continues",
    about_others="request end_note",
)
registry.register_export_fields(
    Volunteer,
    MatchProposal,
    about_subject="id batch volunteer programme status decided_by decided_at match",
    about_others="request score explanation reject_reason",
)
registry.register_export_fields(
    Volunteer,
    ContactNote,
    about_subject="id volunteer kind text confidential author created_at",
    about_others="family match",
)

# Support moments: when the support took place (a volunteer's export reaches their
# matches, not the family's moments); the volunteer's calendar address without the
# hash of its secret.
_MOMENT_FIELDS = (
    "id match kind starts_at ends_at status cancelled_by planned_by planned_at "
    "confirmed_by confirmed_at"
)
registry.register_export_fields(Family, Moment, about_subject=_MOMENT_FIELDS)
registry.register_export_fields(Volunteer, CalendarFeed, about_subject="id volunteer created_at")
