from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def seed_demo_trainings(*, logins) -> str:
    from .demo_data import seed_trainings

    return seed_trainings(logins=logins)


class TrainingsConfig(AppConfig):
    name = "trainings"
    verbose_name = _("Trainings")

    def ready(self):
        """Meet the core through its registries: e-mail kinds, job kinds, the home page section
        and demo data for seed_demo."""
        from ngo_portal.demo_seeders import register_demo_seeder
        from ngo_portal.home_sections import register_home_section
        from ngo_portal.jobs import job_kind_register

        from . import jobs
        from .notifications import register_notification_kinds
        from .views.calendar import upcoming_trainings_section

        register_notification_kinds()
        register_home_section(
            "upcoming_trainings",
            template="trainings/partials/home_upcoming.html",
            context=upcoming_trainings_section,
            order=20,
        )
        # After the organizations' demo data, whose organizations host and attend.
        register_demo_seeder("trainings", seed_demo_trainings, order=30)
        job_kind_register(jobs.SIGN_IN_SHEET_KIND, jobs.sign_in_sheet_job, label=_("Sign-in sheet"))
        job_kind_register(jobs.ROSTER_KIND, jobs.roster_job, label=_("Training roster"))
        job_kind_register(
            jobs.CERTIFICATE_KIND, jobs.certificate_job, label=_("Training certificate")
        )
        from ngo_portal.dashboard_sections import (
            register_dashboard_section,
            register_deadline_source,
        )

        from . import dashboard as dashboard_figures

        register_dashboard_section(
            "trainings",
            title=dashboard_figures.TITLE,
            build=dashboard_figures.trainings_section,
            order=20,
        )
        register_deadline_source("trainings", dashboard_figures.training_deadlines)
        from ngo_portal.notification_kinds import notification_kinds_make_optional

        from . import notifications as kinds

        # Reminders ahead of a due date may be turned off; overdue notices and decisions may not.
        notification_kinds_make_optional(kinds.FOLLOW_UP_CHASE)
