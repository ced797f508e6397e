"""Excel workbooks (XLSX) as people save them, read safely; the four tables written as one.

The reader returns every sheet with data as a :class:`~graphsvc.io.tables.RawTable` named
by its sheet (file ``"name.xlsx[Sheet]"`` in messages), whatever the sheets are called:

- blank rows are skipped and every row keeps its Excel row number;
- merged cells are filled from their top-left cell (a group name merged down a column
  applies to each row of the group); in the header row only the top-left cell keeps it;
- dates become ISO ``YYYY-MM-DD`` (with the time where there is one), whole numbers stay
  whole (``3``, not ``3.0``), formulas give the value Excel saved with them;
- sheets whose name contains ``(ignore)`` are skipped (Kumu's rule), as are empty sheets.

Safe by construction, because an XLSX is a zip of XML that may claim anything:

- the file must be a zip (a CSV or an old ``.xls`` renamed ``.xlsx`` gets a plain message);
- before anything is unpacked, every member's declared size, the total and each member's
  compression ratio are checked against :class:`~graphsvc.io.formats.Limits`, and only
  deflate or stored members are accepted (zipfile bounds what deflate may unpack to the
  declared size; other methods it does not bound);
- sheets are streamed row by row (openpyxl's read-only parser), never allocated by the
  dimension record; the bytes are counted as they are unpacked, and the rows, the cells
  of each row, all cells, the columns holding values and the bytes outside the cell data
  are checked while streaming, so a sheet whose only cell is ``XFD1048576`` stops at once;
- XML is parsed with defusedxml (openpyxl uses it when it is installed; it is a
  dependency), so entity bombs and external entities are refused.

References
----------
.. [1] ECMA-376 Office Open XML, Part 1, §18.3 (worksheets), §18.3.1.55 (mergeCells).
.. [2] Kumu, "Importing data", https://docs.kumu.io/guides/import
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
import zlib
from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import pandas as pd
from defusedxml import DefusedXmlException
from openpyxl.utils.exceptions import InvalidFileException

from graphsvc.errors import Problem, ValidationError
from graphsvc.io.formats import DEFAULT_LIMITS, Limits
from graphsvc.io.tables import TABLES, RawTable, Tables, to_cells

NAME = "xlsx"
SUFFIXES = (".xlsx", ".xlsm")
DESCRIPTION = "Excel workbook (every sheet with data; merged cells, dates, blank rows)"

IGNORE_MARK = "(ignore)"
# What Excel itself allows; a sheet claiming more is not a spreadsheet.
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384
# Bytes of a sheet outside its cell data (merges, formatting, links, views) that openpyxl
# parses as whole elements: a real sheet's are kilobytes.
MAX_SHEET_EXTRAS_BYTES = 16 * 1024 * 1024
# Members smaller than this are not checked for their compression ratio (tiny XML parts
# of a real workbook compress very well).
RATIO_FLOOR_BYTES = 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ACCEPTED_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
# What openpyxl raises on a damaged workbook: it validates little and fails where it fails.
_BROKEN = (zipfile.BadZipFile, zlib.error, ParseError, DefusedXmlException, KeyError, IndexError,
           ValueError, TypeError, AttributeError, EOFError, OSError,
           InvalidFileException)  # fmt: skip


def read(path: Path, limits: Limits = DEFAULT_LIMITS) -> list[RawTable]:
    """Every sheet with data, as text cells with the header as the sheet has it.

    Parameters
    ----------
    path : Path
        The workbook; its name (not its folder) is used in messages.
    limits : Limits, optional
        What the workbook may hold and unpack to.

    Returns
    -------
    list of RawTable
        One per sheet with data, in workbook order; ``name`` is the sheet name, ``file``
        ``"book.xlsx[Sheet]"``, ``role`` None.

    Raises
    ------
    ValidationError
        Naming the file (and sheet, row and column where known): not an XLSX, damaged,
        past the limits, or no sheet with data.

    Examples
    --------
    >>> import tempfile, openpyxl
    >>> book = openpyxl.Workbook()
    >>> book.active.title = "Ark1"
    >>> book.active.append(["Navn", "Start"])
    >>> book.active.append(["Æblehaven", dt.date(2014, 12, 31)])
    >>> path = Path(tempfile.mkdtemp()) / "kort.xlsx"
    >>> book.save(path)
    >>> [(t.file, t.columns, t.rows) for t in read(path)]
    [('kort.xlsx[Ark1]', ['Navn', 'Start'], [{'Navn': 'Æblehaven', 'Start': '2014-12-31'}])]
    """
    path = Path(path)
    name = path.name
    _check_signature(path, limits)
    try:
        with zipfile.ZipFile(path) as archive:
            _check_members(archive, name, limits)
        workbook = _Workbook(path)
    except _BROKEN as exc:
        raise _not_readable(name, exc) from exc
    try:
        tables = []
        for title, member in workbook.sheets:
            if IGNORE_MARK in title.lower():
                continue  # Kumu's rule: "(ignore)" sheets are notes
            where = f"{name}[{title}]"
            try:
                table = _read_sheet(workbook, title, member, where, limits)
            except _BROKEN as exc:
                raise _not_readable(where, exc) from exc
            if table is not None:
                tables.append(table)
    finally:
        workbook.close()
    if not tables:
        raise _error(name, "the workbook has no sheet with data")
    return tables


class _Workbook:
    """What the sheets need from a workbook: shared strings, date styles, the sheets' parts.

    openpyxl's loading steps without its read-only worksheets, which parse each sheet up
    to its dimension record on opening (the whole sheet when there is none), unguarded.
    """

    def __init__(self, path: Path) -> None:
        from openpyxl.reader.excel import ExcelReader
        from openpyxl.styles.stylesheet import apply_stylesheet

        reader = ExcelReader(path, read_only=True, data_only=True, keep_links=False)
        self.archive = reader.archive
        try:
            reader.read_manifest()
            reader.read_strings()
            reader.read_workbook()
            apply_stylesheet(reader.archive, reader.wb)
            self.shared_strings = reader.shared_strings
            self.epoch = reader.wb.epoch
            self.date_formats = reader.wb._date_formats
            self.timedelta_formats = reader.wb._timedelta_formats
            # (title, part) of every worksheet; chart sheets hold no cells.
            self.sheets = [
                (sheet.name, rel.target)
                for sheet, rel in reader.parser.find_sheets()
                if rel.target in reader.valid_files and "chartsheet" not in rel.Type
            ]
        except BaseException:
            self.archive.close()
            raise

    def close(self) -> None:
        self.archive.close()


def _check_signature(path: Path, limits: Limits) -> None:
    name = path.name
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise _error(name, f"the file is {size:,} bytes; the limit is {limits.max_file_bytes:,}")
    with path.open("rb") as handle:
        head = handle.read(len(_OLE_MAGIC))
    if head.startswith(_ZIP_MAGIC):
        return
    if head.startswith(_OLE_MAGIC):
        hint = "an old Excel file (.xls) or an encrypted workbook: save it as .xlsx"
    elif head and _looks_like_text(path):
        hint = "a text file (CSV?) named .xlsx: name it .csv"
    else:
        hint = "not a zip archive, as every .xlsx workbook is"
    raise _error(name, f"not an Excel workbook (.xlsx): {hint}")


def _looks_like_text(path: Path) -> bool:
    """No NUL and no control bytes but tab, CR and LF in the first 4 kB: text (UTF-8 or not)."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    return not any(byte < 32 and byte not in (9, 10, 13) for byte in head)


