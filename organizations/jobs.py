"""The organizations app's job kinds, registered in OrganizationsConfig.ready().

Each job applies the requester's rights again when it runs: they may have changed since the
request (a staff role removed), and the worker trusts nothing the web process decided.
"""

import posixpath
import tempfile

from django.core.files.storage import default_storage
from django.db import transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from ngo_portal.jobs import JobError, JobOutput
from ngo_portal.jobs.services import report_request
from ngo_portal.models import Report

from .exporting import export_file_name, organizations_export_write, write_csv
from .importing import organizations_import
from .permissions import can_export_organizations, can_import_organizations
from .selectors import organization_list

EXPORT_KIND = "organizations.export"
IMPORT_KIND = "organizations.import"
EXPORT_FORMATS = ("csv", "xlsx")
ERROR_REPORT_COLUMNS = ("row", "column", "message")


def organizations_export_job(report: Report, progress) -> JobOutput:
    """parameters: query (the directory's query string), format (csv or xlsx)."""
    user = report.requested_by
    if user is None or not can_export_organizations(user):
        raise JobError(_("You may no longer export the directory."))
    file_format = report.parameters.get("format", "csv")
    if file_format not in EXPORT_FORMATS:
        raise JobError(_("Unknown file format."))
    organizations = organization_list(user=user, filters=QueryDict(report.parameters["query"]))
    progress.start(organizations.order_by().count(), _("Writing the organizations"))
    # A temporary file, not memory: the storage copies it in chunks.
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - the job runner stores and closes it
    organizations_export_write(
        spool, organizations, file_format=file_format, on_rows=progress.advance
    )
    return JobOutput(file=spool, file_name=export_file_name(file_format))


def organizations_import_job(report: Report, progress) -> JobOutput:
    """parameters: upload (storage name), file_name, encoding, commit, skip_invalid.

    A dry run reports every row; a commit imports (all or nothing, or the good rows with
    skip_invalid) and then forgets the upload. The per-row errors become the job's CSV file.
    """
    parameters, user = report.parameters, report.requested_by
    if user is None or not can_import_organizations(user):
        raise JobError(_("You may no longer import organizations."))
    upload, commit = parameters["upload"], bool(parameters.get("commit"))
    if not default_storage.exists(upload):
        raise JobError(_("This upload has expired: please upload the file again."))
    line = _("Importing rows") if commit else _("Checking rows")
    with default_storage.open(upload) as source:
        outcome = organizations_import(
            source=source,
            file_name=parameters.get("file_name") or posixpath.basename(upload),
            commit=commit,
            skip_invalid=bool(parameters.get("skip_invalid")),
            encoding=parameters.get("encoding", "auto"),
            user=user if commit else None,
            on_start=lambda total: progress.start(total, line),
            on_progress=progress.advance,
        )
    if commit and outcome.imported:
        default_storage.delete(upload)
    return _import_output(outcome, commit)


def organizations_import_result_url(report: Report) -> str:
    """The import's report in the admin, where its dry run is confirmed."""
    return reverse("admin:organizations_organization_import_job", args=[report.pk])


def _import_output(outcome, commit: bool) -> JobOutput:
    result = {
        "commit": commit,
        "file_name": outcome.file_name,
        **{
            name: getattr(outcome, name)
            for name in ("rows", "valid", "invalid", "imported", "error_count")
        },
        "errors": [
            {"row": error.row, "column": error.column, "message": str(error.message)}
            for error in outcome.errors
        ],
        "file_errors": [str(message) for message in outcome.file_errors],
        # Imported as they are, but the report must say so: merged cells filled down, codes
        # that look damaged by Excel.
        "file_warnings": [str(message) for message in outcome.file_warnings],
        "warnings": [
            {"row": warning.row, "column": warning.column, "message": str(warning.message)}
            for warning in outcome.warnings
        ],
        "header_row": outcome.header_row,
        "ignored_columns": list(outcome.ignored_columns),
    }
    if not result["errors"]:
        return JobOutput(result=result)
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - the job runner stores and closes it
    write_csv(spool, import_error_header(), import_error_rows(result))
    stem = posixpath.splitext(outcome.file_name)[0] or "import"
    return JobOutput(file=spool, file_name=f"{stem}-errors.csv", result=result)


def import_error_header() -> list[str]:
    return [_("Row"), _("Column"), _("Reason")]


def import_error_rows(result: dict) -> list[list]:
    return [[error[name] for name in ERROR_REPORT_COLUMNS] for error in result.get("errors", [])]


@transaction.atomic
def import_commit_request(*, dry_run: Report, user, skip_invalid: bool) -> Report:
    """Start the import that a finished dry run was checked for, once: a second confirmation
    (a double click, a replayed form) returns the job the first one started.

    Side effect: queues the commit job after commit.
    """
    dry_run = Report.objects.select_for_update().get(pk=dry_run.pk)
    started = dry_run.result.get("commit_report")
    if started is not None:
        return Report.objects.get(pk=started)
    commit = report_request(
        kind=IMPORT_KIND,
        requested_by=user,
        parameters={**dry_run.parameters, "commit": True, "skip_invalid": skip_invalid},
        language=dry_run.language,
    )
    dry_run.result = {**dry_run.result, "commit_report": commit.pk}
    dry_run.save(update_fields=["result"])
    return commit
