"""What the graph formats share: node and edge lists, safe parsing, graphsvc's own layout.

Readers of graph files (GEXF, GraphML, node-link JSON, Gephi Lite, UCINET DL, edge
lists, Kumu) build their output with :class:`GraphTables`: one node list
(``role="nodes"``, columns ``id``, ``label`` and every attribute by its own name) and one
edge list (``role="edges"``, columns ``source``, ``target``, ``directed``, ``weight``,
``id``, ``label``, ``start``, ``end`` and every attribute). Writers get the four tables
as :func:`graph_items`: one node per actor and project (``type`` = ``actor`` or
``project``, ``label`` = the name) and one edge per participation or collaboration
(``tie`` = ``participation`` or ``collaboration``) with every other model field as an
attribute; the mapping (:mod:`graphsvc.io.mapping`) recognises that layout and maps it
back exactly, so every graph format graphsvc writes round-trips.

XML is parsed with :mod:`defusedxml` (no entity expansion, no external entities, no
network) and JSON with a depth check; every failure is one
:class:`~graphsvc.errors.ValidationError` naming the file and, where the parser knows
it, the line and column.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as safe_xml
import networkx as nx
from defusedxml import DefusedXmlException

from graphsvc.errors import Problem, ValidationError
from graphsvc.io.formats.common import EDGE_COLUMNS, NODE_COLUMNS, Limits
from graphsvc.io.tables import (
    BOOL_FIELDS,
    COLUMNS,
    LIST_SEPARATOR,
    TABLES,
    RawTable,
    Tables,
    cell_text,
)
from graphsvc.model import agreement_ties

NODE_TYPES = {"actors": "actor", "projects": "project"}
EDGE_TIES = {"participations": "participation", "collaborations": "collaboration"}
#: An agreement is written as its derived pairwise ties (graph formats have no hyperedges):
#: one edge per pair of parties, ``tie`` = ``agreement``, keyed ``<agreement id>~<a>~<b>``,
#: marked with ``agreement_id`` and carrying every field of the agreement, so that any
#: one of them gives the agreement back (:func:`graphsvc.io.mapping`).
AGREEMENT_TIE = "agreement"
AGREEMENT_ID = "agreement_id"
# The model's endpoint columns of each tie table, as (source, target).
EDGE_ENDS = {
    "participations": ("actor_id", "project_id"),
    "collaborations": ("source_id", "target_id"),
}
# Model fields that the graph formats carry in their own structures, not as attributes.
_NODE_STRUCTURE = {"id", "name", "start_date", "end_date"}
_EDGE_STRUCTURE = {"id", "directed", "weight", "start_date", "end_date"}
NUMBER_FIELDS = frozenset({"weight", "amount"})


def fail(path: Path | str, message: str, *, row: int | None = None, column: Any = None) -> None:
    """Raise the one error of a file that cannot be read (never returns)."""
    name = Path(path).name
    raise ValidationError(
        f"{name}: {message}",
        details=[
            Problem(message, file=name, row=row, column=None if column is None else str(column))
        ],
    )


def check_size(path: Path, limits: Limits) -> None:
    """Refuse files larger than the limit before reading them."""
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        fail(path, f"the file is {size:,} bytes; the limit is {limits.max_file_bytes:,}")


def read_text(path: Path, limits: Limits) -> str:
    """A text file as UTF-8 (a BOM is dropped), or one clear error."""
    check_size(path, limits)
    data = path.read_bytes()
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        fail(path, "the file contains NUL bytes (a binary file?)", row=line)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        fail(path, f"not UTF-8 text (byte {exc.start} on line {line}); save it as UTF-8", row=line)
        raise  # unreachable: fail() raises


def local(tag: Any) -> str:
    """An XML tag without its namespace: ``{http://gexf.net/1.3}node`` → ``node``."""
    return str(tag).rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def parse_xml(path: Path, limits: Limits) -> Element:
    """The root element of an XML file, parsed without entities or external references."""
    check_size(path, limits)
    try:
        root = safe_xml.parse(str(path), forbid_dtd=False).getroot()
    except DefusedXmlException as exc:
        fail(path, f"the XML declares entities or external references, refused for safety ({exc})")
    except ParseError as exc:
        line, column = getattr(exc, "position", (None, None))
        where = f" at line {line}, column {column}" if line else ""
        fail(path, f"not well-formed XML{where}: {_expat_reason(exc)}", row=line)
    return root


def _expat_reason(exc: ParseError) -> str:
    return str(exc).split(":", 1)[0]


def children(element: Element, name: str) -> Iterator[Element]:
    """Direct children with local tag ``name``, whatever their namespace."""
    return (child for child in element if local(child.tag) == name)


def child(element: Element, name: str) -> Element | None:
    return next(children(element, name), None)


def load_json(path: Path, limits: Limits) -> Any:
    """A JSON document, refused beyond ``limits.max_depth`` nesting."""
    text = read_text(path, limits)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        fail(
            path,
            f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
            row=exc.lineno,
        )
    except RecursionError:
        fail(path, f"the JSON is nested deeper than {limits.max_depth} levels")
    if _depth(data) > limits.max_depth:
        fail(path, f"the JSON is nested deeper than {limits.max_depth} levels")
    return data


def _depth(value: Any) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest


def text_of(value: Any) -> str:
    """An attribute value as a cell: lists ``;``-joined, booleans true/false, none empty."""
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, list | tuple) and any(isinstance(v, dict | list) for v in value):
        return json.dumps(value, ensure_ascii=False)
    return cell_text(value)


