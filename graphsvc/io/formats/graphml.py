"""GraphML (Gephi, yEd, igraph, networkx, Cytoscape): reader and writer.

The reader keeps every key as a column under its ``attr.name``: Gephi's and networkx's
``label`` key is the label, yEd's ``y:NodeLabel`` (inside a graphics ``data``) too.
Parallel edges are kept; each edge's ``directed`` attribute wins over the graph's
``edgedefault``. Nested graphs (yEd groups) are flattened.

The writer writes a ``label`` key (the name) and every other field as a key; ties are
directed or not by a boolean ``directed`` key on every edge, with ``edgedefault``
directed when any tie is, so networkx and igraph (which know no mixed graphs) read the
file as it is.

References
----------
.. [1] The GraphML primer, http://graphml.graphdrawing.org/primer/graphml-primer.html
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

import networkx as nx

from graphsvc.io.formats.common import Limits
from graphsvc.io.formats.graphs import (
    GraphTables,
    child,
    children,
    fail,
    local,
    networkx_graph,
    parse_xml,
)
from graphsvc.io.tables import RawTable, Tables

NAME = "graphml"
SUFFIXES = (".graphml",)
DESCRIPTION = "GraphML (Gephi, yEd, igraph, networkx)"
MEDIA_TYPE = "application/xml"

_TRUE = {"true", "1", "yes"}


def read(path: Path, limits: Limits) -> list[RawTable]:
    """The node and edge lists of a GraphML file.

    Parameters
    ----------
    path : Path
        A ``.graphml`` file.
    limits : Limits
        Size and row limits.

    Returns
    -------
    list of RawTable
        ``nodes`` (``id``, ``label``, every node key) and ``edges`` (``source``,
        ``target``, ``directed``, ``weight``, ``id``, ``label``, every edge key).

    Raises
    ------
    ValidationError
        For a file that is not well-formed XML, declares entities, or is not GraphML.

    Examples
    --------
    >>> nodes, edges = read(Path("yed.graphml"), DEFAULT_LIMITS)  # doctest: +SKIP
    """
    root = parse_xml(path, limits)
    if local(root.tag) != "graphml":
        fail(path, f"not a GraphML file (the root element is <{local(root.tag)}>, not <graphml>)")
    graph = child(root, "graph")
    if graph is None:
        fail(path, "the GraphML file has no <graph> element")
        raise AssertionError  # unreachable: fail() raises
    keys = _keys(root)
    found = GraphTables(path.name, limits)
    default_directed = graph.get("edgedefault", "directed") == "directed"
    graphs = [graph]
    while graphs:  # nested graphs (groups) are flattened
        current = graphs.pop(0)
        for node in children(current, "node"):
            found.node(node.get("id"), _data(node, keys, "node"))
            graphs.extend(children(node, "graph"))
        for edge in children(current, "edge"):
            cells = _data(edge, keys, "edge")
            directed = edge.get("directed") or cells.pop("directed", "")
            is_directed = directed.lower() in _TRUE if directed else default_directed
            cells = {
                "directed": "true" if is_directed else "false",
                "weight": _pop_weight(cells),
                "id": edge.get("id", ""),
                **cells,
            }
            found.edge(edge.get("source"), edge.get("target"), cells)
    return found.tables()


def _keys(root: Element) -> dict[str, tuple[str, str, str | None]]:
    """Key id → (name, domain, default)."""
    found = {}
    for key in children(root, "key"):
        ident = key.get("id", "")
        name = key.get("attr.name") or key.get("yfiles.type") or ident
        default = child(key, "default")
        found[ident] = (name, key.get("for", "all"), default.text if default is not None else None)
    return found


def _data(
    element: Element, keys: dict[str, tuple[str, str, str | None]], domain: str
) -> dict[str, str]:
    cells: dict[str, str] = {}
    for name, where, default in keys.values():
        if default is not None and where in (domain, "all"):
            cells[name] = default
    for data in children(element, "data"):
        name = keys.get(data.get("key", ""), (data.get("key", ""), domain, None))[0]
        if len(data):  # yEd graphics: only its label is data
            label = next(
                (e for e in data.iter() if local(e.tag) in ("NodeLabel", "EdgeLabel") and e.text),
                None,
            )
            if label is not None and label.text:
                cells.setdefault("label", label.text.strip())
            continue
        value = (data.text or "").strip()
        if name == "id":  # the structural id is the element's own
            name = "id (attribute)"
        cells[name] = value
    return cells


def _pop_weight(cells: dict[str, str]) -> str:
    for name in list(cells):
        if name.lower() == "weight":
            return cells.pop(name)
    return ""


def write(tables: Tables, out: Path) -> list[Path]:
    """Write the four tables as one GraphML file with a ``label`` key.

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

    Raises
    ------
    ValueError
        For text with a control character, which XML cannot hold.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(networkx_graph(tables, check_xml=True), out, infer_numeric_types=False)
    return [out]
