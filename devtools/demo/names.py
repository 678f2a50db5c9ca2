"""Invented names from seeded Faker pools: drawing from a pool is much faster than
asking Faker for every person, and just as deterministic."""

from __future__ import annotations

import random

from django.utils.text import slugify
from faker import Faker

from devtools.demo.constants import ARABIC_FIRST, ARABIC_LAST, UKRAINIAN_FIRST, UKRAINIAN_LAST

POOL_SIZE = 250
FAKER_LOCALES = {"nl": "nl_NL", "tr": "tr_TR", "pl": "pl_PL", "en": "en_GB"}


class NamePools:
    def __init__(self, seed: int, rng: random.Random) -> None:
        self.rng = rng
        self.first: dict[str, list[str]] = {}
        self.last: dict[str, list[str]] = {}
        for language, locale in FAKER_LOCALES.items():
            fake = Faker(locale)
            fake.seed_instance(seed)
            size = POOL_SIZE if language == "nl" else POOL_SIZE // 5
            self.first[language] = _unique(fake.first_name() for _ in range(size))
            self.last[language] = _unique(fake.last_name() for _ in range(size))
        self.first["ar"], self.last["ar"] = ARABIC_FIRST, ARABIC_LAST
        self.first["uk"], self.last["uk"] = UKRAINIAN_FIRST, UKRAINIAN_LAST

    def first_name(self, language: str = "nl") -> str:
        return self.rng.choice(self.first.get(language, self.first["nl"]))

    def last_name(self, language: str = "nl") -> str:
        return self.rng.choice(self.last.get(language, self.last["nl"]))

    def phone(self) -> str:
        return f"06-{self.rng.randrange(10_000_000, 99_999_999)}"

    def email(self, first: str, last: str, number: int, domain: str) -> str:
        local = f"{slugify(first)}.{slugify(last)}".replace("-", "")
        return f"{local}.{number}@{domain}"


def _unique(names) -> list[str]:
    # dict keeps the first occurrence in order (a set would not be deterministic).
    return list(dict.fromkeys(names))
