from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Demo data and benchmarks: for developers, never imported by the platform."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "devtools"
    verbose_name = "Developer tools"
