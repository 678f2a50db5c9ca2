from django.db import migrations

# What each programme is made for (3), also helps with (2) or can help with (1),
# from the programmes' own descriptions; the coalition office changes it in the admin.
FITS = {
    "buurtgezinnen": {
        "overloaded": 3,
        "no_network": 3,
        "single_parent": 2,
        "parent_illness": 2,
        "money_housing": 1,
        "child_attention": 1,
    },
    "steunouder": {"child_attention": 3, "overloaded": 2, "single_parent": 2, "no_network": 1},
    "meeleefgezin": {"parent_mental_health": 3, "parent_illness": 2, "overloaded": 1},
    "home-start": {
        "parenting": 3,
        "overloaded": 2,
        "new_in_nl": 2,
        "no_network": 2,
        "single_parent": 2,
    },
    "samen-oplopen": {
        "money_housing": 3,
        "parenting": 2,
        "child_attention": 2,
        "new_in_nl": 2,
        "parent_mental_health": 1,
        "other": 1,
    },
}


def seed(apps, schema_editor):
    Programme = apps.get_model("programmes", "Programme")
    SituationFit = apps.get_model("matching", "SituationFit")
    for programme in Programme.objects.filter(slug__in=FITS):
        for situation, weight in FITS[programme.slug].items():
            SituationFit.objects.get_or_create(
                programme=programme, fits_situation=situation, defaults={"weight": weight}
            )


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0004_situations_each_programme_fits"),
        ("programmes", "0002_load_wijken_and_programmes"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
