from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NgoPortalConfig(AppConfig):
    name = "ngo_portal"
    verbose_name = _("NGO Portal")

    def ready(self):
        from .notification_kinds import register_notification_kind

        register_notification_kind("welcome", label=_("welcome after sign-up"))
