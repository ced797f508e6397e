"""Gephi Lite's JSON: graphology's serialisation of a graph (reader).

``{"attributes": {...}, "options": {"type": "mixed", "multi": true, ...}, "nodes":
[{"key", "attributes"}], "edges": [{"key", "source", "target", "attributes",
"undirected"}]}``. Node and edge attributes are kept by name except the layout (``x``,
``y``, ``size``, ``color``); an edge is undirected when it says so or the graph's type is
``undirected``. Files end in ``.json`` like networkx's node-link JSON:
:mod:`graphsvc.io.formats.nodelink` reads them and hands graphology's shape here.

References
----------
.. [1] graphology serialization, https://graphology.github.io/serialization.html
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graphsvc.io.formats.common import Limits
from graphsvc.io.formats.graphs import GraphTables, fail, load_json
from graphsvc.io.tables import RawTable

NAME = "gephilite"
SUFFIXES = (".json",)
DESCRIPTION = "Gephi Lite / graphology JSON"

_LAYOUT = frozenset({"x", "y", "size", "color", "zIndex", "forceLabel", "hidden", "highlighted"})


def is_graphology(data: Any) -> bool:
    """True for graphology's shape: nodes as objects with a ``key``."""
    nodes = data.get("nodes") if isinstance(data, dict) else None
    return (
        isinstance(nodes, list)
        and "links" not in data
        and (
            "options" in data or (bool(nodes) and isinstance(nodes[0], dict) and "key" in nodes[0])
        )
    )


def read(path: Path, limits: Limits) -> list[RawTable]:
    """The node and edge lists of a Gephi Lite (graphology) JSON file.

    Parameters
    ----------
    path : Path
        A ``.json`` file Gephi Lite saved.
    limits : Limits
        Size, depth and row limits.

    Returns
    -------
    list of RawTable
        ``nodes`` and ``edges`` as :mod:`graphsvc.io.formats.graphs` describes.

    Raises
    ------
    ValidationError
        For JSON that does not parse or is not graphology's shape.
    """
    data = load_json(path, limits)
    if not is_graphology(data):
        fail(path, "not Gephi Lite JSON: expected an object with 'nodes' of {key, attributes}")
    return from_data(data, path, limits)


def from_data(data: dict[str, Any], path: Path, limits: Limits) -> list[RawTable]:
    """The node and edge lists of parsed graphology data (see :func:`read`)."""
    options = data.get("options")
    if not isinstance(options, dict):
        options = {}
    graph_type = str(options.get("type", "mixed"))
    edges = data.get("edges", [])
    if not isinstance(edges, list):
        fail(path, "'edges' is not a list")
    found = GraphTables(path.name, limits)
    for number, node in enumerate(data["nodes"], start=1):
        if not isinstance(node, dict) or "key" not in node:
            fail(path, f"node {number} is not an object with a 'key'")
        attrs = _attributes(node, path, number)
        found.node(node["key"], {"label": attrs.pop("label", ""), **attrs})
    for number, edge in enumerate(edges, start=1):
        if not isinstance(edge, dict) or "source" not in edge or "target" not in edge:
            fail(path, f"edge {number} is not an object with 'source' and 'target'")
        attrs = _attributes(edge, path, number)
        undirected = edge.get("undirected", graph_type == "undirected") is True
        cells = {
            "directed": "false" if undirected else "true",
            "weight": attrs.pop("weight", ""),
            "id": edge.get("key", ""),
            "label": attrs.pop("label", ""),
            **attrs,
        }
        found.edge(edge["source"], edge["target"], cells)
    return found.tables()


def _attributes(item: dict[str, Any], path: Path, number: int) -> dict[str, Any]:
    attrs = item.get("attributes") or {}
    if not isinstance(attrs, dict):
        fail(path, f"item {number}: 'attributes' is not an object")
    return {k: v for k, v in attrs.items() if k not in _LAYOUT}
