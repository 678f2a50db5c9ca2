"""Rows sent before the link was wiped on sending still hold a parent's private
status link: drop it from every row that is already final."""

from django.db import migrations

FINAL = ["sent", "skipped", "cancelled"]
SECRET_KEYS = ["status_url"]  # as SECRET_CONTEXT_KEYS in models.py at this time


def forget_links(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    rows = Notification.objects.filter(status__in=FINAL, context__has_any_keys=SECRET_KEYS)
    for notification in rows.only("pk", "context").iterator():
        context = {k: v for k, v in notification.context.items() if k not in SECRET_KEYS}
        Notification.objects.filter(pk=notification.pk).update(context=context)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [migrations.RunPython(forget_links, migrations.RunPython.noop)]
