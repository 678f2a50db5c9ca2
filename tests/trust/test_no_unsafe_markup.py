"""Nothing a family, volunteer or partner typed can switch off HTML escaping.

Every use of `|safe`, `mark_safe(`, `{% autoescape off %}` (and their cousins)
in templates and Python fails this test unless it is listed below with the
reason it cannot carry user data into an HTML page.
"""

import re
from pathlib import Path

from django.conf import settings

UNSAFE = re.compile(
    r"\|\s*safe\b|\|\s*safeseq\b|mark_safe\s*\(|SafeString\s*\(|autoescape\s+off"
    r"|format_html\s*\(\s*[a-z_]+\s*\)|\bextra_context\b.*\|safe"
)
# (path relative to the project, what it matches) -> why it is harmless.
ALLOWED = {
    ("templates/emails/account_invitation.txt", "autoescape off"): (
        "Plain-text email (text/plain, no HTML part): escaping would show &#x27; to the reader."
    ),
    ("coordinators/reports/charts.py", "mark_safe"): (
        "Server-side SVG bar charts and survival curves: every label and value is passed "
        "through escape() before it is joined; the numbers are aggregates, never free text."
    ),
    ("templates/emails/base.txt", "autoescape off"): (
        "Base of every plain-text email part: text/plain is never parsed as HTML, and the "
        "HTML part (emails/base.html) escapes as usual."
    ),
}
SCANNED_DIRS = ("coalition", "coordinators", "families", "volunteers", "matching", "templates")
SUFFIXES = {".py", ".html", ".txt", ".xml"}


def unsafe_uses() -> set[tuple[str, str]]:
    found = set()
    base = Path(settings.BASE_DIR)
    for directory in SCANNED_DIRS:
        for path in (base / directory).rglob("*"):
            if path.suffix not in SUFFIXES or "migrations" in path.parts:
                continue
            for match in UNSAFE.finditer(path.read_text(encoding="utf-8")):
                found.add((str(path.relative_to(base)), match.group(0).strip("| ").rstrip("(")))
    return found


def test_no_template_or_module_switches_off_escaping_without_a_written_reason():
    unexplained = unsafe_uses() - set(ALLOWED)

    assert unexplained == set(), "Escape the data instead, or add the use to ALLOWED with a reason."


def test_the_allowed_list_has_no_stale_entries():
    assert set(ALLOWED) - unsafe_uses() == set()


def test_the_scanner_catches_the_usual_forms(tmp_path):
    samples = [
        "{{ request.situation_text|safe }}",
        "{{ x | safe }}",
        "return mark_safe(text)",
        "{% autoescape off %}{{ x }}{% endautoescape %}",
    ]
    assert all(UNSAFE.search(sample) for sample in samples)
    assert not UNSAFE.search("{{ x|escape }} {{ value|safety_level }}")
