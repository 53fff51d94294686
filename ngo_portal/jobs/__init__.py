"""Jobs: work longer than a second, run by a worker, recorded on a `Report` row with its file.

Apps register their kinds in AppConfig.ready() (`job_kind_register`); views call
`report_request`; the one task `report_run_task` runs a job by its ID.
"""

from .registry import JobError, JobKind, JobOutput, UnknownJobKind, job_kind, job_kind_register

__all__ = [
    "JobError",
    "JobKind",
    "JobOutput",
    "UnknownJobKind",
    "job_kind",
    "job_kind_register",
]
