"""Reads of matches that the pages of the apps below show: the support a partner's
referral got, and a volunteer's own matches. Those apps cannot import matching, so
matching registers these with them (see `MatchingConfig.ready`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Prefetch

from families.models import Parent
from families.outcomes.selectors import goals_overview
from families.selectors import SupportSpell
from matching.models import EndReason, Match, MatchStatus, Pulse, Side
from volunteers.selectors import MatchForVolunteer


def support_spells(request_ids: Iterable[int]) -> dict[int, list[SupportSpell]]:
    """Every match of these requests as a support spell, in one query; the end reason
    as the label of its category, never the coordinator's note on the ending."""
    labels = dict(EndReason.choices)
    spells: dict[int, list[SupportSpell]] = {}
    matches = Match.objects.filter(request_id__in=list(request_ids)).only(
        "id", "request_id", "status", "started_on", "ended_on", "end_reason"
    )
    for match in matches:
        spells.setdefault(match.request_id, []).append(
            SupportSpell(
                key=match.pk,
                active=match.status == MatchStatus.ACTIVE,
                started_on=match.started_on,
                ended_on=match.ended_on,
                end_reason=str(labels.get(match.end_reason, "")),
            )
        )
    return spells


def matches_for_volunteer(*, user, on: date) -> list[MatchForVolunteer]:
    """The volunteer's open matches: the parent's contact details only once active."""
    matches = (
        Match.objects.visible_to(user)
        .open()
        .select_related("programme", "request__family")
        .prefetch_related(
            "request__children",
            Prefetch(
                "request__family__parents",
                queryset=Parent.objects.filter(is_primary_contact=True),
            ),
            Prefetch(
                "pulses",
                queryset=Pulse.objects.filter(
                    side=Side.VOLUNTEER,
                    due_on__lte=on,
                    answered_at__isnull=True,
                    cancelled_on__isnull=True,
                ).order_by("due_on"),
                to_attr="open_pulses",
            ),
        )
        .order_by("-proposed_at")
    )
    result = []
    for match in matches:
        parents = list(match.request.family.parents.all())
        parent = parents[0] if parents and match.status == MatchStatus.ACTIVE else None
        result.append(
            MatchForVolunteer(
                programme=match.programme.name,
                status=match.status,
                status_label=str(match.get_status_display()),
                children=[(c.first_name, c.age_on(on)) for c in match.request.children.all()],
                parent_first_name=parent.first_name if parent else "",
                parent_phone=parent.phone if parent else "",
                # From the trial period on, when volunteer and family work together.
                goals=goals_overview(user, match.request, as_volunteer=True)
                if match.status in (MatchStatus.TRIAL, MatchStatus.ACTIVE)
                else None,
                open_pulse_id=match.open_pulses[0].pk if match.open_pulses else None,
            )
        )
    return result
