"""A map's data as the page gets it: compact columns for the first frame, the rest later.

A 3,000-actor map carries 3,375 nodes, 7,453 edges and a side-panel entry per node. Sent
as one object per node and edge with its own colour objects, that is 5 MB of JSON the
page parses before vis-network can draw. :func:`compact` sends instead

* nodes and edges as columns (``id``, ``label``, ``x``, ``y``, ``size``; edge ends as
  node positions), with everything that repeats (shape, colours, border, kind, width,
  dashes, marks) as an index into a small table of styles, and each node's filter
  values as an index into a table of the combinations that occur;
* the side-panel entries (``info``, each measure's explanation once in ``explain``: it
  is the same sentence in every actor's panel), the edge tooltips and the table view's rows
  (``table``, :mod:`graphsvc.maps.table`) as a second, *deferred* part, in its own
  script element that the page parses after the first frame (or when a tooltip, the
  panel, the search or the table needs it).

``visualisations/map.js`` (``expandNodes``, ``expandEdges``) builds the same node and
edge objects from the columns; :func:`expand` is the inverse in Python (tests read the
payload through it).
"""

from __future__ import annotations

import json
import re
from typing import Any

# per node, in columns; everything else a node has is its style
NODE_COLUMNS = ("id", "label", "x", "y", "size")
# per edge, in columns (``tip`` goes to the deferred part)
EDGE_COLUMNS = ("id", "from", "to")


def _index(table: list[Any], seen: dict[str, int], value: Any) -> int:
    """The position of ``value`` in ``table``, added when new (compared as JSON)."""
    key = json.dumps(value, sort_keys=True, ensure_ascii=False)
    if key not in seen:
        seen[key] = len(table)
        table.append(value)
    return seen[key]


def compact(payload: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """``(first, deferred)``: the payload's nodes and edges as columns and style tables,
    and its ``info`` and edge tooltips for later (see the module docstring)."""
    nodes: list[dict[str, Any]] = payload["nodes"]
    edges: list[dict[str, Any]] = payload["edges"]
    node_styles: list[Any] = []
    edge_styles: list[Any] = []
    filters: list[Any] = []
    tips: list[Any] = []
    seen: dict[str, dict[str, int]] = {"n": {}, "e": {}, "f": {}, "t": {}}
    columns: dict[str, list[Any]] = {name: [] for name in NODE_COLUMNS}
    columns.update(style=[], f=[])
    labelled: list[int] = []
    marks: dict[str, Any] = {}
    position: dict[str, int] = {}
    for n, node in enumerate(nodes):
        position[str(node["id"])] = n
        for name in NODE_COLUMNS:
            columns[name].append(node.get(name))
        if node.get("lb"):
            labelled.append(n)
        if "m" in node:
            marks[str(n)] = node["m"]
        columns["f"].append(_index(filters, seen["f"], node["f"]) if "f" in node else -1)
        style = {k: v for k, v in node.items() if k not in (*NODE_COLUMNS, "lb", "m", "f")}
        columns["style"].append(_index(node_styles, seen["n"], style))
    edge_columns: dict[str, list[Any]] = {name: [] for name in EDGE_COLUMNS}
    edge_columns.update(style=[], tip=[])
    for edge in edges:
        edge_columns["id"].append(edge["id"])
        for end in ("from", "to"):
            edge_columns[end].append(position.get(str(edge[end]), edge[end]))
        edge_columns["tip"].append(_index(tips, seen["t"], edge["tip"]) if "tip" in edge else -1)
        style = {k: v for k, v in edge.items() if k not in (*EDGE_COLUMNS, "tip")}
        edge_columns["style"].append(_index(edge_styles, seen["e"], style))
    tip_of = edge_columns.pop("tip")
    first = {k: v for k, v in payload.items() if k not in ("nodes", "edges", "info", "table")}
    first.update(
        nodes={**columns, "lb": labelled, "m": marks},
        node_styles=node_styles,
        filter_sets=filters,
        edges=edge_columns,
        edge_styles=edge_styles,
    )
    info, explain = _shared_explanations(payload.get("info", {}))
    deferred = {
        "info": info,
        "explain": explain,
        "tips": tips,
        "tip_of": tip_of,
    }
    if "table" in payload:
        deferred["table"] = payload["table"]
    return first, deferred


def _shared_explanations(info: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """``(info, explanations)``: ``info`` with each measure's explanation (the same
    sentence in every actor's panel) as its position in ``explanations``, or -1 when
    it has none."""
    seen: dict[str, int] = {}
    out = {}
    for key, entry in info.items():
        if entry.get("measures"):
            measures = [
                [name, value, seen.setdefault(text, len(seen)) if text else -1]
                for name, value, text in entry["measures"]
            ]
            entry = {**entry, "measures": measures}
        out[key] = entry
    return out, list(seen)  # a dict keeps the order the positions were given in


def expand(first: dict[str, Any], deferred: dict[str, Any]) -> dict[str, Any]:
    """The payload :func:`compact` was given, from its two parts."""
    columns = first["nodes"]
    labelled = set(columns["lb"])
    nodes: list[dict[str, Any]] = []
    for n in range(len(columns["id"])):
        node = dict(first["node_styles"][columns["style"][n]])
        node.update(
            {name: columns[name][n] for name in NODE_COLUMNS if columns[name][n] is not None}
        )
        if n in labelled:
            node["lb"] = 1
        if str(n) in columns["m"]:
            node["m"] = columns["m"][str(n)]
        if columns["f"][n] >= 0:
            node["f"] = first["filter_sets"][columns["f"][n]]
        nodes.append(node)
    ids = columns["id"]
    edge_columns = first["edges"]
    edges: list[dict[str, Any]] = []
    for e in range(len(edge_columns["id"])):
        edge = dict(first["edge_styles"][edge_columns["style"][e]])
        edge["id"] = edge_columns["id"][e]
        for end in ("from", "to"):
            at = edge_columns[end][e]
            edge[end] = ids[at] if isinstance(at, int) else at
        if deferred["tip_of"][e] >= 0:
            edge["tip"] = deferred["tips"][deferred["tip_of"][e]]
        edges.append(edge)
    rest = {
        k: v
        for k, v in first.items()
        if k not in ("nodes", "edges", "node_styles", "edge_styles", "filter_sets")
    }
    info = {}
    for key, entry in deferred["info"].items():
        if entry.get("measures"):
            measures = [
                [name, value, deferred["explain"][at] if at >= 0 else ""]
                for name, value, at in entry["measures"]
            ]
            entry = {**entry, "measures": measures}
        info[key] = entry
    out = {**rest, "nodes": nodes, "edges": edges, "info": info}
    if "table" in deferred:
        out["table"] = deferred["table"]
    return out


def read_payload(page: str) -> dict[str, Any]:
    """The payload of a map page (its two script elements, expanded: see :func:`expand`).

    Raises
    ------
    ValueError
        The page has no map data.
    """
    parts = []
    for name in ("graphsvc-data", "graphsvc-later"):
        found = re.search(
            rf'<script type="application/json" id="{name}">(.*?)</script>', page, re.S
        )
        if found is None:
            raise ValueError(f"no {name} script element in the page")
        parts.append(json.loads(found.group(1)))
    return expand(parts[0], parts[1])
