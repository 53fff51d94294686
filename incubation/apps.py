from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The demo logins (created by the core's seed_demo) the incubation demo data uses.
DEMO_OFFICER = "officer@example.org"
DEMO_MENTOR = "mentor@example.org"
DEMO_MEMBER = "member@example.org"


def seed_demo_incubation(*, logins) -> str:
    from .demo_data import seed_incubation

    return seed_incubation(
        officer=logins[DEMO_OFFICER], mentor=logins[DEMO_MENTOR], member=logins[DEMO_MEMBER]
    )


class IncubationConfig(AppConfig):
    name = "incubation"
    verbose_name = _("Incubation")

    def ready(self):
        """Meet the core through its registries: e-mail kinds, job kinds, the home page's open
        calls, demo data, and the mentor role cache that forget_roles clears."""
        from ngo_portal.demo_seeders import register_demo_seeder
        from ngo_portal.home_sections import register_home_section
        from ngo_portal.jobs import job_kind_register

        from . import (
            jobs,
            permissions,  # noqa: F401 - registers the mentoring role cache
        )
        from .notifications import register_notification_kinds
        from .views.home import open_calls_section

        register_notification_kinds()
        register_home_section(
            "open_calls",
            template="incubation/partials/home_open_calls.html",
            context=open_calls_section,
            order=20,
        )
        register_demo_seeder("incubation", seed_demo_incubation, order=30)
        job_kind_register(
            jobs.REPORT_KIND,
            jobs.assessment_report_job,
            label=_("Capacity assessment report"),
            result_url=jobs.assessment_result_url,
        )
        job_kind_register(
            jobs.COHORT_REPORTS_KIND, jobs.cohort_reports_job, label=_("Cohort capacity reports")
        )
        job_kind_register(
            jobs.CERTIFICATE_KIND, jobs.certificate_job, label=_("Graduation certificate")
        )
        from ngo_portal.dashboard_sections import (
            register_dashboard_section,
            register_deadline_source,
        )

        from . import dashboard as dashboard_figures

        register_dashboard_section(
            "incubation",
            title=dashboard_figures.TITLE,
            build=dashboard_figures.incubation_section,
            order=30,
        )
        register_deadline_source("incubation", dashboard_figures.milestone_deadlines)
        from ngo_portal.notification_kinds import notification_kinds_make_optional

        from . import notifications as kinds

        # Reminders ahead of a due date may be turned off; overdue notices and decisions may not.
        notification_kinds_make_optional(kinds.MILESTONE_DUE_SOON)
