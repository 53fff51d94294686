"""A round's applications, reviews and awards as spreadsheets, for a view or a worker.

Rows are read as plain values in chunks (memory stays flat), coded values translated once per
export, and written with the directory's CSV/XLSX writers, which neutralise formula-like cells.
"""

from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organizations.exporting import counted, write_csv, write_xlsx

from .models import Award, GrantApplication, Review

CHUNK_SIZE = 2000
# An export beyond this many rows runs as a job; a smaller one answers at once.
EXPORT_IMMEDIATE_MAX_ROWS = 5000
FORMATS = ("csv", "xlsx")
# The job kind that writes a large export (grants/jobs.py).
EXPORT_KIND = "grants.export"


def _labels(model, field):
    return {code: str(label) for code, label in model._meta.get_field(field).choices}


class Dataset:
    """One kind of export: its title, columns ((label, value key)), and rows for a round."""

    title = ""
    columns: list[tuple] = []

    def __init__(self, funding_round):
        self.round = funding_round

    def queryset(self):
        raise NotImplementedError

    def header(self) -> list[str]:
        return [str(label) for label, _key in self.columns]

    def count(self) -> int:
        return self.queryset().order_by().count()

    def rows(self) -> Iterator[list]:
        keys = [key for _label, key in self.columns]
        translate = self.translations()
        for row in self.queryset().values(*keys).iterator(chunk_size=CHUNK_SIZE):
            yield [_plain(translate.get(key, {}).get(row[key], row[key])) for key in keys]

    def translations(self) -> dict:
        return {}


class ApplicationsDataset(Dataset):
    title = gettext_lazy("Applications")
    columns = [
        (gettext_lazy("number"), "pk"),
        (gettext_lazy("organization"), "organization__name_zh"),
        (gettext_lazy("unified social credit code"), "organization__credit_code"),
        (gettext_lazy("project title"), "title"),
        (gettext_lazy("status"), "status"),
        (gettext_lazy("amount requested (CNY)"), "requested_total"),
        (gettext_lazy("reviews"), "review_count"),
        (gettext_lazy("weighted average score"), "average_score"),
        (gettext_lazy("submitted"), "submitted_at"),
        (gettext_lazy("reason for the decision"), "decision_reason"),
    ]

    def queryset(self):
        return (
            GrantApplication.objects.filter(round=self.round)
            .exclude(status=GrantApplication.Status.DRAFT)
            .order_by("pk")
        )

    def translations(self):
        return {"status": _labels(GrantApplication, "status")}


class ReviewsDataset(Dataset):
    title = gettext_lazy("Reviews")
    columns = [
        (gettext_lazy("application number"), "application_id"),
        (gettext_lazy("organization"), "application__organization__name_zh"),
        (gettext_lazy("project title"), "application__title"),
        (gettext_lazy("reviewer"), "assignment__reviewer__email"),
        (gettext_lazy("weighted score"), "weighted_score"),
        (gettext_lazy("recommendation"), "recommendation"),
        (gettext_lazy("overall comment"), "comment"),
        (gettext_lazy("submitted"), "submitted_at"),
    ]

    def queryset(self):
        return Review.objects.filter(application__round=self.round).order_by("pk")

    def translations(self):
        return {"recommendation": _labels(Review, "recommendation")}


class AwardsDataset(Dataset):
    title = gettext_lazy("Awards")
    columns = [
        (gettext_lazy("application number"), "application_id"),
        (gettext_lazy("organization"), "application__organization__name_zh"),
        (gettext_lazy("project title"), "application__title"),
        (gettext_lazy("amount awarded (CNY)"), "amount"),
        (gettext_lazy("agreement date"), "agreement_date"),
        (gettext_lazy("status"), "status"),
    ]

    def queryset(self):
        return Award.objects.filter(round=self.round).order_by("pk")

    def translations(self):
        return {"status": _labels(Award, "status")}


DATASETS = {
    "applications": ApplicationsDataset,
    "reviews": ReviewsDataset,
    "awards": AwardsDataset,
}


def _plain(value):
    if value is None:
        return ""
    if hasattr(value, "tzinfo") and hasattr(value, "hour") and value.tzinfo is not None:
        return timezone.localtime(value).replace(tzinfo=None, microsecond=0)
    return value


def export_file_name(funding_round, dataset: str, extension: str) -> str:
    return f"round-{funding_round.pk}-{dataset}-{timezone.localdate():%Y%m%d}.{extension}"


def round_export_write(target, dataset: Dataset, *, file_format: str, on_rows=None) -> None:
    """Write the dataset as CSV or XLSX into the binary file `target`."""
    rows = dataset.rows() if on_rows is None else counted(dataset.rows(), on_rows)
    if file_format == "xlsx":
        write_xlsx(target, dataset.header(), rows, title=str(dataset.title) or _("Export"))
    else:
        write_csv(target, dataset.header(), rows)
