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
- sheets are streamed through expat row by row, keeping only cells with values, never
  allocated by the dimension record; the bytes are counted as they are unpacked, and
  rows, cells per row, all cell elements, columns with values and merged ranges are
  checked as they stream, so a sheet whose only cell is ``XFD1048576`` stops at once;
- no XML may declare a DTD: the sheet parser refuses one (defusedxml's rule), and the
  workbook's other parts go through openpyxl, which parses with defusedxml when it is
  installed (a dependency), so entity bombs and external entities are refused.

openpyxl reads the workbook part and the styles (which cells are dates); the shared
strings and the sheets are read here, as openpyxl builds an object per string and an
element and a dict per cell through defusedxml's pure-Python parser (about 500 rows a
second through pandas; see bench/sheets_bench.py).

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
from xml.parsers import expat

import pandas as pd
from defusedxml import DefusedXmlException, DTDForbidden
from openpyxl.reader.excel import SHARED_STRINGS, ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.utils.exceptions import InvalidFileException

from graphsvc.errors import Problem, ValidationError
from graphsvc.io.formats.common import DEFAULT_LIMITS, Limits
from graphsvc.io.tables import RawTable, Tables, to_cells, written_tables

NAME = "xlsx"
SUFFIXES = (".xlsx", ".xlsm")
DESCRIPTION = "Excel workbook (every sheet with data; merged cells, dates, blank rows)"