# ---------------------------------------------------------------- reading


@dataclass
class GraphTables:
    """Node and edge lists as a reader collects them, in file order.

    Parameters
    ----------
    file : str
        The file's name, for messages.
    limits : Limits
        Reading stops with a clear error past ``limits.max_rows`` nodes or edges.
    """

    file: str
    limits: Limits
    nodes: dict[str, dict[str, str]] = field(default_factory=dict)
    edges: list[dict[str, str]] = field(default_factory=list)
    node_rows: list[int] = field(default_factory=list)
    edge_rows: list[int] = field(default_factory=list)

    def node(
        self, node_id: Any, attributes: Mapping[str, Any] | None = None, *, row: int = 0
    ) -> None:
        """Add a node (or more attributes to one already added)."""
        key = text_of(node_id).strip()
        if not key:
            fail(self.file, "a node has no id", row=row or None)
        cells = self.nodes.get(key)
        if cells is None:
            if len(self.nodes) >= self.limits.max_rows:
                fail(self.file, f"more than {self.limits.max_rows:,} nodes")
            cells = self.nodes[key] = {"id": key}
            self.node_rows.append(row)
        for name, value in (attributes or {}).items():
            text = text_of(value)
            if text or name not in cells:
                cells[str(name)] = text

    def edge(
        self, source: Any, target: Any, attributes: Mapping[str, Any] | None = None, *, row: int = 0
    ) -> None:
        """Add an edge; its endpoints become nodes if they are not yet."""
        if len(self.edges) >= self.limits.max_rows:
            fail(self.file, f"more than {self.limits.max_rows:,} edges")
        cells = {"source": text_of(source).strip(), "target": text_of(target).strip()}
        for end in ("source", "target"):
            if not cells[end]:
                fail(self.file, f"an edge has no {end}", row=row or None)
            if cells[end] not in self.nodes:
                self.node(cells[end], row=row)
        for name, value in (attributes or {}).items():
            cells[str(name)] = text_of(value)
        self.edges.append(cells)
        self.edge_rows.append(row)

    def tables(self) -> list[RawTable]:
        """The node list and the edge list (the edge list only when there are edges).

        Raises
        ------
        ValidationError
            When a list has more columns (attributes) or cells than the limits allow.
        """
        out = [self._raw("nodes", NODE_COLUMNS, list(self.nodes.values()), self.node_rows)]
        if self.edges:
            first = ("source", "target", "directed", "weight", *EDGE_COLUMNS)
            out.append(self._raw("edges", first, self.edges, self.edge_rows))
        return out

    def _raw(
        self, role: str, first: tuple[str, ...], rows: list[dict[str, str]], numbers: list[int]
    ) -> RawTable:
        """Structural columns first (the dates last of them), then the attributes."""
        structural = dict.fromkeys(c for c in first if c not in ("start", "end"))
        rest: dict[str, None] = {}
        for row in rows:
            rest.update(dict.fromkeys(c for c in row if c not in structural))
        for late in ("start", "end"):
            if late in rest:
                del rest[late]
                structural[late] = None
        columns = [*structural, *rest]
        if len(columns) > self.limits.max_columns:
            limit = self.limits.max_columns
            fail(
                self.file,
                f"the {role[:-1]} list has {len(columns):,} columns; the limit is {limit:,}",
            )
        if len(columns) * len(rows) > self.limits.max_cells:
            fail(self.file, f"the {role[:-1]} list has more than {self.limits.max_cells:,} cells")
        return RawTable(
            role,
            f"{self.file}[{role}]",
            columns,
            [{c: row.get(c, "") for c in columns} for row in rows],
            role=role,
            row_numbers=numbers if all(numbers) and numbers else None,
        )


# ---------------------------------------------------------------- writing

_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: Any) -> str:
    """A value as XML attribute text; ValueError for characters XML cannot hold."""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if _XML_ILLEGAL.search(text):
        raise ValueError(f"{text!r} holds a control character that XML cannot store")
    return text


@dataclass
class Node:
    """A node to write: ``attrs`` holds typed values (str, bool, float), none left out."""

    id: str
    label: str
    start: str | None
    end: str | None
    attrs: dict[str, Any]


@dataclass
class Edge:
    """An edge to write; ``directed`` False for mutual ties (and every participation)."""

    id: str
    source: str
    target: str
    directed: bool
    weight: float | None
    start: str | None
    end: str | None
    attrs: dict[str, Any]


