from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "coalition.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # Each domain app declares its reminders and notification targets in its own
        # reminders.py; importing them here registers them (see registry.py).
        autodiscover_modules("reminders")
        # The room's own reminder, the Monday digest, registers last.
        # Register this room's Celery tasks in every process, the web one too: the
        # hand-off publishes the send task by name (services.SEND_TASK) and finds the
        # task itself, so CELERY_TASK_ALWAYS_EAGER still runs it in-process.
        from coalition.notifications import (
            digest,  # noqa: F401
            tasks,  # noqa: F401
        )
