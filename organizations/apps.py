from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Organizations")

    def ready(self):
        from ngo_portal.jobs import job_kind_register

        from . import jobs

        job_kind_register(
            jobs.EXPORT_KIND, jobs.organizations_export_job, label=_("Organizations export")
        )
        job_kind_register(
            jobs.IMPORT_KIND, jobs.organizations_import_job, label=_("Organizations import")
        )
