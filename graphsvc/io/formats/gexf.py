"""GEXF, Gephi's own format (1.1draft, 1.2draft and 1.3): reader and writer.

The reader takes any of the three versions whatever namespace the file uses (networkx's
``read_gexf`` refuses some 1.1 files): declared attributes by their titles, each edge's
``type`` over the graph's ``defaultedgetype`` (mixed graphs are legal), ``weight``,
``label``, and the time an item lives (``start``/``end`` attributes, ``<spells>`` or
1.1's ``<slices>``) as ``start``/``end`` columns: the earliest start and the latest end,
written as in the file (``"2014"`` stays ``"2014"``). Visual data (``viz:``) is ignored.

The writer writes GEXF 1.3 as Gephi users expect it: the name as ``label`` (the id stays
the node's id), mutual ties undirected and directed ones directed (``defaultedgetype``
plus a ``type`` on every edge), dates as ``<spells>`` with ``timeformat="date"`` so the
timeline works, weights as edge weights, and every other field as a declared attribute.

References
----------
.. [1] GEXF 1.3 primer and schema, https://gexf.net
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from graphsvc.io.formats.common import Limits
from graphsvc.io.formats.graphs import (
    Edge,
    GraphTables,
    Node,
    attribute_kind,
    attribute_names,
    child,
    children,
    fail,
    graph_items,
    local,
    parse_xml,
    xml_text,
)
from graphsvc.io.tables import RawTable, Tables

NAME = "gexf"
SUFFIXES = (".gexf",)
DESCRIPTION = "GEXF 1.1–1.3 (Gephi)"
MEDIA_TYPE = "application/xml"

NAMESPACE = "http://gexf.net/1.3"
SCHEMA = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"
_EDGE_STRUCTURE = frozenset({"id", "source", "target", "type", "weight", "label", "start", "end"})


# ---------------------------------------------------------------- reading


def read(path: Path, limits: Limits) -> list[RawTable]:
    """The node and edge lists of a GEXF file.

    Parameters
    ----------
    path : Path
        A ``.gexf`` file of version 1.1draft, 1.2draft or 1.3.
    limits : Limits
        Size and row limits.

    Returns
    -------
    list of RawTable
        ``nodes`` (``id``, ``label``, ``start``, ``end``, attributes by title) and ``edges``
        (``source``, ``target``, ``directed``, ``weight``, ``id``, ``label``, ``start``,
        ``end``, attributes by title).

    Raises
    ------
    ValidationError
        For a file that is not well-formed XML, declares entities, or is not GEXF.

    Examples
    --------
    >>> nodes, edges = read(Path("kort.gexf"), DEFAULT_LIMITS)  # doctest: +SKIP
    >>> nodes.rows[0]["label"]                                  # doctest: +SKIP
    'Middelfart Kommune'
    """
    root = parse_xml(path, limits)
    if local(root.tag) != "gexf":
        fail(path, f"not a GEXF file (the root element is <{local(root.tag)}>, not <gexf>)")
    graph = child(root, "graph")
    if graph is None:
        fail(path, "the GEXF file has no <graph> element")
        raise AssertionError  # unreachable: fail() raises
    default_type = graph.get("defaultedgetype", "undirected")
    declared = {"node": _declared(graph, "node"), "edge": _declared(graph, "edge")}
    found = GraphTables(path.name, limits)
    for node in _all_nodes(graph):
        cells: dict[str, Any] = {"label": node.get("label", "")}
        cells.update(_attvalues(node, declared["node"], skip={"id", "label"}))
        cells.update(_lifetime(node))
        for name in ("pid",):
            if node.get(name) is not None:
                cells[name] = node.get(name)
        found.node(node.get("id"), cells)
    for edges in children(graph, "edges"):
        for edge in children(edges, "edge"):
            edge_type = edge.get("type", default_type)
            cells = {
                "directed": "true" if edge_type == "directed" else "false",
                "weight": edge.get("weight", ""),
                "id": edge.get("id", ""),
                "label": edge.get("label", ""),
            }
            cells.update(_attvalues(edge, declared["edge"], skip=set(cells) | {"source", "target"}))
            cells.update(_lifetime(edge))
            if edge.get("kind") is not None:
                cells.setdefault("kind", edge.get("kind"))
            found.edge(edge.get("source"), edge.get("target"), cells)
    return found.tables()


def _all_nodes(graph: ET.Element) -> list[ET.Element]:
    """Every node, nested ones (hierarchical graphs) included, in document order."""
    out: list[ET.Element] = []
    stack = list(reversed(list(children(graph, "nodes"))))
    while stack:
        container = stack.pop()
        for node in children(container, "node"):
            out.append(node)
            stack.extend(reversed(list(children(node, "nodes"))))
    return out


def _declared(graph: ET.Element, kind: str) -> dict[str, tuple[str, str | None]]:
    """Attribute id → (title, default) for one class of the graph."""
    found: dict[str, tuple[str, str | None]] = {}
    for block in children(graph, "attributes"):
        if block.get("class") != kind:
            continue
        for attribute in children(block, "attribute"):
            ident = attribute.get("id", "")
            title = attribute.get("title") or ident
            default = child(attribute, "default")
            found[ident] = (title, default.text if default is not None else None)
    return found


def _attvalues(
    element: ET.Element, declared: dict[str, tuple[str, str | None]], skip: set[str]
) -> dict[str, str]:
    """Attribute values by title; a dynamic attribute keeps its latest value."""
    values: dict[str, str] = {}
    started: dict[str, str] = {}
    for block in children(element, "attvalues"):
        for value in children(block, "attvalue"):
            ident = value.get("for") or value.get("id") or ""
            title = declared.get(ident, (ident, None))[0]
            when = value.get("start") or value.get("timestamp") or ""
            if title in started and _order(when) < _order(started[title]):
                continue
            started[title] = when
            values[title] = value.get("value", "")
    for title, default in declared.values():
        if default is not None:
            values.setdefault(title, default)
    return {(f"{title} (attribute)" if title in skip else title): v for title, v in values.items()}


def _lifetime(element: ET.Element) -> dict[str, str]:
    """``start``/``end`` over the element's own times, its spells (1.1: slices) and timestamps.

    The earliest start and the latest end; an interval open at one side leaves that side open.
    """
    intervals = [_bounds(element)] + [
        _bounds(interval, moment="value" if tag == "timestamp" else "timestamp")
        for block, tag in (("spells", "spell"), ("slices", "slice"), ("timestamps", "timestamp"))
        for container in children(element, block)
        for interval in children(container, tag)
    ]
    intervals = [i for i in intervals if i != ("", "")]
    out = {}
    starts = [start for start, _ in intervals]
    ends = [end for _, end in intervals]
    if any(starts):
        out["start"] = "" if "" in starts else min(starts, key=_order)
    if any(ends):
        out["end"] = "" if "" in ends else max(ends, key=_order)
    return out


def _bounds(element: ET.Element, moment: str = "timestamp") -> tuple[str, str]:
    """An element's interval as written: start/end (1.2: startopen/endopen) or a timestamp."""
    moment = element.get(moment) or ""
    start = element.get("start") or element.get("startopen") or moment
    end = element.get("end") or element.get("endopen") or moment
    return start.strip(), end.strip()


