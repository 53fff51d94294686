from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "trainings"
    verbose_name = _("Trainings")

    def ready(self):
        """Meet the core through its registries (e-mail kinds, job kinds, home sections, demo
        data, role caches), as organizations/apps.py does."""
