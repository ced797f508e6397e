"""GEXF: files networkx and Gephi write (1.1draft, 1.2draft, 1.3) read as node and edge lists;
graphsvc's GEXF opens as Gephi users expect (labels are names, mixed directedness, spells)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from xml.etree import ElementTree as ET

import networkx as nx
import pytest

from graphsvc.io.formats import gexf
from graphsvc.io.tables import Tables
from tests.io.graphhelpers import by_id, read_file


def test_networkx_two_mode_davis(tmp_path: Path) -> None:
    """Davis' southern women (networkx): 18 women, 14 events, 89 ties, ``bipartite`` kept."""
    path = tmp_path / "davis.gexf"
    nx.write_gexf(nx.davis_southern_women_graph(), path)
    tables = read_file(path)
    nodes, edges = tables["nodes"], tables["edges"]
    assert (len(nodes.rows), len(edges.rows)) == (32, 89)
    assert Counter(row["bipartite"] for row in nodes.rows) == {"0": 18, "1": 14}
    assert by_id(nodes)["Evelyn Jefferson"]["label"] == "Evelyn Jefferson"
    assert {row["directed"] for row in edges.rows} == {"false"}
    assert ("Evelyn Jefferson", "E1") in {(r["source"], r["target"]) for r in edges.rows}
    assert nodes.columns[:2] == ["id", "label"] and nodes.role == "nodes"
    assert edges.columns[:4] == ["source", "target", "directed", "weight"]


def test_networkx_weighted_karate(tmp_path: Path) -> None:
    graph = nx.karate_club_graph()
    path = tmp_path / "karate.gexf"
    nx.write_gexf(graph, path)
    nodes, edges = read_file(path)["nodes"], read_file(path)["edges"]
    assert (len(nodes.rows), len(edges.rows)) == (34, 78)
    assert Counter(row["club"] for row in nodes.rows) == Counter(
        club for _n, club in graph.nodes(data="club")
    )
    weights = {(int(r["source"]), int(r["target"])): float(r["weight"]) for r in edges.rows}
    assert weights == {(u, v): float(w) for u, v, w in graph.edges(data="weight")}


def test_networkx_dynamic_start_end(tmp_path: Path) -> None:
    graph = nx.Graph(mode="dynamic")
    graph.add_node("a", start="2014", end="2016")
    graph.add_node("b", start="2015")
    graph.add_edge("a", "b", start="2015", end="2016")
    path = tmp_path / "dyn.gexf"
    nx.write_gexf(graph, path)
    tables = read_file(path)
    nodes = by_id(tables["nodes"])
    assert (nodes["a"]["start"], nodes["a"]["end"]) == ("2014", "2016")  # the year stays a year
    assert (nodes["b"]["start"], nodes["b"]["end"]) == ("2015", "")
    assert (tables["edges"].rows[0]["start"], tables["edges"].rows[0]["end"]) == ("2015", "2016")


GEXF_11_NO_NAMESPACE = """<?xml version="1.0" encoding="UTF-8"?>
<gexf version="1.1">
  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">
    <attributes class="node" mode="static">
      <attribute id="0" title="Kommune" type="string"><default>Middelfart</default></attribute>
      <attribute id="1" title="Antal ansatte" type="integer"/>
    </attributes>
    <nodes>
      <node id="n1" label="Middelfart Kommune">
        <attvalues><attvalue for="1" value="4200"/></attvalues>
        <slices><slice start="2010-01-01" end="2012-12-31"/><slice start="2014-01-01"
          end="2016-06-30"/></slices>
      </node>
      <node id="n2" label="Frivilligcenter">
        <attvalues><attvalue for="0" value="Nyborg"/></attvalues>
      </node>
    </nodes>
    <edges>
      <edge id="e1" source="n1" target="n2" weight="2.5"/>
    </edges>
  </graph>
</gexf>
"""


