"""Invented demo data for Tilburg: `manage.py seed_demo` (see build.py for how)."""

from __future__ import annotations

from devtools.demo.build import DemoBuilder
from devtools.demo.flush import demo_data_exists, flush_demo

__all__ = ["DemoBuilder", "demo_data_exists", "flush_demo"]
