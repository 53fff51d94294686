"""Opening an uploaded table: CSV (UTF-8 with or without BOM, or GBK/GB18030) or XLSX.

Rows come out as (spreadsheet row number, cells) with the header on row 1, so a report can point
at the row the user sees in Excel or WPS.
"""

import codecs
import csv
import io
import itertools
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.files import File
from django.utils.translation import gettext as _

XLSX_SIGNATURE = b"PK\x03\x04"
CHUNK_SIZE = 1 << 20
# GB18030 is a superset of GBK and GB2312: one codec reads files saved by any Chinese Windows.
CODECS = {"utf-8": "utf-8-sig", "gbk": "gb18030", "gb18030": "gb18030"}


class UnreadableFile(Exception):
    """The file is not a table we can read; the message says why, for the user."""


@dataclass
class Table:
    headers: list[str]
    rows: Iterator[tuple[int, list]]
    # From the file's line count or the sheet's dimension: sizes the progress bar, nothing else.
    estimated_rows: int


def open_table(source, *, encoding: str = "auto") -> Table:
    """`source` is a binary file object (an upload, a storage file, an open file); it must seek."""
    raw = source.file if isinstance(source, File) else source
    raw.seek(0)
    signature = raw.read(len(XLSX_SIGNATURE))
    raw.seek(0)
    if signature == XLSX_SIGNATURE:
        return _open_xlsx(raw)
    return _open_csv(raw, encoding)


def _scan(raw) -> tuple[str, int]:
    """The codec to read with (UTF-8 when the whole file decodes as UTF-8) and the line count."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    is_utf8, lines = True, 0
    for chunk in iter(lambda: raw.read(CHUNK_SIZE), b""):
        lines += chunk.count(b"\n")
        if is_utf8:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                is_utf8 = False
    if is_utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            is_utf8 = False
    raw.seek(0)
    return ("utf-8-sig" if is_utf8 else "gb18030"), lines


def _open_csv(raw, encoding: str) -> Table:
    detected, lines = _scan(raw)
    codec = detected if encoding == "auto" else CODECS[encoding]
    text = io.TextIOWrapper(raw, encoding=codec, newline="")
    try:
        first_line = text.readline()
    except UnicodeDecodeError as error:
        raise UnreadableFile(_("The file is neither UTF-8 nor GBK text.")) from error
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    reader = csv.reader(itertools.chain([first_line], text), delimiter=delimiter)
    headers = next(reader, [])
    if not any(header.strip() for header in headers):
        raise UnreadableFile(_("The first row must hold the column headers; it is empty."))
    return Table(headers, _csv_rows(reader), max(lines - 1, 0))


def _csv_rows(reader) -> Iterator[tuple[int, list]]:
    try:
        yield from enumerate(reader, start=2)
    except UnicodeDecodeError as error:
        raise UnreadableFile(_("The file is neither UTF-8 nor GBK text.")) from error
    except csv.Error as error:
        raise UnreadableFile(_("The CSV file is damaged: %(error)s") % {"error": error}) from error


def _open_xlsx(raw) -> Table:
    from openpyxl import load_workbook  # imported here: only spreadsheets need it

    try:
        workbook = load_workbook(raw, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise UnreadableFile(_("The file is not a readable XLSX workbook.")) from error
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    headers = ["" if cell is None else str(cell) for cell in next(rows, ())]
    if not any(header.strip() for header in headers):
        workbook.close()
        raise UnreadableFile(_("The first row must hold the column headers; it is empty."))
    return Table(headers, _xlsx_rows(workbook, rows), max((sheet.max_row or 1) - 1, 0))


def _xlsx_rows(workbook, rows) -> Iterator[tuple[int, list]]:
    try:
        for number, cells in enumerate(rows, start=2):
            yield number, list(cells)
    finally:
        workbook.close()