def _check_members(archive: zipfile.ZipFile, file: str, limits: Limits) -> None:
    """Refuse a zip bomb from what the archive declares, before anything is unpacked."""
    total = 0
    for info in archive.infolist():
        if info.compress_type not in _ACCEPTED_COMPRESSION:
            raise _error(file, f"{info.filename}: compression method {info.compress_type} "
                         "is not one Excel writes (deflate)")  # fmt: skip
        size = info.file_size
        ratio = size / max(info.compress_size, 1)
        if size > RATIO_FLOOR_BYTES and ratio > limits.max_compression_ratio:
            raise _error(file, f"{info.filename} unpacks {ratio:,.0f} times its packed size; "
                         f"the limit is {limits.max_compression_ratio} (a zip bomb?)")  # fmt: skip
        total += size
        if total > limits.max_unpacked_bytes:
            raise _error(file, f"unpacks to more than {limits.max_unpacked_bytes:,} bytes "
                         f"(the limit; {info.filename} alone declares {size:,})")  # fmt: skip


# ---------------------------------------------------------------- one sheet


def _read_sheet(
    workbook: _Workbook, title: str, member: str, where: str, limits: Limits
) -> RawTable | None:
    # openpyxl's read-only worksheet pads missing rows and columns up to the dimension
    # record; its parser yields only the rows the file holds, which is what we want.
    from openpyxl.worksheet._reader import WorkSheetParser

    source = _GuardedSheet(workbook.archive.open(member), where, limits)
    parser = WorkSheetParser(
        source,
        workbook.shared_strings,
        data_only=True,
        epoch=workbook.epoch,
        date_formats=workbook.date_formats,
        timedelta_formats=workbook.timedelta_formats,
    )
    rows: dict[int, dict[int, str]] = {}
    cells = 0
    try:
        for number, row in parser.parse():
            values = {}
            for cell in row:
                value = cell["value"]
                if value is None:
                    continue
                text = value if type(value) is str else _text(value)
                if not text or text.isspace():
                    continue
                column = cell["column"]
                if column > limits.max_columns:
                    raise _error(where, f"a value in column {_letter(column)}; the limit is "
                                 f"{limits.max_columns:,} columns", row=number,
                                 column=_letter(column))  # fmt: skip
                values[column] = text
            if not values:
                continue
            if number > limits.max_rows + 1:
                message = f"a value in row {number:,}; the limit is {limits.max_rows:,} rows"
                raise _error(where, message, row=number)
            if len(rows) > limits.max_rows:
                raise _error(where, f"more than {limits.max_rows:,} rows (the limit)", row=number)
            cells += len(values)
            if cells > limits.max_cells:
                raise _error(where, f"more than {limits.max_cells:,} cells (the limit)",
                             row=number)  # fmt: skip
            rows[number] = values
    finally:
        source.close()
    if not rows:
        return None
    merged = parser.merged_cells.mergeCell if parser.merged_cells else ()
    _fill_merged(rows, merged, where, limits)
    return _table(title, where, rows)


