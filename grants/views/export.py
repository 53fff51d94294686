"""A round's applications, reviews or awards as CSV/XLSX for its staff; a job when large.

The export code lives in grants/exporting.py, where a worker can run it.
"""

import tempfile

from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils import translation

from ngo_portal.jobs.services import report_request
from ngo_portal.permissions import object_view
from organizations.exporting import CONTENT_TYPES

from ..exporting import (
    DATASETS,
    EXPORT_IMMEDIATE_MAX_ROWS,
    EXPORT_KIND,
    FORMATS,
    export_file_name,
    round_export_write,
)
from ..models import FundingRound
from ..permissions import can_export_round


@object_view(FundingRound, allowed=can_export_round)
def round_export(request, funding_round, dataset, file_format):
    if dataset not in DATASETS or file_format not in FORMATS:
        raise Http404
    data = DATASETS[dataset](funding_round)
    if data.queryset()[: EXPORT_IMMEDIATE_MAX_ROWS + 1].count() > EXPORT_IMMEDIATE_MAX_ROWS:
        report = report_request(
            kind=EXPORT_KIND,
            requested_by=request.user,
            parameters={"round": funding_round.pk, "dataset": dataset, "format": file_format},
            language=translation.get_language(),
            center=funding_round.center,
            subject=funding_round,
        )
        return redirect("report_detail", pk=report.pk)
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    round_export_write(spool, data, file_format=file_format)
    spool.seek(0)
    return FileResponse(
        spool,
        as_attachment=True,
        filename=export_file_name(funding_round, dataset, file_format),
        content_type=CONTENT_TYPES[file_format],
    )
