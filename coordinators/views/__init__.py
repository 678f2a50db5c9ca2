"""Coordinator pages, by topic. The URL names live in coordinators/urls.py."""

from coordinators.views.public import about, after_login, home
from coordinators.views.today import dashboard

__all__ = ["about", "after_login", "dashboard", "home"]
