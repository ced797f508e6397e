"""graphsvc's own graph exports read and map back to the same four tables (without the
database); the registry gives each suffix its reader and the export formats to the CLI and
the API."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphsvc.errors import ValidationError
from graphsvc.io.exporter import export, export_formats
from graphsvc.io.formats import DEFAULT_LIMITS, format_for, readable_suffixes
from graphsvc.io.mapping import map_tables, resolve_mapping
from graphsvc.io.tables import Tables, to_cells, validate


def _cells(tables: Tables) -> dict[str, list[dict[str, str]]]:
    return {
        name: sorted(to_cells(frame, name).to_dict("records"), key=lambda r: r["id"])
        for name, frame in tables.items()
    }


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "json"])
def test_export_reads_back_to_the_same_tables(
    mini_tables: Tables, tmp_path: Path, fmt: str
) -> None:
    (path,) = export(mini_tables, fmt, tmp_path / f"kort.{fmt}")
    raw = format_for(path).read(path, DEFAULT_LIMITS)
    assert [t.role for t in raw] == ["nodes", "edges"]
    mapped = map_tables(raw, resolve_mapping(raw, None))
    assert mapped.problems == []
    assert [sheet.shape for sheet in mapped.mapping.sheets] == ["graphsvc-nodes", "graphsvc-edges"]
    assert _cells(validate(mapped.tables).to_frames()) == _cells(mini_tables)


def test_registry() -> None:
    assert {".gexf", ".graphml", ".json", ".dl", ".edgelist", ".txt"} <= set(readable_suffixes())
    assert len(readable_suffixes()) == len(set(readable_suffixes()))
    assert format_for(Path("KORT.GEXF")).NAME == "gexf"
    assert format_for(Path("x.json")).NAME == "json"  # reads Gephi Lite's JSON too
    assert {"csv", "xlsx", "gexf", "graphml", "json"} <= set(export_formats())
    with pytest.raises(ValidationError, match=r"kort.pdf: unsupported file type"):
        format_for(Path("kort.pdf"))
