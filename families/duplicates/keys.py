"""Normalised contact keys and name similarity, the same on every database.

Phone numbers are compared as a Dutch caller dials them (+31 6…, 0031 6…, 06-…,
Arabic-Indic digits all become 06…); email addresses without case, a "+tag" and,
for Gmail, its dots; names as pg_trgm compares them (lower case, words of letters
and digits, the set of their trigrams), so that a percentage reads the same
whether PostgreSQL or Python computed it.
"""

from __future__ import annotations

import re

from families.form_fields import western_digits

_NON_WORD = re.compile(r"[\W_]+")
GMAIL_DOMAINS = frozenset({"gmail.com", "googlemail.com"})


def normalise_phone(value: str) -> str:
    """'+31 6 1234 5678', '0031612345678', '06-12345678', '+31 (0)6 12345678' and
    '٠٦١٢٣٤٥٦٧٨' all give '0612345678'; a foreign number keeps its country as
    '00<country>…'. Fewer than eight digits is no number: ''."""
    value = (value or "").strip()
    if not value.isascii():
        value = western_digits(value)
    international = value.startswith("+")
    digits = "".join(ch for ch in value if ch.isdigit())
    if international:
        digits = "00" + digits
    if digits.startswith("0031"):
        rest = digits[4:]
        digits = rest if rest.startswith("0") else "0" + rest
    return digits if len(digits) >= 8 else ""


def normalise_email(value: str) -> str:
    """Case never matters; a '+tag' is the same mailbox; Gmail ignores dots."""
    value = (value or "").strip().lower()
    if value.count("@") != 1:
        return ""
    local, domain = value.split("@")
    local = local.split("+", 1)[0]
    if domain in GMAIL_DOMAINS:
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}" if local and domain else ""


def name_words(*parts: str) -> list[str]:
    """The words of a name as pg_trgm sees them: lower case, letters and digits."""
    return [w for w in _NON_WORD.split(" ".join(parts).lower()) if w]


def name_key(*parts: str) -> str:
    """The words in alphabetical order: 'Vries, Anna de' and 'Anna de Vries' are one key."""
    return " ".join(sorted(name_words(*parts)))


def trigrams(name: str) -> frozenset[str]:
    """pg_trgm's trigrams: each word padded with two spaces before and one after."""
    grams: set[str] = set()
    for word in name_words(name):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """pg_trgm's `similarity()`: shared trigrams over all trigrams of the two."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)
