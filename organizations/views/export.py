"""The directory as a spreadsheet, for staff: same filters and order as the page, every row.

A small export answers at once (CSV streams; XLSX is built in a temporary file). Beyond
EXPORT_IMMEDIATE_MAX_ROWS it runs as a job and the user follows its progress on the job's page.
The export code itself lives in organizations/exporting.py, where a worker can run it.
"""

import tempfile

from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _

from ngo_portal.jobs.services import report_request
from ngo_portal.permissions import require

from ..exporting import (
    CONTENT_TYPES,
    EXPORT_IMMEDIATE_MAX_ROWS,
    Export,
    csv_chunks,
    export_file_name,
    write_xlsx,
)
from ..jobs import EXPORT_KIND
from ..permissions import can_export_organizations
from ..selectors import organization_count_capped, organization_list


@require(can_export_organizations)
def organization_export_csv(request):
    return _export(request, "csv")


@require(can_export_organizations)
def organization_export_xlsx(request):
    return _export(request, "xlsx")


def _export(request, file_format: str):
    organizations = organization_list(user=request.user, filters=request.GET)
    count = organization_count_capped(organizations, cap=EXPORT_IMMEDIATE_MAX_ROWS)
    if count > EXPORT_IMMEDIATE_MAX_ROWS:
        report = report_request(
            kind=EXPORT_KIND,
            requested_by=request.user,
            parameters={"query": request.GET.urlencode(), "format": file_format},
            language=translation.get_language(),
        )
        return redirect("report_detail", pk=report.pk)
    if file_format == "csv":
        chunks = _csv_stream(organizations, translation.get_language())
        response = StreamingHttpResponse(chunks, content_type=CONTENT_TYPES["csv"])
        response["Content-Disposition"] = f'attachment; filename="{export_file_name("csv")}"'
        return response
    export = Export(organizations)
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    write_xlsx(spool, export.header(), export.rows(), title=_("Organizations"))
    spool.seek(0)
    return FileResponse(
        spool,
        as_attachment=True,
        filename=export_file_name("xlsx"),
        content_type=CONTENT_TYPES["xlsx"],
    )


def _csv_stream(organizations, language: str):
    # The response streams after the view returns: keep the request's language meanwhile.
    with translation.override(language):
        export = Export(organizations)
        yield from csv_chunks(export.header(), export.rows())