def _fill_merged(rows: dict[int, dict[int, str]], merged: Any, where: str, limits: Limits) -> None:
    """Each merged range's top-left value in every cell of the range, on the rows that
    hold data; in the header (the first row) only the top-left cell keeps it."""
    if not merged:
        return
    numbers = sorted(rows)
    header = numbers[0]
    width = max(max(values) for values in rows.values())
    filled = 0
    for cell_range in merged:
        top, left = cell_range.min_row, cell_range.min_col
        value = rows.get(top, {}).get(left)
        if value is None:
            continue
        last_column = min(cell_range.max_col, width)
        inside = numbers[bisect_left(numbers, top) : bisect_right(numbers, cell_range.max_row)]
        for number in inside:
            values = rows[number]
            for column in range(left, last_column + 1):
                if number == header and column != left:
                    continue
                values.setdefault(column, value)
                filled += 1
            if filled > limits.max_cells:
                raise _error(where, f"merged cells fill more than {limits.max_cells:,} cells")


def _table(name: str, where: str, rows: dict[int, dict[int, str]]) -> RawTable:
    numbers = sorted(rows)
    header_row = numbers[0]
    header = rows[header_row]
    used = sorted({column for values in rows.values() for column in values})
    names = {c: (header.get(c) or "").strip() or f"column {_letter(c)}" for c in used}
    duplicates = sorted({n for n in names.values() if list(names.values()).count(n) > 1})
    if duplicates:
        raise ValidationError(
            f"{where}: the header names a column more than once",
            details=[
                Problem(f"column {n!r} appears more than once in the header; give each column "
                        "its own name (e.g. Partner 1, Partner 2)", where, header_row, n)
                for n in duplicates
            ],
        )  # fmt: skip
    columns = [names[c] for c in used]
    body = numbers[1:]
    table_rows = [{names[c]: rows[n].get(c, "") for c in used} for n in body]
    consecutive = not body or body[-1] - body[0] == len(body) - 1
    return RawTable(
        name, where, columns, table_rows,
        first_row=body[0] if body else header_row + 1,
        row_numbers=None if consecutive else body,
        header_row=header_row,
    )  # fmt: skip


