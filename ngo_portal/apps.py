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
        from . import center_reports
        from .jobs import job_kind_register

        register_notification_kind(
            center_reports.CENTER_REPORT_EMAIL,
            label=_("monthly center report"),
            template="email/center_monthly_report",
            context=center_reports.center_report_email_context,
            optional=True,
        )
        register_notification_kind(
            center_reports.DIGEST_EMAIL,
            label=_("weekly digest of upcoming deadlines"),
            template="email/deadline_digest",
            context=center_reports.digest_email_context,
            wanted=center_reports.digest_wanted,
            optional=True,
        )
        job_kind_register(
            center_reports.CENTER_REPORT_KIND,
            center_reports.center_report_job,
            label=_("Center report"),
        )
        job_kind_register(
            center_reports.ANNUAL_REPORT_KIND,
            center_reports.annual_report_job,
            label=_("Annual report"),
        )
