from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncubationConfig(AppConfig):
    name = "incubation"
    verbose_name = _("Incubation")

    def ready(self):
        """Meet the core through its registries (e-mail kinds, job kinds, home sections, demo
        data, role caches), as organizations/apps.py does."""
