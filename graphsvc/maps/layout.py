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
import numpy as np

Position = tuple[float, float]

# igraph draws random numbers from one process-wide generator; swap it under a lock.
_RNG_LOCK = threading.Lock()


def _seeded_initial(n: int, seed: int) -> list[list[float]]:
    rng = random.Random(seed)  # noqa: S311 - layout seed, not cryptography
    radius = math.sqrt(max(n, 1))
    return [[rng.uniform(-radius, radius), rng.uniform(-radius, radius)] for _ in range(n)]


#: Above this many nodes the layout uses igraph's grid variant (repulsion between nearby
#: nodes only): 0.03 s instead of 0.25 s at 361 nodes, 0.1 s instead of 2.2 s at 1,000
#: (bench/README.md, "Drill-down"). The seed's maps (155 nodes) are laid out exactly.
GRID_ABOVE = 200


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
        Iterations (default: 500 up to 1,000 nodes, fewer above). Above
        :data:`GRID_ABOVE` nodes repulsion is computed between nearby nodes only.

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
                grid=n > GRID_ABOVE,
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


def _close_pairs(xy: np.ndarray, r: np.ndarray, reach: float) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs ``i < j`` whose rims are closer than ``reach``.

    A sweep along x: blocks of nodes in x order, each compared only with the nodes whose
    x lies within the widest possible distance of the block.
    """
    n = len(xy)
    order = np.argsort(xy[:, 0], kind="stable")
    xs = xy[order, 0]
    width = 2.0 * float(r.max()) + reach
    found_i: list[np.ndarray] = []
    found_j: list[np.ndarray] = []
    block = 128
    for start in range(0, n, block):
        rows = order[start : start + block]
        lo = int(np.searchsorted(xs, xs[start] - width, side="left"))
        hi = int(np.searchsorted(xs, xs[min(n, start + block) - 1] + width, side="right"))
        cols = order[lo:hi]
        d = np.hypot(xy[None, cols, 0] - xy[rows, None, 0], xy[None, cols, 1] - xy[rows, None, 1])
        near = (d < r[rows, None] + r[None, cols] + reach) & (cols[None, :] > rows[:, None])
        a, b = np.nonzero(near)
        found_i.append(rows[a])
        found_j.append(cols[b])
    return np.concatenate(found_i), np.concatenate(found_j)


def separate(
    pos: dict[Hashable, Position],
    radius: dict[Hashable, float],
    *,
    gap: float = 6.0,
    iterations: int = 60,
) -> dict[Hashable, Position]:
    """Push overlapping nodes apart (``radius`` per node, ``gap`` between their rims).

    Force-directed layouts ignore node sizes, so large nodes cover their neighbours. Each
    round moves both nodes of every overlapping pair half the overlap apart along the line
    between them (numpy, over the pairs near enough to meet, found again every few rounds);
    it stops when nothing overlaps by more than half a pixel or after ``iterations``
    rounds. Deterministic: same input, same output (ids in sorted order; coincident nodes
    part along fixed angles).

    Returns
    -------
    dict
        ``{node: (x, y)}`` rounded to 0.1.
    """
    ids = sorted(pos, key=str)
    n = len(ids)
    if n < 2:
        return dict(pos)
    xy = np.array([[float(pos[k][0]), float(pos[k][1])] for k in ids])
    r = np.array([float(radius.get(k, 10.0)) for k in ids])
    reach = gap + 2.0 * float(r.max())  # how far pairs may travel between look-ups
    pi, pj = _close_pairs(xy, r, reach)
    fresh = True
    for step in range(iterations):
        if step and step % 8 == 0:
            pi, pj = _close_pairs(xy, r, reach)
            fresh = True
        if len(pi) == 0:
            break
        delta = xy[pj] - xy[pi]
        dist = np.hypot(delta[:, 0], delta[:, 1])
        overlap = r[pi] + r[pj] + gap - dist
        if overlap.max() < 0.5:
            if fresh:
                break
            pi, pj = _close_pairs(xy, r, reach)
            fresh = True
            continue
        fresh = False
        same = dist < 1e-6
        if same.any():
            angle = (pi[same] * 2.399963) % (2 * np.pi)  # golden angle
            delta[same] = np.stack([np.cos(angle), np.sin(angle)], axis=1)
            dist[same] = 1.0
        push = np.where(overlap > 0, overlap / 2.0 / dist, 0.0)[:, None] * delta
        for k in (0, 1):
            xy[:, k] += np.bincount(pj, push[:, k], minlength=n)
            xy[:, k] -= np.bincount(pi, push[:, k], minlength=n)
    out = {k: (round(float(xy[i, 0]), 1), round(float(xy[i, 1]), 1)) for i, k in enumerate(ids)}
    return {k: out[k] for k in pos}
