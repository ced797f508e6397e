"""CSV as people save it: the reader sniffs the separator and encoding; the writer is safe.

The reader takes what spreadsheets and other tools write: ``,`` ``;`` tab or ``|`` as the
separator (Danish Excel writes ``;``), UTF-8 with or without a byte order mark, UTF-16
with one, and cp1252 (Danish Excel's "CSV" on Windows) when the bytes are not UTF-8.
Blank rows are skipped and every row keeps its spreadsheet row number (the row Excel
shows when it opens the file). The first non-blank row is the header, kept as written:
a file without a header (a plain list of names) reads with its first row as the header,
and :attr:`RawTable.first_row` tells the mapping where the data began, so it can take
that row back as data.

Every problem is one :class:`~graphsvc.errors.ValidationError` naming the file, row and
column: a duplicate header name, a row with more or fewer cells than the header, an
unterminated quote, a NUL byte, a file past :class:`~graphsvc.io.formats.Limits`.

The writer neutralises cells a spreadsheet would run as a formula, as OWASP recommends
for CSV injection: a cell starting with ``=`` ``+`` ``-`` ``@`` tab or carriage return
gets a leading apostrophe (numbers such as ``-5`` excepted), so Excel and LibreOffice
show it as text. The reader removes that apostrophe again, so graphsvc's own export
reads back exactly (a cell that really starts with apostrophes before such a character
gets one more on writing).

References
----------
.. [1] RFC 4180, Common Format and MIME Type for CSV Files.
.. [2] OWASP, CSV Injection, https://owasp.org/www-community/attacks/CSV_Injection
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

from graphsvc.errors import Problem, ValidationError
from graphsvc.io.formats.common import DEFAULT_LIMITS, Limits
from graphsvc.io.tables import RawTable, Tables, to_cells, written_tables
from graphsvc.memory import collector_paused

if TYPE_CHECKING:
    import pandas as pd

NAME = "csv"
SUFFIXES = (".csv", ".tsv")
DESCRIPTION = "CSV or TSV text (separator , ; tab or |; UTF-8, UTF-16 or Windows cp1252)"

SEPARATORS = (",", ";", "\t", "|")
# Spreadsheet row numbers of the non-blank records, and the records.
_Records = tuple[list[int], list[list[str]]]
# Problems listed per file before the reader stops (one bad separator can make every row bad).
MAX_PROBLEMS = 50
_SNIFF_CHARS = 64 * 1024
_SNIFF_RECORDS = 50
# A cell a spreadsheet would evaluate: OWASP's list (= + - @ tab CR), after any apostrophes.
_FORMULA_START = frozenset("=+-@\t\r")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")
# Where the writer may have escaped a cell (an apostrophe before a formula character): a
# literal-led pattern, fast over megabytes; the cells are then checked one by one.
_ESCAPED = re.compile(r"'[=+\-@\t\r]")


def read(path: Path, limits: Limits = DEFAULT_LIMITS) -> list[RawTable]:
    """The cells of a CSV file as text, with the header as the file has it.

    Parameters
    ----------
    path : Path
        The file; its name (not its folder) is used in messages.
    limits : Limits, optional
        How large the file may be: bytes, rows, columns, cells.

    Returns
    -------
    list of RawTable
        One table named after the file's stem, ``role`` None (the mapping decides).
        ``first_row`` is the row after the header; ``row_numbers`` is set where blank
        rows were skipped.

    Raises
    ------
    ValidationError
        Naming the file, and the row and column where known, for anything unreadable.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "liste.csv"
    ...     _ = path.write_bytes("Navn;Kommune\\nÆblehaven;Ærø\\n".encode("cp1252"))
    ...     table = read(path)[0]
    >>> table.columns, table.rows
    (['Navn', 'Kommune'], [{'Navn': 'Æblehaven', 'Kommune': 'Ærø'}])
    """
    path = Path(path)
    name = path.name
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise _error(name, f"the file is {size:,} bytes; the limit is {limits.max_file_bytes:,}")
    text = decode(path.read_bytes(), name)
    separator = sniff_separator(text)
    # rows are lists and dicts without cycles, made by the hundred thousand: a third of
    # the reading time at 100k rows went to collections walking them
    with collector_paused():
        return [_table(path.stem, name, _parse(text, separator, name, limits), limits)]


def decode(data: bytes, file: str) -> str:
    """The text of a file's bytes: by byte order mark, else strict UTF-8, else cp1252.

    Raises
    ------
    ValidationError
        When the bytes are not text in any of these encodings.
    """
    encoding = _encoding(data)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding != "utf-8":
            raise _error(file, f"not readable as {encoding} text: {exc.reason}") from exc
    try:
        # Danish Excel's "CSV" on Windows; latin-1 where cp1252 leaves a byte undefined.
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _encoding(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[:4096]
    if head.count(0) * 3 > len(head):
        # UTF-16 without a byte order mark: every other byte of Latin text is zero.
        return "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
    return "utf-8"


def sniff_separator(text: str) -> str:
    """The separator whose first records split most consistently into most cells.

    The header and the first records are parsed with each of :data:`SEPARATORS`; the one
    where the header has more than one cell and most records have as many cells as the
    header wins (ties in the order of :data:`SEPARATORS`). A one-column file gets ``,``.
    """
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS:
        sample = sample[: sample.rfind("\n") + 1] or sample  # no half record at the end
    best, best_score = ",", (False, 0.0, 0)
    for separator in SEPARATORS:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=separator)
        counts = []
        try:
            for record in reader:
                if any(cell.strip() for cell in record):
                    counts.append(len(record))
                if len(counts) >= _SNIFF_RECORDS:
                    break
        except csv.Error:
            continue
        if not counts:
            continue
        width = counts[0]
        score = (width > 1, counts.count(width) / len(counts), width)
        if score > best_score:
            best, best_score = separator, score
    return best


def _parse(text: str, separator: str, file: str, limits: Limits) -> _Records:
    """The non-blank records and their spreadsheet row numbers (the first record is row 1)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    numbers: list[int] = []
    records: list[list[str]] = []
    number = 0
    line = 0
    try:
        for record in reader:
            number += 1
            if any(record) and not "".join(record).isspace():
                numbers.append(number)
                records.append(record)
                if len(records) > limits.max_rows + 1:
                    raise _error(
                        file, f"more than {limits.max_rows:,} rows (the limit)", row=number
                    )
            line = reader.line_num
    except csv.Error as exc:
        raise _parse_error(exc, text, separator, file, number + 1, line + 1) from exc
    if "\x00" in text:
        raise _nul_error(numbers, records, file)
    if _ESCAPED.search(text):
        records = [[_unescape(cell) for cell in cells] for cells in records]
    return numbers, records


