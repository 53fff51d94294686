from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NgoPortalConfig(AppConfig):
    name = "ngo_portal"
    verbose_name = _("NGO Portal")

    def ready(self):
        from .local_cache import clear_on_change
        from .models import Center, Region
        from .notification_kinds import register_notification_kind

        clear_on_change(Center, Region)

        register_notification_kind("welcome", label=_("welcome after sign-up"))
