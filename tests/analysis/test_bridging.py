"""The combined bridging analysis: one table that agrees with the single measures."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from graphsvc.analysis import betweenness, brokerage, structural_holes
from graphsvc.analysis._igraph import shared_conversions, to_igraph
from graphsvc.analysis.bridging import bridging_roles
from graphsvc.analysis.snapshot import actor_graph, build_network
from graphsvc.io.reading import read_tables

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


def test_weighted_betweenness_is_skipped_above_its_limit(bowtie: nx.Graph) -> None:
    result = bridging_roles(bowtie, permutations=20, weighted_betweenness_limit=3)
    assert result.actors["betweenness_weighted"].isna().all()
    assert result.meta["betweenness_weighted"] is False
    full = bridging_roles(bowtie, permutations=20)
    assert full.actors["betweenness_weighted"].notna().all()


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
