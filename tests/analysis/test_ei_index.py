"""Krackhardt & Stern E-I index: hand-computed values and the permutation test."""

from __future__ import annotations

import itertools
import math

import networkx as nx
import numpy as np
import pytest

from graphsvc.analysis import AnalysisInputError, ei_index


def _example() -> nx.Graph:
    """Groups A = {a1, a2, a3}, B = {b1, b2}, u without a sector.

    Ties a1–a2, a2–a3, b1–b2 are internal, a1–b1 and a3–b2 external, b2–u is left out.
    By hand: network E = 2, I = 3, E-I = −1/5. Group A: E = 2, I = 2 → 0; group B: E = 2,
    I = 1 → 1/3. Actors: a1 0, a2 −1, a3 0, b1 0, b2 0 (its tie to u does not count).
    """
    G = nx.Graph()
    for v, s in [("a1", "A"), ("a2", "A"), ("a3", "A"), ("b1", "B"), ("b2", "B")]:
        G.add_node(v, sector=s)
    G.add_node("u")
    G.add_edges_from(
        [("a1", "a2"), ("a2", "a3"), ("b1", "b2"), ("a1", "b1"), ("a3", "b2"), ("b2", "u")]
    )
    return G


def test_by_hand():
    r = ei_index(_example(), permutations=0)
    net = r.network.iloc[0]
    assert (net["external"], net["internal"]) == (2, 3)
    assert net["ei"] == pytest.approx(-0.2)
    assert math.isnan(net["expected"])
    assert r.groups.index.tolist() == ["A", "B"]
    assert r.groups["size"].tolist() == [3, 2]
    assert r.groups["external"].tolist() == [2, 2]
    assert r.groups["internal"].tolist() == [2, 1]
    assert r.groups["ei"].tolist() == pytest.approx([0.0, 1 / 3])
    actors = r.actors
    assert actors.index.name == "id"
    assert actors["ei"].drop("u").tolist() == [0.0, -1.0, 0.0, 0.0, 0.0]
    assert actors.loc["b2", "external"] == 1 and actors.loc["b2", "internal"] == 1
    assert math.isnan(actors.loc["u", "ei"])
    assert r.network.attrs["attribute"] == "sector"


def test_permutation_test_against_full_enumeration():
    """5 labelled actors, labels AAABB: 10 distinct assignments, each equally likely."""
    G = _example()
    labelled = ["a1", "a2", "a3", "b1", "b2"]
    ties = [(u, v) for u, v in G.edges() if u in labelled and v in labelled]
    values = []
    for b_pos in itertools.combinations(labelled, 2):
        lab = {v: ("B" if v in b_pos else "A") for v in labelled}
        e = sum(lab[u] != lab[v] for u, v in ties)
        values.append((e - (len(ties) - e)) / len(ties))
    values = np.array(values)
    observed = -0.2
    r = ei_index(G, permutations=4000, seed=1)
    net = r.network.iloc[0]
    assert net["expected"] == pytest.approx(values.mean(), abs=0.025)
    assert net["p_ge"] == pytest.approx((values >= observed - 1e-12).mean(), abs=0.025)
    assert net["p_le"] == pytest.approx((values <= observed + 1e-12).mean(), abs=0.025)
    assert net["minimum"] == pytest.approx(values.min())
    assert net["maximum"] == pytest.approx(values.max())


def test_permutations_are_reproducible():
    G = nx.gnm_random_graph(60, 150, seed=2)
    rng = np.random.default_rng(2)
    nx.set_node_attributes(G, {v: "xyz"[int(rng.integers(3))] for v in G}, "kind")
    a = ei_index(G, "kind", permutations=200, seed=5)
    b = ei_index(G, "kind", permutations=200, seed=5)
    c = ei_index(G, "kind", permutations=200, seed=6)
    assert a.network.equals(b.network)
    assert a.groups.equals(b.groups)
    assert not a.network.equals(c.network)
    # A strongly homophilous network: E-I far below what shuffling gives.
    H = nx.disjoint_union(nx.complete_graph(8), nx.complete_graph(8))
    H.add_edge(0, 8)
    nx.set_node_attributes(H, {v: ("left" if v < 8 else "right") for v in H}, "sector")
    r = ei_index(H, permutations=500, seed=0)
    assert r.network["ei"].iloc[0] == pytest.approx((1 - 56) / 57)
    assert r.network["p_le"].iloc[0] < 0.01
    assert r.network["p_ge"].iloc[0] == 1.0
    assert r.network["expected"].iloc[0] > 0


def test_directed_weighted_and_multigraph_ties():
    D = nx.DiGraph()
    D.add_node(1, sector="A")
    D.add_node(2, sector="A")
    D.add_node(3, sector="B")
    D.add_edge(1, 2, weight=2.0)
    D.add_edge(2, 1, weight=1.0)  # one tie 1–2 (mutual weight 3)
    D.add_edge(2, 3, weight=0.5)
    r = ei_index(D, permutations=0)
    assert (r.network["external"].iloc[0], r.network["internal"].iloc[0]) == (1, 1)
    w = ei_index(D, weight="weight", permutations=0)
    assert w.network["ei"].iloc[0] == pytest.approx((0.5 - 3.0) / 3.5)
    M = nx.MultiGraph([(1, 2), (1, 2), (2, 3), (3, 3)])
    nx.set_node_attributes(M, {1: "A", 2: "A", 3: "B"}, "sector")
    assert ei_index(M, permutations=0).network["ei"].iloc[0] == 0.0


def test_edge_cases():
    G = nx.Graph([(1, 2)])
    r = ei_index(G, permutations=10)  # nobody has a sector
    assert math.isnan(r.network["ei"].iloc[0])
    assert r.groups.empty
    with pytest.raises(AnalysisInputError):
        ei_index(G, permutations=-1)
