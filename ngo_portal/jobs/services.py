"""Writes of the job machinery: request a job, run it once, retry it, expire old files.

Side effects: `report_request` and `report_retry` queue `report_run_task` after commit;
`report_run` writes the file through the storage API; `reports_expire` deletes files.
"""

import datetime
import logging
import posixpath
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from ..models import Report
from ..permissions import can_retry_report
from ..task_queue import enqueue
from .progress import Progress
from .registry import JobError, JobOutput, UnknownJobKind, job_kind

logger = logging.getLogger(__name__)

# Uploads a job reads (an import's file) wait here; parameters["upload"] names one.
UPLOADS_DIR = "imports"
UPLOAD_MAX_AGE = datetime.timedelta(days=1)
# A job still "running" this long after it started lost its worker (a crash, a kill): the broker
# hands its message to another worker after the same visibility timeout, which may claim it again.
STALE_AFTER = datetime.timedelta(
    seconds=settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout", 3600)
)
ERROR_MAX = 2000
RUN_TASK = "ngo_portal.tasks.report_run_task"


def _expiry() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=settings.REPORT_EXPIRY_DAYS)


@transaction.atomic
def report_request(
    *, kind: str, requested_by, parameters: dict, language: str, center=None, subject=None
) -> Report:
    """Record a job and queue it for a worker after commit. Raises UnknownJobKind."""
    job_kind(kind)
    report = Report(
        kind=kind,
        requested_by=requested_by,
        parameters=parameters,
        language=language,
        center=center,
        expires_at=_expiry(),
    )
    if subject is not None:
        report.content_type = ContentType.objects.get_for_model(subject)
        report.object_id = subject.pk
    report.full_clean()
    report.save()
    enqueue(RUN_TASK, report.pk)
    return report


def report_run(*, report_id: int) -> Report:
    """Run a queued job once and record its outcome on the row.

    A job already finished, or claimed by another worker, is returned untouched: a task may be
    delivered twice (acks_late, a retry), and the work must happen once. The job function's
    own failure is recorded as failed, not raised, so the task does not retry it: staff retry it.
    """
    report = _claim(report_id)
    if report is None:
        return Report.objects.get(pk=report_id)
    progress = Progress(report)
    try:
        with translation.override(report.language):
            output = job_kind(report.kind).run(report, progress)
        return _record_success(report, output or JobOutput(), progress)
    except Exception as error:  # recorded on the row: the job's page shows the reason
        logger.exception("Job %s (%s) failed", report.pk, report.kind)
        with translation.override(report.language):
            return _record_failure(report, error)
    finally:
        progress.close()


def _claim(report_id: int) -> Report | None:
    """Mark the job running, under a row lock that a second worker skips instead of waiting."""
    with transaction.atomic():
        report = (
            Report.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("requested_by", "center")
            .filter(pk=report_id)
            .first()
        )
        if report is None or not _claimable(report):
            return None
        report.status = Report.Status.RUNNING
        report.started_at, report.finished_at = timezone.now(), None
        report.attempts += 1
        report.error, report.progress_done, report.progress_total = "", 0, 0
        report.save(
            update_fields=[
                *("status", "started_at", "finished_at", "attempts", "error"),
                *("progress_done", "progress_total"),
            ]
        )
    return report


def _claimable(report: Report) -> bool:
    if report.status == Report.Status.QUEUED:
        return True
    stale = report.started_at is not None and report.started_at < timezone.now() - STALE_AFTER
    return report.status == Report.Status.RUNNING and stale


def _record_success(report: Report, output: JobOutput, progress: Progress) -> Report:
    if output.file is not None:
        file_name = get_valid_filename(output.file_name or f"{report.kind}-{report.pk}")
        output.file.seek(0)
        report.file.save(f"{report.pk}-{file_name}", File(output.file), save=False)
        report.file_name = file_name
    report.status = Report.Status.DONE
    report.result = output.result
    report.progress_total = max(progress.total, progress.done)
    report.progress_done = report.progress_total
    report.progress_line = ""
    report.finished_at = timezone.now()
    report.expires_at = _expiry()
    report.save(
        update_fields=[
            *("file", "file_name", "status", "result", "progress_done", "progress_total"),
            *("progress_line", "finished_at", "expires_at"),
        ]
    )
    return report


def _record_failure(report: Report, error: Exception) -> Report:
    if isinstance(error, JobError | UnknownJobKind | PermissionDenied):
        reason = str(error) or _("The job was refused.")
    else:
        reason = _("The job stopped with an error: %(error)s") % {
            "error": f"{type(error).__name__}: {error}"
        }
    report.status = Report.Status.FAILED
    report.error = reason[:ERROR_MAX]
    report.finished_at = timezone.now()
    report.save(update_fields=["status", "error", "finished_at"])
    return report


@transaction.atomic
def report_retry(*, report: Report, by) -> Report:
    """Queue a failed job again (same parameters). Raises PermissionDenied for anyone but the
    requester, staff of the job's center or a superuser, or when the job has not failed."""
    report = (
        Report.objects.select_for_update(of=("self",)).select_related("center").get(pk=report.pk)
    )
    if not can_retry_report(by, report):
        raise PermissionDenied
    report.status = Report.Status.QUEUED
    report.error, report.progress_done, report.progress_total, report.progress_line = "", 0, 0, ""
    report.started_at = report.finished_at = None
    report.expires_at = _expiry()
    report.save(
        update_fields=[
            *("status", "error", "progress_done", "progress_total", "progress_line"),
            *("started_at", "finished_at", "expires_at"),
        ]
    )
    enqueue(RUN_TASK, report.pk)
    return report


@dataclass
class ExpiryResult:
    files: int = 0
    uploads: int = 0


def reports_expire() -> ExpiryResult:
    """Delete the files of expired jobs (their rows stay, marked by an empty file) and the
    uploads an abandoned import left behind for more than a day. Safe to run twice."""
    result = ExpiryResult()
    expired = Report.objects.filter(expires_at__lte=timezone.now()).exclude(file="")
    for report in expired.exclude(status__in=[Report.Status.QUEUED, Report.Status.RUNNING]):
        default_storage.delete(report.file.name)
        Report.objects.filter(pk=report.pk).update(file="")
        result.files += 1
    result.uploads = _abandoned_uploads_delete()
    return result


def _abandoned_uploads_delete() -> int:
    in_use = set(
        Report.objects.filter(status__in=[Report.Status.QUEUED, Report.Status.RUNNING])
        .filter(parameters__has_key="upload")
        .values_list("parameters__upload", flat=True)
    )
    cutoff = timezone.now() - UPLOAD_MAX_AGE
    deleted = 0
    for name in _stored_files(UPLOADS_DIR):
        if name not in in_use and default_storage.get_modified_time(name) < cutoff:
            default_storage.delete(name)
            deleted += 1
    return deleted


def _stored_files(directory: str):
    """Every file under `directory` in default storage (the storage API lists one level)."""
    if not default_storage.exists(directory):
        return
    folders, files = default_storage.listdir(directory)
    for name in files:
        yield posixpath.join(directory, name)
    for folder in folders:
        yield from _stored_files(posixpath.join(directory, folder))
