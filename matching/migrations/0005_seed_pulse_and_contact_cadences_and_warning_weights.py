"""Give every programme a pulse cadence and a contact cadence, and the early-warning
rules their general weights, so a coalition administrator finds them in the admin
and can tune them (docs/match-health.md)."""

from django.db import migrations

# (anchor, days after, then every n months): after the first meeting, at the end of
# the trial period, then monthly once the match is active.
PULSE_STEPS = [("introduction", 3, 0), ("trial_end", 0, 0), ("started", 30, 1)]
# Samen Oplopen walks alongside a parent closely: more contact, every two weeks.
CONTACT = {"samen-oplopen": (30, 3, 14)}
DEFAULT_CONTACT = (30, 2, 30)
# rule: (weight, threshold)
RULES = {
    "pulse_low": (3, 4),
    "no_fit": (2, 0),
    "not_as_agreed": (1, 0),
    "pulse_silent": (1, 6),
    "contact_overdue": (1, 0),
    "long_wait": (1, 120),
    "expectations_differ": (2, 3),
}


def create(apps, schema_editor):
    Programme = apps.get_model("programmes", "Programme")
    PulseStep = apps.get_model("matching", "PulseStep")
    ContactCadence = apps.get_model("matching", "ContactCadence")
    HealthRule = apps.get_model("matching", "HealthRule")
    for programme in Programme.objects.all():
        for anchor, days_after, every in PULSE_STEPS:
            PulseStep.objects.get_or_create(
                programme=programme,
                anchor=anchor,
                days_after=days_after,
                defaults={"repeat_every_months": every},
            )
        first, contacts, then = CONTACT.get(programme.slug, DEFAULT_CONTACT)
        ContactCadence.objects.get_or_create(
            programme=programme,
            defaults={
                "first_period_days": first,
                "contacts_in_first_period": contacts,
                "then_every_days": then,
            },
        )
    for rule, (weight, threshold) in RULES.items():
        HealthRule.objects.get_or_create(
            rule=rule, programme=None, defaults={"weight": weight, "threshold": threshold}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0004_pulse_expectations_cadences_health_closure"),
        ("programmes", "0002_load_wijken_and_programmes"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
