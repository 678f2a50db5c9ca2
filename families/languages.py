"""Languages a family may speak at home, shown with their own name first."""

from __future__ import annotations

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# (ISO 639-1 code, name in the language itself, English name for translation).
_HOME_LANGUAGES = (
    ("nl", "Nederlands", _("Dutch")),
    ("en", "English", _("English")),
    ("ar", "العربية", _("Arabic")),
    ("tr", "Türkçe", _("Turkish")),
    ("pl", "Polski", _("Polish")),
    ("uk", "Українська", _("Ukrainian")),
    ("ru", "Русский", _("Russian")),
    ("ti", "ትግርኛ", _("Tigrinya")),
    ("so", "Soomaali", _("Somali")),
    ("fa", "فارسی", _("Persian / Dari")),
    ("ps", "پښتو", _("Pashto")),
    ("ku", "Kurdî", _("Kurdish")),
    ("es", "Español", _("Spanish")),
    ("fr", "Français", _("French")),
    ("pt", "Português", _("Portuguese")),
    ("ro", "Română", _("Romanian")),
    ("bg", "Български", _("Bulgarian")),
    ("de", "Deutsch", _("German")),
    ("zh", "中文", _("Chinese")),
)


def language_choices() -> list[tuple[str, str]]:
    return [(code, format_lazy("{} ({})", own, english)) for code, own, english in _HOME_LANGUAGES]


LANGUAGE_CODES = frozenset(code for code, _own, _english in _HOME_LANGUAGES)
