"""Admin pages to import organizations from CSV or XLSX, as jobs: upload, follow the dry run,
read its per-row report, confirm, follow the import.

OrganizationAdmin hooks them in through `import_urls(self.admin_site)` in its get_urls. The upload
waits in default storage (under imports/) for the jobs, so any worker can read it and no raw path
reaches the browser; an upload nobody confirms is deleted after a day by the expiry job.
"""

import secrets
import tempfile

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils import translation
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from django_htmx.http import HttpResponseClientRefresh

from ngo_portal.jobs.services import report_request
from ngo_portal.models import Report
from ngo_portal.permissions import can_view_report

from .exporting import CONTENT_TYPES, write_xlsx
from .jobs import IMPORT_KIND, import_commit_request, import_error_header, import_error_rows
from .models import Organization
from .permissions import can_import_organizations

SUFFIXES = (".csv", ".txt", ".xlsx")
ENCODINGS = [("auto", _("detect")), ("utf-8", "UTF-8"), ("gbk", "GBK / GB18030")]


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("The first row holds the column headers, in English or Chinese."),
    )
    encoding = forms.ChoiceField(label=_("Encoding of a CSV file"), choices=ENCODINGS)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(SUFFIXES):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload


class ImportConfirmForm(forms.Form):
    skip_invalid = forms.BooleanField(required=False, widget=forms.HiddenInput)


def import_urls(admin_site):
    def route(pattern, view, name):
        return path(pattern, admin_site.admin_view(view), {"admin_site": admin_site}, name=name)

    return [
        route("import/", organization_import_upload, "organizations_organization_import"),
        route(
            "import/<int:pk>/", organization_import_status, "organizations_organization_import_job"
        ),
        route(
            "import/<int:pk>/confirm/",
            organization_import_confirm,
            "organizations_organization_import_confirm",
        ),
        route(
            "import/<int:pk>/errors.xlsx",
            organization_import_errors_xlsx,
            "organizations_organization_import_errors_xlsx",
        ),
    ]


def organization_import_upload(request, admin_site):
    """GET: the upload form. POST: store the file and start its dry run."""
    if not can_import_organizations(request.user):
        raise PermissionDenied
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if not form.is_valid():
        return render(
            request,
            "admin/organizations/import_upload.html",
            _context(request, admin_site, form=form),
        )
    upload, encoding = form.cleaned_data["file"], form.cleaned_data["encoding"]
    name = default_storage.save(
        f"imports/{secrets.token_hex(8)}/{get_valid_filename(upload.name)}", upload
    )
    report = report_request(
        kind=IMPORT_KIND,
        requested_by=request.user,
        parameters={"upload": name, "file_name": upload.name, "encoding": encoding},
        language=translation.get_language(),
    )
    return redirect(_url(admin_site, "organizations_organization_import_job", report.pk))


def organization_import_status(request, admin_site, pk):
    """The job's progress while it runs (polled), then its per-row report."""
    report = _import_report(request, pk)
    if request.htmx:
        if report.is_finished:
            return HttpResponseClientRefresh()
        return render(request, "ngo_portal/partials/report_progress.html", {"report": report})
    if not report.is_finished:
        return render(
            request,
            "admin/organizations/import_progress.html",
            _context(request, admin_site, report=report),
        )
    result = report.result
    form = ImportConfirmForm(initial={"skip_invalid": bool(result.get("invalid"))})
    return render(
        request,
        "admin/organizations/import_report.html",
        _context(request, admin_site, job=report, report=result, form=form),
    )


def organization_import_confirm(request, admin_site, pk):
    """POST: start the import the dry run `pk` checked (or cancel it and forget the upload)."""
    dry_run = _import_report(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    upload = dry_run.parameters.get("upload", "")
    usable = (
        dry_run.status == Report.Status.DONE
        and not dry_run.parameters.get("commit")
        and default_storage.exists(upload)
    )
    if "cancel" in request.POST or not usable:
        if usable:
            default_storage.delete(upload)
        else:
            messages.error(request, _("This upload has expired: please upload the file again."))
        return redirect(_url(admin_site, "organizations_organization_import"))
    form = ImportConfirmForm(request.POST)
    form.is_valid()
    commit = import_commit_request(
        dry_run=dry_run,
        user=request.user,
        skip_invalid=form.cleaned_data.get("skip_invalid", False),
    )
    return redirect(_url(admin_site, "organizations_organization_import_job", commit.pk))


def organization_import_errors_xlsx(request, admin_site, pk):
    """The per-row error report as XLSX (the job's own file is the CSV)."""
    report = _import_report(request, pk)
    if not report.result.get("errors"):
        raise Http404
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    write_xlsx(spool, import_error_header(), import_error_rows(report.result), title=_("Problems"))
    spool.seek(0)
    stem = report.file_name.rsplit(".", 1)[0] or "import-errors"
    return FileResponse(
        spool, as_attachment=True, filename=f"{stem}.xlsx", content_type=CONTENT_TYPES["xlsx"]
    )


def _import_report(request, pk) -> Report:
    """An import job this user may follow: 404 for another kind or someone else's job."""
    if not can_import_organizations(request.user):
        raise PermissionDenied
    report = Report.objects.filter(pk=pk, kind=IMPORT_KIND).first()
    if report is None or not can_view_report(request.user, report):
        raise Http404
    return report


def _url(admin_site, name, *args) -> str:
    try:
        return reverse(f"{admin_site.name}:{name}", args=args)
    except NoReverseMatch:
        return reverse(f"{admin_site.name}:index")


def _context(request, admin_site, **extra) -> dict:
    return {
        **admin_site.each_context(request),
        "opts": Organization._meta,
        "title": _("Import organizations"),
        "upload_url": _url(admin_site, "organizations_organization_import"),
        "changelist_url": _url(admin_site, "organizations_organization_changelist"),
        **extra,
    }
