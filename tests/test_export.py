"""Exports: every format round-trips through an empty graph without loss."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import openpyxl
import pytest

from graphsvc.core import Graphsvc
from graphsvc.errors import ValidationError


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("csv", "csv"),
        ("xlsx", "g.xlsx"),
        ("graphml", "g.graphml"),
        ("gexf", "g.gexf"),
        ("json", "g.json"),
    ],
)
def test_round_trip_is_lossless(
    graphsvc: Graphsvc, mini_dir: Path, tmp_path: Path, fmt: str, name: str
) -> None:
    graphsvc.import_paths([mini_dir])
    before = graphsvc.tables()
    out = tmp_path / name
    graphsvc.export(fmt, out, personal_data=True)  # a full copy, as an admin's
    graphsvc.reset()
    report = graphsvc.import_paths([out])
    assert report.created == {
        "actors": 5,
        "projects": 2,
        "participations": 5,
        "collaborations": 3,
        "agreements": 0,
    }
    after = graphsvc.tables()
    for table in before:
        assert before[table].equals(after[table]), f"{fmt}: {table} differs"


def test_export_pseudonymises_by_default(
    graphsvc: Graphsvc, mini_dir: Path, tmp_path: Path
) -> None:
    """Reproduces #11: the CLI's export wrote real names of hidden persons by default."""
    graphsvc.import_paths([mini_dir])
    (out,) = graphsvc.export("json", tmp_path / "g.json")
    text = out.read_text("utf-8")
    assert "Mette Jensen" not in text and "mette-jensen" not in text
    assert "Mentorkoordinator" not in text  # her description goes too
    masked = graphsvc.public_id("mette-jensen")
    nodes = {node["id"]: node for node in json.loads(text)["nodes"]}
    assert nodes[masked]["label"].startswith("Person ") and nodes[masked]["is_person"]
    # ties keep their ends, under her masked id; a re-import is consistent
    assert {link["source"] for link in json.loads(text)["edges"]} >= {masked}
    graphsvc.reset()
    assert graphsvc.import_paths([out]).created["actors"] == 5


def test_json_is_networkx_node_link(graphsvc: Graphsvc, mini_dir: Path, tmp_path: Path) -> None:
    graphsvc.import_paths([mini_dir])
    out = tmp_path / "g.json"
    graphsvc.export("json", out)
    data = json.loads(out.read_text("utf-8"))
    nodes = {node["id"]: node for node in data["nodes"]}
    assert nodes["trygfonden"]["type"] == "actor" and nodes["trygfonden"]["label"] == "TrygFonden"
    assert nodes["legepatruljen"]["type"] == "project"
    ties = {(link["source"], link["target"], link["tie"]) for link in data["edges"]}
    assert ("trygfonden", "legepatruljen", "participation") in ties
    assert ("middelfart-kommune", "frivilligcenter-middelfart", "collaboration") in ties
    assert len(data["edges"]) == 8


def test_graphml_opens_in_networkx_with_flat_attributes(
    graphsvc: Graphsvc, mini_dir: Path, tmp_path: Path
) -> None:
    graphsvc.import_paths([mini_dir])
    out = tmp_path / "g.graphml"
    graphsvc.export("graphml", out)
    graph = nx.read_graphml(out)
    assert graph.number_of_nodes() == 7
    assert graph.nodes["middelfart-kommune"]["tags"] == "kommune;jobcenter"
    assert graph.nodes["legepatruljen"]["localities"] == "DK-410;DK-492"


def test_unknown_format(graphsvc: Graphsvc, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="unknown export format 'pdf'"):
        graphsvc.export("pdf", tmp_path / "x.pdf")


def test_xlsx_cells_are_never_formulas(graphsvc: Graphsvc, mini_dir: Path, tmp_path: Path) -> None:
    """A name starting with "=" is data: stored as text, read back unchanged."""
    graphsvc.import_paths([mini_dir])
    graphsvc.create_item(
        "actors",
        {"id": "formula", "name": '=HYPERLINK("http://x","y")', "kind": "association",
         "sector": "civil_society", "scale": "local"},
    )  # fmt: skip
    (path,) = graphsvc.export("xlsx", tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(path)["actors"]
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[header.index("id")].value == "formula")
    cell = row[header.index("name")]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x","y")', "s")
    graphsvc.reset()
    graphsvc.import_paths([path])
    assert graphsvc.get_item("actors", "formula")["name"] == '=HYPERLINK("http://x","y")'  # type: ignore[index]
