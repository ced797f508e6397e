"""Exports: every format round-trips through an empty graph without loss."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
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
    graphsvc.export(fmt, out)
    graphsvc.reset()
    report = graphsvc.import_paths([out])
    assert report.created == {"actors": 5, "projects": 2, "participations": 5, "collaborations": 3}
    after = graphsvc.tables()
    for table in before:
        assert before[table].equals(after[table]), f"{fmt}: {table} differs"


def test_json_is_networkx_node_link(graphsvc: Graphsvc, mini_dir: Path, tmp_path: Path) -> None:
    graphsvc.import_paths([mini_dir])
    out = tmp_path / "g.json"
    graphsvc.export("json", out)
    data = json.loads(out.read_text("utf-8"))
    nodes = {node["id"]: node for node in data["nodes"]}
    assert nodes["trygfonden"]["type"] == "actor" and nodes["trygfonden"]["name"] == "TrygFonden"
    assert nodes["legepatruljen"]["type"] == "project"
    ties = {(link["source"], link["target"], link["tie"]) for link in data["links"]}
    assert ("trygfonden", "legepatruljen", "participation") in ties
    assert ("middelfart-kommune", "frivilligcenter-middelfart", "collaboration") in ties
    assert len(data["links"]) == 8


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
