"""Today's work: partners' referrals nobody accepted or declined by their due day
(families.answers). Programme referrals past theirs are marked in their own panel."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Window

from coordinators.selectors.panels import PANEL_LIMIT, REQUEST_ROW, Panel
from coordinators.selectors.scope import mine_or_nobodys
from families.models import RequestStatus, SupportRequest


def referrals_overdue_panel(*, user, today: dt.date, mine: bool = False) -> Panel:
    """Still-new partner referrals past their answer deadline, the longest overdue
    first, in one query (the total from a window count)."""
    rows = (
        SupportRequest.objects.visible_to(user)
        .filter(status=RequestStatus.NEW, referral__answer_due_on__lt=today)
        .select_related("programme", "family__wijk", "referral__organisation")
        .only(*REQUEST_ROW, "referral__answer_due_on", "referral__organisation__name")
        .order_by("referral__answer_due_on", "pk")
    )
    rows = mine_or_nobodys(rows, user, field="owner") if mine else rows
    panel = Panel()
    for request in rows.annotate(panel_total=Window(Count("pk")))[:PANEL_LIMIT]:
        panel.append(request)
        panel.total = request.panel_total
    return panel
