"""Shared graphs for the bridging-measure tests (centrality, holes, cuts, E-I, …)."""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx
import numpy as np
import pytest

SECTORS = ("public", "civil", "private", "foundation", "education", "health")


def borgatti_graph(weighted: bool = False) -> nx.Graph:
    """Borgatti (1997), "Structural holes: unpacking Burt's redundancy measures",
    Connections 20(1): the example ego network of G, edge list as in networkx's
    ``algorithms/tests/test_structuralholes.py`` (weights from the same file)."""
    weights = {
        ("A", "B"): 2,
        ("A", "F"): 3,
        ("A", "G"): 5,
        ("A", "E"): 2,
        ("E", "G"): 8,
        ("F", "G"): 3,
        ("B", "G"): 4,
        ("B", "D"): 1,
        ("D", "G"): 3,
        ("G", "C"): 10,
    }
    G = nx.Graph()
    for (u, v), w in weights.items():
        if weighted:
            G.add_edge(u, v, weight=float(w))
        else:
            G.add_edge(u, v)
    return G


def random_graph(
    n: int,
    m: int,
    seed: int,
    *,
    directed: bool = False,
    weighted: bool = False,
    sectors: int = 0,
) -> nx.Graph:
    """A seeded G(n, m) graph with optional random float weights in [0.2, 5) and sectors."""
    G = nx.gnm_random_graph(n, m, seed=seed, directed=directed)
    rng = np.random.default_rng(seed)
    if weighted:
        for u, v in G.edges():
            G[u][v]["weight"] = float(rng.uniform(0.2, 5.0))
    if sectors:
        for v in G:
            G.nodes[v]["sector"] = SECTORS[int(rng.integers(sectors))]
    return G


@pytest.fixture
def make_graph() -> Callable[..., nx.Graph]:
    return random_graph


@pytest.fixture
def borgatti() -> nx.Graph:
    return borgatti_graph()


@pytest.fixture
def borgatti_weighted() -> nx.Graph:
    return borgatti_graph(weighted=True)
