"""`.env.example` must list every variable the settings read, so an operator
who fills it in has seen every knob."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_FILES = [
    ROOT / "coalition" / "settings.py",
    ROOT / "coalition" / "api_settings.py",
    ROOT / "coalition" / "env.py",
    *sorted((ROOT / "docker").glob("*.py")),  # gunicorn's config, the health check
]

# env_str("NAME", ...), env_bool(\n    "NAME", ...), os.environ.get("NAME"), os.getenv("NAME")
READS = re.compile(
    r"""(?:\benv_\w+|os\.environ\.get|os\.getenv|os\.environ\[)\(?\s*["']([A-Z][A-Z0-9_]*)["']"""
)


def variables_read_by_settings() -> set[str]:
    return {name for path in SETTINGS_FILES for name in READS.findall(path.read_text())}


def variables_in_env_example() -> set[str]:
    names = set()
    for line in (ROOT / ".env.example").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            names.add(line.split("=", 1)[0].strip())
    return names


def test_the_settings_read_the_variables_this_test_expects_to_find():
    # Guards the pattern itself: if it stopped matching, the next test would pass vacuously.
    assert {"SECRET_KEY", "CELERY_BROKER_URL", "DEFAULT_FROM_EMAIL", "LOG_FORMAT"} <= (
        variables_read_by_settings()
    )


def test_env_example_lists_every_variable_the_settings_read():
    missing = variables_read_by_settings() - variables_in_env_example()

    assert missing == set(), f"add these to .env.example: {sorted(missing)}"


def test_env_example_turns_debug_off_and_leaves_no_real_secret():
    text = (ROOT / ".env.example").read_text()

    assert "\nDEBUG=0\n" in text
    assert "\nSECRET_KEY=CHANGE-ME\n" in text


def test_the_real_env_file_is_never_committed_nor_copied_into_the_image():
    assert ".env" in (ROOT / ".gitignore").read_text().split()
    assert ".env" in (ROOT / ".dockerignore").read_text().split()
