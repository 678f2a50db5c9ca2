"""Reads for the families' front doors: the parent's status link and the partner's referrals."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from coalition.private_links import lookup_hash
from families.models import Administration, Parent, RequestStatus, SupportRequest

_ENDED = (RequestStatus.CLOSED, RequestStatus.WITHDRAWN, RequestStatus.REFERRED_ELSEWHERE)


def request_by_status_token(token: str) -> SupportRequest | None:
    """The request behind a private status link, or None when the link no longer works:
    unknown, revoked, or more than STATUS_LINK_DAYS_AFTER_CLOSURE days after closure."""
    digest = lookup_hash(token)
    if digest is None:
        return None
    request = (
        SupportRequest.objects.select_related("family", "programme")
        .filter(status_token_hash=digest)
        .first()
    )
    if request is None or request.status_token_revoked_at is not None:
        return None
    if request.closed_at is not None:
        days = settings.STATUS_LINK_DAYS_AFTER_CLOSURE
        if timezone.now() > request.closed_at + timedelta(days=days):
            return None
    return request


# Where the request stands, in plain words for a parent.
PARENT_STATUS_TEXT = {
    RequestStatus.NEW: (
        _("We received your request"),
        _("A coordinator will call or message you soon to get to know you."),
    ),
    RequestStatus.INTAKE_PLANNED: (
        _("We made an appointment with you"),
        _("A coordinator will talk with you about your family and what would help."),
    ),
    RequestStatus.INTAKE_DONE: (
        _("We talked with you"),
        _("The coordinator is now deciding with you which support fits best."),
    ),
    RequestStatus.WAITING_FOR_MATCH: (
        _("We are looking for a volunteer"),
        _("We are looking for a volunteer who fits your family. This can take some weeks."),
    ),
    RequestStatus.MATCHED: (
        _("We found a volunteer"),
        _("Your coordinator keeps in touch with you and the volunteer."),
    ),
    RequestStatus.CLOSED: (
        _("The support has ended"),
        _("Your request is closed. You can always ask for support again."),
    ),
    RequestStatus.WITHDRAWN: (
        _("You stopped your request"),
        _("We will not contact you about this request. You can always ask again."),
    ),
    RequestStatus.REFERRED_ELSEWHERE: (
        _("We passed you on to other help"),
        _("Your coordinator told you where you can get help that fits better."),
    ),
}


# After a volunteer's support stopped early, or a request closed before any support.
WAITING_AGAIN_TEXT = (
    _("We are looking for a new volunteer"),
    _(
        "The support by your volunteer has stopped. You keep your place on the waiting "
        "list: we are looking for a new volunteer who fits your family."
    ),
)
CLOSED_WITHOUT_SUPPORT_TEXT = (
    _("Your request is closed"),
    _("Your coordinator closed your request. You can always ask for support again."),
)


def parent_status_text(request: SupportRequest) -> tuple[str, str]:
    """The headline and explanation for the parent; `matched_on` stays set once a
    volunteer started, so a family that waits again is told so."""
    if request.status == RequestStatus.WAITING_FOR_MATCH and request.matched_on is not None:
        return WAITING_AGAIN_TEXT
    if request.status == RequestStatus.CLOSED and request.matched_on is None:
        return CLOSED_WITHOUT_SUPPORT_TEXT
    return PARENT_STATUS_TEXT[request.status]


def moment_in_words(moment: datetime) -> dict[str, str]:
    """A planned moment for a parent, in the active language: the weekday and date
    (the language's own date format) and the time, in Amsterdam time."""
    local = timezone.localtime(moment, zoneinfo.ZoneInfo(settings.TIME_ZONE))
    return {
        "day": f"{formats.date_format(local, 'l')} {formats.date_format(local, 'DATE_FORMAT')}",
        "time": formats.time_format(local, "TIME_FORMAT"),
    }


def planned_intake(request: SupportRequest) -> dict[str, str] | None:
    """The planned intake's day and time for the parent's status page (None when
    no intake is planned, or its moment has passed)."""
    if request.status != RequestStatus.INTAKE_PLANNED or request.intake_planned_for is None:
        return None
    if request.intake_planned_for < timezone.now():
        return None
    return moment_in_words(request.intake_planned_for)


def primary_parent(request: SupportRequest) -> Parent | None:
    return request.family.parents.filter(is_primary_contact=True).first()


# --- The partner's view of their referrals -------------------------------------


class PartnerStatus:
    RECEIVED = "received"
    IN_INTAKE = "in_intake"
    SUPPORT_STARTED = "support_started"
    SUPPORT_ENDED = "support_ended"
    LOOKING_AGAIN = "looking_again"
    NOT_STARTED = "not_started"
    # The family's consent ran out: nothing more is shared until it is renewed.
    CONSENT_EXPIRED = "consent_expired"


PARTNER_STATUS_LABELS = {
    PartnerStatus.RECEIVED: _("Received"),
    PartnerStatus.IN_INTAKE: _("In intake"),
    PartnerStatus.SUPPORT_STARTED: _("Support started"),
    PartnerStatus.SUPPORT_ENDED: _("Support ended"),
    PartnerStatus.LOOKING_AGAIN: _("Support stopped, looking for a new volunteer"),
    PartnerStatus.NOT_STARTED: _("Support did not start"),
    PartnerStatus.CONSENT_EXPIRED: _("Consent expired: nothing more is shared until renewed"),
}
NOT_STARTED_REASONS = {
    RequestStatus.WITHDRAWN: _("The family stopped the request"),
    RequestStatus.REFERRED_ELSEWHERE: _("Referred to other help"),
    RequestStatus.CLOSED: _("Closed without support"),
}


@dataclass(frozen=True)
class ReferralRow:
    """What a partner may know about a referral: no notes, no situation, no health."""

    reference_code: str
    parent_first_name: str
    received_on: date
    advised_programme: str
    programme: str
    status: str
    status_label: str
    status_on: date | None
    reason_category: str
    # Not yet accepted or declined after `answer_due_on` (working days, per receiver).
    overdue: bool = False
    answer_due_on: date | None = None
    consent_valid_until: date | None = None


@dataclass(frozen=True)
class SupportSpell:
    """One volunteer's support of a request, as far as a partner may know it."""

    key: int
    active: bool
    started_on: date | None
    ended_on: date | None
    end_reason: str  # the label of the structured reason, never the coordinator's note


# Support is given through matches, which sit above this app: matching registers
# how to read the spells of a set of requests (see `register_support_history`).
SupportHistory = Callable[[Iterable[int]], dict[int, list[SupportSpell]]]
_support_history: list[SupportHistory] = []


def register_support_history(provider: SupportHistory) -> None:
    """`provider(request_ids)` returns the support spells of each request, in one query."""
    _support_history[:] = [provider]


def support_history(request_ids: Iterable[int]) -> dict[int, list[SupportSpell]]:
    request_ids = list(request_ids)
    if not request_ids or not _support_history:
        return {}
    return _support_history[0](request_ids)


def _last_ending(started: list[SupportSpell]) -> tuple[date | None, str]:
    """When the last support ended, and why as a category."""
    ended = [s for s in started if s.ended_on]
    if not ended:
        return None, ""
    last = max(ended, key=lambda s: (s.ended_on, s.key))
    return last.ended_on, last.end_reason


def _coarse_status(
    request: SupportRequest, spells: list[SupportSpell]
) -> tuple[str, date | None, str]:
    started = [s for s in spells if s.started_on is not None]
    active = [s for s in started if s.active]
    if active:
        return PartnerStatus.SUPPORT_STARTED, min(s.started_on for s in active), ""
    if request.status in _ENDED:
        closed_on = timezone.localdate(request.closed_at) if request.closed_at else None
        if started:
            ended_on, reason = _last_ending(started)
            return PartnerStatus.SUPPORT_ENDED, ended_on or closed_on, reason
        return PartnerStatus.NOT_STARTED, closed_on, str(NOT_STARTED_REASONS[request.status])
    if started:
        # The support ended and the coalition is looking for a new volunteer.
        ended_on, reason = _last_ending(started)
        if request.status == RequestStatus.WAITING_FOR_MATCH:
            return PartnerStatus.LOOKING_AGAIN, ended_on, reason
        return PartnerStatus.SUPPORT_ENDED, ended_on, reason
    if request.status == RequestStatus.NEW:
        return PartnerStatus.RECEIVED, timezone.localdate(request.created_at), ""
    return PartnerStatus.IN_INTAKE, timezone.localdate(request.status_changed_at), ""


def partner_requests(requests: QuerySet[SupportRequest]) -> QuerySet[SupportRequest]:
    """`requests` (already scoped to one partner organisation) with what its rows read,
    newest first."""
    return (
        requests.select_related(
            "family", "referral__advised_programme", "referral__consent", "programme"
        )
        .prefetch_related(
            Prefetch(
                "family__parents",
                queryset=Parent.objects.filter(is_primary_contact=True).only(
                    "id", "family_id", "first_name"
                ),
            ),
        )
        .order_by("-created_at", "-id")
    )


def partner_referrals(*, user, reference_code: str | None = None) -> list[ReferralRow]:
    """The referrals of the user's organisation, newest first, in a fixed number of queries."""
    requests = partner_requests(SupportRequest.objects.visible_to(user))
    if reference_code is not None:
        requests = requests.filter(reference_code=reference_code)
    return partner_rows(requests)


def partner_rows(requests: Iterable[SupportRequest]) -> list[ReferralRow]:
    """What a partner may know of each request (from `partner_requests`): the portal's
    rows, and the API's; the support history is read in one query for all of them."""
    requests = list(requests)
    spells = support_history(r.pk for r in requests)
    today = timezone.localdate()
    rows = []
    for request in requests:
        referral = request.referral
        consent = referral.consent
        if consent.has_expired(today):
            rows.append(_consent_expired_row(request, referral, consent))
            continue
        status, status_on, reason = _coarse_status(request, spells.get(request.pk, []))
        if consent.shared_again_on and (status_on is None or status_on < consent.shared_again_on):
            # Told again after a renewal: the partner heard "consent expired" last.
            status_on = consent.shared_again_on
        parents = list(request.family.parents.all())
        rows.append(
            ReferralRow(
                reference_code=request.reference_code,
                parent_first_name=parents[0].first_name if parents else "",
                received_on=timezone.localdate(request.created_at),
                advised_programme=referral.advised_programme.name
                if referral.advised_programme
                else "",
                programme=request.programme.name if request.programme else "",
                status=status,
                status_label=str(PARTNER_STATUS_LABELS[status]),
                status_on=status_on,
                reason_category=reason,
                overdue=referral_overdue(request, referral, today),
                answer_due_on=referral.answer_due_on,
                consent_valid_until=consent.valid_until,
            )
        )
    return rows


def administration_by_token(token: str) -> Administration | None:
    """The questionnaire behind a private link while it can still be answered, else None."""
    digest = lookup_hash(token)
    if digest is None:
        return None
    administration = (
        Administration.objects.select_related("request", "instrument")
        .prefetch_related("instrument__items")
        .filter(token_hash=digest)
        .first()
    )
    if administration is None or not administration.request.is_open:
        return None
    return administration


def referral_overdue(request: SupportRequest, referral, today: date) -> bool:
    """A partner's referral not yet accepted or declined (still new) after its due day."""
    return (
        request.status == RequestStatus.NEW
        and referral.answer_due_on is not None
        and today > referral.answer_due_on
    )


def _consent_expired_row(request: SupportRequest, referral, consent) -> ReferralRow:
    """Frozen at "consent expired": what the partner gave us itself, nothing new (no
    programme, progress, deadline or reason) until a coordinator records a renewal."""
    parents = list(request.family.parents.all())
    return ReferralRow(
        reference_code=request.reference_code,
        parent_first_name=parents[0].first_name if parents else "",
        received_on=timezone.localdate(request.created_at),
        advised_programme=referral.advised_programme.name if referral.advised_programme else "",
        programme="",
        status=PartnerStatus.CONSENT_EXPIRED,
        status_label=str(PARTNER_STATUS_LABELS[PartnerStatus.CONSENT_EXPIRED]),
        status_on=consent.expired_on,
        reason_category="",
        answer_due_on=referral.answer_due_on,
        consent_valid_until=consent.valid_until,
    )