def _value(value: Any, column: str) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(map(str, value)) if value else None
    if column in BOOL_FIELDS:
        return bool(value)
    if column in NUMBER_FIELDS:
        return float(value)
    text = str(value)
    return text if text else None


def _date(value: Any) -> str | None:
    found = _value(value, "date")
    return None if found is None else str(found)[:10]


def graph_items(tables: Tables) -> tuple[list[Node], list[Edge]]:
    """The four tables as the nodes and edges every graph writer writes.

    Nodes carry ``type`` (actor or project) and every model field but id, name and dates
    as attributes; edges carry ``tie`` (participation or collaboration). Lists are
    ``;``-joined, empty values left out.
    """
    nodes: list[Node] = []
    for table, kind in NODE_TYPES.items():
        for record in tables[table].to_dict("records"):
            attrs: dict[str, Any] = {"type": kind}
            for column in COLUMNS[table]:
                if (
                    column not in _NODE_STRUCTURE
                    and (value := _value(record.get(column), column)) is not None
                ):
                    attrs[column] = value
            nodes.append(
                Node(
                    str(record["id"]),
                    str(record["name"]),
                    _date(record.get("start_date")),
                    _date(record.get("end_date")),
                    attrs,
                )
            )
    edges: list[Edge] = []
    for table, tie in EDGE_TIES.items():
        source, target = EDGE_ENDS[table]
        for record in tables[table].to_dict("records"):
            attrs = {"tie": tie}
            for column in COLUMNS[table]:
                if column in _EDGE_STRUCTURE or column in (source, target):
                    continue
                if (value := _value(record.get(column), column)) is not None:
                    attrs[column] = value
            weight = _value(record.get("weight"), "weight") if table == "collaborations" else None
            edges.append(
                Edge(
                    str(record["id"]),
                    str(record[source]),
                    str(record[target]),
                    bool(_value(record.get("directed"), "directed")),
                    weight,
                    _date(record.get("start_date")),
                    _date(record.get("end_date")),
                    attrs,
                )
            )
    edges.extend(_agreement_edges(tables))
    return nodes, edges


def _agreement_edges(tables: Tables) -> Iterator[Edge]:
    frame = tables.get("agreements")
    if frame is None:
        return
    for record in frame.to_dict("records"):
        attrs: dict[str, Any] = {"tie": AGREEMENT_TIE, AGREEMENT_ID: str(record["id"])}
        for column in COLUMNS["agreements"]:
            if column not in _EDGE_STRUCTURE and (value := _value(record.get(column), column)):
                attrs[column] = value
        for tie_id, a, b in agreement_ties(str(record["id"]), list(record["party_ids"])):
            yield Edge(
                tie_id,
                a,
                b,
                False,
                1.0,
                _date(record.get("start_date")),
                _date(record.get("end_date")),
                dict(attrs),
            )


def networkx_graph(tables: Tables, *, check_xml: bool = False) -> nx.MultiGraph:
    """The four tables as one networkx multigraph for the writers that go through networkx.

    Directed (a ``MultiDiGraph``) when any tie is, each edge keyed by its id and marked
    ``directed`` true or false (networkx knows no mixed graphs); ``label`` is the name;
    ``start``/``end`` the dates. ``check_xml`` refuses text XML cannot hold (ValueError).
    """
    nodes, edges = graph_items(tables)
    graph: nx.MultiGraph = nx.MultiDiGraph() if any(e.directed for e in edges) else nx.MultiGraph()
    for node in nodes:
        attrs = {"label": node.label, **node.attrs, **_dates(node.start, node.end)}
        if check_xml:
            for value in (node.id, *attrs.values()):
                xml_text(value)
        graph.add_node(node.id, **attrs)
    for edge in edges:
        attrs = {"directed": edge.directed, **edge.attrs, **_dates(edge.start, edge.end)}
        if edge.weight is not None:
            attrs["weight"] = edge.weight
        if check_xml:
            for value in (edge.id, *attrs.values()):
                xml_text(value)
        graph.add_edge(edge.source, edge.target, key=edge.id, **attrs)
    return graph


def _dates(start: str | None, end: str | None) -> dict[str, str]:
    return {name: value for name, value in (("start", start), ("end", end)) if value}


def attribute_kind(name: str) -> str:
    """``boolean``, ``double`` or ``string``: the type a model field is declared with."""
    if name in BOOL_FIELDS:
        return "boolean"
    if name in NUMBER_FIELDS:
        return "double"
    return "string"


def attribute_names(items: list[Node] | list[Edge]) -> list[str]:
    """Every attribute name the items use, in model order (``type``/``tie`` first)."""
    order = {"type": -3, "tie": -2, AGREEMENT_ID: -1}
    for table in TABLES:
        for position, column in enumerate(COLUMNS[table]):
            order.setdefault(column, position)
    names = {name for item in items for name in item.attrs}
    return sorted(names, key=lambda n: (order.get(n, 1000), n))
