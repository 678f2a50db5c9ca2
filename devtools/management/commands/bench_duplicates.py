"""Benchmark of duplicate detection on the configured database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dup_bench python manage.py bench_duplicates

Builds 10,000 invented families (bulk inserts) of which 500 are near-duplicates of
another one: a typo in the name, first and last name swapped, the phone number in
another format (+31, 0031, dashes, Arabic-Indic digits) or the email in other
case, and families that moved (another PC4, a new number). Times one batch run of
`duplicates_detect()`, the code the intake's task runs, and prints one JSON line
with recall and precision against the planted pairs. Everything is rolled back.
"""

from __future__ import annotations

import json
import random
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from coalition.programmes.geography import tilburg_pc4s
from devtools.management.commands.bench_matching import _server_cpu_seconds
from families.duplicates.detection import duplicates_detect
from families.models import Child, DuplicateCandidate, Family, Parent

FIRST = [
    "Anna",
    "Fatima",
    "Sanne",
    "Emma",
    "Ayse",
    "Mohamed",
    "Ahmed",
    "Lotte",
    "Daan",
    "Sem",
    "Noor",
    "Yusuf",
    "Elif",
    "Zeynep",
    "Julia",
    "Eva",
    "Lieke",
    "Fleur",
    "Ibrahim",
    "Hamza",
    "Olga",
    "Oksana",
    "Natalia",
    "Kasia",
    "Marta",
    "Sara",
    "Amina",
    "Khadija",
    "Iris",
    "Tess",
    "Lars",
    "Bram",
    "Ruben",
    "Thijs",
    "Jesse",
    "Hanna",
    "Mila",
    "Nora",
    "Lina",
    "Ilse",
    "Esra",
    "Merve",
    "Hatice",
    "Emine",
    "Dilan",
    "Bilal",
    "Omar",
    "Rachid",
    "Karim",
    "Samira",
    "Nadia",
    "Yasmina",
    "Wout",
    "Joris",
    "Koen",
    "Stijn",
    "Marieke",
    "Petra",
]
LAST = [
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Dekker",
    "Brouwer",
    "Dijkstra",
    "Yilmaz",
    "Kaya",
    "Demir",
    "Sahin",
    "Celik",
    "Yildiz",
    "Ozturk",
    "Aydin",
    "Arslan",
    "Dogan",
    "Kilic",
    "ElAmrani",
    "Bouzid",
    "Benali",
    "Haddou",
    "Tahiri",
    "Kowalski",
    "Nowak",
    "Wisniewski",
    "Kaminski",
    "Lewandowski",
    "Shevchenko",
    "Bondarenko",
    "Kovalenko",
    "Boyko",
    "Tkachenko",
    "Willems",
    "Claassen",
    "Verhoeven",
    "Martens",
    "Schouten",
    "Kuipers",
    "Vermeulen",
    "Maas",
    "Verbeek",
    "Prins",
    "Wouters",
    "Huisman",
    "Kok",
    "Postma",
    "Koster",
    "Evers",
    "Gerritsen",
    "Lammers",
]
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
KINDS = ("typo", "swapped", "phone_format", "email_case", "moved")


def _typo(rng: random.Random, word: str) -> str:
    i = rng.randrange(1, len(word))
    edit = rng.choice(("swap", "drop", "double", "replace"))
    if edit == "swap" and i < len(word) - 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if edit == "drop":
        return word[:i] + word[i + 1 :]
    if edit == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("aeiouy") + word[i + 1 :]


def _phone_other_format(rng: random.Random, phone: str) -> str:
    rest = phone[1:]  # 6xxxxxxxx
    return rng.choice(
        (
            f"+31 {rest[0]} {rest[1:5]} {rest[5:]}",
            f"0031{rest}",
            f"{phone[:2]}-{phone[2:]}",
            f"+31 (0){rest}",
            phone.translate(ARABIC_INDIC),
        )
    )


