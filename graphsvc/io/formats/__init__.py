"""The files graphsvc reads and writes: one module per format, its reader beside its writer.

As in networkx's ``readwrite/``, each format lives in one module of this package. A module
defines:

``NAME``
    The format's name as users type it (``--format NAME``), e.g. ``"gexf"``.
``SUFFIXES``
    The file suffixes it reads, lower case with the dot, e.g. ``(".gexf",)``.
``DESCRIPTION``
    One line for help texts and the import page.
``read(path, limits) -> list[RawTable]`` (optional)
    The cells of the file as text, one :class:`~graphsvc.io.tables.RawTable` per sheet or
    per node/edge list, *before* mapping: column names as written in the file, and
    ``role`` set to ``"nodes"`` or ``"edges"`` when the format says so. Structural
    columns of node and edge lists use the canonical names in :data:`NODE_COLUMNS` and
    :data:`EDGE_COLUMNS`; every other attribute keeps its own name. The mapping step
    (:mod:`graphsvc.io.mapping`) turns these into the four tables.
    Raises :class:`~graphsvc.errors.ValidationError` naming the file (and row and column
    where known) for anything it cannot read, and never reads past ``limits``.
``write(tables, out) -> list[Path]`` (optional)
    Writes the four tables (:data:`~graphsvc.io.tables.Tables`) for the tool that opens
    this format next.

:data:`FORMATS` is the one registry (and :func:`format_for` the one suffix table) that the
CLI, the API and the import page share.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from graphsvc.errors import Problem, ValidationError
from graphsvc.io.formats import csv as _csv
from graphsvc.io.formats import edgelist as _edgelist
from graphsvc.io.formats import gephilite as _gephilite
from graphsvc.io.formats import gexf as _gexf
from graphsvc.io.formats import graphml as _graphml
from graphsvc.io.formats import kumu as _kumu
from graphsvc.io.formats import nodelink as _nodelink
from graphsvc.io.formats import ucinet as _ucinet
from graphsvc.io.formats import xlsx as _xlsx
from graphsvc.io.formats.common import DEFAULT_LIMITS, EDGE_COLUMNS, NODE_COLUMNS, Limits

__all__ = [
    "DEFAULT_LIMITS",
    "EDGE_COLUMNS",
    "FORMATS",
    "NODE_COLUMNS",
    "Limits",
    "format_for",
    "readable_suffixes",
    "register",
    "writable_formats",
]

FORMATS: dict[str, ModuleType] = {}


def register(module: ModuleType) -> ModuleType:
    """Add a format module to :data:`FORMATS` (called once per module, below)."""
    FORMATS[module.NAME] = module
    return module


def readable_suffixes() -> tuple[str, ...]:
    """Every suffix some format reads, in registry order (each once)."""
    return tuple(
        dict.fromkeys(
            s for module in FORMATS.values() if hasattr(module, "read") for s in module.SUFFIXES
        )
    )


def writable_formats() -> tuple[str, ...]:
    """The names ``graphsvc export --format`` and ``GET /exports/{format}`` take."""
    return tuple(name for name, module in FORMATS.items() if hasattr(module, "write"))


def format_for(path: Path) -> ModuleType:
    """The format module that reads ``path``, by its suffix.

    Raises
    ------
    ValidationError
        When no format reads files with this suffix.
    """
    suffix = Path(path).suffix.lower()
    for module in FORMATS.values():
        if hasattr(module, "read") and suffix in module.SUFFIXES:
            return module
    raise ValidationError(
        f"{Path(path).name}: unsupported file type",
        details=[
            Problem(f"expected one of {', '.join(readable_suffixes())}", file=Path(path).name)
        ],
    )


# registered in the order suffixes are tried
register(_csv)
register(_kumu)  # reads every .xlsx through the XLSX reader, marking Kumu's sheets
register(_xlsx)
# The graph formats: node-link JSON before Gephi Lite (both .json; it hands graphology on).
for _module in (_gexf, _graphml, _nodelink, _gephilite, _ucinet, _edgelist):
    register(_module)
