"""GraphML from networkx, igraph, Gephi and yEd read as node and edge lists; graphsvc's
GraphML has a label key and opens in networkx and igraph."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import igraph as ig
import networkx as nx

from graphsvc.io.formats import graphml
from graphsvc.io.tables import Tables
from tests.io.graphhelpers import by_id, read_file


def test_networkx_davis_and_karate(tmp_path: Path) -> None:
    davis = tmp_path / "davis.graphml"
    women = nx.davis_southern_women_graph()
    women.graph.clear()  # its "top"/"bottom" lists are more than GraphML holds
    nx.write_graphml(women, davis)
    tables = read_file(davis)
    assert (len(tables["nodes"].rows), len(tables["edges"].rows)) == (32, 89)
    assert Counter(r["bipartite"] for r in tables["nodes"].rows) == {"0": 18, "1": 14}
    karate = nx.karate_club_graph()
    path = tmp_path / "karate.graphml"
    nx.write_graphml(karate, path)
    tables = read_file(path)
    assert (len(tables["nodes"].rows), len(tables["edges"].rows)) == (34, 78)
    assert by_id(tables["nodes"])["33"]["club"] == "Officer"
    weights = {(int(r["source"]), int(r["target"])): int(r["weight"]) for r in tables["edges"].rows}
    assert weights == dict(((u, v), w) for u, v, w in karate.edges(data="weight"))
    assert {r["directed"] for r in tables["edges"].rows} == {"false"}


def test_igraph_parallel_directed_edges(tmp_path: Path) -> None:
    graph = ig.Graph(edges=[(0, 1), (1, 2), (0, 1)], directed=True)
    graph.vs["name"] = ["Aktør A", "Aktør B", "Aktør C"]
    graph.vs["kind"] = ["forening", "kommune", "fond"]
    graph.es["weight"] = [1.5, 2.0, 3.0]
    path = tmp_path / "igraph.graphml"
    graph.write_graphml(str(path))
    tables = read_file(path)
    nodes = by_id(tables["nodes"])
    assert nodes["n0"]["name"] == "Aktør A" and nodes["n2"]["kind"] == "fond"
    edges = [(r["source"], r["target"], r["directed"], r["weight"]) for r in tables["edges"].rows]
    assert edges == [
        ("n0", "n1", "true", "1.5"),
        ("n1", "n2", "true", "2"),
        ("n0", "n1", "true", "3"),  # a parallel edge is kept
    ]


GEPHI = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key attr.name="label" attr.type="string" for="node" id="label"/>
  <key attr.name="Edge Label" attr.type="string" for="edge" id="edgelabel"/>
  <key attr.name="weight" attr.type="double" for="edge" id="weight"/>
  <key attr.name="Sektor" attr.type="string" for="node" id="sektor"><default>civil</default></key>
  <graph edgedefault="directed">
    <node id="0"><data key="label">Middelfart Kommune</data>
      <data key="sektor">offentlig</data></node>
    <node id="1"><data key="label">Frivilligcenter Middelfart</data></node>
    <edge id="e0" source="0" target="1"><data key="weight">2.0</data></edge>
    <edge id="e1" source="0" target="1" directed="false"><data key="weight">1.0</data>
      <data key="edgelabel">netværk</data></edge>
  </graph>
</graphml>
"""


def test_gephi_label_key_defaults_and_per_edge_direction(tmp_path: Path) -> None:
    path = tmp_path / "gephi.graphml"
    path.write_text(GEPHI, "utf-8")
    tables = read_file(path)
    nodes = by_id(tables["nodes"])
    assert nodes["0"]["label"] == "Middelfart Kommune"
    assert (nodes["0"]["Sektor"], nodes["1"]["Sektor"]) == ("offentlig", "civil")
    edges = tables["edges"].rows
    assert [(e["id"], e["directed"], e["weight"]) for e in edges] == [
        ("e0", "true", "2.0"),
        ("e1", "false", "1.0"),
    ]
    assert edges[1]["Edge Label"] == "netværk"


YED = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml"
    xmlns:yed="http://www.yworks.com/xml/yed/3">
  <key for="node" id="d5" attr.name="description" attr.type="string"/>
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <key for="edge" id="d10" yfiles.type="edgegraphics"/>
  <graph edgedefault="directed" id="G">
    <node id="n0">
      <data key="d5">Projektejer</data>
      <data key="d6"><y:ShapeNode><y:Geometry height="30.0" width="30.0" x="0.0" y="0.0"/>
        <y:Fill color="#FFCC00" transparent="false"/>
        <y:NodeLabel alignment="center" fontSize="12">Middelfart Kommune</y:NodeLabel>
        <y:Shape type="rectangle"/></y:ShapeNode></data>
    </node>
    <node id="n1" yfiles.foldertype="group">
      <data key="d6"><y:ProxyAutoBoundsNode><y:Realizers active="0"><y:GroupNode>
        <y:NodeLabel>Frivillige</y:NodeLabel></y:GroupNode></y:Realizers>
      </y:ProxyAutoBoundsNode></data>
      <graph edgedefault="directed" id="n1:">
        <node id="n1::n0"><data key="d6"><y:ShapeNode>
          <y:NodeLabel>Besøgsvenner</y:NodeLabel></y:ShapeNode></data></node>
      </graph>
    </node>
    <edge id="e0" source="n0" target="n1::n0">
      <data key="d10"><y:PolyLineEdge><y:EdgeLabel>støtter</y:EdgeLabel></y:PolyLineEdge></data>
    </edge>
  </graph>
</graphml>
"""


def test_yed_labels_groups_and_graphics(tmp_path: Path) -> None:
    path = tmp_path / "yed.graphml"
    path.write_text(YED, "utf-8")
    tables = read_file(path)
    nodes = by_id(tables["nodes"])
    assert {k: v["label"] for k, v in nodes.items()} == {
        "n0": "Middelfart Kommune",
        "n1": "Frivillige",
        "n1::n0": "Besøgsvenner",
    }
    assert nodes["n0"]["description"] == "Projektejer"
    assert "nodegraphics" not in tables["nodes"].columns  # graphics are not data
    (edge,) = tables["edges"].rows
    assert (edge["source"], edge["target"], edge["label"]) == ("n0", "n1::n0", "støtter")


def test_export_opens_in_networkx_and_igraph(mini_tables: Tables, tmp_path: Path) -> None:
    (path,) = graphml.write(mini_tables, tmp_path / "kort.graphml")
    graph = nx.read_graphml(path, force_multigraph=True)
    assert graph.is_directed()  # two collaborations are directed; each edge says whether it is
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (7, 8)
    assert graph.nodes["trygfonden"]["label"] == "TrygFonden"
    assert graph.nodes["trygfonden"]["type"] == "actor"
    assert graph.nodes["legepatruljen"]["start"] == "2008-01-01"
    mutual = graph.edges[
        "middelfart-kommune", "frivilligcenter-middelfart", "c-kommune-frivilligcenter"
    ]
    assert (mutual["directed"], mutual["weight"], mutual["tie"]) == (False, 2.0, "collaboration")
    loaded = ig.Graph.Read_GraphML(str(path))
    assert (loaded.vcount(), loaded.ecount()) == (7, 8)
    assert "TrygFonden" in loaded.vs["label"]
