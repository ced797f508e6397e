"""Burt's structural holes: Borgatti (1997) values, networkx/igraph equality, hierarchy."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from graphsvc.analysis import simple_graph, structural_holes, to_igraph
from graphsvc.analysis.structural_holes import _edge_ids

COLUMNS = ["constraint", "effective_size", "efficiency", "hierarchy", "degree"]


def test_borgatti_1997_known_values(borgatti):
    df = structural_holes(borgatti)
    assert list(df.columns) == COLUMNS
    assert df.index.name == "id"
    assert df.loc["G", "constraint"] == pytest.approx(0.4003, abs=1e-4)
    assert df.loc["A", "constraint"] == pytest.approx(0.5955, abs=1e-4)
    assert df.loc["C", "constraint"] == pytest.approx(1.0)
    assert df.loc["G", "effective_size"] == pytest.approx(4.667, abs=1e-3)
    assert df.loc["A", "effective_size"] == pytest.approx(2.5)
    assert df.loc["C", "effective_size"] == pytest.approx(1.0)
    assert df.loc["G", "efficiency"] == pytest.approx(4.667 / 6, abs=1e-3)
    assert df.loc["G", "degree"] == 6


def test_borgatti_weighted_matches_networkx_test_values(borgatti_weighted):
    # The values networkx's own tests (UCINET / igraph / by hand) give for these weights.
    df = structural_holes(borgatti_weighted, weight="weight")
    assert df.loc["G", "constraint"] == pytest.approx(0.299, abs=1e-3)
    assert df.loc["A", "constraint"] == pytest.approx(0.795, abs=1e-3)
    assert df.loc["G", "effective_size"] == pytest.approx(5.47, abs=1e-2)
    assert df.loc["A", "effective_size"] == pytest.approx(2.47, abs=1e-2)
    assert df.loc["C", "effective_size"] == pytest.approx(1.0)


def test_networkx_directed_example():
    D = nx.DiGraph([(0, 1), (0, 2), (1, 0), (2, 1)])
    df = structural_holes(D)
    assert df["constraint"].tolist() == pytest.approx([1.003, 1.003, 1.389], abs=1e-3)
    assert df["effective_size"].tolist() == pytest.approx([1.167, 1.167, 1.0], abs=1e-3)
    nx.set_edge_attributes(D, {(0, 1): 2, (0, 2): 2, (1, 0): 1, (2, 1): 1}, "weight")
    df = structural_holes(D, weight="weight")
    assert df["constraint"].tolist() == pytest.approx([0.840, 1.143, 1.378], abs=1e-3)
    assert df["effective_size"].tolist() == pytest.approx([1.567, 1.083, 1.0], abs=1e-3)


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("weighted", [False, True])
def test_equals_networkx_and_igraph_on_random_graphs(make_graph, directed, weighted):
    weight = "weight" if weighted else None
    for seed in (1, 2, 3):
        G = make_graph(45, 160, seed, directed=directed, weighted=weighted)
        G.add_node("isolated")
        H = simple_graph(G, weight=weight)
        nodes = list(H)
        df = structural_holes(G, weight=weight)
        # networkx per node (nodes=…): its fast path (nodes=None) is wrong for weighted /
        # directed effective size in networkx 3.5–3.6.
        nx_c = nx.constraint(H, nodes=nodes, weight=weight)
        nx_e = nx.effective_size(H, nodes=nodes, weight=weight)
        # networkx's per-node path tests `len(G[v]) == 0` (successors only), so in a
        # DiGraph an actor with in-ties only gets NaN there: compare those separately.
        ok = [not directed or H.out_degree(v) > 0 or H.in_degree(v) == 0 for v in nodes]
        np.testing.assert_allclose(
            df["constraint"][ok], [nx_c[v] for v, k in zip(nodes, ok, strict=True) if k], atol=1e-12
        )
        np.testing.assert_allclose(
            df["effective_size"][ok],
            [nx_e[v] for v, k in zip(nodes, ok, strict=True) if k],
            atol=1e-12,
        )
        # All actors, through Burt's mutual weights a_uv + a_vu on an undirected graph.
        U = nx.Graph()
        U.add_nodes_from(nodes)
        for u, v, d in H.edges(data=True):
            a = d.get(weight, 1.0) if weight else 1.0
            prev = U[u][v]["mw"] if U.has_edge(u, v) else 0.0
            U.add_edge(u, v, mw=prev + (a if directed else 2 * a))
        u_c = nx.constraint(U, nodes=nodes, weight="mw")
        u_e = nx.effective_size(U, nodes=nodes, weight="mw")
        np.testing.assert_allclose(df["constraint"], [u_c[v] for v in nodes], atol=1e-12)
        np.testing.assert_allclose(df["effective_size"], [u_e[v] for v in nodes], atol=1e-12)
        view = to_igraph(G, weight, directed=False)
        ig_c = view.graph.constraint(weights="weight")
        np.testing.assert_allclose(df["constraint"], ig_c, atol=1e-12)
        assert math.isnan(df.loc["isolated", "constraint"])
        assert math.isnan(df.loc["isolated", "hierarchy"])
        assert df.loc["isolated", "degree"] == 0
        degree = [len(set(nx.all_neighbors(H, v))) for v in nodes]
        assert df["degree"].tolist() == degree


def test_unweighted_effective_size_is_borgatti_formula(make_graph):
    G = make_graph(120, 600, 9)
    df = structural_holes(G)
    tri = nx.triangles(G)
    for v in G:
        n = G.degree(v)
        if n:
            assert df.loc[v, "effective_size"] == pytest.approx(n - 2 * tri[v] / n, abs=1e-12)


def test_hierarchy_by_hand():
    """Ego 0 with contacts 1, 2, 3 and a tie 1–2 (computed by hand, Burt 1992 p. 71).

    p_0j = 1/3; p_10 = p_12 = p_20 = p_21 = 1/2; p_30 = 1.
    ℓ_01 = ℓ_02 = (1/3 + 1/3·1/2)² = 1/4, ℓ_03 = (1/3)² = 1/9, C_0 = 11/18, C/N = 11/54,
    r = (27/22, 27/22, 12/22), H_0 = Σ r ln r / (3 ln 3).
    Node 1: ℓ_10 = (1/2 + 1/2·1/2)² = 9/16, ℓ_12 = (1/2 + 1/2·1/3)² = 4/9, C_1 = 145/144,
    r = (162/145, 128/145), H_1 = Σ r ln r / (2 ln 2).
    Node 3 has one contact: H is undefined (NaN), C = 1.
    """
    G = nx.Graph([(0, 1), (0, 2), (0, 3), (1, 2)])
    df = structural_holes(G)
    r0 = [27 / 22, 27 / 22, 12 / 22]
    h0 = sum(r * math.log(r) for r in r0) / (3 * math.log(3))
    r1 = [162 / 145, 128 / 145]
    h1 = sum(r * math.log(r) for r in r1) / (2 * math.log(2))
    assert df.loc[0, "constraint"] == pytest.approx(11 / 18, abs=1e-12)
    assert df.loc[1, "constraint"] == pytest.approx(145 / 144, abs=1e-12)
    assert df.loc[0, "hierarchy"] == pytest.approx(h0, abs=1e-12)
    assert df.loc[1, "hierarchy"] == pytest.approx(h1, abs=1e-12)
    assert df.loc[2, "hierarchy"] == pytest.approx(h1, abs=1e-12)
    assert math.isnan(df.loc[3, "hierarchy"])
    assert df.loc[3, "constraint"] == 1.0
    assert df.loc[0, "effective_size"] == pytest.approx(3 - 2 / 3)
    assert df.loc[0, "efficiency"] == pytest.approx((3 - 2 / 3) / 3)


def test_hierarchy_zero_when_constraint_is_even():
    df = structural_holes(nx.star_graph(4))
    assert df.loc[0, "hierarchy"] == pytest.approx(0.0, abs=1e-15)
    df = structural_holes(nx.complete_graph(5))
    assert df["hierarchy"].abs().max() < 1e-12


def test_loops_and_parallel_edges(borgatti_weighted):
    M = nx.MultiGraph(borgatti_weighted)
    M.add_edge("A", "A", weight=100.0)
    M.add_edge("G", "C", weight=5.0)  # G–C becomes 15
    plain = borgatti_weighted.copy()
    plain["G"]["C"]["weight"] = 15.0
    pd_multi = structural_holes(M, weight="weight")
    pd_plain = structural_holes(plain, weight="weight")
    np.testing.assert_allclose(pd_multi.to_numpy(float), pd_plain.to_numpy(float))


def test_edge_ids_are_igraphs() -> None:
    # the sorted search finds the same tie ids as igraph's get_eids, in either order
    g = to_igraph(nx.gnm_random_graph(3000, 20000, seed=1)).graph
    el = np.asarray(g.get_edgelist(), dtype=np.int64)
    tri = np.asarray(g.list_triangles(), dtype=np.int64).reshape(-1, 3)
    assert len(tri) > 100
    for x, y in ((tri[:, 0], tri[:, 1]), (tri[:, 2], tri[:, 0])):
        want = np.asarray(g.get_eids(np.column_stack([x, y]).tolist()))
        assert (_edge_ids(el, g.vcount(), x, y) == want).all()
