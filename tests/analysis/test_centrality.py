"""Betweenness: exact = networkx, sampled (Brandes & Pich 2007) reproducible and close."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from networkx.algorithms.centrality.betweenness import (
    _accumulate_basic,
    _single_source_shortest_path_basic,
)
from scipy.stats import spearmanr

from graphsvc.analysis import AnalysisInputError, betweenness, simple_graph, to_igraph
from graphsvc.analysis.centrality import MIN_PIVOTS, error_bound


def _nx_betweenness(G: nx.Graph, weight: str | None, normalized: bool = True) -> np.ndarray:
    H = simple_graph(G, weight=weight)
    if weight is not None:
        for _, _, d in H.edges(data=True):
            d["distance"] = 1.0 / d[weight]
    bc = nx.betweenness_centrality(H, normalized=normalized, weight="distance" if weight else None)
    return np.array([bc[v] for v in G])


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("normalized", [True, False])
def test_exact_equals_networkx(make_graph, directed, weighted, normalized):
    for seed in (1, 2):
        G = make_graph(70, 200, seed, directed=directed, weighted=weighted)
        G.add_node("isolated")
        weight = "weight" if weighted else None
        df = betweenness(G, weight=weight, normalized=normalized)
        assert df.index.name == "id"
        assert list(df.index) == list(G)
        assert df.attrs["method"] == "exact"
        assert df.attrs["pivots"] == len(G)
        np.testing.assert_allclose(
            df["betweenness"].to_numpy(), _nx_betweenness(G, weight, normalized), atol=1e-9
        )


def test_multigraph_and_loops_are_simplified():
    M = nx.MultiGraph()
    M.add_edge("a", "b", weight=1.0)
    M.add_edge("a", "b", weight=3.0)  # merged: weight 4, distance 0.25
    M.add_edge("b", "c", weight=1.0)  # distance 1
    M.add_edge("a", "c", weight=0.5)  # distance 2 > 0.25 + 1: the a–c path runs via b
    M.add_edge("c", "c", weight=9.0)  # loop: dropped
    df = betweenness(M, weight="weight", normalized=False)
    assert df["betweenness"].to_dict() == {"a": 0.0, "b": 1.0, "c": 0.0}
    M.add_edge("a", "c", weight=1.5)  # merged a–c: weight 2, distance 0.5 < 1.25, and
    df = betweenness(M, weight="weight", normalized=False)  # b–c via a: 0.75 < 1
    assert df["betweenness"].to_dict() == {"a": 1.0, "b": 0.0, "c": 0.0}
    unweighted = betweenness(nx.MultiGraph([(0, 1), (0, 1), (1, 2), (1, 1)]), normalized=False)
    assert unweighted["betweenness"].tolist() == [0.0, 1.0, 0.0]


def test_small_graphs_and_normalisation_edge_cases():
    assert betweenness(nx.Graph()).empty
    assert betweenness(nx.path_graph(2))["betweenness"].tolist() == [0.0, 0.0]
    # Star: the centre lies on all C(4,2) = 6 leaf pairs: normalised 6 / (C(5-1, 2)) = 1.
    assert betweenness(nx.star_graph(4))["betweenness"].tolist() == [1.0, 0, 0, 0, 0]
    directed = betweenness(nx.DiGraph([(0, 1), (1, 2)]))
    assert directed["betweenness"].tolist() == [0.0, 0.5, 0.0]  # 1 / ((3-1)(3-2))


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("weighted", [False, True])
def test_sampled_with_all_pivots_equals_exact(make_graph, directed, weighted):
    G = make_graph(60, 180, 3, directed=directed, weighted=weighted)
    weight = "weight" if weighted else None
    exact = betweenness(G, weight=weight)
    full = betweenness(G, weight=weight, exact_threshold=0, k=len(G))
    np.testing.assert_allclose(full["betweenness"], exact["betweenness"], atol=1e-9)
    # k > n clamps to every node
    more = betweenness(G, weight=weight, exact_threshold=0, k=10 * len(G))
    np.testing.assert_allclose(more["betweenness"], exact["betweenness"], atol=1e-9)


def test_sampled_matches_brandes_pich_estimator_by_hand(make_graph):
    """The estimate is Σ over the pivots of the dependencies, times n/k, normalised."""
    G = make_graph(50, 120, 4)
    k, seed = 7, 11
    df = betweenness(G, exact_threshold=10, k=k, seed=seed)
    assert (df.attrs["method"], df.attrs["pivots"], df.attrs["seed"]) == ("sampled", k, seed)
    pivots = np.random.default_rng(seed).permutation(len(G))[:k]  # a prefix of one order

    acc = dict.fromkeys(G, 0.0)
    nodes = list(G)
    for s in pivots:
        S, P, sigma, _ = _single_source_shortest_path_basic(G, nodes[s])
        acc, _ = _accumulate_basic(acc, S, P, sigma, nodes[s])
    n = len(G)
    expected = np.array([acc[v] for v in G]) * (n / k) / ((n - 1) * (n - 2))
    np.testing.assert_allclose(df["betweenness"], expected, atol=1e-12)


def test_sampled_is_reproducible_and_reports_itself(make_graph):
    G = make_graph(300, 900, 5)
    a = betweenness(G, exact_threshold=100, k=20, seed=42)
    b = betweenness(G, exact_threshold=100, k=20, seed=42)
    c = betweenness(G, exact_threshold=100, k=20, seed=43)
    assert a["betweenness"].tolist() == b["betweenness"].tolist()
    assert a["betweenness"].tolist() != c["betweenness"].tolist()
    assert a.attrs["method"] == "sampled"
    assert a.attrs["pivots"] == 20
    assert a.attrs["seed"] == 42
    assert "20 of 300 pivots, seed 42" in a.attrs["caption"]
    exact = betweenness(G)
    assert exact.attrs["seed"] is None
    assert "exact" in exact.attrs["caption"]


def test_sampled_ranks_agree_with_exact_on_2k_nodes():
    G = nx.barabasi_albert_graph(2000, 3, seed=7)
    exact = betweenness(G)
    sampled = betweenness(G, exact_threshold=1000, k=256, seed=0)
    rho = spearmanr(exact["betweenness"], sampled["betweenness"]).statistic
    assert rho > 0.9


def test_rejects_bad_input():
    with pytest.raises(AnalysisInputError):
        betweenness(nx.path_graph(3), k=0)
    G = nx.path_graph(3)
    G[0][1]["weight"] = 0.0
    with pytest.raises(AnalysisInputError):
        betweenness(G, weight="weight")
    G[0][1]["weight"] = "strong"
    with pytest.raises(ValueError):  # AnalysisInputError is a ValueError too
        betweenness(G, weight="weight")


def test_simplification_policy_is_the_same_in_networkx_and_igraph():
    """simple_graph (networkx) and to_igraph (what every measure uses) agree."""
    M = nx.MultiDiGraph()
    M.add_node("lonely")
    M.add_edge("a", "b", weight=1.0)
    M.add_edge("a", "b", weight=2.0)
    M.add_edge("b", "a", weight=0.5)
    M.add_edge("b", "b", weight=7.0)
    M.add_edge("b", "c")  # no weight attribute: 1
    H = simple_graph(M, weight="weight")
    assert list(H) == ["lonely", "a", "b", "c"]
    assert sorted(H.edges(data="weight")) == [("a", "b", 3.0), ("b", "a", 0.5), ("b", "c", 1.0)]
    view = to_igraph(M, "weight")
    got = sorted((view.nodes[e.source], view.nodes[e.target], e["weight"]) for e in view.graph.es)
    assert got == sorted(H.edges(data="weight"))
    mutual = to_igraph(M, "weight", directed=False)
    assert not mutual.directed
    assert sorted(mutual.graph.es["weight"]) == [1.0, 3.5]
    unweighted = to_igraph(M, directed=False)  # arcs weigh 1: a reciprocated pair 2
    assert sorted(unweighted.graph.es["weight"]) == [1.0, 2.0]
    with pytest.raises(AnalysisInputError):
        to_igraph(nx.Graph([(1, 2)]), directed=True)


def test_error_bound_by_hand():
    # ε = n/(n-1) · sqrt(ln(2n/δ) / (2k)); n=100, k=50, δ=0.05: ln(4000) = 8.2940
    assert error_bound(100, 50) == pytest.approx(100 / 99 * np.sqrt(np.log(4000) / 100))
    assert error_bound(100, 50) == pytest.approx(0.29090, abs=1e-5)
    assert error_bound(100, 100) == 0.0  # every pivot: exact
    assert error_bound(20_000, 1024) < error_bound(20_000, 256)
    with pytest.raises(AnalysisInputError):
        error_bound(100, 10, confidence=1.0)


def test_choice_by_cost_not_size():
    """A tight budget samples, a loose one computes the same graph exactly."""
    G = nx.barabasi_albert_graph(3000, 3, seed=1)
    exact = betweenness(G, budget=None)
    assert exact.attrs["method"] == "exact" and exact.attrs["error_bound"] == 0.0
    assert exact.attrs["estimated_exact_seconds"] is None  # not measured
    roomy = betweenness(G, budget=1e6)
    assert roomy.attrs["method"] == "exact"
    assert roomy.attrs["estimated_exact_seconds"] > 0
    np.testing.assert_allclose(roomy["betweenness"], exact["betweenness"], atol=1e-12)

    tight = betweenness(G, budget=1e-4, seed=3)
    n, k = len(G), tight.attrs["pivots"]
    assert tight.attrs["method"] == "sampled" and MIN_PIVOTS <= k < n
    assert tight.attrs["estimated_exact_seconds"] > 1e-4
    assert tight.attrs["error_bound"] == pytest.approx(error_bound(n, k))
    assert f"{k} of {n} pivots, seed 3" in tight.attrs["caption"]
    # The bound holds (it is loose: the real error is far below it).
    error = np.abs(tight["betweenness"] - exact["betweenness"]).max()
    assert error <= tight.attrs["error_bound"]
    assert spearmanr(exact["betweenness"], tight["betweenness"]).statistic > 0.8
    # Reproducible from what it reports: the same pivots and seed give the same values.
    again = betweenness(G, budget=1e-4, k=k, seed=3)
    np.testing.assert_allclose(again["betweenness"], tight["betweenness"], rtol=1e-12)
    raw = betweenness(G, budget=1e-4, k=k, seed=3, normalized=False)
    assert raw.attrs["error_bound"] == pytest.approx(error_bound(n, k) * (n - 1) * (n - 2) / 2)


def test_small_graphs_are_exact_without_measuring(make_graph):
    G = make_graph(70, 200, 1, weighted=True)
    df = betweenness(G, weight="weight", budget=1e-9)
    assert df.attrs["method"] == "exact"
    assert df.attrs["estimated_exact_seconds"] is None
    with pytest.raises(AnalysisInputError):
        betweenness(G, budget=0)
