"""Helpers for the graph format tests: read a file the way the import does."""

from __future__ import annotations

from pathlib import Path

from graphsvc.io.formats import DEFAULT_LIMITS, format_for
from graphsvc.io.tables import RawTable


def read_file(path: Path) -> dict[str, RawTable]:
    """The tables a file reads to, by role (``nodes``, ``edges``) or name."""
    tables = format_for(path).read(path, DEFAULT_LIMITS)
    return {table.role or table.name: table for table in tables}


def by_id(table: RawTable) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in table.rows}


def billion_laughs(root: str) -> str:
    """The XML entity bomb: ten levels of ten references, a thousand million "lol"s."""
    entities = "".join(f' <!ENTITY l{i} "{f"&l{i - 1};" * 10}">\n' for i in range(1, 10))
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE {root} [\n <!ENTITY l0 "lol">\n{entities}]>\n'
        f'<{root}><graph><nodes><node id="a" label="&l9;"/></nodes></graph></{root}>\n'
    )
