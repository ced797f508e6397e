"""Reading the files of one import into sheets, whatever their format.

Each path (or each file in a folder) is read by the format registered for its suffix
(:func:`graphsvc.io.formats.format_for`). Until a graph format is registered, GraphML,
GEXF and node-link JSON files are read through networkx here, as node and edge lists.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import networkx as nx

from graphsvc.errors import Problem, ValidationError
from graphsvc.io.formats import DEFAULT_LIMITS, FORMATS, Limits, format_for, readable_suffixes
from graphsvc.io.tables import RawTable, cell_text

log = logging.getLogger(__name__)

# Until graph formats are registered (engineer `graphfiles`), networkx reads these.
_FALLBACK_SUFFIXES = (".graphml", ".gexf", ".json")


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
        elif suffix in _FALLBACK_SUFFIXES:
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