def _parse_error(
    exc: csv.Error, text: str, separator: str, file: str, row: int, line: int
) -> ValidationError:
    reason = str(exc)
    start = "\n".join(text.splitlines()[line - 1 : line])
    cells = next(csv.reader([start], delimiter=separator), [])
    column = _letter(len(cells)) if cells else None
    if "field larger than field limit" in reason or "unexpected end of data" in reason:
        message = (
            f'a quote (") opened in this row (line {line} of the file) is never closed, '
            "so the rest of the file would be one cell"
        )
    else:
        message = f"cannot parse this row (line {line} of the file): {reason}"
    return _error(file, message, row=row, column=column)


def _nul_error(numbers: list[int], records: list[list[str]], file: str) -> ValidationError:
    problems = [
        Problem("contains a NUL byte (\\0): is this really a text file?", file, number,
                _letter(index + 1))
        for number, cells in zip(numbers, records, strict=True)
        for index, cell in enumerate(cells)
        if "\x00" in cell
    ][:MAX_PROBLEMS]  # fmt: skip
    return ValidationError(f"{file}: the file contains NUL bytes", details=problems)


def _table(name: str, file: str, parsed: _Records, limits: Limits) -> RawTable:
    numbers, records = parsed
    if not records:
        return RawTable(name, file, [], [], first_row=2)
    header_row, header = numbers[0], records[0]
    body = records[1:]
    width = len(header)
    if width > limits.max_columns:
        message = f"{width:,} columns; the limit is {limits.max_columns:,}"
        raise _error(file, message, row=header_row)
    if width * len(body) > limits.max_cells:
        raise _error(file, f"more than {limits.max_cells:,} cells (the limit)")
    columns, keep = _columns(header, body, file, header_row)
    problems = []
    for number, cells in zip(numbers[1:], body, strict=True):
        if len(cells) != width and not _only_blank_beyond(cells, width):
            problems.append(_width_problem(file, number, cells, header))
            if len(problems) >= MAX_PROBLEMS:
                break
    if problems:
        raise ValidationError(
            f"{file}: {len(problems)} row(s) do not have as many cells as the header",
            details=problems,
        )
    if keep is None:
        rows = [dict(zip(columns, cells)) for cells in body]  # noqa: B905 (widths checked)
    else:
        rows = [{c: cells[i] for c, i in zip(columns, keep, strict=True)} for cells in body]
    return _raw_table(name, file, columns, rows, header_row, numbers[1:])


