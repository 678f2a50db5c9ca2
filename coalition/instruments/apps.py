from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstrumentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "coalition.instruments"
    label = "instruments"
    verbose_name = _("Questionnaires (instruments)")
