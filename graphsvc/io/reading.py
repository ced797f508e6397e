"""Reading the files of one import into sheets, whatever their format.

Each path (or each file in a folder) is read by the format registered for its suffix
(:func:`graphsvc.io.formats.format_for`). Until a format module is registered for a
suffix, the fallback readers here keep the old inputs working: CSV files of any name
(``,`` ``;`` or tab, UTF-8 or cp1252), XLSX workbooks (every sheet) and GraphML, GEXF
and node-link JSON files through networkx.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import zipfile
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import networkx as nx
import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from graphsvc.errors import Problem, ValidationError
from graphsvc.io.formats import DEFAULT_LIMITS, FORMATS, Limits, format_for, readable_suffixes
from graphsvc.io.tables import RawTable, cell_text

log = logging.getLogger(__name__)

_FALLBACK_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".graphml", ".gexf", ".json")


def suffixes() -> tuple[str, ...]:
    """Every suffix an import reads (registered formats first)."""
    return tuple(dict.fromkeys([*readable_suffixes(), *_FALLBACK_SUFFIXES]))


def expand(paths: list[Path]) -> list[Path]:
    """Files of the given paths: a folder gives its readable files, sorted by name."""
    found: list[Path] = []
    readable = suffixes()
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(
                sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in readable)
            )
        elif path.exists():
            found.append(path)
        else:
            raise ValidationError(
                f"{path}: no such file", details=[Problem("no such file", file=str(path))]
            )
    if not found:
        raise ValidationError("nothing to import: no readable files in the given paths")
    return found


def read_sheets(paths: list[Path], limits: Limits = DEFAULT_LIMITS) -> list[RawTable]:
    """The sheets of every file, in order, as text cells (before mapping).

    Raises
    ------
    ValidationError
        Naming the file that cannot be read.
    """
    sheets: list[RawTable] = []
    for path in expand(paths):
        suffix = path.suffix.lower()
        registered = any(hasattr(m, "read") and suffix in m.SUFFIXES for m in FORMATS.values())
        if registered:
            sheets.extend(format_for(path).read(path, limits))
        elif suffix in (".csv", ".tsv", ".txt"):
            sheets.append(_read_csv(path))
        elif suffix in (".xlsx", ".xlsm"):
            sheets.extend(_read_xlsx(path))
        elif suffix in (".graphml", ".gexf", ".json"):
            sheets.extend(_read_graph(path))
        else:
            raise ValidationError(
                f"{path.name}: unsupported file type",
                details=[Problem(f"expected one of {', '.join(suffixes())}", file=path.name)],
            )
    return sheets


def _unreadable(path: Path, exc: Exception) -> ValidationError:
    return ValidationError(
        f"{path.name}: cannot read the file",
        details=[Problem(f"cannot parse: {exc}", file=path.name)],
    )


def _read_csv(path: Path) -> RawTable:
    data = path.read_bytes()
    for encoding in (
        ("utf-8-sig", "utf-16")
        if data[:2] in (b"\xff\xfe", b"\xfe\xff")
        else (
            "utf-8-sig",
            "cp1252",
        )
    ):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _unreadable(path, ValueError("not UTF-8, UTF-16 or cp1252 text"))
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        reader = csv.reader(io.StringIO(text), dialect)
        rows = [row for row in reader]
    except csv.Error as exc:
        raise _unreadable(path, exc) from exc
    numbered = [(n, row) for n, row in enumerate(rows, start=1) if any(c.strip() for c in row)]
    if not numbered:
        return RawTable(path.stem, path.name, [], [])
    (_, header), body = numbered[0], numbered[1:]
    header = [h.strip() for h in header]
    width = len(header)
    problems = [
        Problem(f"column {column!r} appears more than once", file=path.name, column=column)
        for column in sorted({c for c in header if c and header.count(c) > 1})
    ]
    problems += [
        Problem("the row has more cells than the header has columns", path.name, number)
        for number, row in body
        if len(row) > width and any(c.strip() for c in row[width:])
    ]
    if problems:
        raise ValidationError(f"{path.name}: the table is malformed", details=problems)
    cells = [
        dict(zip(header, [*row, *[""] * (width - len(row))][:width], strict=True))
        for _, row in body
    ]
    return RawTable(path.stem, path.name, header, cells, row_numbers=[n for n, _ in body])


def _read_xlsx(path: Path) -> list[RawTable]:
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise _unreadable(path, exc) from exc
    tables = []
    for sheet in book.worksheets:
        rows = [
            (n, [cell_text(c) for c in row])
            for n, row in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
        numbered = [(n, row) for n, row in rows if any(c.strip() for c in row)]
        where = f"{path.name}[{sheet.title}]"
        if not numbered:
            continue
        (_, header), body = numbered[0], numbered[1:]
        header = [h.strip() for h in header]
        while (
            header
            and not header[-1]
            and all(len(r) < len(header) or not r[len(header) - 1] for _, r in body)
        ):
            header.pop()
        width = len(header)
        cells = [
            dict(zip(header, [*row, *[""] * (width - len(row))][:width], strict=True))
            for _, row in body
        ]
        tables.append(RawTable(sheet.title, where, header, cells, row_numbers=[n for n, _ in body]))
    book.close()
    return tables


def _read_graph(path: Path) -> list[RawTable]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".graphml":
            graph = nx.read_graphml(path, force_multigraph=True)
        elif suffix == ".gexf":
            graph = nx.read_gexf(path)
        else:
            data = json.loads(path.read_text("utf-8"))
            link_key = "links" if isinstance(data, dict) and "links" in data else "edges"
            graph = nx.node_link_graph(data, multigraph=True, edges=link_key)
    except (ValueError, KeyError, TypeError, AttributeError, nx.NetworkXError, ParseError) as exc:
        raise _unreadable(path, exc) from exc
    node_rows = [
        {"id": str(node), "label": cell_text(attrs.get("label", "")),
         **{str(k): cell_text(val) for k, val in attrs.items() if k != "label"}}
        for node, attrs in graph.nodes(data=True)
    ]  # fmt: skip
    edge_rows = []
    edges: Any = (
        graph.edges(keys=True, data=True)
        if graph.is_multigraph()
        else ((s, t, i, a) for i, (s, t, a) in enumerate(graph.edges(data=True)))
    )
    for source, target, key, attrs in edges:
        row = {"source": str(source), "target": str(target)}
        row["id"] = str(attrs.get("id", key))
        row["directed"] = "true" if graph.is_directed() else "false"
        row.update({str(k): cell_text(val) for k, val in attrs.items() if k != "id"})
        edge_rows.append(row)
    return [
        RawTable(
            "nodes",
            f"{path.name}[nodes]",
            _columns(node_rows, ["id", "label"]),
            node_rows,
            role="nodes",
        ),
        RawTable(
            "edges",
            f"{path.name}[edges]",
            _columns(edge_rows, ["id", "source", "target"]),
            edge_rows,
            role="edges",
        ),
    ]


def _columns(rows: list[dict[str, str]], first: list[str]) -> list[str]:
    columns = dict.fromkeys(first)
    for row in rows:
        columns.update(dict.fromkeys(row))
    for row in rows:
        for column in columns:
            row.setdefault(column, "")
    return list(columns)