def _order(value: str) -> tuple[int, float, str]:
    """Times compare as numbers when they are numbers (timeformat double), else as text."""
    try:
        return (0, float(value), "")
    except ValueError:
        return (1, 0.0, value)


# ---------------------------------------------------------------- writing


def write(tables: Tables, out: Path) -> list[Path]:
    """Write the four tables as one GEXF 1.3 file for Gephi.

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
    nodes, edges = graph_items(tables)
    dated = any(n.start or n.end for n in nodes) or any(e.start or e.end for e in edges)
    undirected = sum(not e.directed for e in edges)
    default_type = "undirected" if undirected * 2 >= len(edges) else "directed"
    root = ET.Element(
        "gexf",
        {
            "xmlns": NAMESPACE,
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xsi:schemaLocation": SCHEMA,
            "version": "1.3",
        },
    )
    meta = ET.SubElement(root, "meta", {"lastmodifieddate": dt.date.today().isoformat()})
    ET.SubElement(meta, "creator").text = "graphsvc"
    ET.SubElement(
        meta, "description"
    ).text = "Actors and projects (type), participations and collaborations (tie)"
    graph_attrs = {"defaultedgetype": default_type, "mode": "dynamic" if dated else "static"}
    if dated:
        graph_attrs |= {"timeformat": "date", "timerepresentation": "interval"}
    graph = ET.SubElement(root, "graph", graph_attrs)
    _declare(graph, "node", attribute_names(nodes))
    _declare(graph, "edge", attribute_names(edges))
    node_list = ET.SubElement(graph, "nodes")
    for node in nodes:
        element = ET.SubElement(
            node_list, "node", {"id": xml_text(node.id), "label": xml_text(node.label)}
        )
        _write_item(element, node)
    edge_list = ET.SubElement(graph, "edges")
    for edge in edges:
        attrs = {
            "id": xml_text(edge.id),
            "source": xml_text(edge.source),
            "target": xml_text(edge.target),
            "type": "directed" if edge.directed else "undirected",
        }
        if edge.weight is not None:
            attrs["weight"] = repr(edge.weight)
        label = edge.attrs.get("kind") or edge.attrs.get("role")
        if label:
            attrs["label"] = xml_text(label)
        _write_item(ET.SubElement(edge_list, "edge", attrs), edge)
    ET.indent(root)
    out.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(root).write(out, encoding="UTF-8", xml_declaration=True)
    return [out]


def _declare(graph: ET.Element, kind: str, names: list[str]) -> None:
    block = ET.SubElement(graph, "attributes", {"class": kind, "mode": "static"})
    for name in names:
        ET.SubElement(block, "attribute", {"id": name, "title": name, "type": attribute_kind(name)})


def _write_item(element: ET.Element, item: Node | Edge) -> None:
    if item.attrs:
        values = ET.SubElement(element, "attvalues")
        for name, value in item.attrs.items():
            ET.SubElement(values, "attvalue", {"for": name, "value": xml_text(value)})
    if item.start or item.end:
        spell = ET.SubElement(ET.SubElement(element, "spells"), "spell")
        if item.start:
            spell.set("start", item.start)
        if item.end:
            spell.set("end", item.end)
