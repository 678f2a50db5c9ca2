"""Invented demo data for Tilburg: `manage.py seed_demo` (see build.py for how)."""

from __future__ import annotations

from coordinators.demo.build import DemoBuilder
from coordinators.demo.flush import demo_data_exists, flush_demo

__all__ = ["DemoBuilder", "demo_data_exists", "flush_demo"]
