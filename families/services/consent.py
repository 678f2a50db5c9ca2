"""A parent takes back their consent from the status page (no login).

Without consent the coalition has no ground to keep the family's data: the consent is
marked withdrawn, open requests are withdrawn (their matches end, reminders stop) and
the family is erased by the usual rules (`families.privacy.family_erase`), keeping
only anonymous statistics. The status link stops working with it.

Not exported from `families.services`: `families.privacy` imports that package.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from coalition.privacy.erasure import ErasureReport
from families.models import Consent, RequestStatus, SupportRequest
from families.privacy import family_erase
from families.services.requests import request_change_status

REASON = "Consent withdrawn by the parent via the status link."


@transaction.atomic
def family_consent_withdraw_by_parent(*, request: SupportRequest) -> ErasureReport:
    family = request.family
    Consent.objects.filter(family=family, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )
    # The withdrawal is the reason in the history, not "erased at the family's request".
    for open_request in SupportRequest.objects.filter(family=family).open():
        request_change_status(
            request=open_request, to_status=RequestStatus.WITHDRAWN, reason=REASON
        )
    return family_erase(family=family)
