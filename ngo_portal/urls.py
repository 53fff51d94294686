from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from .views.center_reports import (
    annual_report_request,
    center_report_send,
    impact_page,
    impact_page_settings,
)
from .views.dashboard import dashboard, dashboard_table_export
from .views.favicon import favicon
from .views.health import healthz
from .views.home import home
from .views.language import language_switch
from .views.notification_settings import notification_settings, notification_unsubscribe
from .views.reports import (
    report_detail,
    report_download,
    report_list,
    report_progress,
    report_retry,
)

# The admin signs in through allauth, so its login shares allauth's rate limits.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("NGO Portal")
admin.site.site_title = _("NGO Portal")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("language/", language_switch, name="language_switch"),
    path("favicon.ico", favicon, name="favicon"),
]

urlpatterns += i18n_patterns(
    path("", home, name="home"),
    path("dashboard/", dashboard, name="dashboard"),
    path(
        "dashboard/<slug:section>/<slug:table>.<str:file_format>",
        dashboard_table_export,
        name="dashboard_table_export",
    ),
    path("centers/<slug:slug>/report/send/", center_report_send, name="center_report_send"),
    path("centers/<slug:slug>/impact/", impact_page, name="impact_page"),
    path("centers/<slug:slug>/impact/settings/", impact_page_settings, name="impact_page_settings"),
    path(
        "centers/<slug:slug>/impact/annual-report/",
        annual_report_request,
        name="annual_report_request",
    ),
    path("notifications/settings/", notification_settings, name="notification_settings"),
    path(
        "notifications/unsubscribe/<str:token>/",
        notification_unsubscribe,
        name="notification_unsubscribe",
    ),
    path("files/", report_list, name="report_list"),
    path("files/<int:pk>/", report_detail, name="report_detail"),
    path("files/<int:pk>/progress/", report_progress, name="report_progress"),
    path("files/<int:pk>/download/", report_download, name="report_download"),
    path("files/<int:pk>/retry/", report_retry, name="report_retry"),
    path("organizations/", include("organizations.urls")),
    path("trainings/", include("trainings.urls")),
    path("incubation/", include("incubation.urls")),
    path("grants/", include("grants.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

# No /media/ route, not even with DEBUG on: uploaded documents are private and every download goes
# through a view that checks who asks (organizations' document_download).

handler400 = "ngo_portal.views.errors.bad_request"
handler500 = "ngo_portal.views.errors.server_error"
