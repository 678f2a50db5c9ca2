from django.db import migrations

# Every programme accepts a VOG another programme of the coalition recorded, when it
# is at most a year old. The administrator changes this per programme in the admin
# (a screening profile to demand, another age, references or training too).
VOG_MAX_AGE_MONTHS = 12


def seed(apps, schema_editor):
    Programme = apps.get_model("programmes", "Programme")
    ScreeningAcceptance = apps.get_model("volunteers", "ScreeningAcceptance")
    programmes = list(Programme.objects.all())
    for accepting in programmes:
        for source in programmes:
            if accepting.pk != source.pk:
                ScreeningAcceptance.objects.get_or_create(
                    programme=accepting,
                    from_programme=source,
                    kind="vog",
                    defaults={"max_age_months": VOG_MAX_AGE_MONTHS},
                )


class Migration(migrations.Migration):
    dependencies = [
        ("volunteers", "0002_volunteer_applications_and_accepted_screening"),
        ("programmes", "0002_load_wijken_and_programmes"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
