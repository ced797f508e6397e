"""What every format module shares: the canonical columns of node and edge lists, and
the limits of one input file (see :mod:`graphsvc.io.formats`)."""

from __future__ import annotations

from dataclasses import dataclass

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
