"""Admin pages to import organizations from CSV or XLSX: upload, read the dry-run report, confirm.

OrganizationAdmin hooks them in through `import_urls(self.admin_site)` in its get_urls. Between
the two steps the upload waits in default storage, named by a signed token in the confirm form,
so any web process can finish the import and no raw path ever reaches the browser.
"""

import posixpath
import secrets

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .importing import organizations_import
from .models import Organization
from .permissions import can_import_organizations

SALT = "organizations.admin_import"
UPLOAD_MAX_AGE = 24 * 3600
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
    upload = forms.CharField(widget=forms.HiddenInput)
    encoding = forms.ChoiceField(choices=ENCODINGS, widget=forms.HiddenInput)
    skip_invalid = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean_upload(self):
        """The storage name the signed token stands for, if it is recent and still stored."""
        try:
            name = signing.loads(self.cleaned_data["upload"], salt=SALT, max_age=UPLOAD_MAX_AGE)
        except signing.BadSignature:
            name = None
        if not name or not default_storage.exists(name):
            raise forms.ValidationError(_("This upload has expired: please upload the file again."))
        return name


def import_urls(admin_site):
    return [
        path(
            "import/",
            admin_site.admin_view(organization_import_upload),
            {"admin_site": admin_site},
            name="organizations_organization_import",
        ),
        path(
            "import/confirm/",
            admin_site.admin_view(organization_import_confirm),
            {"admin_site": admin_site},
            name="organizations_organization_import_confirm",
        ),
    ]


def organization_import_upload(request, admin_site):
    """GET: the upload form. POST: store the file, dry-run it, show the report."""
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
    with default_storage.open(name) as source:
        report = organizations_import(source=source, file_name=upload.name, encoding=encoding)
    confirm = ImportConfirmForm(
        initial={
            "upload": signing.dumps(name, salt=SALT),
            "encoding": encoding,
            "skip_invalid": bool(report.invalid),
        }
    )
    return render(
        request,
        "admin/organizations/import_report.html",
        _context(request, admin_site, report=report, form=confirm),
    )


def organization_import_confirm(request, admin_site):
    """POST: import the stored upload in one transaction (or cancel), then forget the file."""
    if not can_import_organizations(request.user):
        raise PermissionDenied
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ImportConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("upload", [])))
        return redirect(_url(admin_site, "organizations_organization_import"))
    name = form.cleaned_data["upload"]
    if "cancel" in request.POST:
        default_storage.delete(name)
        return redirect(_url(admin_site, "organizations_organization_import"))
    with default_storage.open(name) as source:
        report = organizations_import(
            source=source,
            file_name=posixpath.basename(name),
            commit=True,
            skip_invalid=form.cleaned_data["skip_invalid"],
            encoding=form.cleaned_data["encoding"],
            user=request.user,
        )
    if not report.imported:
        return render(
            request,
            "admin/organizations/import_report.html",
            _context(request, admin_site, report=report, form=form),
        )
    default_storage.delete(name)
    messages.success(request, _imported_message(report))
    return redirect(_url(admin_site, "organizations_organization_changelist", "index"))


def _imported_message(report) -> str:
    message = ngettext(
        "Imported %(count)d organization.", "Imported %(count)d organizations.", report.imported
    ) % {"count": report.imported}
    if report.invalid:
        message += " " + ngettext(
            "%(count)d row with errors was left out.",
            "%(count)d rows with errors were left out.",
            report.invalid,
        ) % {"count": report.invalid}
    return message


def _url(admin_site, name, fallback=None) -> str:
    try:
        return reverse(f"{admin_site.name}:{name}")
    except NoReverseMatch:
        return reverse(f"{admin_site.name}:{fallback}")


def _context(request, admin_site, **extra) -> dict:
    return {
        **admin_site.each_context(request),
        "opts": Organization._meta,
        "title": _("Import organizations"),
        "upload_url": _url(admin_site, "organizations_organization_import"),
        "confirm_url": _url(admin_site, "organizations_organization_import_confirm"),
        **extra,
    }
