from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "coalition.programmes"
    label = "programmes"
    verbose_name = _("Programmes and organisations")
