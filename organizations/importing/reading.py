"""Opening an uploaded table: CSV (UTF-8 with or without BOM, or GBK/GB18030) or XLSX.

Rows come out as (spreadsheet row number, cells), numbered as the user sees them in Excel or
WPS. The header need not be the first row: spreadsheets often carry a title above it, so the
caller scores the first rows and the best one is taken as the header.

Merged cells: Excel keeps a merged range's value in its top-left cell only, so a region code
merged over three rows would leave two rows without one. The ranges are read from the sheet's
XML (openpyxl's read-only mode does not expose them) and filled down.
"""

import codecs
import csv
import io
import itertools
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.core.files import File
from django.utils.translation import gettext as _

XLSX_SIGNATURE = b"PK\x03\x04"
# Compound files: .xls workbooks, and .xlsx workbooks encrypted with a password.
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0"
CHUNK_SIZE = 1 << 20
# GB18030 is a superset of GBK and GB2312: one codec reads files saved by any Chinese Windows.
CODECS = {"utf-8": "utf-8-sig", "gbk": "gb18030", "gb18030": "gb18030"}
# The header is looked for among this many rows at the top of the sheet.
HEADER_SEARCH_ROWS = 10
UTF16_SIGNATURES = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Comma; semicolon, as Excel writes CSV where the decimal separator is a comma (and WPS at
# times); tab, as in Excel's "Unicode text". The first wins a tie.
DELIMITERS = (",", ";", "\t")
MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


class UnreadableFile(Exception):
    """The file is not a table we can read; the message says why, for the user."""


@dataclass(frozen=True)
class MergedRange:
    ref: str
    min_col: int  # 0-based, as the cells of a row
    min_row: int
    max_col: int
    max_row: int


@dataclass
class Table:
    headers: list[str]
    rows: Iterator[tuple[int, list]]
    # From the file's line count or the sheet's dimension: sizes the progress bar, nothing else.
    estimated_rows: int
    header_row: int = 1
    merged: list[MergedRange] = field(default_factory=list)
    # XLSX: the sheet read, and the names of the sheets left unread.
    sheet_name: str = ""
    other_sheets: list[str] = field(default_factory=list)

    @property
    def merged_below_header(self) -> list[MergedRange]:
        """The merged ranges that reach the rows of data: those were filled down."""
        return [merged for merged in self.merged if merged.max_row > self.header_row]


def open_table(source, *, encoding: str = "auto", header_score: Callable | None = None) -> Table:
    """`source` is a binary file object (an upload, a storage file, an open file); it must seek.

    `header_score(cells) -> int` rates a row as the header (how many known columns it names);
    the best of the first rows wins, the earliest on a tie. Without it the first row is the header.
    """
    raw = source.file if isinstance(source, File) else source
    raw.seek(0)
    signature = raw.read(len(XLSX_SIGNATURE))
    raw.seek(0)
    sheet_name, other_sheets = "", []
    if signature == OLE_SIGNATURE:
        raise UnreadableFile(
            _(
                "This is an old-style Excel file (.xls) or a workbook with a password: save it "
                "as .xlsx or CSV without a password and upload it again."
            )
        )
    if signature == XLSX_SIGNATURE:
        rows, estimated, merged, close, sheet_name, other_sheets = _open_xlsx(raw, header_score)
    else:
        rows, estimated = _open_csv(raw, encoding)
        merged, close = [], None
    try:
        header_row, headers, rest = _find_header(rows, header_score)
    except BaseException:
        if close:
            close()
        raise
    table = Table(headers, rest, max(estimated - header_row, 0), header_row, merged)
    table.sheet_name, table.other_sheets = sheet_name, other_sheets
    return table


def _find_header(rows, header_score):
    top = list(itertools.islice(rows, HEADER_SEARCH_ROWS if header_score else 1))
    candidates = [(number, cells) for number, cells in top if any(_filled(cell) for cell in cells)]
    if not candidates:
        raise UnreadableFile(_("The first rows of the file are empty: no column headers found."))
    best_number, best_cells = candidates[0]
    if header_score:
        best_score = header_score(best_cells)
        for number, cells in candidates[1:]:
            score = header_score(cells)
            if score > best_score:
                best_number, best_cells, best_score = number, cells, score
    headers = ["" if cell is None else str(cell) for cell in best_cells]
    after = [(number, cells) for number, cells in top if number > best_number]
    return best_number, headers, itertools.chain(after, rows)


def _filled(cell) -> bool:
    return cell is not None and str(cell).strip() != ""


def _scan(raw) -> tuple[str, int]:
    """The codec to read with and the line count: UTF-16 when the file starts with its mark
    (Excel's "Unicode text", tab-separated), UTF-8 when the whole file decodes as UTF-8, else
    GB18030."""
    is_utf16 = raw.read(2) in UTF16_SIGNATURES
    raw.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    is_utf8, lines = not is_utf16, 0
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
    if is_utf16:
        return "utf-16", lines
    return ("utf-8-sig" if is_utf8 else "gb18030"), lines


def _open_csv(raw, encoding: str):
    detected, lines = _scan(raw)
    codec = detected if encoding == "auto" else CODECS[encoding]
    return _csv_rows(raw, codec), lines


def _csv_rows(raw, codec: str) -> Iterator[tuple[int, list]]:
    text = io.TextIOWrapper(raw, encoding=codec, newline="")
    try:
        # The header may sit below a title line: the delimiter is judged on the first lines.
        top = list(itertools.islice(iter(text.readline, ""), HEADER_SEARCH_ROWS))
        if top:
            # A byte-order mark left by a second save ("\ufeff\ufeffname") is no header's part.
            top[0] = top[0].lstrip("\ufeff")
        delimiter = _delimiter("".join(top))
        reader = csv.reader(itertools.chain(top, text), delimiter=delimiter)
        yield from enumerate(reader, start=1)
    except UnicodeDecodeError as error:
        raise UnreadableFile(_("The file is neither UTF-8 nor GBK text.")) from error
    except csv.Error as error:
        raise UnreadableFile(_("The CSV file is damaged: %(error)s") % {"error": error}) from error
    finally:
        # The wrapper would close the caller's file with it: an import may read the file again.
        text.detach()


def _delimiter(sample: str) -> str:
    """The delimiter found most often, outside quotes, on the first line that has one: the
    header, or a title line above it that Excel padded with the same delimiter. Cells of the
    rows below (a description listing "助老;送餐;陪诊") decide nothing."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for character in sample:
        if character == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif character == "\n":
            if any(counts.values()):
                break
        elif character in counts:
            counts[character] += 1
    return max(DELIMITERS, key=counts.__getitem__)


def _open_xlsx(raw, header_score):
    from openpyxl import load_workbook  # imported here: only spreadsheets need it

    try:
        workbook = load_workbook(raw, read_only=True, data_only=True)
        sheet = _data_sheet(workbook, header_score)
        merged = _merged_ranges(raw, sheet._worksheet_path)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError) as error:
        raise UnreadableFile(_("The file is not a readable XLSX workbook.")) from error
    rows = sheet.iter_rows(values_only=True)
    estimated = sheet.max_row or 1
    others = [other.title for other in workbook.worksheets if other is not sheet]
    return (
        _xlsx_rows(workbook, rows, merged),
        estimated,
        merged,
        workbook.close,
        sheet.title,
        others,
    )


def _data_sheet(workbook, header_score):
    """The sheet whose header names the most known columns: a workbook often opens with a sheet
    of instructions (填表说明) before the list. The first sheet on a tie."""
    sheets = workbook.worksheets
    if len(sheets) == 1 or header_score is None:
        return sheets[0]
    best, best_score = sheets[0], -1
    for sheet in sheets:
        top = itertools.islice(sheet.iter_rows(values_only=True), HEADER_SEARCH_ROWS)
        score = max((header_score(cells) for cells in top), default=0)
        if score > best_score:
            best, best_score = sheet, score
    return best


def _merged_ranges(raw, worksheet_path: str) -> list[MergedRange]:
    """The sheet's merged ranges. They follow the cells in the sheet's XML, so the XML is scanned
    as bytes (decompressing only, no parsing): a fraction of the time openpyxl takes to read it."""
    raw.seek(0)
    found, tail = [], b""
    with zipfile.ZipFile(raw) as archive, archive.open(worksheet_path.lstrip("/")) as xml:
        for chunk in iter(lambda: xml.read(CHUNK_SIZE), b""):
            block = tail + chunk
            found.extend(MERGE_CELL.findall(block))
            # A tag cut in two by the chunk boundary is found whole in the next block.
            cut = block.rfind(b"<")
            tail = block[cut:] if cut >= 0 and b">" not in block[cut:] else b""
    raw.seek(0)
    ranges = {
        MergedRange(
            f"{first_col.decode()}{first_row.decode()}:{last_col.decode()}{last_row.decode()}",
            _column_index(first_col),
            int(first_row),
            _column_index(last_col),
            int(last_row),
        )
        for first_col, first_row, last_col, last_row in found
    }
    return sorted(ranges, key=lambda merged: (merged.min_row, merged.min_col))


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index - 1


def _xlsx_rows(workbook, rows, merged: list[MergedRange]) -> Iterator[tuple[int, list]]:
    starts: dict[int, list[MergedRange]] = {}
    for merged_range in merged:
        if merged_range.max_row > merged_range.min_row:
            starts.setdefault(merged_range.min_row, []).append(merged_range)
    filling: dict[int, tuple[object, int]] = {}  # column -> (value, last row of the range)
    try:
        for number, cells in enumerate(rows, start=1):
            cells = list(cells)
            if filling or number in starts:
                _fill_down(number, cells, starts.get(number, ()), filling)
            yield number, cells
    finally:
        workbook.close()


def _fill_down(number, cells, starting, filling) -> None:
    for merged_range in starting:
        column = merged_range.min_col
        value = cells[column] if column < len(cells) else None
        filling[column] = (value, merged_range.max_row)
    for column, (value, last_row) in list(filling.items()):
        if number > last_row:
            del filling[column]
            continue
        if column >= len(cells):
            cells.extend([None] * (column + 1 - len(cells)))
        if cells[column] is None or cells[column] == "":
            cells[column] = value
