"""networkx node-link JSON: reader and writer.

The reader takes node-link data with the edges under ``edges`` (networkx 3.6's default)
or ``links`` (older networkx and many files in the wild), and Gephi Lite's graphology
JSON (:mod:`graphsvc.io.formats.gephilite`), which shares the ``.json`` suffix. Every node
and edge attribute is kept by name (networkx's two-mode graphs keep ``bipartite``); a
multigraph's edge ``key`` is the edge id; an edge's own ``directed`` wins over the
graph's.

The writer writes what ``nx.node_link_graph(data)`` loads with the installed networkx's
defaults: a multigraph, directed when any tie is, each edge keyed by its id and marked
``directed`` true or false.

References
----------
.. [1] networkx.readwrite.json_graph.node_link_data,
   https://networkx.org/documentation/stable/reference/readwrite/json_graph.html
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from graphsvc.io.formats import gephilite as graphology
from graphsvc.io.formats.common import Limits
from graphsvc.io.formats.graphs import GraphTables, fail, load_json, networkx_graph
from graphsvc.io.tables import RawTable, Tables

NAME = "json"
SUFFIXES = (".json",)
DESCRIPTION = "node-link JSON (networkx) or Gephi Lite JSON"
MEDIA_TYPE = "application/json"


def read(path: Path, limits: Limits) -> list[RawTable]:
    """The node and edge lists of a node-link (or Gephi Lite) JSON file.

    Parameters
    ----------
    path : Path
        A ``.json`` file.
    limits : Limits
        Size, depth and row limits.

    Returns
    -------
    list of RawTable
        ``nodes`` (``id``, ``label``, every attribute) and ``edges`` (``source``,
        ``target``, ``directed``, ``weight``, ``id``, ``label``, every attribute).

    Raises
    ------
    ValidationError
        For JSON that does not parse, nests too deep, or is not a graph.

    Examples
    --------
    >>> data = nx.node_link_data(nx.karate_club_graph())       # doctest: +SKIP
    >>> nodes, edges = read(Path("karate.json"), DEFAULT_LIMITS)  # doctest: +SKIP
    """
    data = load_json(path, limits)
    if not isinstance(data, dict):
        fail(path, f"expected a JSON object with nodes and edges, found {_kind(data)}")
    if graphology.is_graphology(data):
        return graphology.from_data(data, path, limits)
    nodes = data.get("nodes")
    edges_key = "edges" if "edges" in data else "links"
    edges = data.get(edges_key, [])
    if not isinstance(nodes, list) or not isinstance(edges, list):
        fail(path, "not node-link JSON: expected lists under 'nodes' and 'edges' (or 'links')")
    default_directed = bool(data.get("directed", False))
    found = GraphTables(path.name, limits)
    for number, node in enumerate(nodes, start=1):
        if not isinstance(node, dict) or "id" not in node:
            fail(path, f"node {number} is not an object with an 'id'")
        attrs = {k: v for k, v in node.items() if k != "id"}
        found.node(node["id"], {"label": attrs.pop("label", ""), **attrs})
    for number, edge in enumerate(edges, start=1):
        if not isinstance(edge, dict) or "source" not in edge or "target" not in edge:
            fail(path, f"{edges_key} {number} is not an object with 'source' and 'target'")
        attrs = {k: v for k, v in edge.items() if k not in ("source", "target")}
        directed = attrs.pop("directed", default_directed)
        cells = {
            "directed": "true" if _truth(directed) else "false",
            "weight": attrs.pop("weight", ""),
            "id": attrs.pop("id", None) if "id" in attrs else attrs.pop("key", ""),
            "label": attrs.pop("label", ""),
            **attrs,
        }
        found.edge(edge["source"], edge["target"], cells)
    return found.tables()


def _truth(value: Any) -> bool:
    return value is True or str(value).strip().lower() in ("true", "1", "yes")


def _kind(data: Any) -> str:
    return {list: "an array", str: "a string", int: "a number", float: "a number"}.get(
        type(data), "a value"
    )


def write(tables: Tables, out: Path) -> list[Path]:
    """Write the four tables as networkx node-link JSON.

    Parameters
    ----------
    tables : Tables
        The four tables.
    out : Path
        The file to write.

    Returns
    -------
    list of Path
        ``[out]``.

    Examples
    --------
    >>> graph = nx.node_link_graph(json.loads(out.read_text()))  # doctest: +SKIP
    """
    graph = networkx_graph(tables)
    data = nx.node_link_data(graph)  # the installed networkx's default keys ("edges")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return [out]