IGNORE_MARK = "(ignore)"
# What Excel itself allows; a sheet claiming more is not a spreadsheet.
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384
# Members smaller than this are not checked for their compression ratio (tiny XML parts
# of a real workbook compress very well).
RATIO_FLOOR_BYTES = 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ACCEPTED_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
# What openpyxl raises on a damaged workbook: it validates little and fails where it fails.
_BROKEN = (zipfile.BadZipFile, zlib.error, ParseError, expat.ExpatError, DefusedXmlException,
           KeyError, IndexError,
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
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     book.save(Path(folder) / "kort.xlsx")
    ...     tables = read(Path(folder) / "kort.xlsx")
    >>> [(t.file, t.columns, t.rows) for t in tables]
    [('kort.xlsx[Ark1]', ['Navn', 'Start'], [{'Navn': 'Æblehaven', 'Start': '2014-12-31'}])]
    """
    path = Path(path)
    name = path.name
    _check_signature(path, limits)
    try:
        with zipfile.ZipFile(path) as archive:
            _check_members(archive, name, limits)
        workbook = _Workbook(path, limits)
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

    def __init__(self, path: Path, limits: Limits) -> None:
        reader = ExcelReader(path, read_only=True, data_only=True, keep_links=False)
        self.archive = reader.archive
        try:
            reader.read_manifest()
            part = reader.package.find(SHARED_STRINGS)
            self.shared_strings = (
                _shared_strings(reader.archive, part.PartName[1:], path.name, limits)
                if part is not None
                else []
            )
            reader.read_workbook()
            apply_stylesheet(reader.archive, reader.wb)
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


def _shared_strings(archive: zipfile.ZipFile, member: str, file: str, limits: Limits) -> list[str]:
    """The workbook's shared strings (§18.4): each ``<si>``'s text runs, phonetic runs left
    out; parsed as the sheets are (openpyxl builds an object per string)."""
    strings: list[str] = []
    text: list[str] = []
    collecting = phonetic = False

    def start(name: str, _: dict[str, str]) -> None:
        nonlocal collecting, phonetic
        tag = name[name.rfind(":") + 1 :]
        if tag == "t" and not phonetic:
            collecting = True
        elif tag == "rPh":
            phonetic = True

    def end(name: str) -> None:
        nonlocal collecting, phonetic, text
        tag = name[name.rfind(":") + 1 :]
        if tag == "t":
            collecting = False
        elif tag == "rPh":
            phonetic = False
        elif tag == "si":
            strings.append("".join(text))
            text = []
            if len(strings) > limits.max_cells:
                raise _error(file, f"more than {limits.max_cells:,} shared strings")

    def characters(data: str) -> None:
        if collecting:
            text.append(data)

    parser = _safe_parser()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    source = _GuardedSheet(archive.open(member), file, limits)
    try:
        while chunk := source.read(_GuardedSheet.CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    finally:
        source.close()
    return strings


def _safe_parser() -> Any:
    """An expat parser that refuses any DTD, so no entity can be declared (defusedxml's rule)."""

    def refuse(*_: Any) -> None:
        raise DTDForbidden(None, None, None)

    parser = expat.ParserCreate()  # qualified names ("c", "x:c"): no namespace work per tag
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    return parser


def _read_sheet(
    workbook: _Workbook, title: str, member: str, where: str, limits: Limits
) -> RawTable | None:
    source = _GuardedSheet(workbook.archive.open(member), where, limits)
    sheet = _SheetParser(workbook, where, limits)
    try:
        while chunk := source.read(_GuardedSheet.CHUNK):
            sheet.feed(chunk)
        sheet.feed(b"", final=True)
    finally:
        source.close()
    if not sheet.rows:
        return None
    _fill_merged(sheet.rows, sheet.merged, where, limits)
    return _table(title, where, sheet.rows)


class _SheetParser:
    """The cells of one worksheet's XML as text, row by row, as expat streams it.

    openpyxl's own sheet parser builds an element and a dict per cell through the
    pure-Python parser defusedxml provides: about 700 rows of eight cells a second. This
    one keeps only the text of cells with values (over ten times faster), and refuses any
    DTD, so no entity can be declared, let alone expanded (defusedxml's rule).
    Cell types follow ECMA-376 §18.18.11 (ST_CellType).
    """

    def __init__(self, workbook: _Workbook, where: str, limits: Limits) -> None:
        self.strings = workbook.shared_strings
        self.epoch = workbook.epoch
        self.date_styles = workbook.date_formats
        self.duration_styles = workbook.timedelta_formats
        self.where = where
        self.limits = limits
        # Empty cells and rows are parsed too: bounded, so a sheet of them ends quickly.
        self.max_elements = 2 * limits.max_cells + EXCEL_MAX_ROWS
        self.rows: dict[int, dict[int, str]] = {}
        self.merged: list[tuple[int, int, int, int]] = []
        self.cells = 0
        self.elements = 0  # <c> and <row> elements, with values or not
        self.row_elements = 0
        self.tags: dict[str, str] = {}
        self.row_number = 0
        self.row: dict[int, str] = {}
        self.column = 0
        self.kind = "n"
        self.style = 0
        self.text: list[str] | None = None  # collecting a <v> or an inline string's <t>
        self.value: str | None = None
        self.inline: list[str] = []
        self.phonetic = False
        parser = _safe_parser()
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._characters
        self.parser = parser

    def feed(self, data: bytes, *, final: bool = False) -> None:
        self.parser.Parse(data, final)

    def _tag(self, name: str) -> str:
        tag = self.tags[name] = name[name.rfind(":") + 1 :]
        return tag

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        tag = self.tags.get(name) or self._tag(name)
        if tag == "c":
            self.elements += 1
            self.row_elements += 1
            if self.row_elements > EXCEL_MAX_COLUMNS or self.elements > self.max_elements:
                self._too_many_elements()
            ref = attrs.get("r")
            self.column = _column_index(ref) if ref else self.column + 1
            self.kind = attrs.get("t", "n")
            self.style = int(attrs.get("s", 0))
            self.value = None
            self.inline = []
        elif tag == "v":
            self.text = []
        elif tag == "t" and not self.phonetic and self.kind == "inlineStr":
            self.text = []
        elif tag == "rPh":
            self.phonetic = True
        elif tag == "row":
            number = attrs.get("r")
            self.row_number = int(number) if number else self.row_number + 1
            self.row = {}
            self.column = 0
            self.row_elements = 0
            self.elements += 1
            if self.elements > self.max_elements:
                self._too_many_elements()
        elif tag == "mergeCell" and "ref" in attrs:
            self._merge(attrs["ref"])

    def _characters(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def _too_many_elements(self) -> None:
        if self.row_elements > EXCEL_MAX_COLUMNS:
            message = f"row {self.row_number:,} holds more than {EXCEL_MAX_COLUMNS:,} cells"
        else:
            message = f"the sheet holds more than {self.max_elements:,} cells and rows"
        raise _error(self.where, message, row=self.row_number)

    def _end(self, name: str) -> None:
        tag = self.tags.get(name) or self._tag(name)
        if tag == "c":
            text = self._cell_text()
            if text and not text.isspace():
                if self.column > self.limits.max_columns:
                    letter = _letter(self.column)
                    raise _error(self.where, f"a value in column {letter}; the limit is "
                                 f"{self.limits.max_columns:,} columns", row=self.row_number,
                                 column=letter)  # fmt: skip
                self.row[self.column] = text
        elif tag == "v" and self.text is not None:
            self.value = "".join(self.text)
            self.text = None
        elif tag == "t" and self.text is not None:
            self.inline.append("".join(self.text))
            self.text = None
        elif tag == "rPh":
            self.phonetic = False
        elif tag == "row" and self.row:
            self._keep_row()

    def _cell_text(self) -> str:
        kind, value = self.kind, self.value
        if kind == "inlineStr":
            return "".join(self.inline)
        if value is None:
            return ""
        if kind == "s":
            return self.strings[int(value)]
        if kind == "n":
            if self.style in self.date_styles:
                moment = from_excel(
                    float(value), self.epoch, timedelta=self.style in self.duration_styles
                )
                return _text(moment)
            return _number_text(value)
        if kind == "b":
            return "true" if value.strip() in ("1", "true") else "false"
        if kind == "d":
            return value.removesuffix("T00:00:00").removesuffix("Z")
        return value  # "str" (a formula's text), "e" (an error such as #N/A)

    def _keep_row(self) -> None:
        number, limits = self.row_number, self.limits
        if number > limits.max_rows + 1:
            message = f"a value in row {number:,}; the limit is {limits.max_rows:,} rows"
            raise _error(self.where, message, row=number)
        if len(self.rows) > limits.max_rows:
            raise _error(self.where, f"more than {limits.max_rows:,} rows (the limit)", row=number)
        self.cells += len(self.row)
        if self.cells > limits.max_cells:
            raise _error(self.where, f"more than {limits.max_cells:,} cells (the limit)",
                         row=number)  # fmt: skip
        previous = self.rows.get(number)
        self.rows[number] = self.row if previous is None else {**previous, **self.row}

    def _merge(self, ref: str) -> None:
        if len(self.merged) >= self.limits.max_cells:
            raise _error(self.where, f"more than {self.limits.max_cells:,} merged ranges")
        first, _, last = ref.partition(":")
        top, left = _coordinate(first)
        bottom, right = _coordinate(last) if last else (top, left)
        self.merged.append((top, left, bottom, right))


_CELL_REFERENCE = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")


def _column_index(reference: str) -> int:
    index = 0
    for char in reference:
        if "A" <= char <= "Z":
            index = index * 26 + ord(char) - 64
        elif "a" <= char <= "z":
            index = index * 26 + ord(char) - 96
        elif char != "$":
            break
    return index


def _coordinate(reference: str) -> tuple[int, int]:
    match = _CELL_REFERENCE.fullmatch(reference.strip())
    if match is None:
        raise ValueError(f"{reference!r} is not a cell reference")
    return int(match.group(2)), _column_index(match.group(1))


def _number_text(value: str) -> str:
    """A number as Excel stores it, as text: whole numbers without ``.0``."""
    if value.isdigit():
        return value.lstrip("0") or "0"
    number = float(value)
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(number)


def _fill_merged(
    rows: dict[int, dict[int, str]],
    merged: list[tuple[int, int, int, int]],
    where: str,
    limits: Limits,
) -> None:
    """Each merged range's top-left value in every cell of the range, on the rows that
    hold data; in the header (the first row) only the top-left cell keeps it."""
    if not merged:
        return
    numbers = sorted(rows)
    header = numbers[0]
    width = max(max(values) for values in rows.values())
    filled = 0
    for top, left, bottom, right in merged:
        value = rows.get(top, {}).get(left)
        if value is None:
            continue
        last_column = min(right, width)
        inside = numbers[bisect_left(numbers, top) : bisect_right(numbers, bottom)]
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
    """A sheet's XML as it is unpacked, its bytes counted against the limit.

    zipfile already stops a deflate member at its declared size (checked before); this
    counts what really comes out, so the limit holds whatever the headers say.
    """

    CHUNK = 64 * 1024

    def __init__(self, source: Any, where: str, limits: Limits) -> None:
        self.source = source
        self.where = where
        self.limits = limits
        self.bytes = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.source.read(self.CHUNK if size is None or size < 0 else size)
        self.bytes += len(chunk)
        if self.bytes > self.limits.max_unpacked_bytes:
            limit = self.limits.max_unpacked_bytes
            raise _error(self.where, f"the sheet unpacks to more than {limit:,} bytes")
        return bytes(chunk)

    def close(self) -> None:
        self.source.close()


def _letter(index: int) -> str:
    return get_column_letter(index) if 0 < index <= EXCEL_MAX_COLUMNS else str(index)


def _not_readable(where: str, exc: BaseException) -> ValidationError:
    # openpyxl wraps what went wrong reading a sheet in a ValueError: report the cause.
    while isinstance(exc, ValueError) and isinstance(exc.__cause__ or exc.__context__, _BROKEN):
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    if isinstance(exc, DefusedXmlException):
        reason = "it declares XML entities or a DTD, which a workbook never needs (refused)"
    elif isinstance(exc, zipfile.BadZipFile | zlib.error | EOFError):
        reason = f"the zip archive is damaged ({exc})"
    elif isinstance(exc, ParseError | expat.ExpatError):
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
        for name in written_tables(tables):
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
