"""The table layout shared by CSV, XLSX, the seed data and the analyses.

Five tables, one row per item, one column per model field (``COLUMNS``). In files,
lists are ``;``-separated, booleans ``true``/``false``, dates ``YYYY-MM-DD`` and an
empty cell means "none". In memory (``Tables``) each table is a pandas DataFrame
with lists as Python lists, dates as ISO strings or ``None``, booleans as ``bool``.

Reading validates everything and reports every problem with its file, row (the
spreadsheet row: the header is row 1) and column; nothing is returned unless the
whole input is valid.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pydantic

from graphsvc.errors import Problem, ValidationError
from graphsvc.model import Actor, Agreement, Collaboration, Participation, Project
from graphsvc.store.text import MAX_TEXT_LENGTH, UNSTORABLE, text_problem

TABLES: dict[str, type[pydantic.BaseModel]] = {
    "actors": Actor,
    "projects": Project,
    "participations": Participation,
    "collaborations": Collaboration,
    "agreements": Agreement,
}
NODE_TABLES = ("actors", "projects")  # nodes; the other tables are ties between them
#: Tables the file formats write only when they have rows: a graph without agreements is
#: written exactly as the previous release wrote it (a header-only file would not import).
OPTIONAL_TABLES = frozenset({"agreements"})


COLUMNS: dict[str, list[str]] = {
    "actors": [
        "id", "name", "kind", "sector", "scale", "locality", "cvr", "website", "tags",
        "is_person", "legal_basis", "consent_to_publish",
        "start_date", "start_precision", "end_date", "end_precision", "successor_id",
        "member_kind", "member_counts", "place", "place_level",
        "description", "sources", "source_passage", "evidence", "inferred_fields", "attributes",
    ],
    "projects": [
        "id", "name", "theme", "localities", "start_date", "start_precision", "end_date",
        "end_precision", "status", "tags", "part_of", "follows", "place", "place_level",
        "description", "sources", "source_passage", "evidence", "inferred_fields", "attributes",
    ],
    "participations": [
        "id", "actor_id", "project_id", "role", "status", "start_date", "start_precision",
        "end_date", "end_precision", "amount", "currency", "support",
        "description", "sources", "source_passage", "evidence", "inferred_fields", "attributes",
    ],
    "collaborations": [
        "id", "source_id", "target_id", "kind", "directed", "weight", "status",
        "start_date", "start_precision", "end_date", "end_precision", "amount", "currency",
        "support", "project_ids", "proposed_by",
        "description", "sources", "source_passage", "evidence", "inferred_fields", "attributes",
    ],
    "agreements": [
        "id", "name", "kind", "party_ids", "project_ids", "status", "start_date",
        "start_precision", "end_date", "end_precision", "amount", "currency", "support",
        "description", "sources", "source_passage", "evidence", "inferred_fields", "attributes",
    ],
}  # fmt: skip
#: Columns an older release wrote that reading still accepts (the model reads them;
#: a schema-1 participations file has ``funding_amount``, an amount in DKK).
LEGACY_COLUMNS: dict[str, frozenset[str]] = {
    "actors": frozenset(),
    "projects": frozenset(),
    "participations": frozenset({"funding_amount"}),
    "collaborations": frozenset(),
    "agreements": frozenset(),
}

LIST_SEPARATOR = ";"
LIST_FIELDS = frozenset(
    {"tags", "sources", "localities", "inferred_fields", "project_ids", "party_ids"}
)
BOOL_FIELDS = frozenset({"is_person", "consent_to_publish", "directed"})
_TRUE = frozenset({"true", "yes", "ja", "1"})
_FALSE = frozenset({"false", "no", "nej", "0"})

Tables = dict[str, pd.DataFrame]
# Answers which of the given ids already exist in the store, per table.
IdLookup = Callable[[str, list[str]], set[str]]


@dataclass
class RawTable:
    """Cells of one table as read from one file: ``rows[i]`` is file row ``i + first_row``."""

    name: str
    file: str
    columns: list[str]
    rows: list[dict[str, str]]
    first_row: int = 2
    # What the reader knows the table is: "nodes", "edges", or None (the mapping decides).
    role: str | None = None
    # The file's row number of each row, where rows were skipped (blank rows, merged cells);
    # None means consecutive from ``first_row``.
    row_numbers: list[int] | None = None
    # The file's row of the header (``columns``). A file without a header (a plain list of
    # names) has its first data row here: the mapping may take it back as data.
    header_row: int = 1


@dataclass
class ValidatedTables:
    """Valid items per table, in input order."""

    items: dict[str, list[pydantic.BaseModel]] = field(default_factory=dict)

    def count(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.items.items()}

    def to_frames(self) -> Tables:
        return {name: items_frame(name, self.items.get(name, [])) for name in TABLES}


def written_tables(tables: Tables) -> list[str]:
    """The tables a multi-table file (CSV folder, XLSX workbook) holds, in table order."""
    return [
        name
        for name in TABLES
        if name not in OPTIONAL_TABLES or (name in tables and len(tables[name]) > 0)
    ]


def required_columns(table: str) -> list[str]:
    model = TABLES[table]
    return [name for name, info in model.model_fields.items() if info.is_required()]


def empty_tables() -> Tables:
    return {name: pd.DataFrame(columns=COLUMNS[name]) for name in TABLES}


def items_frame(table: str, items: Iterable[pydantic.BaseModel]) -> pd.DataFrame:
    rows = [item.model_dump(mode="json") for item in items]
    return pd.DataFrame(rows, columns=COLUMNS[table]).set_index("id", drop=False)


# ---------------------------------------------------------------- reading files


def cell_text(value: Any, column: str = "") -> str:
    """A value as the text of a file cell (CSV, an Excel cell, a GraphML attribute)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, list | tuple):
        if any(isinstance(v, dict) for v in value):  # member counts: one JSON text
            return json.dumps(list(value), ensure_ascii=False, sort_keys=True, default=str)
        return LIST_SEPARATOR.join(map(str, value))
    if isinstance(value, dict):  # attributes
        return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ---------------------------------------------------------------- validation


