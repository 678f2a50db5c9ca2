from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "coalition.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        # Each domain app declares what the privacy room must know about its records
        # (retention, erasure, export) in its own privacy.py; importing them here
        # registers them (see registry.py).
        autodiscover_modules("privacy")
