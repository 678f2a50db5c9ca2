"""Translations are complete: public pages in all six languages, staff pages in Dutch.

makemessages runs against a temporary copy of locale/, so a new string that
nobody translated fails here, not in front of a parent.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

PUBLIC_LANGUAGES = ["nl", "en", "ar", "tr", "pl", "uk"]
# Sources of text a parent, volunteer applicant or visitor can see without logging in.
PUBLIC_SOURCES = (
    "templates/base.html",
    "templates/includes/",
    "templates/families/",
    "templates/volunteers/",
    "templates/coordinators/home.html",
    "templates/coordinators/about.html",
    "templates/privacy/",
    "templates/emails/",
    # The pulse a parent or volunteer answers by a private link (and its text message).
    "templates/matching/pulse_",
    "templates/matching/_pulse_",
    "templates/allauth/",
    "templates/4",
    "templates/500.html",
    "families/",
    "volunteers/",
    # The volunteer's support moments: their pages, forms, messages and calendar feed.
    "templates/matching/volunteer_",
    "templates/matching/_moment_",
    "matching/moments/",
    "matching/views/moments.py",
    "coordinators/weekgrid.py",
    "coordinators/notification_kinds.py",
    "coalition/settings.py",
    # The programmes' own texts (what each offers and asks), shown on the public form.
    "coordinators/migrations/0002_load_wijken_and_programmes.py",
)
LOCALE = Path(settings.BASE_DIR) / "locale"


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory):
    """makemessages on a copy of the source tree, so it neither reads stale
    catalogues nor writes into the real locale/ (it writes next to the sources)."""
    tree = tmp_path_factory.mktemp("tree") / "project"
    shutil.copytree(
        settings.BASE_DIR,
        tree,
        ignore=shutil.ignore_patterns(
            ".venv", "var", ".git", "test-artifacts", "node_modules", "__pycache__", "*.mo"
        ),
    )
    previous = os.getcwd()
    os.chdir(tree)
    try:
        with override_settings(LOCALE_PATHS=[tree / "locale"]):
            call_command(
                "makemessages",
                locale=PUBLIC_LANGUAGES,
                ignore_patterns=["tests/*", "docs/*", "scripts/*"],
                no_obsolete=True,
                verbosity=0,
            )
    finally:
        os.chdir(previous)
    return tree / "locale"


def is_public(entry: polib.POEntry) -> bool:
    return any(path.startswith(PUBLIC_SOURCES) for path, _line in entry.occurrences)


def untranslated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return not all(entry.msgstr_plural.values())
    return not entry.msgstr or "fuzzy" in entry.flags


@pytest.mark.parametrize("language", PUBLIC_LANGUAGES)
def test_every_public_string_is_translated(fresh_catalogues, language):
    catalogue = polib.pofile(fresh_catalogues / language / "LC_MESSAGES" / "django.po")
    missing = [e.msgid for e in catalogue if is_public(e) and untranslated(e) and not e.obsolete]
    assert missing == [], f"{len(missing)} public strings without {language} translation"


def test_every_staff_string_has_a_dutch_translation(fresh_catalogues):
    catalogue = polib.pofile(fresh_catalogues / "nl" / "LC_MESSAGES" / "django.po")
    missing = [e.msgid for e in catalogue if untranslated(e) and not e.obsolete]
    assert missing == [], f"{len(missing)} strings without Dutch translation"


@pytest.mark.parametrize("language", PUBLIC_LANGUAGES)
def test_the_compiled_catalogue_matches_the_source(language):
    po = polib.pofile(LOCALE / language / "LC_MESSAGES" / "django.po")
    mo = polib.mofile(LOCALE / language / "LC_MESSAGES" / "django.mo")
    translated_po = {
        (e.msgctxt, e.msgid): e.msgstr for e in po.translated_entries() if not e.msgid_plural
    }
    translated_mo = {(e.msgctxt, e.msgid): e.msgstr for e in mo if not e.msgid_plural}
    assert translated_po == {k: v for k, v in translated_mo.items() if k in translated_po}
    assert set(translated_po) <= set(translated_mo)