def validate(raw_tables: list[RawTable], existing: IdLookup | None = None) -> ValidatedTables:
    """Validate every row of every table; raise one ValidationError listing all problems.

    Parameters
    ----------
    raw_tables : list of RawTable
        What :func:`read_raw` read.
    existing : callable, optional
        ``existing(table, ids)`` returns the ids among ``ids`` already in the store,
        so ties may refer to actors and projects imported earlier.

    Raises
    ------
    ValidationError
        With one :class:`~graphsvc.errors.Problem` per bad cell, row or file.
    """
    problems: list[Problem] = []
    result = ValidatedTables({name: [] for name in TABLES})
    seen: dict[str, dict[str, tuple[str, int]]] = {name: {} for name in TABLES}
    rows_at: dict[str, list[tuple[str, int]]] = {name: [] for name in TABLES}
    # Ids of rows that failed on their own are still "in this import": a tie to
    # them gets no second, misleading "unknown actor" problem.
    attempted: dict[str, set[str]] = {name: set() for name in TABLES}

    for table in raw_tables:
        problems += _check_columns(table)
        if any(p.file == table.file and p.row is None for p in problems):
            continue
        numbers = table.row_numbers or range(table.first_row, table.first_row + len(table.rows))
        for row_number, cells in zip(numbers, table.rows, strict=True):
            attempted[table.name].add((cells.get("id") or "").strip())
            item = _validate_row(table, cells, row_number, problems)
            if item is None:
                continue
            item_id = item.id  # type: ignore[attr-defined]
            if item_id in seen[table.name]:
                first_file, first_row = seen[table.name][item_id]
                problems.append(
                    Problem(
                        f"duplicate id {item_id!r} (first in {first_file} row {first_row})",
                        file=table.file,
                        row=row_number,
                        column="id",
                        value=item_id,
                        code="duplicate_id",
                        params={"id": item_id, "first_file": first_file, "first_row": first_row},
                    )
                )
                continue
            seen[table.name][item_id] = (table.file, row_number)
            result.items[table.name].append(item)
            rows_at[table.name].append((table.file, row_number))

    problems += _check_references(result, rows_at, attempted, existing)
    if problems:
        raise ValidationError(
            f"{len(problems)} problem(s) in the input; nothing was written", details=problems
        )
    return result


def _check_columns(table: RawTable) -> list[Problem]:
    problems = []
    if not table.columns and not table.rows:
        return [Problem("the file is empty (no header, no rows)", file=table.file)]
    unknown = [
        c
        for c in table.columns
        if c not in COLUMNS[table.name] and c not in LEGACY_COLUMNS[table.name]
    ]
    missing = [c for c in required_columns(table.name) if c not in table.columns]
    if unknown:
        problems.append(
            Problem(
                f"unknown column(s) {', '.join(map(repr, unknown))}; "
                f"the {table.name} columns are: {', '.join(COLUMNS[table.name])}",
                file=table.file,
            )
        )
    if missing:
        problems.append(
            Problem(f"missing required column(s) {', '.join(map(repr, missing))}", file=table.file)
        )
    if not problems and not table.rows:
        problems.append(Problem("the file has a header but no rows", file=table.file))
    return problems


