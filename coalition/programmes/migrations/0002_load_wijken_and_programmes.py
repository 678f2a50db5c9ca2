"""Reference data every installation needs: Tilburg's wijken and the five programmes.

The texts are marked for translation (gettext_noop) and shown through the
catalogue, so parents read them in their own language; an edited text falls back
to what the administrator wrote. The programmes' rules are starting values from the coalition's practice; a
coalition administrator edits them later in the admin.
"""

import csv
from pathlib import Path

from django.db import migrations
from django.utils.translation import gettext_noop

DATA = Path(__file__).resolve().parent.parent / "data"

PROVIDERS = {
    "buurtgezinnen": "Buurtgezinnen Tilburg",
    "steunouder": "Steunouder Tilburg",
    "meeleefgezin": "MeeleefGezin Tilburg",
    "home-start": "Home-Start Tilburg",
    "samen-oplopen": "Samen Oplopen Tilburg",
}

PROGRAMMES = [
    dict(
        slug="buurtgezinnen",
        name="Buurtgezinnen",
        support_mode="hosting",
        summary=gettext_noop(
            "A stable family in your neighbourhood (steungezin) regularly looks after your "
            "children. Your children get a second home nearby and you get time to breathe."
        ),
        asks_of_family=gettext_noop("An intake talk, a meeting with the steungezin, and an evaluation every few months."),
        asks_of_volunteer=gettext_noop("Hosting a child about one part-day a week or a weekend a month; VOG for every adult at home."),
        child_min_age=0, child_max_age=17,
        requires_intake_interview=True, requires_vog=True, requires_references=True,
        requires_training=False, requires_household_vog=True,
        vog_validity_months=36, trial_weeks=6, first_evaluation_weeks=6,
        evaluation_interval_weeks=13, typical_duration_months=24, min_dagdelen=1,
        max_distance_km=5,
    ),
    dict(
        slug="steunouder",
        name="Steunouder",
        support_mode="hosting",
        summary=gettext_noop(
            "A volunteer adult (steunouder) looks after your child one part-day (dagdeel) a week. "
            "Your child gets extra attention, and you get some rest."
        ),
        asks_of_family=gettext_noop("An intake talk and bringing your child to the steunouder each week."),
        asks_of_volunteer=gettext_noop("One dagdeel a week with a child at your home; VOG for every adult at home."),
        child_min_age=0, child_max_age=17,
        requires_intake_interview=True, requires_vog=True, requires_references=False,
        requires_training=False, requires_household_vog=True,
        vog_validity_months=36, trial_weeks=6, first_evaluation_weeks=6,
        evaluation_interval_weeks=13, typical_duration_months=24, min_dagdelen=1,
        max_distance_km=7,
    ),
    dict(
        slug="meeleefgezin",
        name="MeeleefGezin",
        support_mode="hosting",
        summary=gettext_noop(
            "A volunteer family regularly looks after your young child (0 to 4 years) when you "
            "have psychological problems. Your child grows up with extra care and stability."
        ),
        asks_of_family=gettext_noop("An intake talk, getting to know the family slowly, and regular evaluations."),
        asks_of_volunteer=gettext_noop("Hosting a young child regularly, a training, references and a VOG for every adult at home."),
        child_min_age=0, child_max_age=4,
        requires_intake_interview=True, requires_vog=True, requires_references=True,
        requires_training=True, requires_household_vog=True,
        vog_validity_months=24, trial_weeks=8, first_evaluation_weeks=8,
        evaluation_interval_weeks=13, typical_duration_months=36, min_dagdelen=1,
        max_distance_km=10,
    ),
    dict(
        slug="home-start",
        name="Home-Start",
        support_mode="home_visit",
        summary=gettext_noop(
            "A trained volunteer who is a parent too visits you at home every week. "
            "Together you look at what you need, and the volunteer helps and listens."
        ),
        asks_of_family=gettext_noop("A weekly visit of about two hours at your home, for about a year."),
        asks_of_volunteer=gettext_noop("A weekly home visit, a preparation course and a VOG."),
        child_min_age=0, child_max_age=12,
        requires_intake_interview=True, requires_vog=True, requires_references=False,
        requires_training=True, requires_household_vog=False,
        vog_validity_months=36, trial_weeks=6, first_evaluation_weeks=6,
        evaluation_interval_weeks=13, typical_duration_months=12, min_dagdelen=1,
        max_distance_km=10,
    ),
    dict(
        slug="samen-oplopen",
        name="Samen Oplopen",
        support_mode="alongside",
        summary=gettext_noop(
            "A trained volunteer goes alongside your family or your teenager when things are "
            "complicated. A professional supervises the volunteer closely."
        ),
        asks_of_family=gettext_noop("An intake with a professional and regular meetings with the volunteer and the supervisor."),
        asks_of_volunteer=gettext_noop("Training, close supervision, references and a VOG."),
        child_min_age=0, child_max_age=23,
        requires_intake_interview=True, requires_vog=True, requires_references=True,
        requires_training=True, requires_household_vog=False,
        vog_validity_months=24, trial_weeks=4, first_evaluation_weeks=4,
        evaluation_interval_weeks=4, typical_duration_months=12, min_dagdelen=1,
        max_distance_km=15,
    ),
]


def load(apps, schema_editor):
    Wijk = apps.get_model("programmes", "Wijk")
    Organisation = apps.get_model("programmes", "Organisation")
    Programme = apps.get_model("programmes", "Programme")
    with open(DATA / "tilburg_wijken.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            Wijk.objects.update_or_create(
                code=row["wijk_code"],
                defaults={"name": row["wijk_name"], "lat": float(row["lat"]), "lon": float(row["lon"])},
            )
    Organisation.objects.get_or_create(
        name="Coalitie Informele Steun Tilburg", defaults={"kind": "coalition"}
    )
    for spec in PROGRAMMES:
        provider, _ = Organisation.objects.get_or_create(
            name=PROVIDERS[spec["slug"]], defaults={"kind": "provider"}
        )
        Programme.objects.update_or_create(
            slug=spec["slug"], defaults={**spec, "provider": provider}
        )


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
