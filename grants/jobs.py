"""The grants job kinds, registered in GrantsConfig.ready(): large exports run on a worker.

The job applies the requester's rights again when it runs: they may have changed since.
"""

import tempfile

from django.utils.translation import gettext as _

from ngo_portal.jobs import JobError, JobOutput
from ngo_portal.models import Report

from .exporting import DATASETS, FORMATS, export_file_name, round_export_write
from .models import FundingRound
from .permissions import can_export_round


def round_export_job(report: Report, progress) -> JobOutput:
    """parameters: round (id), dataset (applications, reviews, awards), format (csv, xlsx)."""
    parameters, user = report.parameters, report.requested_by
    funding_round = FundingRound.objects.filter(pk=parameters.get("round")).first()
    if funding_round is None or user is None or not can_export_round(user, funding_round):
        raise JobError(_("You may no longer export this round."))
    file_format, name = parameters.get("format"), parameters.get("dataset")
    if file_format not in FORMATS or name not in DATASETS:
        raise JobError(_("Unknown file format."))
    dataset = DATASETS[name](funding_round)
    progress.start(dataset.count(), _("Writing the rows"))
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - the job runner stores and closes it
    round_export_write(spool, dataset, file_format=file_format, on_rows=progress.advance)
    return JobOutput(file=spool, file_name=export_file_name(funding_round, name, file_format))
