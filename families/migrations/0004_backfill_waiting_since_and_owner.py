"""Existing requests: the day they first joined the waiting list, and as their
responsible coordinator the last person who moved them."""

from django.db import migrations

WAITING_AND_AFTER = ("waiting", "matched", "closed", "withdrawn", "referred")


def backfill(apps, schema_editor):
    SupportRequest = apps.get_model("families", "SupportRequest")
    RequestStatusChange = apps.get_model("families", "RequestStatusChange")
    for request in SupportRequest.objects.filter(waiting_since__isnull=True).iterator():
        first_wait = (
            RequestStatusChange.objects.filter(request_id=request.pk, to_status="waiting")
            .order_by("changed_at")
            .first()
        )
        changed = []
        if first_wait is not None:
            request.waiting_since = first_wait.changed_at
            changed.append("waiting_since")
        elif request.status in ("waiting", "matched"):
            request.waiting_since = request.status_changed_at
            changed.append("waiting_since")
        if request.owner_id is None:
            last_mover = (
                RequestStatusChange.objects.filter(
                    request_id=request.pk, changed_by__role__in=("coordinator", "intake")
                )
                .order_by("-changed_at")
                .first()
            )
            if last_mover is not None:
                request.owner_id = last_mover.changed_by_id
                changed.append("owner")
        if changed:
            request.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [("families", "0003_case_owner_waiting_since")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
