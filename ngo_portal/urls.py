from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from .views.dashboard import dashboard
from .views.health import healthz
from .views.home import home
from .views.language import language_switch

# The admin signs in through allauth, so its login shares allauth's rate limits.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("NGO Portal")
admin.site.site_title = _("NGO Portal")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("language/", language_switch, name="language_switch"),
]

urlpatterns += i18n_patterns(
    path("", home, name="home"),
    path("dashboard/", dashboard, name="dashboard"),
    path("organizations/", include("organizations.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

# No /media/ route, not even with DEBUG on: uploaded documents are private and every download goes
# through a view that checks who asks (organizations' document_download).

handler400 = "ngo_portal.views.errors.bad_request"
handler500 = "ngo_portal.views.errors.server_error"
