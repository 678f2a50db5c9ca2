"""What the coordinators' workspace tells the notifications room: the caseload in a
coordinator's Monday digest is today's work, by the same rules as the dashboard.
`NotificationsConfig.ready()` imports this module (see coalition/notifications/registry.py)."""

from __future__ import annotations

from coalition.notifications import digest
from coordinators.selectors.today import weekly_caseload

digest.register_caseload(weekly_caseload)
