"""Leiden / Louvain communities and k-cores."""

from __future__ import annotations

import random

import networkx as nx
import numpy as np
import pytest

from graphsvc.analysis import AnalysisInputError, communities, k_core, simple_graph


def _planted(seed: int = 0) -> nx.Graph:
    return nx.planted_partition_graph(4, 25, 0.5, 0.01, seed=seed)


@pytest.mark.parametrize("method", ["leiden", "louvain"])
def test_finds_planted_communities(method):
    G = _planted()
    df = communities(G, method=method, seed=1)
    assert df.index.name == "id"
    assert df["community"].dtype == np.int64
    truth = [v // 25 for v in G]
    # Same partition up to renaming.
    pairs = set(zip(truth, df["community"].tolist(), strict=True))
    assert len(pairs) == 4
    assert df.attrs["communities"] == 4
    assert df.attrs["modularity"] == pytest.approx(
        nx.community.modularity(G, [set(np.flatnonzero(np.array(truth) == c)) for c in range(4)])
    )


@pytest.mark.parametrize("method", ["leiden", "louvain"])
def test_reproducible_with_seed_and_restores_rng(method):
    G = nx.barabasi_albert_graph(400, 2, seed=3)
    random.seed(123)
    expected_next = random.random()
    random.seed(123)
    a = communities(G, method=method, seed=7)
    assert random.random() == expected_next  # the caller's random state is untouched
    b = communities(G, method=method, seed=7)
    assert a["community"].tolist() == b["community"].tolist()
    assert a.attrs == b.attrs
    assert (a.attrs["method"], a.attrs["seed"]) == (method, 7)


def test_labels_ordered_by_size():
    G = nx.disjoint_union(nx.complete_graph(3), nx.complete_graph(6))
    G.add_node("alone")
    df = communities(G)
    assert df["community"].tolist() == [1, 1, 1, 0, 0, 0, 0, 0, 0, 2]
    sizes = df["community"].value_counts().sort_index().tolist()
    assert sizes == sorted(sizes, reverse=True)


def test_resolution_and_weights():
    G = _planted(2)
    coarse = communities(G, resolution=0.05, seed=0)
    fine = communities(G, resolution=5.0, seed=0)
    assert coarse.attrs["communities"] < fine.attrs["communities"]
    # A heavy tie pulls two otherwise separate pairs together.
    W = nx.Graph()
    W.add_edge("a", "b", weight=10.0)
    W.add_edge("c", "d", weight=10.0)
    W.add_edge("b", "c", weight=0.1)
    df = communities(W, weight="weight")
    assert df.loc["a", "community"] == df.loc["b", "community"]
    assert df.loc["a", "community"] != df.loc["c", "community"]


def test_directed_is_read_as_undirected():
    D = nx.DiGraph(nx.disjoint_union(nx.complete_graph(5), nx.complete_graph(5)))
    D.add_edge(0, 5)
    df = communities(D)
    assert df["community"].tolist() == [0] * 5 + [1] * 5


def test_bad_parameters():
    with pytest.raises(AnalysisInputError):
        communities(nx.path_graph(3), method="walktrap")
    with pytest.raises(AnalysisInputError):
        communities(nx.path_graph(3), resolution=0)
    with pytest.raises(AnalysisInputError):
        communities(nx.path_graph(3), n_iterations=0)


def test_leiden_until_stable_is_at_least_as_good():
    G = nx.barabasi_albert_graph(300, 2, seed=4)
    two = communities(G, seed=3)
    stable = communities(G, seed=3, n_iterations=-1)
    assert two.attrs["n_iterations"] == 2
    assert stable.attrs["n_iterations"] == -1
    assert stable.attrs["modularity"] >= two.attrs["modularity"] - 1e-12
    assert communities(G, seed=3, n_iterations=-1)["community"].equals(stable["community"])


@pytest.mark.parametrize("directed", [False, True])
def test_k_core_equals_networkx(make_graph, directed):
    for seed in range(4):
        G = make_graph(150, 600, seed, directed=directed)
        G.add_edge(0, 0)  # loops dropped (networkx core_number refuses them)
        G.add_node("isolated")
        df = k_core(G)
        core = nx.core_number(simple_graph(G))
        assert df["core_number"].tolist() == [core[v] for v in G]


def test_k_core_by_hand_and_multigraph():
    G = nx.complete_graph(4)
    G.add_edges_from([(3, 4), (4, 5)])
    assert k_core(G)["core_number"].tolist() == [3, 3, 3, 3, 1, 1]
    M = nx.MultiGraph([(0, 1), (0, 1), (1, 2)])  # parallel edges are one tie
    assert k_core(M)["core_number"].tolist() == [1, 1, 1]
