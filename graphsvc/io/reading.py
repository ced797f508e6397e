"""Reading the files of one import into sheets, whatever their format.

Each path (or each file in a folder) is read by the format registered for its suffix
(:func:`graphsvc.io.formats.format_for`). :func:`read_tables` reads the four-table
layout alone (``actors.csv`` … or a workbook with those sheets), as ``seed/`` holds it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from graphsvc.errors import Problem, ValidationError
from graphsvc.io.formats import DEFAULT_LIMITS, Limits, format_for, readable_suffixes
from graphsvc.io.formats import csv as csv_format
from graphsvc.io.formats import xlsx as xlsx_format
from graphsvc.io.tables import TABLES, RawTable, Tables, validate

log = logging.getLogger(__name__)


def suffixes() -> tuple[str, ...]:
    """Every suffix an import reads."""
    return readable_suffixes()


def expand(
    paths: Iterable[Path],
    in_folder: Callable[[Path], list[Path]] | None = None,
    *,
    nothing: str = "no readable files",
) -> list[Path]:
    """Files of the given paths: a folder gives ``in_folder(folder)``, by default its
    readable files sorted by name; ``nothing`` says what none of the paths held."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend((in_folder or _readable_files)(path))
        elif path.exists():
            found.append(path)
        else:
            raise ValidationError(
                f"{path}: no such file", details=[Problem("no such file", file=str(path))]
            )
    if not found:
        raise ValidationError(f"nothing to import: {nothing} in the given paths")
    return found


def _readable_files(folder: Path) -> list[Path]:
    readable = suffixes()
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in readable)


def read_sheets(paths: list[Path], limits: Limits = DEFAULT_LIMITS) -> list[RawTable]:
    """The sheets of every file, in order, as text cells (before mapping).

    Raises
    ------
    ValidationError
        Naming the file that cannot be read.
    """
    sheets: list[RawTable] = []
    for path in expand(paths):
        sheets.extend(format_for(path).read(path, limits))
    return sheets


# ---------------------------------------------------------------- the four tables


def read_tables(folder: Path) -> Tables:
    """Read and validate a folder of the four CSV files (e.g. ``seed/``) into frames."""
    return validate(read_raw([folder])).to_frames()


def table_name_for(path: Path) -> str:
    stem = path.stem.lower()
    if stem not in TABLES:
        raise ValidationError(
            f"{path.name}: cannot tell which table this is",
            details=[
                Problem(
                    f"name the file {', '.join(f'{t}.csv' for t in TABLES)}",
                    file=path.name,
                )
            ],
        )
    return stem


def read_raw(paths: Iterable[Path]) -> list[RawTable]:
    """Read the four-table layout: CSV files named after their table (``actors.csv`` …),
    XLSX workbooks with a sheet per table, and folders of such CSV files."""
    raw: list[RawTable] = []
    for path in expand(paths, _table_files, nothing="no tables found"):
        suffix = path.suffix.lower()
        if suffix == ".csv":
            name = table_name_for(path)
            for table in csv_format.read(path):
                table.name = name
                raw.append(table)
        elif suffix in xlsx_format.SUFFIXES:
            for table in xlsx_format.read(path):
                table.name = table.name.strip().lower()
                if table.name not in TABLES:
                    raise ValidationError(
                        f"{table.file}: unknown sheet",
                        details=[
                            Problem(f"sheets must be named {', '.join(TABLES)}", file=table.file)
                        ],
                    )
                raw.append(table)
        else:
            raise ValidationError(
                f"{path.name}: unsupported file type",
                details=[Problem("expected .csv, .xlsx or a folder of CSV files", file=str(path))],
            )
    return raw


def _table_files(folder: Path) -> list[Path]:
    return [folder / f"{name}.csv" for name in TABLES if (folder / f"{name}.csv").exists()]
