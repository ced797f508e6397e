"""Kumu workbooks: an *Elements* sheet and a *Connections* sheet (reader and writer).

Kumu imports a workbook whose *Elements* sheet has a ``Label`` (required), usually
``Type``, ``Description`` and ``Tags`` (several values separated by ``|``) and any free
fields, and whose *Connections* sheet has ``From`` and ``To`` (element labels, or IDs
where labels repeat), optionally ``Type``, ``Direction`` (directed, undirected, mutual),
``Strength`` and free fields; sheets whose name contains ``(ignore)`` are skipped.

The reader reads the workbook with the XLSX reader (:mod:`graphsvc.io.formats.xlsx`: its
limits, merged cells, ``(ignore)`` sheets) and marks *Elements* as the node list and
*Connections* as the edge list; the columns keep Kumu's names (``Tags`` stays ``Tags``,
its ``|`` for the mapping to split). Every ``.xlsx`` file passes through here: a workbook
without those sheets comes back exactly as the XLSX reader read it.

The writer writes such a workbook: an element per actor and project (``Type`` actor or
project, ``ID`` the graphsvc id, every other field a free field) and a connection per
participation (``Type`` the role) and collaboration (``Type`` its kind, ``Direction``,
``Strength`` its weight), so a map moves to Kumu and back with what Kumu holds.

References
----------
.. [1] Kumu, "Importing data", https://docs.kumu.io/guides/import
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl

from graphsvc.io.formats import xlsx as workbook_format
from graphsvc.io.formats.common import DEFAULT_LIMITS, Limits
from graphsvc.io.formats.graphs import graph_items
from graphsvc.io.tables import RawTable, Tables

NAME = "kumu"
SUFFIXES = (".xlsx",)
DESCRIPTION = "Kumu workbook (Elements and Connections sheets)"
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

ROLES = {"elements": "nodes", "connections": "edges"}
SEPARATOR = "|"
# Fields Kumu itself gives a meaning; every other field is a free field under its own name.
_ELEMENT_CORE = ("Label", "Type", "Description", "Tags", "ID")
_CONNECTION_CORE = ("From", "To", "Type", "Direction", "Strength", "Description", "ID")


def read(path: Path, limits: Limits = DEFAULT_LIMITS) -> list[RawTable]:
    """The sheets of a workbook; a Kumu workbook's Elements and Connections get their roles.

    Parameters
    ----------
    path : Path
        An ``.xlsx`` workbook.
    limits : Limits, optional
        What the workbook may hold and unpack to.

    Returns
    -------
    list of RawTable
        The XLSX reader's sheets; ``Elements`` with ``role="nodes"`` and ``Connections``
        with ``role="edges"`` (names compared without case and spaces).

    Raises
    ------
    ValidationError
        As the XLSX reader does, naming the file and sheet.

    Examples
    --------
    >>> elements, connections = read(Path("kumu.xlsx"))  # doctest: +SKIP
    >>> elements.role, connections.role                  # doctest: +SKIP
    ('nodes', 'edges')
    """
    tables = workbook_format.read(path, limits)
    for table in tables:
        table.role = ROLES.get(table.name.strip().lower(), table.role)
    return tables


def write(tables: Tables, out: Path) -> list[Path]:
    """Write the four tables as a Kumu workbook.

    Parameters
    ----------
    tables : Tables
        The four tables.
    out : Path
        The ``.xlsx`` file to write.

    Returns
    -------
    list of Path
        ``[out]``.
    """
    nodes, edges = graph_items(tables)
    labels = Counter(node.label for node in nodes)
    # Kumu matches From/To by label; a label two elements share is given by ID instead.
    reference = {node.id: node.label if labels[node.label] == 1 else node.id for node in nodes}
    elements = [
        {
            "Label": node.label,
            "Type": node.attrs.get("type"),
            "Description": node.attrs.get("description"),
            "Tags": _joined(node.attrs.get("tags")),
            "ID": node.id,
            **{
                k: _joined(v)
                for k, v in node.attrs.items()
                if k not in ("type", "description", "tags")
            },
            **_dates(node.start, node.end),
        }
        for node in nodes
    ]
    connections = []
    for edge in edges:
        kind = (
            edge.attrs.get("kind")
            if edge.attrs.get("tie") in ("collaboration", "agreement")
            else edge.attrs.get("role")
        )
        connections.append(
            {
                "From": reference.get(edge.source, edge.source),
                "To": reference.get(edge.target, edge.target),
                "Type": kind,
                "Direction": "directed" if edge.directed else "undirected",
                "Strength": edge.weight,
                "Description": edge.attrs.get("description"),
                "ID": edge.id,
                **{
                    k: _joined(v)
                    for k, v in edge.attrs.items()
                    if k not in ("tie", "kind", "role", "description")
                },
                **_dates(edge.start, edge.end),
            }
        )
    book = openpyxl.Workbook()
    _sheet(book.active, "Elements", _ELEMENT_CORE, elements)
    _sheet(book.create_sheet(), "Connections", _CONNECTION_CORE, connections)
    workbook_format.no_formulas(book)
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return [out]


def _joined(value: Any) -> Any:
    """graphsvc's ``;`` lists as Kumu's ``|`` multi-values."""
    return SEPARATOR.join(value.split(";")) if isinstance(value, str) and ";" in value else value


def _dates(start: str | None, end: str | None) -> dict[str, str]:
    return {k: v for k, v in (("start_date", start), ("end_date", end)) if v}


def _sheet(sheet: Any, title: str, core: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    sheet.title = title
    columns = list(dict.fromkeys([*core, *(k for row in rows for k in row)]))
    sheet.append(columns)
    for row in rows:
        sheet.append([_cell(row.get(column)) for column in columns])


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