def test_gexf_11_without_namespace_networkx_refuses(tmp_path: Path) -> None:
    """A 1.1 file in no namespace: networkx finds no <graph>; the reader is namespace-agnostic."""
    path = tmp_path / "old.gexf"
    path.write_text(GEXF_11_NO_NAMESPACE, "utf-8")
    with pytest.raises(nx.NetworkXError, match="No <graph> element"):
        nx.read_gexf(path)
    tables = read_file(path)
    nodes = by_id(tables["nodes"])
    assert nodes["n1"]["Antal ansatte"] == "4200"
    assert nodes["n1"]["Kommune"] == "Middelfart"  # the declared default
    assert nodes["n2"]["Kommune"] == "Nyborg"
    assert (nodes["n1"]["start"], nodes["n1"]["end"]) == ("2010-01-01", "2016-06-30")
    assert nodes["n2"]["start"] == "" and nodes["n2"]["end"] == ""
    (edge,) = tables["edges"].rows
    assert (edge["directed"], edge["weight"], edge["id"]) == ("true", "2.5", "e1")


GEXF_12_MIXED_SPELLS = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz"
      version="1.2">
  <graph defaultedgetype="undirected" mode="dynamic" timeformat="date">
    <attributes class="node" mode="dynamic">
      <attribute id="sector" title="Sektor" type="string"/>
    </attributes>
    <attributes class="edge" mode="static">
      <attribute id="k" title="Samarbejde" type="string"/>
    </attributes>
    <nodes>
      <node id="a" label="Aktør A">
        <attvalues>
          <attvalue for="sector" value="offentlig" start="2010"/>
          <attvalue for="sector" value="privat" start="2015"/>
        </attvalues>
        <spells><spell start="2014" end="2015"/><spell start="2012" end="2013"/></spells>
        <viz:color r="10" g="20" b="30"/><viz:position x="1.0" y="2.0"/>
      </node>
      <node id="b" label="Aktør B">
        <spells><spell start="2013"/><spell start="2011" end="2012"/></spells>
      </node>
      <node id="c" label="Aktør C"/>
    </nodes>
    <edges>
      <edge id="0" source="a" target="b" type="directed" weight="3">
        <attvalues><attvalue for="k" value="bevilling"/></attvalues>
      </edge>
      <edge id="1" source="b" target="c"/>
      <edge id="2" source="b" target="c" type="mutual" label="parallel"/>
    </edges>
  </graph>
</gexf>
"""


def test_gexf_12_mixed_graph_spells_dynamic_values(tmp_path: Path) -> None:
    path = tmp_path / "mixed.gexf"
    path.write_text(GEXF_12_MIXED_SPELLS, "utf-8")
    tables = read_file(path)
    nodes = by_id(tables["nodes"])
    assert nodes["a"]["label"] == "Aktør A"
    assert (nodes["a"]["start"], nodes["a"]["end"]) == ("2012", "2015")  # earliest, latest
    assert (nodes["b"]["start"], nodes["b"]["end"]) == ("2011", "")  # open-ended spell
    assert nodes["a"]["Sektor"] == "privat"  # the latest value of a dynamic attribute
    assert not {"r", "x", "color", "position"} & set(tables["nodes"].columns)  # viz ignored
    edges = tables["edges"].rows
    assert [(e["source"], e["target"], e["directed"]) for e in edges] == [
        ("a", "b", "true"),
        ("b", "c", "false"),
        ("b", "c", "false"),  # parallel edges kept; "mutual" is not directed
    ]
    assert (edges[0]["weight"], edges[0]["Samarbejde"], edges[2]["label"]) == (
        "3",
        "bevilling",
        "parallel",
    )


GEXF_13_DATES = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">
    <nodes>
      <node id="1" label="Fonden" start="2008-01-01" end="2014-12-31"/>
      <node id="2" label="Foreningen"><nodes><node id="3" label="Underafdeling"/></nodes></node>
    </nodes>
    <edges>
      <edge source="1" target="2" kind="bevilling" start="2009-03-01"/>
      <edge source="1" target="2" kind="rådgivning" type="undirected"/>
      <edge source="2" target="3"/>
    </edges>
  </graph>
</gexf>
"""


