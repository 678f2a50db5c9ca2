"""Give every existing programme its own row of matching weights (the defaults),
so that a coalition administrator finds them in the admin and can tune them."""

from django.db import migrations


def create(apps, schema_editor):
    Programme = apps.get_model("programmes", "Programme")
    MatchingWeights = apps.get_model("matching", "MatchingWeights")
    for programme in Programme.objects.all():
        MatchingWeights.objects.get_or_create(programme=programme)


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0001_initial"),
        ("programmes", "0002_load_wijken_and_programmes"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
