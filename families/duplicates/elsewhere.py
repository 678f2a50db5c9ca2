"""Known elsewhere in the coalition: the family's requests at programmes the
coordinator does not work for.

Without the family's consent to share between programmes a coordinator learns the
programme and a coarse status only (waiting, matched, closed in a year). With it,
a summary of the request: when and how it came in, its full status, the
situations that are not health data, and who is responsible. Never health notes,
special-category situations, free text or notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.privacy.models import ConsentPurpose
from families.models import (
    OPEN_REQUEST_STATUSES,
    SPECIAL_CATEGORY_SITUATIONS,
    Consent,
    Family,
    RequestStatus,
    Situation,
    SupportRequest,
)

COALITION_SHARING_VERSION = "coalition-2026-12"


@dataclass(frozen=True)
class KnownElsewhere:
    programme: str
    coarse_status: str
    # Only with the family's consent to share between programmes:
    summary: dict | None = None


def coarse_status(request: SupportRequest, *, today=None) -> str:
    """Waiting, matched or closed (in which year): nothing about why."""
    if request.status == RequestStatus.MATCHED:
        return _("matched")
    if request.status in OPEN_REQUEST_STATUSES:
        return _("waiting")
    year = timezone.localtime(request.closed_at or request.status_changed_at).year
    this_year = (today or timezone.localdate()).year
    if year == this_year:
        return _("closed this year")
    if year == this_year - 1:
        return _("closed last year")
    return _("closed in %(year)s") % {"year": year}


def shares_between_programmes(family: Family) -> bool:
    return Consent.objects.filter(
        family=family, purpose=ConsentPurpose.SHARE_IN_COALITION, withdrawn_at__isnull=True
    ).exists()


def _summary(request: SupportRequest) -> dict:
    labels = dict(Situation.choices)
    return {
        "reference_code": request.reference_code,
        "received": request.created_at,
        "source": request.get_source_display(),
        "status": request.get_status_display(),
        "situation": [
            labels.get(code, code)
            for code in request.situation
            if code not in SPECIAL_CATEGORY_SITUATIONS
        ],
        "intake_done_on": request.intake_done_on,
        "matched_on": request.matched_on,
        "responsible": str(request.owner) if request.owner_id else "",
    }


def elsewhere_context(*, user, family: Family) -> dict:
    """What the family and request pages show of the family elsewhere (three queries)."""
    shared = shares_between_programmes(family)
    return {
        "known_elsewhere": known_elsewhere(user=user, family=family, shared=shared),
        "shares_in_coalition": shared,
        "may_record_sharing": Family.objects.held_by(user).filter(pk=family.pk).exists(),
    }


def known_elsewhere(*, user, family: Family, shared: bool | None = None) -> list[KnownElsewhere]:
    """The family's requests that `user` may not see itself: their programme and coarse
    status, and a summary when the family consented to share between programmes."""
    visible = SupportRequest.objects.visible_to(user).filter(family=family).values("pk")
    others = (
        SupportRequest.objects.filter(family=family, programme__isnull=False)
        .exclude(pk__in=visible)
        .select_related("programme", "owner")
        .order_by("-created_at")
    )
    rows = list(others)
    if not rows:
        return []
    if shared is None:
        shared = shares_between_programmes(family)
    return [
        KnownElsewhere(
            programme=request.programme.name,
            coarse_status=coarse_status(request),
            summary=_summary(request) if shared else None,
        )
        for request in rows
    ]


@transaction.atomic
def family_share_in_coalition_give(
    *, family: Family, text: str, given_by: str, by=None, at: datetime | None = None
) -> Consent:
    """The family agrees that the programmes of the coalition see each other's
    summary of their requests; recorded with the words they agreed to."""
    current = Consent.objects.filter(
        family=family, purpose=ConsentPurpose.SHARE_IN_COALITION, withdrawn_at__isnull=True
    ).first()
    if current is not None:
        return current
    return Consent.objects.create(
        family=family,
        purpose=ConsentPurpose.SHARE_IN_COALITION,
        text_version=COALITION_SHARING_VERSION,
        text=text,
        given_at=at or timezone.now(),
        given_by=given_by,
        recorded_by=by,
    )


@transaction.atomic
def family_share_in_coalition_withdraw(*, family: Family, by=None) -> int:
    """The family takes its consent back: from now on, the coarse status only."""
    return Consent.objects.filter(
        family=family, purpose=ConsentPurpose.SHARE_IN_COALITION, withdrawn_at__isnull=True
    ).update(withdrawn_at=timezone.now())
