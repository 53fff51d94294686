from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def seed_demo_grants(*, logins) -> str:
    from .demo_data import seed_grants

    return seed_grants(logins=logins)


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = _("Grants")

    def ready(self):
        """Meet the core through its registries: e-mail kinds, the export job, the home page
        section of open rounds, and the demo data."""
        from ngo_portal.demo_seeders import register_demo_seeder
        from ngo_portal.home_sections import register_home_section
        from ngo_portal.jobs import job_kind_register

        from . import (
            jobs,
            permissions,  # noqa: F401 - lists the review-assignment cache for forget_roles
        )
        from .exporting import EXPORT_KIND
        from .notifications import register_notification_kinds
        from .views.home import open_rounds_section

        register_notification_kinds()
        register_home_section(
            "open_funding_rounds",
            template="grants/partials/home_open_rounds.html",
            context=open_rounds_section,
            order=40,
        )
        # After organizations (10) and incubation/trainings: the demo rounds use their rows.
        register_demo_seeder("grants", seed_demo_grants, order=40)
        job_kind_register(EXPORT_KIND, jobs.round_export_job, label=_("Grants export"))
        from ngo_portal.dashboard_sections import (
            register_dashboard_section,
            register_deadline_source,
        )

        from . import dashboard as dashboard_figures

        register_dashboard_section(
            "grants",
            title=dashboard_figures.TITLE,
            build=dashboard_figures.grants_section,
            order=40,
        )
        register_deadline_source("grants", dashboard_figures.grant_report_deadlines)
        from ngo_portal.notification_kinds import notification_kinds_make_optional

        from . import notifications as kinds

        # Reminders ahead of a due date may be turned off; overdue notices and decisions may not.
        notification_kinds_make_optional(kinds.REPORT_DUE_SOON)
