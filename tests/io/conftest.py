"""Fixtures of the file format tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphsvc.io.tables import Tables, read_tables


@pytest.fixture
def mini_tables(mini_dir: Path) -> Tables:
    """The small hand-made data set as the four validated tables."""
    return read_tables(mini_dir)
