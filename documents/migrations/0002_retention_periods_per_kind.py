from django.db import migrations

# Days after the last upload, once the record is closed (docs/processing-register.md).
PERIODS = {
    "agreement": (730, "As long as a closed match's other records (two years)."),
    "consent_form": (730, "Proof of consent for as long as the data it covers is kept."),
    "intake_report": (730, "As long as the closed request it belongs to (two years)."),
    "other": (365, "Nothing else should be kept longer than a year without a reason."),
}


def seed(apps, schema_editor):
    DocumentRetention = apps.get_model("documents", "DocumentRetention")
    for kind, (days, reason) in PERIODS.items():
        DocumentRetention.objects.get_or_create(kind=kind, defaults={"days": days, "reason": reason})


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_documents_with_versions")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
