"""Node positions computed in Python (igraph Fruchterman–Reingold, seeded).

The browser never runs physics: maps ship ``x``/``y`` for every node, so the first draw
is one pass and the same data always gives the same picture (and the same HTML).
"""

from __future__ import annotations

import math
import random
import threading
from collections.abc import Hashable, Iterable, Sequence

import igraph as ig

Position = tuple[float, float]

# igraph draws random numbers from one process-wide generator; swap it under a lock.
_RNG_LOCK = threading.Lock()


def _seeded_initial(n: int, seed: int) -> list[list[float]]:
    rng = random.Random(seed)  # noqa: S311 - layout seed, not cryptography
    radius = math.sqrt(max(n, 1))
    return [[rng.uniform(-radius, radius), rng.uniform(-radius, radius)] for _ in range(n)]


def fruchterman_reingold(
    nodes: Sequence[Hashable],
    edges: Iterable[tuple[Hashable, Hashable, float]],
    *,
    seed: int = 42,
    spacing: float = 55.0,
    niter: int | None = None,
) -> dict[Hashable, Position]:
    """Seeded Fruchterman–Reingold positions, scaled to vis-network canvas units.

    Parameters
    ----------
    nodes
        Node ids in a stable order (the caller sorts them: order changes the result).
    edges
        ``(u, v, weight)`` triples; parallel edges add up, self-loops are dropped.
    seed
        Seed of the initial positions and of igraph's random generator.
    spacing
        Mean distance between neighbouring nodes on the canvas, in pixels at zoom 1.
    niter
        Iterations (default: 500 up to 1,000 nodes, fewer above).

    Returns
    -------
    dict
        ``{node: (x, y)}`` rounded to 0.1, centred on (0, 0).
    """
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {node: i for i, node in enumerate(nodes)}
    weights: dict[tuple[int, int], float] = {}
    for u, v, w in edges:
        a, b = index.get(u), index.get(v)
        if a is None or b is None or a == b:
            continue
        key = (a, b) if a < b else (b, a)
        weights[key] = weights.get(key, 0.0) + float(w)
    pairs = sorted(weights)
    graph = ig.Graph(n=n, edges=pairs, directed=False)
    if niter is None:
        niter = 500 if n <= 1000 else 300 if n <= 5000 else 150
    with _RNG_LOCK:
        previous = random.getstate()
        ig.set_random_number_generator(random.Random(seed))  # noqa: S311
        try:
            layout = graph.layout_fruchterman_reingold(
                weights=[min(weights[p], 5.0) for p in pairs] if pairs else None,
                niter=niter,
                seed=_seeded_initial(n, seed),
                grid="auto",
            )
        finally:
            ig.set_random_number_generator(random)
            random.setstate(previous)
    coords = layout.coords
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    # Scale so that the drawing covers about spacing² per node.
    width = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    scale = spacing * math.sqrt(n) / width
    return {
        node: (round((xs[i] - cx) * scale, 1), round((ys[i] - cy) * scale, 1))
        for node, i in index.items()
    }


def split_rings(
    centre: Hashable,
    left: Sequence[Hashable],
    right: Sequence[Hashable],
    *,
    radius: float = 260.0,
) -> dict[Hashable, Position]:
    """The anchoring layout: ``centre`` at (0, 0), ``left`` on the left, ``right`` on the right.

    Each side is an arc (two arcs when crowded), in the order given.
    """
    pos: dict[Hashable, Position] = {centre: (0.0, 0.0)}
    for side, members in ((-1.0, left), (1.0, right)):
        per_arc = 14
        for i, node in enumerate(members):
            arc, slot = divmod(i, per_arc)
            on_arc = min(per_arc, len(members) - arc * per_arc)
            r = radius * (1 + 0.45 * arc)
            angle = math.pi * ((slot + 1) / (on_arc + 1) - 0.5)
            pos[node] = (round(side * r * math.cos(angle), 1), round(r * math.sin(angle), 1))
    return pos
