"""Bridging without size cliffs: the whole bridging analysis at growing sizes.

For each size of the synthetic network (``graphsvc.synthetic``, actor graph with the
project projection) it times :func:`graphsvc.analysis.bridging.bridging_roles` (wall
and CPU seconds; the machine is shared, so both are printed with the load average) and
prints how each betweenness column was computed: exact or sampled, the pivots, the error
bound and the estimated cost of the exact computation. Then, on a smaller network where
the exact computation is affordable, it compares the budgeted result with the exact one
(largest error against the bound, Spearman's rank correlation, top-50 overlap).

Usage: ``python bench/bridging_bench.py [--sizes 20000:100000,100000:500000]
[--check 3000:15000] [--permutations 1000]``
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np
from scipy.stats import spearmanr

from graphsvc.analysis.bridging import bridging_roles
from graphsvc.analysis.centrality import betweenness
from graphsvc.analysis.snapshot import actor_graph, build_network
from graphsvc.synthetic import synthetic_tables

#: The previous release's whole bridging analysis (issue #15, bench/README.md).
PREVIOUS = {20_000: "58 s (weighted betweenness exact up to 20k)", 100_000: "45.6 s"}
COLUMNS = ("betweenness", "betweenness_weighted")


def load() -> str:
    return "load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def size(text: str) -> tuple[int, int]:
    actors, ties = text.split(":")
    return int(actors), int(ties)


def run(actors: int, ties: int, permutations: int) -> None:
    started = time.perf_counter()
    graph = actor_graph(build_network(synthetic_tables(actors, ties)))
    print(
        f"\n{graph.number_of_nodes():,} actors, {graph.number_of_edges():,} ties "
        f"(built in {time.perf_counter() - started:.1f} s; {load()})"
    )
    cpu, wall = time.thread_time(), time.perf_counter()
    result = bridging_roles(graph, permutations=permutations)
    cpu, wall = time.thread_time() - cpu, time.perf_counter() - wall
    print(
        f"  whole bridging analysis: {wall:.1f} s wall, {cpu:.1f} s CPU "
        f"(previous release: {PREVIOUS.get(actors, '—')}; {load()})"
    )
    for column in COLUMNS:
        how = result.meta[column]
        print(
            f"  {column:<21} {how['method']:>7}, {how['pivots']:>6} pivots, "
            f"error ≤ {how['error_bound']:.3f} (p {how['confidence']}), "
            f"exact would take ≈ {how['estimated_exact_seconds']} s CPU, "
            f"{result.meta['seconds'][column]:.1f} s wall"
        )


def check(actors: int, ties: int) -> None:
    graph = actor_graph(build_network(synthetic_tables(actors, ties)))
    print(f"\nbudgeted against exact, {graph.number_of_nodes():,} actors ({load()})")
    for weight in (None, "weight"):
        budgeted = betweenness(graph, weight=weight, budget=3.0)
        exact = betweenness(graph, weight=weight, budget=None)
        got, want = budgeted["betweenness"].to_numpy(), exact["betweenness"].to_numpy()
        top = set(np.argsort(-want)[:50]) & set(np.argsort(-got)[:50])
        print(
            f"  weight={weight}: {budgeted.attrs['method']}, {budgeted.attrs['pivots']} "
            f"pivots; largest error {np.abs(got - want).max():.4f} "
            f"(bound {budgeted.attrs['error_bound']:.3f}); Spearman "
            f"{spearmanr(got, want).statistic:.3f}; top-50 overlap {len(top)}/50"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20000:100000,100000:500000")
    parser.add_argument("--check", default="3000:15000", help="'' skips the exact check")
    parser.add_argument("--permutations", type=int, default=1000)
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} CPUs, shared; {load()}")
    for text in args.sizes.split(","):
        run(*size(text), args.permutations)
    if args.check:
        check(*size(args.check))


if __name__ == "__main__":
    main()