def _text(value: Any) -> str:
    """A cell value as text: whole numbers without ``.0``, dates as ISO."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


class _GuardedSheet:
    """A sheet's XML as openpyxl reads it, checked while it is unpacked.

    Counts the bytes, the rows, the cells of each row and of the sheet, and the bytes
    outside ``<sheetData>``; raises ValidationError at the first limit passed, before
    openpyxl has built more than one chunk past it. Tags are found in the raw bytes:
    ``<`` only ever starts markup in XML, so text cannot pose as a tag.
    """

    _TAGS = re.compile(rb"<(/?)(?:[A-Za-z_][\w.\-]*:)?(row|c|sheetData)[\s/>]")
    _CHUNK = 64 * 1024

    def __init__(self, source: Any, where: str, limits: Limits) -> None:
        self.source = source
        self.where = where
        self.limits = limits
        self.bytes = 0
        self.rows = 0
        self.row_cells = 0
        self.cells = 0
        self.extras = 0
        self.in_data = False
        self.carry = b""

    def read(self, size: int = -1) -> bytes:
        chunk = self.source.read(self._CHUNK if size is None or size < 0 else size)
        self.bytes += len(chunk)
        if self.bytes > self.limits.max_unpacked_bytes:
            self._fail(f"the sheet unpacks to more than {self.limits.max_unpacked_bytes:,} bytes")
        data = self.carry + chunk
        cut = data.rfind(b"<")
        if chunk and cut >= 0 and len(data) - cut < 64:
            data, self.carry = data[:cut], data[cut:]  # a tag name may go on in the next chunk
        else:
            self.carry = b""
        self._count(data)
        return chunk

    def _count(self, data: bytes) -> None:
        start = 0
        for match in self._TAGS.finditer(data):
            closing, tag = match.group(1), match.group(2)
            if tag == b"c":
                self.row_cells += 1
                self.cells += 1
            elif tag == b"row":
                if not closing:
                    self.rows += 1
                    self.row_cells = 0
            elif closing:
                self.in_data = False
                start = match.start()
            else:
                if not self.in_data:
                    self.extras += match.start() - start
                end = data.find(b">", match.start())
                self.in_data = end < 0 or data[end - 1 : end] != b"/"  # <sheetData/> is empty
                start = match.end()
        if not self.in_data:
            self.extras += len(data) - start
        if self.row_cells > EXCEL_MAX_COLUMNS:
            self._fail(f"row {self.rows} holds more than {EXCEL_MAX_COLUMNS:,} cells")
        if self.rows > EXCEL_MAX_ROWS:
            self._fail(f"the sheet holds more than {EXCEL_MAX_ROWS:,} rows")
        if self.cells > self.limits.max_cells + EXCEL_MAX_COLUMNS:
            self._fail(f"the sheet holds more than {self.limits.max_cells:,} cells (the limit)")
        if self.extras > MAX_SHEET_EXTRAS_BYTES:
            self._fail(f"the sheet holds more than {MAX_SHEET_EXTRAS_BYTES:,} bytes besides "
                       "its cells")  # fmt: skip

    def _fail(self, message: str) -> None:
        raise _error(self.where, message)

    def close(self) -> None:
        self.source.close()


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index) if 0 < index <= EXCEL_MAX_COLUMNS else str(index)


def _not_readable(where: str, exc: BaseException) -> ValidationError:
    # openpyxl wraps what went wrong reading a sheet in a ValueError: report the cause.
    while isinstance(exc, ValueError) and isinstance(exc.__cause__ or exc.__context__, _BROKEN):
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    if isinstance(exc, DefusedXmlException):
        reason = "it declares XML entities or a DTD, which a workbook never needs (refused)"
    elif isinstance(exc, zipfile.BadZipFile | zlib.error | EOFError):
        reason = f"the zip archive is damaged ({exc})"
    elif isinstance(exc, ParseError):
        reason = f"its XML is malformed ({exc})"
    elif isinstance(exc, KeyError):
        reason = f"a part of the workbook is missing ({exc})"
    else:
        reason = f"{type(exc).__name__}: {exc}"
    return _error(where, f"cannot read this workbook: {reason}")


def _error(
    file: str, message: str, *, row: int | None = None, column: str | None = None
) -> ValidationError:
    return ValidationError(f"{file}: {message}", details=[Problem(message, file, row, column)])


# ---------------------------------------------------------------- writing


def write(tables: Tables, out: Path) -> list[Path]:
    """Write the four tables as sheets ``actors`` … ``collaborations`` of the workbook ``out``.

    Every cell is text or a number, never a formula (:func:`no_formulas`).

    Returns
    -------
    list of Path
        ``[out]``.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name in TABLES:
            to_cells(tables[name], name).to_excel(writer, sheet_name=name, index=False)
        no_formulas(writer.book)
    return [out]


def no_formulas(workbook: Any) -> None:
    """Store every cell that looks like a formula as text.

    openpyxl turns any string starting with ``=`` into a formula, so a name such as
    ``=HYPERLINK(…)`` would run in the reader's spreadsheet (formula injection). graphsvc
    never writes formulas: every such cell is data.
    """
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