def _raw_table(
    name: str,
    file: str,
    columns: list[str],
    rows: list[dict[str, str]],
    header_row: int,
    numbers: list[int],
) -> RawTable:
    """A RawTable with ``row_numbers`` only where rows were skipped between data rows."""
    consecutive = not numbers or numbers[-1] - numbers[0] == len(numbers) - 1
    return RawTable(
        name, file, columns, rows,
        first_row=numbers[0] if numbers else header_row + 1,
        row_numbers=None if consecutive else numbers,
        header_row=header_row,
    )  # fmt: skip


def _columns(
    header: list[str], body: list[list[str]], file: str, header_row: int
) -> tuple[list[str], list[int] | None]:
    """Column names (stripped; unnamed columns with values named by their letter) and,
    where unnamed columns without values are dropped, the positions kept."""
    names = [cell.strip() for cell in header]
    keep: list[int] | None = None
    if "" in names:
        used = {i for i, n in enumerate(names) if not n for cells in body
                if i < len(cells) and cells[i].strip()}  # fmt: skip
        keep = [i for i, n in enumerate(names) if n or i in used]
        names = [names[i] or f"column {_letter(i + 1)}" for i in keep]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValidationError(
            f"{file}: the header names a column more than once",
            details=[
                Problem(
                    f"column {name!r} appears {names.count(name)} times in the header; "
                    "give each column its own name (e.g. Partner 1, Partner 2)",
                    file, header_row, name,
                )
                for name in duplicates
            ],
        )  # fmt: skip
    return names, keep


def _only_blank_beyond(cells: list[str], width: int) -> bool:
    # Excel writes trailing separators for columns that once held something.
    return len(cells) > width and not any(cell.strip() for cell in cells[width:])


def _width_problem(file: str, number: int, cells: list[str], header: list[str]) -> Problem:
    width = len(header)
    if len(cells) > width:
        extra = next(i for i in range(width, len(cells)) if cells[i].strip())
        message = (
            f"the row has {len(cells)} cells but the header has {width} columns "
            f"(a cell beyond the last column: {cells[extra][:40]!r}); "
            "is a separator or quote missing?"
        )
        return Problem(message, file, number, _letter(extra + 1), cells[extra])
    column = header[len(cells)].strip() or _letter(len(cells) + 1)
    message = (
        f"the row has {len(cells)} cell(s) but the header has {width} columns; "
        f"the row ends before column {column!r} (a line break inside a cell needs quotes)"
    )
    return Problem(message, file, number, column)


def _unescape(cell: str) -> str:
    if cell[:1] == "'":
        stripped = cell.lstrip("'")
        if stripped[:1] in _FORMULA_START:
            return cell[1:]
    return cell


def neutralise(cell: str) -> str:
    """``cell`` as a spreadsheet shows it as text (OWASP: prefix formulas with ``'``).

    Examples
    --------
    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-5"), neutralise("Navn")
    ('\\'=HYPERLINK("http://x")', '-5', 'Navn')
    """
    if not cell:
        return cell
    stripped = cell.lstrip("'")
    if stripped[:1] in _FORMULA_START:
        if stripped is cell and _NUMBER.fullmatch(cell):
            return cell
        return "'" + cell
    return cell


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell neutralised (:func:`neutralise`), for
    CSV exports written with pandas; numbers and empty cells stay as they are.

    Examples
    --------
    >>> import pandas as pd
    >>> neutralised(pd.DataFrame({"name": ["@SUM(1)", "-5"], "n": [-2, 3]})).values.tolist()
    [["'@SUM(1)", -2], ['-5', 3]]
    """
    return frame.map(lambda cell: neutralise(cell) if isinstance(cell, str) else cell)


def _letter(index: int) -> str:
    """The spreadsheet letter of a 1-based column index (1 -> A, 27 -> AA)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _error(
    file: str, message: str, *, row: int | None = None, column: str | None = None
) -> ValidationError:
    return ValidationError(f"{file}: {message}", details=[Problem(message, file, row, column)])


# ---------------------------------------------------------------- writing


def write(tables: Tables, out: Path) -> list[Path]:
    """Write the four tables as ``actors.csv`` … ``collaborations.csv`` in the folder ``out``.

    UTF-8, ``,``-separated, the header in the first row; cells that a spreadsheet would
    run as a formula are neutralised (:func:`neutralise`); :func:`read` restores them.

    Returns
    -------
    list of Path
        The files written, in table order.
    """
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in written_tables(tables):
        path = out / f"{name}.csv"
        cells = to_cells(tables[name], name)
        # The standard library's writer, not pandas': pandas leaves a lone CR unquoted;
        # CRLF line ends (RFC 4180) make the writer quote a CR or LF inside a cell.
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(cells.columns)
            writer.writerows(
                [neutralise(cell) for cell in row] for row in cells.itertuples(index=False)
            )
        written.append(path)
    return written
