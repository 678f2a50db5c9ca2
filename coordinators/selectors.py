from __future__ import annotations

from families.models import RequestStatus, SupportRequest
from matching.models import FollowUp, Match


def dashboard_overview(*, user) -> dict:
    """What a coordinator sees first: new requests and follow-ups due, within their scope."""
    new_requests = (
        SupportRequest.objects.visible_to(user)
        .filter(status=RequestStatus.NEW)
        .select_related("programme", "family")
        .order_by("created_at")[:20]
    )
    followups = (
        FollowUp.objects.visible_to(user)
        .pending()
        .select_related("match__programme")
        .order_by("due_on")[:20]
    )
    return {
        "new_requests": new_requests,
        "followups": followups,
        "open_matches": Match.objects.visible_to(user).open().count(),
    }
