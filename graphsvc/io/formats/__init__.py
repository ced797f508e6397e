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

from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from graphsvc.errors import Problem, ValidationError

# Canonical names of the structural columns that graph readers emit.
NODE_COLUMNS = ("id", "label")
EDGE_COLUMNS = ("id", "source", "target", "directed", "weight", "label", "start", "end")


@dataclass(frozen=True)
class Limits:
    """How much one input file may hold or unpack to; readers stop with a clear error past it.

    The defaults allow a national network (100k rows) and refuse what no planner's file
    holds: a sheet whose dimension claims a million rows, a zip that unpacks a thousandfold.

    Attributes
    ----------
    max_file_bytes : int
        Size of the file as given.
    max_unpacked_bytes : int
        What a zip (XLSX) declares it unpacks to, all members together, and what one
        sheet really unpacks to, counted as it streams.
    max_compression_ratio : int
        Unpacked to packed size of any zip member over 1 MiB (deflate XML packs 10–50×).
    max_rows, max_columns, max_cells : int
        Rows with data, the last column with a value, cells with values; checked while
        reading, never from what a file claims (an XLSX dimension record).
    max_depth : int
        Nesting of JSON and XML.

    Notes
    -----
    Memory: readers never allocate by a declared size. Reading each of the bombs in
    ``tests/io/test_hostile_sheets.py`` (a 512 MB zip bomb, a zip header that lies, a
    sheet whose only cell is XFD1048576, a row of 100,000 cells, entity bombs) ends within
    5 s with less than 64 MB of memory on top of the interpreter with graphsvc loaded
    (peak under 256 MB in all); the test measures it. A file within the limits costs
    memory in proportion to its cells with values (about 100 bytes a cell).
    """

    max_file_bytes: int = 200 * 1024 * 1024
    max_unpacked_bytes: int = 500 * 1024 * 1024
    max_compression_ratio: int = 200
    max_rows: int = 1_000_000
    max_columns: int = 500
    max_cells: int = 20_000_000
    max_depth: int = 64


DEFAULT_LIMITS = Limits()

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


# Each format module is imported at the end (noqa E402: they import Limits from here) and
# registered in the order suffixes are tried.
from graphsvc.io.formats import csv as _csv  # noqa: E402
from graphsvc.io.formats import edgelist as _edgelist  # noqa: E402
from graphsvc.io.formats import gephilite as _gephilite  # noqa: E402
from graphsvc.io.formats import gexf as _gexf  # noqa: E402
from graphsvc.io.formats import graphml as _graphml  # noqa: E402
from graphsvc.io.formats import kumu as _kumu  # noqa: E402
from graphsvc.io.formats import nodelink as _nodelink  # noqa: E402
from graphsvc.io.formats import ucinet as _ucinet  # noqa: E402
from graphsvc.io.formats import xlsx as _xlsx  # noqa: E402

register(_csv)
register(_kumu)  # reads every .xlsx through the XLSX reader, marking Kumu's sheets
register(_xlsx)
# The graph formats: node-link JSON before Gephi Lite (both .json; it hands graphology on).
for _module in (_gexf, _graphml, _nodelink, _gephilite, _ucinet, _edgelist):
    register(_module)
