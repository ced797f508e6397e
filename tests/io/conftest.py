"""Helpers for the file format tests: read a file the way the import does."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphsvc.io.formats import DEFAULT_LIMITS, format_for
from graphsvc.io.tables import RawTable, Tables, read_tables


def read_file(path: Path) -> dict[str, RawTable]:
    """The tables a file reads to, by role (``nodes``, ``edges``) or name."""
    return {
        table.role or table.name: table for table in format_for(path).read(path, DEFAULT_LIMITS)
    }


def by_id(table: RawTable) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in table.rows}


@pytest.fixture
def mini_tables(mini_dir: Path) -> Tables:
    """The small hand-made data set as the four validated tables."""
    return read_tables(mini_dir)