def _validate_row(
    table: RawTable, cells: Mapping[str, str], row_number: int, problems: list[Problem]
) -> pydantic.BaseModel | None:
    data: dict[str, Any] = {}
    ok = True
    joined = "".join(cells.values())
    # one search a row, not a call per cell: this loop runs for every cell of a national import
    suspect = UNSTORABLE.search(joined) is not None or len(joined) > MAX_TEXT_LENGTH
    for column, cell in cells.items():
        text = cell.strip() if cell else ""
        if not text:
            continue
        reason = text_problem(text) if suspect else None
        if reason is not None:
            problems.append(Problem(reason, table.file, row_number, column, text))
            ok = False
            continue
        # Inline, not a call per cell: this loop runs for every cell of a national import.
        if column in LIST_FIELDS:
            data[column] = [part for part in map(str.strip, text.split(LIST_SEPARATOR)) if part]
        elif column in BOOL_FIELDS:
            lowered = text.lower()
            if lowered in _TRUE or lowered in _FALSE:
                data[column] = lowered in _TRUE
            else:
                message = f"{text!r} is not a boolean (use true or false)"
                problems.append(
                    Problem(
                        message, table.file, row_number, column, text,
                        code="bool_parsing", params={"field": column},
                    )
                )  # fmt: skip
                ok = False
        else:
            data[column] = text
    if not ok:
        return None
    try:
        return TABLES[table.name].model_validate(data)
    except pydantic.ValidationError as exc:
        for error in exc.errors():
            field = str(error["loc"][0]) if error["loc"] else None
            message = error["msg"].removeprefix("Value error, ")
            # a list as the cell holds it (the value a problem names is text)
            source = cells if field in LIST_FIELDS else data
            value = source.get(field) if field else None
            params = {key: _plain(v) for key, v in error.get("ctx", {}).items()}
            problems.append(
                Problem(
                    message, table.file, row_number, field, value,
                    code=error["type"], params={**params, "field": field},
                )
            )  # fmt: skip
        return None


def _plain(value: Any) -> str | int | float | bool | None:
    """A value of pydantic's error context as JSON holds it (an exception as its text)."""
    return value if isinstance(value, str | int | float | bool | None) else str(value)


_REFERENCES = {
    "actors": (("successor_id", "actors"),),
    "projects": (("part_of", "projects"), ("follows", "projects")),
    "participations": (("actor_id", "actors"), ("project_id", "projects")),
    "collaborations": (
        ("source_id", "actors"), ("target_id", "actors"), ("project_ids", "projects"),
    ),
    "agreements": (("party_ids", "actors"), ("project_ids", "projects")),
}  # fmt: skip


def _refs(item: pydantic.BaseModel, column: str) -> list[str]:
    """The ids one reference column of an item names (none, one, or a list)."""
    value = getattr(item, column)
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _check_references(
    result: ValidatedTables,
    rows_at: dict[str, list[tuple[str, int]]],
    attempted: dict[str, set[str]],
    existing: IdLookup | None,
) -> list[Problem]:
    known = {name: set(attempted[name]) for name in TABLES}
    wanted: dict[str, set[str]] = {"actors": set(), "projects": set()}
    for table, refs in _REFERENCES.items():
        for item in result.items[table]:
            for column, target in refs:
                wanted[target].update(_refs(item, column))
    for target, ids in wanted.items():
        outside = sorted(ids - known[target])
        if outside and existing is not None:
            known[target] |= existing(target, outside)
    problems = []
    for table, refs in _REFERENCES.items():
        for item, (file, row) in zip(result.items[table], rows_at[table], strict=True):
            for column, target in refs:
                for ref in _refs(item, column):
                    if ref not in known[target]:
                        problems.append(
                            Problem(
                                f"unknown {target[:-1]} {ref!r}: not in this import nor in "
                                "the graph",
                                file,
                                row,
                                column,
                                ref,
                                code="unknown_reference",
                                params={"table": target, "id": ref, "field": column},
                            )
                        )
    return problems


# ---------------------------------------------------------------- writing files


def to_cells(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """A table as file cells: lists joined, booleans as true/false, none as empty."""
    columns = COLUMNS[table]
    return pd.DataFrame(
        {column: [cell_text(v, column) for v in frame[column]] for column in columns},
        columns=columns,
    )
