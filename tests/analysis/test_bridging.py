"""The combined bridging analysis: one table that agrees with the single measures."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from graphsvc.analysis import betweenness, brokerage, structural_holes
from graphsvc.analysis._igraph import shared_conversions, simple_graph, to_igraph
from graphsvc.analysis.bridging import _is_analysis_graph, bridging_roles
from graphsvc.analysis.centrality import error_bound
from graphsvc.analysis.snapshot import actor_graph, build_network
from graphsvc.io.reading import read_tables
from graphsvc.synthetic import synthetic_tables

SEED = Path(__file__).resolve().parents[2] / "seed"


@pytest.fixture
def bowtie() -> nx.Graph:
    # Two triangles joined through "hub": public {a, b}, civil society {c, d}.
    G = nx.Graph([("a", "b"), ("a", "hub"), ("b", "hub"), ("hub", "c"), ("hub", "d"), ("c", "d")])
    sectors = {"a": "public", "b": "public"} | dict.fromkeys(("hub", "c", "d"), "civil_society")
    nx.set_node_attributes(G, sectors, "sector")
    nx.set_node_attributes(G, {n: n.upper() for n in G}, "name")
    return G


def test_bowtie_by_hand(bowtie: nx.Graph) -> None:
    result = bridging_roles(bowtie, permutations=20)
    hub = result.actors.loc["hub"]
    # Hand count: hub lies on every shortest path between {a, b} and {c, d}: 4 pairs of
    # 10 in all; networkx normalises undirected betweenness by (n-1)(n-2)/2 = 6 → 4/6.
    assert hub["betweenness"] == pytest.approx(4 / 6)
    assert bool(hub["is_articulation"]) and hub["cut_off"] == 2
    # Gould–Fernandez (ordered two-paths a→hub→c not closed): public→civil via a civil
    # broker are gatekeeper paths: {a,b}→hub→{c,d} = 4; the reverse are representative = 4.
    assert hub["gatekeeper"] == 4 and hub["representative"] == 4
    assert hub["total"] == 8
    assert "public" in result.sole_brokers.loc[["hub"], ["group_a", "group_b"]].to_numpy()
    assert result.meta["betweenness"]["method"] == "exact"


def test_columns_equal_the_single_measures(bowtie: nx.Graph) -> None:
    result = bridging_roles(bowtie, permutations=20).actors
    single = betweenness(bowtie)["betweenness"]
    np.testing.assert_allclose(result["betweenness"], single.loc[result.index])
    holes = structural_holes(bowtie, weight="weight")
    np.testing.assert_allclose(result["constraint"], holes.loc[result.index, "constraint"])
    roles = brokerage(bowtie, "sector")
    assert (result["total"] == roles.loc[result.index, "total"]).all()


def test_conversions_are_shared_only_inside_the_block(bowtie: nx.Graph) -> None:
    with shared_conversions():
        assert to_igraph(bowtie) is to_igraph(bowtie)
        assert to_igraph(bowtie, "weight") is not to_igraph(bowtie)
    assert to_igraph(bowtie) is not to_igraph(bowtie)


def test_betweenness_method_is_reported(bowtie: nx.Graph) -> None:
    """Small graphs stay exact (bound 0); a tight budget samples and says how."""
    result = bridging_roles(bowtie, permutations=20)
    for column in ("betweenness", "betweenness_weighted"):
        how = result.meta[column]
        assert (how["method"], how["pivots"], how["error_bound"]) == ("exact", 5, 0.0)
        assert result.actors[column].notna().all()
    unweighted = bridging_roles(bowtie, permutations=20, weight=None)
    assert unweighted.meta["betweenness_weighted"] is None
    assert unweighted.actors["betweenness_weighted"].isna().all()


def test_a_tight_budget_samples_both_columns() -> None:
    G = nx.barabasi_albert_graph(2000, 3, seed=2)
    nx.set_node_attributes(G, {v: ("public", "civil")[v % 2] for v in G}, "sector")
    result = bridging_roles(G, permutations=10, betweenness_budget=1e-4)
    for column in ("betweenness", "betweenness_weighted"):
        how = result.meta[column]
        assert how["method"] == "sampled" and 32 <= how["pivots"] < 2000
        assert how["error_bound"] == pytest.approx(error_bound(2000, how["pivots"]))
        assert how["budget"] == 1e-4 and how["seed"] == 0


def test_seed_mentor_coordinator_bridges_jobcentre_and_volunteers() -> None:
    # 001, Middelfart: "Jobcentret ansatte en koordinator for mentorerne" — the coordinator
    # is the link between the jobcentre's staff and the volunteer mentors.
    network = build_network(read_tables(SEED))
    ties = actor_graph(network, project_projection=False)
    result = bridging_roles(ties, permutations=50)
    coordinator = result.actors.loc["mentorkoordinator-jobcenter-middelfart"]
    assert bool(coordinator["is_articulation"])
    assert coordinator["gatekeeper"] >= 1
    assert "Middelfart" in coordinator["role_en"] and "portvogter" in coordinator["role_da"]
    without = ties.copy()
    without.remove_node("mentorkoordinator-jobcenter-middelfart")
    assert not nx.has_path(without, "jobcenter-middelfart", "frivillige-mentorer-middelfart")


def _simple_graph_per_edge(G: nx.Graph, weight: str | None) -> nx.Graph:
    """simple_graph as it was before its one-call path for simple graphs: one tie at a
    time, merging parallel ones (the reference for the test below)."""
    H: nx.Graph = nx.DiGraph() if G.is_directed() else nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        if H.has_edge(u, v):
            if weight is not None:
                H[u][v][weight] += float(d.get(weight, 1.0))
            continue
        attrs = dict(d)
        if weight is not None:
            attrs[weight] = float(d.get(weight, 1.0))
        H.add_edge(u, v, **attrs)
    return H


def _listing(G: nx.Graph) -> list[object]:
    """Everything that can change a result: nodes, neighbours and attributes, in order."""
    return [(n, list(d.items()), [(v, list(e.items())) for v, e in G.adj[n].items()])
            for n, d in G.nodes(data=True)]  # fmt: skip


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("weight", ["weight", None])
def test_simple_graph_of_a_simple_graph_is_the_per_edge_one(
    directed: bool, weight: str | None
) -> None:
    # the seed's actor graph and a synthetic one (with a loop, integer and missing
    # weights): the fast path gives the same graph, in the same order, as before
    seed = actor_graph(build_network(read_tables(SEED)), directed=directed)
    synthetic = actor_graph(build_network(synthetic_tables(400, 1500)), directed=directed)
    first = next(iter(synthetic.edges))
    synthetic.edges[first]["weight"] = 2  # an int, turned to float
    synthetic.add_edge(first[0], first[0], weight=1.5)  # a loop, dropped
    synthetic.add_edge("x-new", first[1])  # no weight: 1.0
    for G in (seed, synthetic):
        got, want = simple_graph(G, weight), _simple_graph_per_edge(G, weight)
        assert type(got) is type(want)
        assert _listing(got) == _listing(want)
    if directed or weight is None:
        return
    # bridging on the fast path equals bridging on the per-edge graph
    got = bridging_roles(synthetic, permutations=20, betweenness_budget=None)
    want = bridging_roles(_simple_graph_per_edge(synthetic, "weight"), permutations=20,
                          betweenness_budget=None)  # fmt: skip
    assert got.actors.equals(want.actors)


def test_an_actor_graph_is_analysed_as_it_is_with_the_same_result() -> None:
    # actor_graph's output is already simple: bridging reads it without a copy, and
    # finds what it finds on the simplified copy (forced here by one integer weight)
    G = actor_graph(build_network(synthetic_tables(400, 1500)))
    assert _is_analysis_graph(G, "weight", "sector")
    before = _listing(G)
    copied = G.copy()
    u, v, w = next((u, v, w) for u, v, w in copied.edges(data="weight") if w == int(w))
    copied[u][v]["weight"] = int(w)
    assert not _is_analysis_graph(copied, "weight", "sector")
    got = bridging_roles(G, permutations=20, betweenness_budget=None)
    want = bridging_roles(copied, permutations=20, betweenness_budget=None)
    assert _listing(G) == before  # not changed by the analysis
    assert got.actors.equals(want.actors)
    assert got.sole_brokers.equals(want.sole_brokers) and got.bridges.equals(want.bridges)
    assert got.ei.groups.equals(want.ei.groups)


@pytest.mark.parametrize("directed", [False, True])
def test_bridging_needs_the_weights_only(directed: bool) -> None:
    # the core's actor graph without kinds, projects and collaborations on the ties
    # (details=False) gives the same bridging result as the full one
    for network in (build_network(read_tables(SEED)), build_network(synthetic_tables(300, 1200))):
        full = actor_graph(network, directed=directed)
        light = actor_graph(network, directed=directed, details=False)
        assert [(u, v, w) for u, v, w in light.edges(data="weight")] == [
            (u, v, w) for u, v, w in full.edges(data="weight")
        ]
        assert all(list(d) == ["weight"] for _, _, d in light.edges(data=True))
        got = bridging_roles(light, permutations=20, betweenness_budget=None)
        want = bridging_roles(full, permutations=20, betweenness_budget=None)
        assert got.actors.equals(want.actors)
        assert got.sole_brokers.equals(want.sole_brokers) and got.bridges.equals(want.bridges)