def test_gexf_13_dates_kinds_and_nested_nodes(tmp_path: Path) -> None:
    path = tmp_path / "v13.gexf"
    path.write_text(GEXF_13_DATES, "utf-8")
    tables = read_file(path)
    nodes = by_id(tables["nodes"])
    assert set(nodes) == {"1", "2", "3"}  # the nested node too
    assert (nodes["1"]["start"], nodes["1"]["end"]) == ("2008-01-01", "2014-12-31")
    edges = tables["edges"].rows
    assert [(e["kind"], e["directed"], e["start"]) for e in edges] == [
        ("bevilling", "true", "2009-03-01"),
        ("rådgivning", "false", ""),
        ("", "true", ""),
    ]


# ---------------------------------------------------------------- writing


def _tree(path: Path) -> ET.Element:
    return ET.parse(path).getroot()


def _find(element: ET.Element, path: str) -> list[ET.Element]:
    return element.findall(path, {"g": gexf.NAMESPACE})


def test_export_is_what_gephi_users_expect(mini_tables: Tables, tmp_path: Path) -> None:
    (path,) = gexf.write(mini_tables, tmp_path / "kort.gexf")
    root = _tree(path)
    assert root.get("version") == "1.3"
    (graph,) = _find(root, "g:graph")
    # 5 participations and 1 mutual collaboration undirected, 2 directed: a mixed graph.
    assert graph.get("defaultedgetype") == "undirected"
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    nodes = {n.get("id"): n for n in _find(graph, "g:nodes/g:node")}
    assert nodes["trygfonden"].get("label") == "TrygFonden"  # the name, not the slug
    assert nodes["aeblehaven-forening"].get("label") == 'Æblehavens "Gamle" Boldklub – Ærø'
    declared = {
        a.get("id"): a.get("type") for a in _find(graph, "g:attributes[@class='node']/g:attribute")
    }
    assert declared["kind"] == "string" and declared["is_person"] == "boolean"
    assert {"type", "sector", "locality"} <= set(declared)
    values = {
        v.get("for"): v.get("value") for v in _find(nodes["middelfart-kommune"], "g:attvalues/")
    }
    assert values == {
        "type": "actor",
        "kind": "municipality",
        "sector": "public",
        "scale": "municipal",
        "locality": "DK-410",
        "website": "https://www.middelfart.dk",
        "tags": "kommune;jobcenter",
        "is_person": "false",
        "consent_to_publish": "false",
        "sources": "test:mini",
        "evidence": "documented",
    }
    (spell,) = _find(nodes["legepatruljen"], "g:spells/g:spell")
    assert (spell.get("start"), spell.get("end")) == ("2008-01-01", "2014-12-31")
    edges = {e.get("id"): e for e in _find(graph, "g:edges/g:edge")}
    assert len(edges) == 8
    assert edges["c-kommune-frivilligcenter"].get("type") == "undirected"
    assert edges["c-kommune-frivilligcenter"].get("weight") == "2.0"
    assert edges["c-trygfonden-forening"].get("type") == "directed"
    assert edges["p-legepatruljen-trygfonden"].get("type") == "undirected"
    (spell,) = _find(edges["c-kommune-frivilligcenter"], "g:spells/g:spell")
    assert (spell.get("start"), spell.get("end")) == ("2010-01-01", None)


def test_networkx_reads_an_export_without_directed_ties(
    mini_tables: Tables, tmp_path: Path
) -> None:
    """networkx knows no mixed graphs; an export whose ties are all mutual it reads as is."""
    collaborations = mini_tables["collaborations"]
    mini_tables["collaborations"] = collaborations[~collaborations["directed"]]
    (path,) = gexf.write(mini_tables, tmp_path / "kort.gexf")
    graph = nx.read_gexf(path)
    assert not graph.is_directed() and graph.number_of_edges() == 6
    assert graph.nodes["trygfonden"]["label"] == "TrygFonden"
    assert graph.nodes["trygfonden"]["sector"] == "philanthropic"
    assert graph.nodes["legepatruljen"]["spells"] == [("2008-01-01", "2014-12-31")]
    assert graph.edges["middelfart-kommune", "frivilligcenter-middelfart"]["weight"] == 2.0
