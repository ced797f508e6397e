"""A plain edge list of names, one tie per line (reader).

As networkx's ``write_edgelist`` writes it (``a b {'weight': 3}``, or ``a b 3`` with
``data=["weight"]``), and as people type it: two names separated by a tab (names may then
hold spaces), by ``;`` or ``,``, or by spaces, optionally followed by a weight. Lines
starting with ``#`` are comments; a first line such as ``source target weight`` or
``from to`` is a header. The file says nothing about direction, so ties are undirected
(``directed`` false). A ``.txt`` file that starts with ``DL`` is read as UCINET DL.

References
----------
.. [1] networkx.readwrite.edgelist,
   https://networkx.org/documentation/stable/reference/readwrite/edgelist.html
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

from graphsvc.io.formats import ucinet as dl
from graphsvc.io.formats.common import Limits
from graphsvc.io.formats.graphs import GraphTables, fail, read_text
from graphsvc.io.tables import RawTable

NAME = "edgelist"
SUFFIXES = (".edgelist", ".edges", ".txt")
DESCRIPTION = "plain edge list (networkx write_edgelist, tab or space separated)"

_HEADER = {"source", "target", "from", "to", "kilde", "mål", "fra", "til", "weight", "vægt"}


def read(path: Path, limits: Limits) -> list[RawTable]:
    """The node and edge lists of an edge list file.

    Parameters
    ----------
    path : Path
        A text file with one tie per line.
    limits : Limits
        Size and row limits.

    Returns
    -------
    list of RawTable
        ``nodes`` (``id``, ``label`` = the name) and ``edges`` (``source``, ``target``,
        ``directed`` false, ``weight``, and any attributes of networkx's ``{...}`` data).

    Raises
    ------
    ValidationError
        For a line with fewer than two names, naming the line.

    Examples
    --------
    >>> nx.write_edgelist(nx.karate_club_graph(), "karate.edgelist")  # doctest: +SKIP
    >>> nodes, edges = read(Path("karate.edgelist"), DEFAULT_LIMITS)  # doctest: +SKIP
    """
    text = read_text(path, limits)
    if re.match(r"\s*DL\b", text, re.IGNORECASE):
        return dl.read(path, limits)
    found = GraphTables(path.name, limits)
    extra_names: list[str] = []
    for number, raw_line in enumerate(text.splitlines(), start=1):
        line = (
            raw_line.split("#", 1)[0].strip()
            if raw_line.lstrip().startswith("#")
            else raw_line.strip()
        )
        if not line:
            continue
        parts, data = _split(line, path, number)
        if not found.edges and not extra_names and {p.lower() for p in parts[:2]} <= _HEADER:
            extra_names = [p.strip() for p in parts[2:]] or ["weight"]
            continue
        if len(parts) < 2:
            fail(path, "a line needs two names (a tie)", row=number)
        cells: dict[str, Any] = {"directed": "false"}
        for index, value in enumerate(parts[2:]):
            name = (
                extra_names[index]
                if index < len(extra_names)
                else ("weight" if index == 0 else f"column {index + 3}")
            )
            cells[name.lower() if name.lower() == "weight" else name] = value
        cells.update(data)
        found.node(parts[0], {"label": parts[0]}, row=number)
        found.node(parts[1], {"label": parts[1]}, row=number)
        found.edge(parts[0], parts[1], cells, row=number)
    if not found.nodes:
        fail(path, "the file holds no ties")
    return found.tables()


def _split(line: str, path: Path, number: int) -> tuple[list[str], dict[str, Any]]:
    """The line's cells and networkx's trailing ``{...}`` data, if any."""
    data: dict[str, Any] = {}
    if line.endswith("}") and "{" in line:
        line, literal = line[: line.index("{")], line[line.index("{") :]
        try:
            parsed = ast.literal_eval(literal)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            fail(path, f"cannot read the data {literal[:60]!r}", row=number)
        if not isinstance(parsed, dict):
            fail(path, f"the data {literal[:60]!r} is not a dictionary", row=number)
        data = {str(k): v for k, v in parsed.items()}
    for separator in ("\t", ";", ","):
        if separator in line:
            return [p.strip() for p in line.split(separator) if p.strip()], data
    return line.split(), data
