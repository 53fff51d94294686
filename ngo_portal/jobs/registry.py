"""The job kinds: kind name → the function that does the work and reports its progress.

The core never imports an app: each app registers its kinds in its AppConfig.ready(), so a worker
that loaded Django knows every kind. A job function has the signature

    def run(report: Report, progress: Progress) -> JobOutput | None

It reads what it needs from `report.parameters` (and `report.requested_by`, whose rights it
applies again: they may have changed since the request), runs in `report.language`, calls
`progress.start(total)` / `progress.advance(n)`, and returns the file it made. Raising `JobError`
records a message meant for the user; any other exception is recorded as a failure too.

A kind whose outcome lives on a page of its own (an import's report in the admin) also gives
`result_url(report) -> str | None`; the job's page and "My files" link to it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils.translation import gettext_lazy as _


class UnknownJobKind(LookupError):
    pass


class JobError(Exception):
    """A failure the user can understand and act on; its message is shown on the job's page."""


@dataclass
class JobOutput:
    """What a job made: a file (any readable binary file object, stored through the storage API
    under `file_name`) and a small result for its page (counts, a per-row report)."""

    file: IO[bytes] | None = None
    file_name: str = ""
    result: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class JobKind:
    name: str
    run: Callable
    label: str
    result_url: Callable | None = None


_KINDS: dict[str, JobKind] = {}


def job_kind_register(
    name: str, run: Callable, *, label, result_url: Callable | None = None
) -> JobKind:
    """Register (or replace, for a reloaded app) the function that runs jobs of kind `name`."""
    kind = JobKind(name=name, run=run, label=label, result_url=result_url)
    _KINDS[name] = kind
    return kind


def job_kind(name: str) -> JobKind:
    try:
        return _KINDS[name]
    except KeyError:
        raise UnknownJobKind(name) from None


def job_kind_label(name: str) -> str:
    kind = _KINDS.get(name)
    return kind.label if kind is not None else _("job %(kind)s") % {"kind": name}


def job_result_url(report) -> str | None:
    """The page showing the job's outcome, if its kind has one."""
    kind = _KINDS.get(report.kind)
    if kind is None or kind.result_url is None:
        return None
    return kind.result_url(report)
