"""Export round trips: export, import into an empty graph, same tables."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import httpx
import openpyxl
import pandas as pd
import pytest

from graphsvc.core import Graphsvc
from graphsvc.io.tables import to_cells
from graphsvc.keys import create_key
from tests.api.apihelpers import Keys


def _cells(tables: dict[str, pd.DataFrame]) -> dict[str, list[dict[str, str]]]:
    return {
        name: sorted(to_cells(frame, name).to_dict("records"), key=lambda r: r["id"])
        for name, frame in tables.items()
    }


def _upload(fmt: str, content: bytes) -> list[tuple[str, tuple[str, bytes, str]]]:
    if fmt != "csv":
        return [("files", (f"graph.{fmt}", content, "application/octet-stream"))]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return [("files", (n, archive.read(n), "text/csv")) for n in archive.namelist()]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "graphml", "gexf", "json"])
def test_round_trip(client: httpx.Client, keys: Keys, core: Graphsvc, fmt: str) -> None:
    before = _cells(core.tables())
    exported = client.get(f"/exports/{fmt}", params={"personal_data": True},
                          headers=keys.headers("admin"))  # fmt: skip
    assert exported.status_code == 200, exported.text
    assert "attachment" in exported.headers["content-disposition"]
    if fmt == "xlsx":
        files = [("files", ("graph.xlsx", exported.content, "application/octet-stream"))]
    else:
        files = _upload(fmt, exported.content)
    core.reset()
    editor = {"Authorization": f"Bearer {create_key(core.store, 'editor')[1]}"}
    imported = client.post("/imports", files=files, headers=editor)
    assert imported.status_code == 200, imported.text
    assert _cells(core.tables()) == before


def test_filtered_export(client: httpx.Client, keys: Keys, tmp_path: Path) -> None:
    viewer = keys.headers("viewer")
    part = client.get("/exports/csv", params={"municipality": "DK-410"}, headers=viewer)
    with zipfile.ZipFile(io.BytesIO(part.content)) as archive:
        archive.extractall(tmp_path)
    actors = pd.read_csv(tmp_path / "actors.csv")
    assert set(actors["locality"]) == {"DK-410"}
    ties = pd.read_csv(tmp_path / "collaborations.csv")
    assert set(ties["source_id"]) | set(ties["target_id"]) <= set(actors["id"])
    later = client.get("/exports/json", params={"as_of": "2016-01-01"}, headers=viewer).json()
    tie_ids = {link["key"] for link in later["edges"]}
    assert "c-trygfonden-forening" not in tie_ids and "c-kommune-frivilligcenter" in tie_ids
    themed = client.get("/exports/json", params={"theme": "employment"}, headers=viewer).json()
    assert {n["id"] for n in themed["nodes"] if n["type"] == "project"} == {"frivillige-mentorer"}
    assert client.get("/exports/pdf", headers=viewer).status_code == 422


def test_formats_for_other_tools(client: httpx.Client, keys: Keys) -> None:
    """Each export format from the registry, with its media type and file name; Kumu's
    workbook has its Elements and Connections sheets."""
    viewer = keys.headers("viewer")
    expected = {
        "gexf": ("application/xml", "graphsvc.gexf"),
        "graphml": ("application/xml", "graphsvc.graphml"),
        "json": ("application/json", "graphsvc.json"),
        "kumu": (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "graphsvc-kumu.xlsx",
        ),
    }
    for fmt, (media, name) in expected.items():
        response = client.get(f"/exports/{fmt}", headers=viewer)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith(media)
        assert f'filename="{name}"' in response.headers["content-disposition"]
    kumu = client.get("/exports/kumu", headers=viewer)
    book = openpyxl.load_workbook(io.BytesIO(kumu.content))
    assert book.sheetnames == ["Elements", "Connections"]
    assert book["Elements"].max_row == 8 and book["Connections"].max_row == 9  # 7 + 8, headers
    schema = client.get("/openapi.json").json()["paths"]["/exports/{fmt}"]["get"]
    (fmt_param,) = [p for p in schema["parameters"] if p["name"] == "fmt"]
    assert set(fmt_param["schema"]["enum"]) == {"csv", "xlsx", "gexf", "graphml", "json", "kumu"}