class Command(BaseCommand):
    help = "Recall, precision and time of duplicate detection on 10,000 families."

    def add_arguments(self, parser):
        parser.add_argument("--families", type=int, default=10_000)
        parser.add_argument("--duplicates", type=int, default=500)
        parser.add_argument("--seed", type=int, default=20)

    def handle(self, *args, **options):
        rng = random.Random(options["seed"])
        with transaction.atomic():
            truth = self._build(rng, options["families"], options["duplicates"])
            DuplicateCandidate.objects.all().delete()
            server_cpu = _server_cpu_seconds()
            cpu, start = time.process_time(), time.perf_counter()
            duplicates_detect()
            seconds = time.perf_counter() - start
            cpu = time.process_time() - cpu
            server_cpu = _server_cpu_seconds() - server_cpu
            found = set(DuplicateCandidate.objects.values_list("family_id", "other_id"))
            transaction.set_rollback(True)
        hits = len(found & truth)
        self.stdout.write(
            json.dumps(
                {
                    "families": options["families"],
                    "planted": len(truth),
                    "found": len(found),
                    "recall": round(hits / len(truth), 4) if truth else 1.0,
                    "precision": round(hits / len(found), 4) if found else 1.0,
                    "seconds": round(seconds, 3),
                    # On a shared machine the wall clock waits for other work: the CPU
                    # time of this process and of its PostgreSQL backend say what it cost.
                    "cpu_seconds": round(cpu, 3),
                    "db_cpu_seconds": round(server_cpu, 3),
                }
            )
        )

    def _build(self, rng: random.Random, total: int, planted: int) -> set[tuple[int, int]]:
        pc4s = tilburg_pc4s()
        originals = []
        for n in range(total - planted):
            children = [
                (rng.randint(2006, 2025), rng.randint(1, 12)) for _ in range(rng.randint(1, 3))
            ]
            originals.append(
                {
                    "first": rng.choice(FIRST),
                    "last": rng.choice(LAST),
                    "phone": f"06{10_000_000 + n * 7:08d}",
                    "email": f"ouder{n}@example.org" if rng.random() < 0.6 else "",
                    "pc4": rng.choice(pc4s),
                    "children": children,
                }
            )
        copies = []
        for n, index in enumerate(rng.sample(range(len(originals)), planted)):
            copy = dict(originals[index], of=index)
            kind = KINDS[n % len(KINDS)]
            if kind == "typo":
                copy["last"] = _typo(rng, copy["last"])
                copy["phone"] = ""  # only the name, PC4 and children tell
            elif kind == "swapped":
                copy["first"], copy["last"] = copy["last"], copy["first"]
                copy["phone"] = f"06{90_000_000 + n:08d}"
            elif kind == "phone_format":
                copy["phone"] = _phone_other_format(rng, copy["phone"])
                copy["first"] = rng.choice(FIRST)  # the other parent called
                copy["email"] = ""
            elif kind == "email_case":
                copy["email"] = copy["email"].upper() or ""
                copy["phone"] = _phone_other_format(rng, copy["phone"])
            else:  # moved: another PC4, a new number, the email kept
                copy["pc4"] = rng.choice([p for p in pc4s if p != copy["pc4"]])
                copy["phone"] = f"06{80_000_000 + n:08d}"
            copies.append(copy)
        rows = originals + copies
        families = Family.objects.bulk_create(
            [Family(pc4=row["pc4"], postcode=row["pc4"]) for row in rows], batch_size=2000
        )
        Parent.objects.bulk_create(
            [
                Parent(
                    family=family,
                    first_name=row["first"],
                    last_name=row["last"],
                    phone=row["phone"],
                    email=row["email"] or ("" if row["phone"] else f"x{family.pk}@example.org"),
                )
                for family, row in zip(families, rows, strict=True)
            ],
            batch_size=2000,
        )
        Child.objects.bulk_create(
            [
                Child(family=family, first_name="K", birth_year=year, birth_month=month)
                for family, row in zip(families, rows, strict=True)
                for year, month in row["children"]
            ],
            batch_size=2000,
        )
        truth = set()
        for family, row in zip(families[len(originals) :], copies, strict=True):
            original = families[row["of"]].pk
            truth.add((min(original, family.pk), max(original, family.pk)))
        return truth
