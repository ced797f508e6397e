"""Reading the whole graph out of the store, and writing it as CSV, XLSX, GraphML, GEXF or JSON.

The graph formats carry one node per actor and per project (``type`` = ``actor`` or
``project``) and one edge per participation or collaboration (``tie`` =
``participation`` or ``collaboration``; GEXF reserves ``type`` on edges), with every
model field as an attribute. GraphML and GEXF cannot hold lists or empty values, so
lists are ``;``-joined and empty values left out; :func:`read_graph` reverses that,
so every format round-trips.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from graphsvc.errors import Problem, ValidationError
from graphsvc.io.formats import csv as csv_format
from graphsvc.io.formats import xlsx as xlsx_format
from graphsvc.io.importer import ENDPOINTS, FINGERPRINT
from graphsvc.io.tables import (
    COLUMNS,
    LIST_FIELDS,
    LIST_SEPARATOR,
    TABLES,
    RawTable,
    Tables,
    cell_text,
)
from graphsvc.store import Store

FORMATS = ("csv", "xlsx", "graphml", "gexf", "json")
NODE_TABLES = {"actors": "actor", "projects": "project"}
EDGE_TABLES = {"participations": "participation", "collaborations": "collaboration"}
EDGE_ENDS = {
    "participations": ("actor_id", "project_id"),
    "collaborations": ("source_id", "target_id"),
}


def read_store(store: Store) -> Tables:
    """Every item of the store as the four tables, validated through the model."""
    frames: Tables = {}
    for table, model in TABLES.items():
        rows = []
        for row in store.run(f"{table}/list_{table}"):
            data = {k: v for k, v in row["props"].items() if k != FINGERPRINT}
            for end in ENDPOINTS[table]:
                data[end] = row[end]
            rows.append(model.model_validate(data).model_dump(mode="json"))
        frames[table] = pd.DataFrame(rows, columns=COLUMNS[table])
    return frames


def to_graph(tables: Tables, *, flat: bool = False) -> nx.MultiDiGraph:
    """All items as one multigraph; ``flat`` joins lists and drops empty values (GraphML, GEXF)."""
    graph = nx.MultiDiGraph()
    for table, kind in NODE_TABLES.items():
        for record in tables[table].to_dict("records"):
            graph.add_node(record["id"], type=kind, **_attributes(record, flat))
    for table, kind in EDGE_TABLES.items():
        source, target = EDGE_ENDS[table]
        for record in tables[table].to_dict("records"):
            attrs = _attributes(record, flat)
            attrs.pop(source, None)
            attrs.pop(target, None)
            graph.add_edge(record[source], record[target], key=record["id"], tie=kind, **attrs)
    return graph


def _attributes(record: dict[Any, Any], flat: bool) -> dict[str, Any]:
    if not flat:
        return {k: _none_if_nan(v) for k, v in record.items()}
    attrs = {}
    for key, value in record.items():
        value = _none_if_nan(value)
        if value is None or value == []:
            continue
        attrs[key] = LIST_SEPARATOR.join(value) if key in LIST_FIELDS else value
    return attrs


def _none_if_nan(value: Any) -> Any:
    return None if isinstance(value, float) and value != value else value


def export(tables: Tables, fmt: str, out: Path) -> list[Path]:
    """Write the tables in one of ``FORMATS``; returns the files written."""
    writers: dict[str, Callable[[], list[Path]]] = {
        "csv": lambda: csv_format.write(tables, out),
        "xlsx": lambda: xlsx_format.write(tables, out),
        "graphml": lambda: [_write_with(nx.write_graphml, tables, out)],
        "gexf": lambda: [_write_with(nx.write_gexf, tables, out)],
        "json": lambda: [_write_json(tables, out)],
    }
    if fmt not in writers:
        raise ValidationError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return writers[fmt]()


def _write_with(writer: Callable[..., None], tables: Tables, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    writer(to_graph(tables, flat=True), out)
    return out


def _write_json(tables: Tables, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    data = nx.node_link_data(to_graph(tables), edges="links")
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return out


def read_graph(path: Path) -> list[RawTable]:
    """Read a GraphML, GEXF or node-link JSON file written by :func:`export` as raw tables."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".graphml":
            graph = nx.read_graphml(path, force_multigraph=True)
        elif suffix == ".gexf":
            graph = nx.read_gexf(path)
        elif suffix == ".json":
            data = json.loads(path.read_text("utf-8"))
            graph = nx.node_link_graph(data, directed=True, multigraph=True, edges="links")
        else:
            raise ValidationError(f"{path.name}: not a GraphML, GEXF or JSON file")
    except (ValueError, KeyError, nx.NetworkXError) as exc:
        raise ValidationError(
            f"{path.name}: cannot read the graph",
            details=[Problem(str(exc), file=path.name)],
        ) from exc
    rows: dict[str, list[dict[str, str]]] = {table: [] for table in TABLES}
    for node, attrs in graph.nodes(data=True):
        table = {"actor": "actors", "project": "projects"}.get(attrs.get("type", ""))
        if table is None:
            raise ValidationError(
                f"{path.name}: node {node!r} has no type actor or project",
                details=[Problem("every node needs type=actor|project", file=path.name)],
            )
        rows[table].append(_cells({**attrs, "id": str(node)}, table))
    for source, target, attrs in graph.edges(data=True):
        table = {"participation": "participations", "collaboration": "collaborations"}.get(
            attrs.get("tie", "")
        )
        if table is None:
            raise ValidationError(
                f"{path.name}: tie {source!r}->{target!r} has no tie participation or collaboration"
            )
        start, end = EDGE_ENDS[table]
        rows[table].append(_cells({**attrs, start: str(source), end: str(target)}, table))
    return [
        RawTable(table, f"{path.name}[{table}]", COLUMNS[table], table_rows)
        for table, table_rows in rows.items()
        if table_rows
    ]


def _cells(attrs: dict[str, Any], table: str) -> dict[str, str]:
    return {column: cell_text(attrs.get(column), column) for column in COLUMNS[table]}
