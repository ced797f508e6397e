"""Analysis speed: graphsvc's bridging analysis next to the same work done directly in igraph.

On the synthetic national network (default 100k actors, 500k ties, heavy-tailed; see
``graphsvc.synthetic``) it times each measure of :func:`bridging_roles` and the whole
analysis, then does the measures igraph has (sampled betweenness with the same pivots,
weighted and unweighted; Burt's constraint; articulation points; bridges; Leiden;
coreness) directly on an igraph graph built once, in the same run. Gould–Fernandez
brokerage, sole brokers, the E-I permutation test and the role sentences have no
igraph equivalent; they are reported on their own. Finally it times the full analysis
of the seed graph (bridging and anchoring), which should stay under 2 s.

Usage: ``python bench/analysis_bench.py [--actors 100000] [--collaborations 500000]``
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import igraph as ig
import networkx as nx
import numpy as np

from graphsvc.analysis.anchoring import local_anchoring
from graphsvc.analysis.bridging import bridging_roles
from graphsvc.analysis.snapshot import actor_graph, build_network
from graphsvc.io.reading import read_tables
from graphsvc.synthetic import synthetic_tables

IGRAPH_MEASURES = (
    "betweenness",
    "betweenness_weighted",
    "structural_holes",
    "articulation_points",
    "bridges",
    "communities",
    "k_core",
)


def direct_igraph(
    graph: nx.Graph, pivots: int | None, seed: int, measures: tuple[str, ...]
) -> dict[str, float]:
    """The igraph-available measures, straight on igraph (conversion timed too)."""
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    index = {node: i for i, node in enumerate(graph)}
    edges = [(index[u], index[v]) for u, v in graph.edges()]
    g = ig.Graph(n=len(index), edges=edges, directed=False)
    g.es["weight"] = [w for _, _, w in graph.edges(data="weight", default=1.0)]
    seconds["conversion"] = time.perf_counter() - started

    rng = np.random.default_rng(seed)
    sources = (
        rng.choice(g.vcount(), size=min(pivots, g.vcount()), replace=False).tolist()
        if pivots
        else None
    )
    distance = [1.0 / w for w in g.es["weight"]]

    def timed(name: str, work: object) -> None:
        if name not in measures:
            return
        begin = time.perf_counter()
        work()  # type: ignore[operator]
        seconds[name] = time.perf_counter() - begin

    timed("betweenness", lambda: g.betweenness(sources=sources, directed=False))
    timed(
        "betweenness_weighted",
        lambda: g.betweenness(sources=sources, directed=False, weights=distance),
    )
    timed("structural_holes", lambda: g.constraint(weights="weight"))
    timed("articulation_points", g.articulation_points)
    timed("bridges", g.bridges)
    timed("communities", lambda: g.community_leiden(objective_function="modularity"))
    timed("k_core", g.coreness)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--collaborations", type=int, default=500_000)
    parser.add_argument("--pivots", type=int, default=None, help="default: what fits the budget")
    parser.add_argument("--permutations", type=int, default=100)
    args = parser.parse_args()

    started = time.perf_counter()
    tables = synthetic_tables(args.actors, args.collaborations)
    network = build_network(tables)
    graph = actor_graph(network)
    print(
        f"synthetic network: {graph.number_of_nodes():,} actors, {graph.number_of_edges():,} "
        f"ties (with the project projection), built in {time.perf_counter() - started:.1f} s"
    )

    started = time.perf_counter()
    result = bridging_roles(graph, pivots=args.pivots, permutations=args.permutations)
    whole = time.perf_counter() - started
    ours = result.meta["seconds"]

    # The same work on both sides: weighted betweenness only where graphsvc computed it.
    shared = tuple(name for name in IGRAPH_MEASURES if name in ours)
    sampled = result.meta["betweenness"]["method"] == "sampled"
    chosen = result.meta["betweenness"]["pivots"]
    direct = direct_igraph(graph, chosen if sampled else None, seed=0, measures=shared)
    print(f"\n{'measure':<22}{'graphsvc':>10}{'igraph':>10}")
    for name in sorted(set(IGRAPH_MEASURES) - set(shared)):
        print(f"{name:<22}{'skipped':>10}{'':>10}  (no weight)")
    for name in shared:
        print(f"{name:<22}{ours[name]:>9.2f}s{direct[name]:>9.2f}s")
    print(f"{'(conversion)':<22}{'':>10}{direct['conversion']:>9.2f}s")
    for name in sorted(set(ours) - set(IGRAPH_MEASURES)):
        print(f"{name:<22}{ours[name]:>9.2f}s{'—':>10}")
    same_work = sum(ours[name] for name in shared)
    direct_total = sum(direct.values())
    print(
        f"\nwhole bridging analysis: {whole:.1f} s "
        f"(betweenness {result.meta['betweenness']['method']}, "
        f"{result.meta['betweenness']['pivots']} pivots)"
    )
    print(
        f"measures igraph also has: graphsvc {same_work:.1f} s vs direct igraph "
        f"{direct_total:.1f} s (conversion included) = {same_work / direct_total:.2f}x"
    )

    seed_started = time.perf_counter()
    seed_tables = read_tables(Path(__file__).resolve().parents[1] / "seed")
    seed_network = build_network(seed_tables)
    bridging_roles(actor_graph(seed_network))
    local_anchoring(seed_network)
    print(f"seed graph, full analysis (read, bridging, anchoring): "
          f"{time.perf_counter() - seed_started:.2f} s")  # fmt: skip


if __name__ == "__main__":
    main()
