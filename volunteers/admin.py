"""Volunteers are deliberately not in the Django admin: their coordinators screen,
approve and pause them on the dashboard, where capacity, screening and status rules
are enforced by the services and every view or change is audited."""
