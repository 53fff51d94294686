from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NgoPortalConfig(AppConfig):
    name = "ngo_portal"
    verbose_name = _("NGO Portal")
