"""Reading the files of one import into sheets, whatever their format.

Each path (or each file in a folder) is read by the format registered for its suffix
(:func:`graphsvc.io.formats.format_for`).
"""

from __future__ import annotations

import logging
from pathlib import Path

from graphsvc.errors import Problem, ValidationError
from graphsvc.io.formats import DEFAULT_LIMITS, Limits, format_for, readable_suffixes
from graphsvc.io.tables import RawTable

log = logging.getLogger(__name__)


def suffixes() -> tuple[str, ...]:
    """Every suffix an import reads."""
    return readable_suffixes()


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
        sheets.extend(format_for(path).read(path, limits))
    return sheets
