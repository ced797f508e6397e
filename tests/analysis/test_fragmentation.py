"""Borgatti (2006) key-player fragmentation."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from graphsvc.analysis import (
    AnalysisInputError,
    fragmentation,
    fragmentation_change,
    key_player,
)


def test_path_by_hand():
    P = nx.path_graph(5)
    assert fragmentation(P) == 0.0
    # Without the middle actor: components of 2 and 2 → F = 1 − (2 + 2)/(4·3) = 2/3.
    change = fragmentation_change(P, [2])
    assert change["before"] == 0.0
    assert change["after"] == pytest.approx(2 / 3)
    assert change["delta"] == pytest.approx(2 / 3)
    # Without an end actor the path stays connected.
    assert fragmentation_change(P, [0])["after"] == 0.0
    # Removing 1 and 3 leaves three isolates: F = 1.
    assert fragmentation_change(P, [1, 3, 3])["after"] == 1.0


def test_components_by_hand():
    G = nx.disjoint_union(nx.complete_graph(3), nx.complete_graph(2))
    G.add_node("alone")
    # sizes 3, 2, 1 over n = 6: F = 1 − (6 + 2 + 0)/30 = 11/15
    assert fragmentation(G) == pytest.approx(11 / 15)
    assert fragmentation(nx.empty_graph(4)) == 1.0
    assert math.isnan(fragmentation(nx.empty_graph(1)))
    assert math.isnan(fragmentation(nx.Graph()))


def test_directed_and_loops():
    D = nx.DiGraph([(0, 1), (2, 1), (3, 3)])
    # weak components {0,1,2}, {3}: F = 1 − 6/12
    assert fragmentation(D) == pytest.approx(0.5)


def test_unknown_actor():
    with pytest.raises(AnalysisInputError):
        fragmentation_change(nx.path_graph(3), ["nobody"])


def test_key_player_greedy():
    P = nx.path_graph(5)
    df = key_player(P, k=2)
    assert df.index.name == "id"
    assert df.index.tolist()[0] == 2
    assert df["fragmentation"].iloc[0] == pytest.approx(2 / 3)
    assert df["delta"].iloc[0] == pytest.approx(2 / 3)
    # second pick splits a pair: remaining 3 actors, e.g. {0},{1},{3,4} → F = 1 − 2/6
    assert df["fragmentation"].iloc[1] == pytest.approx(1 - 2 / 6)
    assert df["step"].tolist() == [1, 2]
    with pytest.raises(AnalysisInputError):
        key_player(P, k=6)


def test_key_player_matches_brute_force_first_step(make_graph):
    for seed in range(4):
        G = make_graph(40, 50, seed)
        best = max((fragmentation_change(G, [v])["after"], -i) for i, v in enumerate(G))
        df = key_player(G, k=1)
        assert df["fragmentation"].iloc[0] == pytest.approx(best[0])
        assert df.index[0] == list(G)[-best[1]]
