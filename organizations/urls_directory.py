"""Directory, export, verification and coverage URLs (listed before the <pk> routes)."""

from django.urls import path

from .views import directory, export, staff

urlpatterns = [
    path("", directory.organization_list, name="organization_list"),
    path("export.csv", export.organization_export_csv, name="organization_export_csv"),
    path("export.xlsx", export.organization_export_xlsx, name="organization_export_xlsx"),
    path("coverage/", staff.coverage, name="coverage"),
    path("<int:pk>/verify/", staff.verify, name="organization_verify"),
    path("<int:pk>/unverify/", staff.unverify, name="organization_unverify"),
]
