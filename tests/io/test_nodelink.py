"""networkx node-link JSON (``edges`` and ``links``) and Gephi Lite's graphology JSON;
graphsvc's JSON loads with ``nx.node_link_graph(data)`` and the installed defaults."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from graphsvc.io.formats import nodelink
from graphsvc.io.tables import Tables
from tests.io.graphhelpers import by_id, read_file


@pytest.mark.parametrize("key", ["edges", "links"])
def test_networkx_davis_either_key(tmp_path: Path, key: str) -> None:
    path = tmp_path / "davis.json"
    data = nx.node_link_data(nx.davis_southern_women_graph(), edges=key)
    path.write_text(json.dumps(data), "utf-8")
    tables = read_file(path)
    assert (len(tables["nodes"].rows), len(tables["edges"].rows)) == (32, 89)
    assert Counter(r["bipartite"] for r in tables["nodes"].rows) == {"0": 18, "1": 14}
    assert {r["directed"] for r in tables["edges"].rows} == {"false"}


def test_networkx_multidigraph_keys_and_attributes(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node(1, label="Middelfart Kommune", kind="kommune", tags=["a", "b"])
    graph.add_node(2, name="Frivilligcenter")
    graph.add_edge(1, 2, key="bevilling", weight=2.5, år=2014)
    graph.add_edge(1, 2, key="netværk")
    path = tmp_path / "multi.json"
    path.write_text(json.dumps(nx.node_link_data(graph)), "utf-8")
    tables = read_file(path)
    nodes = by_id(tables["nodes"])
    assert nodes["1"]["label"] == "Middelfart Kommune" and nodes["1"]["tags"] == "a;b"
    assert nodes["2"]["name"] == "Frivilligcenter" and nodes["2"]["label"] == ""
    edges = [(r["id"], r["directed"], r["weight"], r["år"]) for r in tables["edges"].rows]
    assert edges == [("bevilling", "true", "2.5", "2014"), ("netværk", "true", "", "")]


GEPHI_LITE = {
    "attributes": {"title": "Partnerskaber"},
    "options": {"type": "mixed", "multi": True, "allowSelfLoops": True},
    "nodes": [
        {"key": "n1", "attributes": {"label": "Middelfart Kommune", "x": 1.5, "y": -2,
                                      "size": 10, "color": "#f00", "Sektor": "offentlig"}},
        {"key": "n2", "attributes": {"label": "Frivilligcenter", "Sektor": "civil"}},
        {"key": "n3"},
    ],
    "edges": [
        {"key": "e1", "source": "n1", "target": "n2", "attributes": {"weight": 3, "size": 2}},
        {"key": "e2", "source": "n1", "target": "n2", "undirected": True,
         "attributes": {"label": "netværk"}},
        {"source": "n2", "target": "n3"},
    ],
}  # fmt: skip


def test_gephi_lite_graphology(tmp_path: Path) -> None:
    path = tmp_path / "gephi-lite.json"
    path.write_text(json.dumps(GEPHI_LITE), "utf-8")
    tables = read_file(path)
    nodes = by_id(tables["nodes"])
    assert {k: (v["label"], v["Sektor"]) for k, v in nodes.items()} == {
        "n1": ("Middelfart Kommune", "offentlig"),
        "n2": ("Frivilligcenter", "civil"),
        "n3": ("", ""),
    }
    assert not {"x", "y", "size", "color"} & set(tables["nodes"].columns)  # layout dropped
    edges = [(r["id"], r["directed"], r["weight"], r["label"]) for r in tables["edges"].rows]
    assert edges == [
        ("e1", "true", "3", ""),
        ("e2", "false", "", "netværk"),  # parallel and undirected in a mixed graph
        ("", "true", "", ""),
    ]


def test_gephi_lite_undirected_graph(tmp_path: Path) -> None:
    data = {**GEPHI_LITE, "options": {"type": "undirected", "multi": True}}
    path = tmp_path / "u.json"
    path.write_text(json.dumps(data), "utf-8")
    assert {r["directed"] for r in read_file(path)["edges"].rows} == {"false"}


def test_export_loads_with_networkx_defaults(mini_tables: Tables, tmp_path: Path) -> None:
    (path,) = nodelink.write(mini_tables, tmp_path / "kort.json")
    data = json.loads(path.read_text("utf-8"))
    assert "edges" in data and "links" not in data  # networkx 3.6's default key
    graph = nx.node_link_graph(data)  # the defaults, nothing else
    assert graph.is_directed() and graph.is_multigraph()
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (7, 8)
    assert graph.nodes["trygfonden"]["label"] == "TrygFonden"
    assert graph.nodes["legepatruljen"]["start"] == "2008-01-01"
    tie = graph.edges["trygfonden", "aeblehaven-forening", "c-trygfonden-forening"]
    assert (tie["directed"], tie["tie"], tie["kind"]) == (True, "collaboration", "funding")
    assert (tie["start"], tie["end"]) == ("2008-01-01", "2014-12-31")
