from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The demo login that owns the demo organizations (created by the core's seed_demo).
DEMO_OWNER = "member@example.org"


def seed_demo_organizations(*, logins) -> str:
    from .demo_data import seed_organizations

    count = seed_organizations(owner=logins[DEMO_OWNER])
    return f"{count} demo organizations."


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Organizations")

    def ready(self):
        """Meet the core through its registries: e-mail kinds, job kinds, the home page section,
        demo data, and the role cache that forget_roles clears."""
        from ngo_portal.demo_seeders import register_demo_seeder
        from ngo_portal.home_sections import register_home_section
        from ngo_portal.jobs import job_kind_register

        from . import (
            jobs,
            permissions,  # noqa: F401 - registers the organization role cache
        )
        from .notifications import register_notification_kinds
        from .views.home import my_organizations_section

        register_notification_kinds()
        register_home_section(
            "my_organizations",
            template="organizations/partials/home_my_organizations.html",
            context=my_organizations_section,
            order=10,
        )
        register_demo_seeder("organizations", seed_demo_organizations, order=10)
        job_kind_register(
            jobs.EXPORT_KIND, jobs.organizations_export_job, label=_("Organizations export")
        )
        job_kind_register(
            jobs.IMPORT_KIND,
            jobs.organizations_import_job,
            label=_("Organizations import"),
            result_url=jobs.organizations_import_result_url,
        )
        from ngo_portal.dashboard_sections import register_dashboard_section

        from . import dashboard as dashboard_figures

        register_dashboard_section(
            "organizations",
            title=dashboard_figures.TITLE,
            build=dashboard_figures.organizations_section,
            order=10,
            depends_on=("region_code",),  # the registry is shared: no center, no period
        )
        from ngo_portal.center_reports import register_digest_audience

        register_digest_audience(dashboard_figures.digest_audience)
