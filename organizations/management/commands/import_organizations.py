import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from ngo_portal.models import User
from organizations.importing import ImportReport, organizations_import

# Below this many rows a progress bar is only noise.
PROGRESS_BAR_FROM = 5000


class Command(BaseCommand):
    help = (
        "Import organizations from a CSV (UTF-8 or GBK) or XLSX file. A dry run by default: "
        "reports every bad row and writes nothing. --commit imports all rows in one transaction, "
        "or nothing if any row is bad, unless --skip-invalid is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--commit", action="store_true", help="Write the organizations.")
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="With --commit, import the good rows and leave out the bad ones.",
        )
        parser.add_argument("--encoding", choices=["auto", "utf-8", "gbk"], default="auto")
        parser.add_argument("--user", help="E-mail of the user the history records name.")

    def handle(self, *args, file, commit, skip_invalid, encoding, user, **options):
        if not file.is_file():
            raise CommandError(_("No such file: %(file)s") % {"file": file})
        bar = tqdm(file=sys.stderr, unit=" rows", disable=None, leave=False)
        with file.open("rb") as source:
            report = organizations_import(
                source=source,
                file_name=file.name,
                commit=commit,
                skip_invalid=skip_invalid,
                encoding=encoding,
                user=self._user(user),
                on_start=lambda total: self._start(bar, total),
                on_progress=bar.update,
            )
        bar.close()
        self._print(report)
        if report.file_errors or (commit and not report.imported and report.rows):
            raise CommandError(_("Nothing was imported."))

    def _user(self, email):
        if not email:
            return None
        try:
            return User.objects.get(email=email.lower())
        except User.DoesNotExist:
            raise CommandError(_("No user with the e-mail %(email)s.") % {"email": email}) from None

    def _start(self, bar, total):
        bar.total = total
        bar.disable = bar.disable or total < PROGRESS_BAR_FROM
        bar.refresh()

    def _print(self, report: ImportReport):
        for message in report.file_errors:
            self.stderr.write(message)
        for message in report.file_warnings:
            self.stdout.write(_("Warning: %(message)s") % {"message": message})
        if report.header_row != 1:
            self.stdout.write(
                _("Column headers taken from row %(row)d.") % {"row": report.header_row}
            )
        if report.ignored_columns:
            self.stdout.write(
                _("Ignored columns: %(columns)s") % {"columns": ", ".join(report.ignored_columns)}
            )
        for error in report.errors:
            self.stdout.write(
                _("Row %(row)d, %(column)s: %(message)s")
                % {"row": error.row, "column": error.column, "message": error.message}
            )
        for warning in report.warnings:
            self.stdout.write(
                _("Row %(row)d, %(column)s (warning): %(message)s")
                % {"row": warning.row, "column": warning.column, "message": warning.message}
            )
        hidden = report.error_count - len(report.errors)
        if hidden:
            self.stdout.write(
                ngettext(
                    "... and %(count)d more problem.", "... and %(count)d more problems.", hidden
                )
                % {"count": hidden}
            )
        self.stdout.write(self._counts(report))
        if not report.imported and not report.file_errors:
            self.stdout.write(self._why_nothing(report))

    def _counts(self, report: ImportReport) -> str:
        rows = ngettext("%(count)d row", "%(count)d rows", report.rows) % {"count": report.rows}
        return _(
            "%(file)s: %(rows)s, %(valid)d valid, %(invalid)d with errors; %(imported)d imported."
        ) % {
            "file": report.file_name,
            "rows": rows,
            "valid": report.valid,
            "invalid": report.invalid,
            "imported": report.imported,
        }

    def _why_nothing(self, report: ImportReport) -> str:
        if report.is_clean and report.rows:
            return _("Dry run: nothing was written. Add --commit to import.")
        if report.rows:
            return _(
                "Nothing was written. Fix the rows above, or use --commit --skip-invalid "
                "to import only the valid rows."
            )
        return _("The file has no rows to import.")
