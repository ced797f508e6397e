"""The index of the kept network (graphsvc/maps/index.py): the maps it draws are the maps
drawn by walking the network, byte for byte, and a network it does not index is walked.

References: the walks it replaces (``municipality_nodes`` without an index, ``aggregate``'s
adjacency walk, ``network.degree``), run on the same network in the same test.
"""

from __future__ import annotations

import networkx as nx
import pytest

from graphsvc.maps import aggregate as agg
from graphsvc.maps import render_map
from graphsvc.maps.index import INDEX, build_index, index_of
from graphsvc.maps.lenses import make_view, municipality_nodes
from tests.maps.map_synthetic import synthetic, synthetic_measures


@pytest.fixture(scope="module")
def network() -> nx.MultiDiGraph:
    return synthetic(1500, seed=5)


def _indexed(network: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A read-only view of ``network`` carrying its index, as map_network lends it."""
    view = nx.graphviews.generic_graph_view(network)
    view.graph = {**network.graph, INDEX: build_index(network)}
    assert index_of(view) is not None
    return view


def _localities(network: nx.MultiDiGraph) -> list[str]:
    return sorted({str(d["locality"]) for _, d in network.nodes(data=True) if d.get("locality")})


def test_degree_and_localities_of_a_hand_made_network():
    g = nx.MultiDiGraph()
    g.add_node("a", locality="DK-101")
    g.add_node("b", locality="DK-147", is_person=True)
    g.add_node("p", type="project", localities=["DK-101", "DK-147", "DK-101"])
    g.add_edge("a", "p", key="x")
    g.add_edge("a", "p", key="y")  # parallel: two ties
    g.add_edge("b", "b", key="loop")  # a loop counts at both ends, as networkx counts it
    index = build_index(g)
    assert dict(zip(index.names, index.degree.tolist(), strict=True)) == dict(g.degree())
    assert dict(zip(index.names, index.degree.tolist(), strict=True)) == {"a": 2, "b": 2, "p": 2}
    assert index.by_locality == {"DK-101": ["a", "p"], "DK-147": ["b", "p"]}
    assert index.persons == ["b"]
    ends = zip(index.source.tolist(), index.target.tolist(), strict=True)
    assert sorted(ends) == [(0, 2), (0, 2), (1, 1)]


def test_municipality_nodes_by_the_index_are_those_of_the_walk(network):
    indexed = _indexed(network)
    for locality in _localities(network):
        assert municipality_nodes(indexed, locality) == municipality_nodes(network, locality)
        walked, found = (
            make_view(network, "municipality", focus=locality),
            make_view(indexed, "municipality", focus=locality),
        )
        assert (found.nodes, found.edges, found.node_marks) == (
            walked.nodes,
            walked.edges,
            walked.node_marks,
        )
    with pytest.raises(KeyError):
        municipality_nodes(indexed, "DK-999")


@pytest.mark.parametrize("by", ["community", "municipality"])
def test_groups_and_their_ties_by_the_index_are_those_of_the_walk(network, by):
    measures = synthetic_measures(network)
    measures["community"] = [i % 7 for i in range(len(measures))]
    indexed = _indexed(network)
    for locality in [None, *_localities(network)[:12]]:
        if locality is None:
            nodes = sorted(network.nodes)
        else:
            nodes = sorted(municipality_nodes(network, locality)[1])
        walked = agg.aggregate(network, nodes, by=by, measures=measures)
        found = agg.aggregate(indexed, nodes, by=by, measures=measures)
        assert found == walked
        assert list(found.ties.items()) == list(walked.ties.items())  # the same order too
        # every tie among the nodes is counted once, within a group or between two
        among = sum(1 for u, v in network.edges() if u in set(nodes) and v in set(nodes))
        ties = sum(g.internal_ties for g in found.groups.values()) + sum(found.ties.values())
        assert ties == among


def test_maps_drawn_with_the_index_are_the_maps_drawn_without(network):
    measures = synthetic_measures(network)
    indexed = _indexed(network)
    big = _localities(network)[0]  # the largest municipality's view, drawn as groups
    cases = [
        {"lens": "network", "aggregate_threshold": 300, "aggregate_by": "municipality",
         "drilldown_url": "/maps/municipality?id={key}"},
        {"lens": "network", "aggregate_threshold": 300},
        {"lens": "municipality", "focus": big, "aggregate_threshold": 20},
        {"lens": "municipality", "focus": big, "lang": "da"},
        {"lens": "municipality", "focus": _localities(network)[40]},
    ]  # fmt: skip
    for case in cases:
        assert render_map(indexed, measures=measures, **case) == render_map(
            network, measures=measures, **case
        ), case


def test_an_index_of_another_network_or_of_a_changed_one_is_not_used(network):
    changed = network.copy()
    index = build_index(changed)
    changed.graph[INDEX] = index
    assert index_of(changed) is index
    changed.add_node("new", locality=_localities(network)[0])
    assert index_of(changed) is None  # a node more: walked
    copied = nx.MultiDiGraph(network)
    copied.graph[INDEX] = build_index(network)
    assert index_of(copied) is None  # a copy has its own node dictionary
    assert "new" in municipality_nodes(changed, _localities(network)[0])[0]
