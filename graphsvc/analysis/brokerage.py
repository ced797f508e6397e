r"""Gould–Fernandez brokerage roles, exactly as R ``sna::brokerage`` 2.7.

A node :math:`v` *brokers* the ordered triple :math:`(a, v, b)` of distinct nodes when the
arcs :math:`a \to v` and :math:`v \to b` exist and the arc :math:`a \to b` does not (the
reverse arc :math:`b \to a` does not matter). The five roles of Gould & Fernandez (1989)
depend on the groups of source, broker and target:

==================  =========  ===========  ==============================
column              sna name   pattern      meaning
==================  =========  ===========  ==============================
``coordinator``     ``w_I``    A → A → A    all three in one group
``itinerant``       ``w_O``    A → B → A    outsider between two of a group
``representative``  ``b_IO``   A → A → B    speaks for its group outward
``gatekeeper``      ``b_OI``   A → B → B    lets outsiders in to its group
``liaison``         ``b_O``    A → B → C    three different groups
``total``           ``t``      —            the sum of the five
==================  =========  ===========  ==============================

How a networkx graph is read (the same arcs sna sees):

* a directed graph is taken as it is; an undirected edge ``u–v`` is the two arcs
  ``u → v`` and ``v → u`` (a symmetric adjacency matrix in sna);
* parallel arcs of a multigraph multiply: two arcs ``a → v`` and three arcs ``v → b``
  (with no ``a → b``) are six brokered two-paths, as sna counts an edge list with
  repeated rows; closure only asks whether some arc ``a → b`` exists;
* a self-loop never lies on a two-path, but it counts as one arc in ``m``, the number
  of arcs of the null model below (an undirected loop is one arc, as the diagonal
  of a symmetric adjacency matrix);
* edge attributes (weights) are ignored, as sna ignores the values of an adjacency matrix.

The null model (sna ``R/models.R``) is a Bernoulli graph with density
:math:`d = m / (N(N-1))`, :math:`p = d^2(1-d)`, :math:`q_3 = d^3(1-d)^3`. For a broker in
group A of size :math:`n_A` and the other groups :math:`o` of sizes :math:`n_o`:

* :math:`E[w_I] = p(n_A-1)(n_A-2)`, :math:`Var = E(1-p) + 2(n_A-1)(n_A-2)(n_A-3)q_3`
* :math:`E[w_O] = p\sum_o n_o(n_o-1)`, :math:`Var = E(1-p) + 2\sum_o n_o(n_o-1)(n_o-2)q_3`
* :math:`E[b_{IO}] = E[b_{OI}] = p(N-n_A)(n_A-1)`,
  :math:`Var = E(1-p) + 2[(n_A-1)\binom{N-n_A}{2} + (N-n_A)\binom{n_A-1}{2}]q_3`
* :math:`E[b_O] = p[(\sum_o n_o)^2 - \sum_o n_o^2]`,
  :math:`Var = E(1-p) + 4\sum_o n_o\binom{N-n_o-n_A}{2}q_3`
* :math:`E[t] = p(N-1)(N-2)`, :math:`Var = E(1-p) + 2(N-1)(N-2)(N-3)q_3`

and :math:`z = (\text{observed} - E)/\sqrt{Var}`, computed in IEEE arithmetic exactly as
sna does: ``0/0`` (e.g. a coordinator score in a group of one or two, or a graph with no
arcs or with density 1) is NaN, a positive count over a zero variance (density exactly 1
reached through loops) is ``inf``, a negative variance (density above 1, possible only
with loops or parallel arcs) gives NaN. Undefined z-scores are never reported as 0.

Counting runs in :math:`O(m + \sum_{v}\text{wedges})`: for every broker the pairs of
in- and out-neighbours are counted per role from per-group in/out degrees (a product,
no enumeration), then the pairs that cannot be brokered are subtracted — the mutual
pairs ``a → v → a`` and the *closed* pairs, which all lie on triangles of the
underlying simple graph, listed once each by the degree-ordered (forward) triangle
algorithm, vectorised with numpy.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from graphsvc.errors import Problem, ValidationError

__all__ = ["ROLES", "SNA_ROLE_NAMES", "brokerage", "brokerage_graph"]

#: The five roles in sna's column order, then their sum.
ROLES: tuple[str, ...] = (
    "coordinator",
    "itinerant",
    "representative",
    "gatekeeper",
    "liaison",
    "total",
)
#: sna's names of :data:`ROLES` (``colnames(brokerage(g, cl)$raw.nli)``).
SNA_ROLE_NAMES: dict[str, str] = {
    "coordinator": "w_I",
    "itinerant": "w_O",
    "representative": "b_IO",
    "gatekeeper": "b_OI",
    "liaison": "b_O",
    "total": "t",
}

_COORDINATOR, _ITINERANT, _REPRESENTATIVE, _GATEKEEPER, _LIAISON = range(5)
_MISSING = object()
_MAX_PROBLEMS = 50
# Wedges (candidate triangles) examined per vectorised chunk: bounds the memory.
_WEDGE_CHUNK = 1_000_000


@dataclass(frozen=True)
class _Result:
    nodes: list[Hashable]
    groups: list[Hashable]
    counts: np.ndarray  # (N, 6) int64, columns as ROLES
    sizes: list[int]  # group sizes, groups in first-seen order
    codes: np.ndarray  # (N,) group code of every node
    n_nodes: int
    n_arcs: int


# --------------------------------------------------------------------------- input


def _group_codes(
    G: nx.Graph, attribute: str, default_group: Hashable | None
) -> tuple[list[Hashable], list[Hashable], np.ndarray, list[int]]:
    nodes = list(G.nodes)
    groups: list[Hashable] = []
    missing: list[Hashable] = []
    for node, value in G.nodes(data=attribute, default=_MISSING):
        if value is _MISSING or value is None:
            if default_group is None:
                missing.append(node)
                continue
            value = default_group
        groups.append(value)
    if missing:
        shown = ", ".join(repr(node) for node in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        details = [
            Problem(f"node {node!r} has no {attribute!r} attribute", column=attribute, value=node)
            for node in missing[:_MAX_PROBLEMS]
        ]
        raise ValidationError(
            f"brokerage needs a group for every node: {len(missing)} node(s) lack the "
            f"{attribute!r} attribute: {shown}{more} (or pass default_group=...)",
            details=details,
        )
    index: dict[Hashable, int] = {}
    codes = np.empty(len(nodes), dtype=np.int64)
    try:
        for i, value in enumerate(groups):
            codes[i] = index.setdefault(value, len(index))
    except TypeError as exc:
        node = nodes[i]
        raise ValidationError(
            f"node {node!r}: group {value!r} in {attribute!r} is not hashable",
            details=[Problem("group is not hashable", column=attribute, value=node)],
        ) from exc
    sizes = np.bincount(codes, minlength=len(index)).tolist()
    return nodes, groups, codes, sizes


def _arcs(G: nx.Graph, nodes: list[Hashable]) -> tuple[np.ndarray, np.ndarray]:
    """Every arc as sna sees it: sources and targets, repeated for parallel arcs."""
    position = {node: i for i, node in enumerate(nodes)}
    pairs: Iterator[tuple[Any, Any]] = iter(G.edges(keys=False) if G.is_multigraph() else G.edges)
    size = G.number_of_edges()
    flat = np.fromiter(
        (position[x] for pair in pairs for x in pair), dtype=np.int64, count=2 * size
    )
    src, dst = flat[0::2], flat[1::2]
    if not G.is_directed():
        proper = src != dst
        src, dst = np.concatenate([src, dst[proper]]), np.concatenate([dst, src[proper]])
    return src, dst


# --------------------------------------------------------------------------- counting


def _lookup(keys: np.ndarray, values: np.ndarray, query: np.ndarray) -> np.ndarray:
    """``values`` at ``query`` in the sorted unique ``keys``; 0 where absent."""
    if keys.size == 0:
        return np.zeros(query.shape, dtype=values.dtype)
    pos = np.searchsorted(keys, query)
    pos[pos == keys.size] = 0
    found = keys[pos] == query
    return np.where(found, values[pos], 0)


def _role(ga: np.ndarray, gv: np.ndarray, gb: np.ndarray) -> np.ndarray:
    """Role code of the two-paths a → v → b with groups ``ga``, ``gv``, ``gb`` (sna's order)."""
    return np.select(
        [(ga == gv) & (gv == gb), ga == gv, gv == gb, ga == gb],
        [_COORDINATOR, _REPRESENTATIVE, _GATEKEEPER, _ITINERANT],
        default=_LIAISON,
    )


def _triangles(n: int, edges: np.ndarray) -> Iterator[np.ndarray]:
    """Every triangle of the simple undirected graph with edges ``u * n + w`` (``u < w``,
    sorted), once.

    Forward algorithm: edges oriented from lower to higher (degree, index) rank, so that
    a node's forward list is at most :math:`\\sqrt{2m}` long; each forward edge (x, y)
    is extended by the forward list of y and kept when (x, z) is a forward edge too.
    Yields ``(k, 3)`` arrays in chunks.
    """
    if edges.size == 0:
        return
    low, high = _forward(n, edges // n, edges % n)
    fkeys = low * n + high  # sorted: forward adjacency as sorted keys
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(low, minlength=n), out=indptr[1:])
    lengths = indptr[high + 1] - indptr[high]  # candidates per forward edge
    cum = np.cumsum(lengths)
    start = 0
    while start < low.size:
        base = cum[start - 1] if start else 0
        stop = int(np.searchsorted(cum, base + _WEDGE_CHUNK, side="right"))
        stop = max(stop, start + 1)
        x, y, c = low[start:stop], high[start:stop], lengths[start:stop]
        total = int(c.sum())
        start = stop
        if total == 0:
            continue
        xs = np.repeat(x, c)
        offsets = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(c) - c, c)
        zs = high[np.repeat(indptr[y], c) + offsets]
        pos = np.searchsorted(fkeys, xs * n + zs)
        pos[pos == fkeys.size] = 0
        closed = fkeys[pos] == xs * n + zs
        if closed.any():
            yield np.column_stack([xs[closed], np.repeat(y, c)[closed], zs[closed]])


def _forward(n: int, u: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The edges ``u``–``w`` from lower to higher (degree, index) rank, sorted."""
    degree = np.bincount(u, minlength=n) + np.bincount(w, minlength=n)
    rank = np.empty(n, dtype=np.int64)
    rank[np.lexsort((np.arange(n), degree))] = np.arange(n)
    forward = rank[u] < rank[w]
    low, high = np.where(forward, u, w), np.where(forward, w, u)
    order = np.lexsort((high, low))
    return low[order], high[order]


def _count(n: int, src: np.ndarray, dst: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Brokered two-paths of every node by role: an ``(n, 6)`` int64 array.

    In three steps, each a function of its own so that its arrays (one or two per arc)
    are freed before the next begins: at 100k actors the steps' arrays together were
    a quarter of a gigabyte at once."""
    counts = np.zeros((n, 6), dtype=np.int64)
    proper = src != dst  # loops never lie on a two-path
    if not proper.any():
        return counts
    # The simple support with multiplicities: arc key s*n + t, sorted.
    keys, mult = np.unique(src[proper] * n + dst[proper], return_counts=True)
    del proper
    mult = mult.astype(np.int64)
    counts[:, :5] = _two_paths(n, keys, mult, codes)
    counts[:, :5] -= np.rint(_closed_two_paths(n, keys, mult, codes)).astype(np.int64)
    counts[:, 5] = counts[:, :5].sum(axis=1)
    return counts


def _two_paths(n: int, keys: np.ndarray, mult: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Every two-path a → v → b through each broker v by role, a = b and arcs a → b
    not excluded yet: an ``(n, 5)`` int64 array."""
    s, t = keys // n, keys % n
    gs, gt = codes[s], codes[t]

    def weighted_degree(at: np.ndarray, weights: np.ndarray) -> np.ndarray:
        return np.rint(np.bincount(at, weights=weights, minlength=n)).astype(np.int64)

    same = gs == gt
    in_all, out_all = weighted_degree(t, mult), weighted_degree(s, mult)
    in_same = weighted_degree(t, mult * same)
    out_same = weighted_degree(s, mult * same)
    in_other, out_other = in_all - in_same, out_all - out_same

    # sum over groups g of (in-arcs from g) * (out-arcs to g), per broker
    k = int(codes.max()) + 1
    in_keys, in_inv = np.unique(t * k + gs, return_inverse=True)
    in_w = np.bincount(in_inv, weights=mult).astype(np.int64)
    out_keys, out_inv = np.unique(s * k + gt, return_inverse=True)
    out_w = np.bincount(out_inv, weights=mult).astype(np.int64)
    both, i_in, i_out = np.intersect1d(in_keys, out_keys, assume_unique=True, return_indices=True)
    diagonal = np.rint(
        np.bincount(both // k, weights=in_w[i_in] * out_w[i_out], minlength=n)
    ).astype(np.int64)
    itinerant_all = diagonal - in_same * out_same

    counts = np.zeros((n, 5), dtype=np.int64)
    counts[:, _COORDINATOR] = in_same * out_same
    counts[:, _ITINERANT] = itinerant_all
    counts[:, _REPRESENTATIVE] = in_same * out_other
    counts[:, _GATEKEEPER] = in_other * out_same
    counts[:, _LIAISON] = in_other * out_other - itinerant_all
    return counts


def _closed_two_paths(n: int, keys: np.ndarray, mult: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """The two-paths :func:`_two_paths` counts that are no brokerage, by broker and
    role: a → v → a, and a → v → b with an arc a → b. An ``(n, 5)`` float array."""
    removed = np.zeros(n * 5, dtype=np.float64)
    s, t = keys // n, keys % n
    # a -> v -> a: never a two-path of distinct nodes (arc a -> v is (s, t); v -> a reversed)
    back = _lookup(keys, mult, t * n + s)
    has = back > 0
    if has.any():
        a, v = s[has], t[has]
        role = np.where(codes[a] == codes[v], _COORDINATOR, _ITINERANT)
        removed += np.bincount(v * 5 + role, weights=mult[has] * back[has], minlength=n * 5)
    # a -> v -> b with a -> b: every such triple lies on a triangle of the simple graph
    ukeys = np.unique(np.minimum(s, t) * n + np.maximum(s, t))
    del s, t, back, has
    for tri in _triangles(n, ukeys):
        x, y, z = tri[:, 0], tri[:, 1], tri[:, 2]
        arc = {
            (i, j): _lookup(keys, mult, p * n + q)
            for (i, p), (j, q) in (
                ((0, x), (1, y)),
                ((1, y), (0, x)),
                ((0, x), (2, z)),
                ((2, z), (0, x)),
                ((1, y), (2, z)),
                ((2, z), (1, y)),
            )
        }
        columns = (x, y, z)
        for a_i, v_i, b_i in ((0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0)):
            weight = arc[a_i, v_i] * arc[v_i, b_i] * (arc[a_i, b_i] > 0)
            hit = weight > 0
            if not hit.any():
                continue
            a, v, b = columns[a_i][hit], columns[v_i][hit], columns[b_i][hit]
            role = _role(codes[a], codes[v], codes[b])
            removed += np.bincount(v * 5 + role, weights=weight[hit], minlength=n * 5)
    return removed.reshape(n, 5)


def _compute(G: nx.Graph, attribute: str, default_group: Hashable | None) -> _Result:
    if not isinstance(G, nx.Graph):
        raise ValidationError(f"brokerage needs a networkx graph, not {type(G).__name__}")
    nodes, groups, codes, sizes = _group_codes(G, attribute, default_group)
    src, dst = _arcs(G, nodes)
    n = len(nodes)
    counts = _count(n, src, dst, codes) if n else np.zeros((0, 6), dtype=np.int64)
    return _Result(nodes, groups, counts, sizes, codes, n, int(src.size))


# --------------------------------------------------------------------------- null model


def _choose2(x: int) -> int:
    return x * (x - 1) // 2


def _density_terms(n_nodes: int, n_arcs: int) -> tuple[float, float, float, float, float]:
    """(p, 1 - p, q3, q4, q5) of sna's null model, in IEEE arithmetic (NaN/inf as R)."""
    with np.errstate(all="ignore"):
        d = np.float64(n_arcs) / np.float64(n_nodes * (n_nodes - 1))
        p = d**2 * (1 - d)
        q3 = d**3 * (1 - d) ** 3
        q4 = d**4 * (1 - d) ** 2
        q5 = d**5 * (1 - d)
    return float(p), float(1 - p), float(q3), float(q4), float(q5)


def _node_moments(res: _Result) -> tuple[np.ndarray, np.ndarray]:
    """Expectation and variance of each role for a broker of each group: two (K, 6) arrays.

    The group-size polynomials are exact Python integers; only the density terms are
    floating point, so a variance that is 0 in sna is exactly 0 here too.
    """
    N = res.n_nodes
    p, one_minus_p, q3, _q4, _q5 = _density_terms(N, res.n_arcs)
    sizes = res.sizes
    s1 = sum(sizes)
    s2 = sum(x * x for x in sizes)
    pairs = sum(x * (x - 1) for x in sizes)
    triples = sum(x * (x - 1) * (x - 2) for x in sizes)
    # sum_o n_o C(N - n_o - y, 2) = (P1 - y P2 + y^2 S1) / 2 over all o, self term removed
    p1 = sum(x * (N - x) * (N - x - 1) for x in sizes)
    p2 = sum(x * (2 * (N - x) - 1) for x in sizes)
    k = len(sizes)
    e_int = np.zeros((k, 6), dtype=object)
    v_int = np.zeros((k, 6), dtype=object)
    for i, y in enumerate(sizes):
        rest = N - y
        liaison_var = (p1 - y * p2 + y * y * s1 - y * (N - 2 * y) * (N - 2 * y - 1)) // 2
        e_int[i] = [
            (y - 1) * (y - 2),
            pairs - y * (y - 1),
            rest * (y - 1),
            rest * (y - 1),
            rest * rest - (s2 - y * y),
            (N - 1) * (N - 2),
        ]
        v_int[i] = [
            2 * (y - 1) * (y - 2) * (y - 3),
            2 * (triples - y * (y - 1) * (y - 2)),
            2 * ((y - 1) * _choose2(rest) + rest * _choose2(y - 1)),
            2 * ((y - 1) * _choose2(rest) + rest * _choose2(y - 1)),
            4 * liaison_var,
            2 * (N - 1) * (N - 2) * (N - 3),
        ]
    expected = np.array([[p * float(c) for c in row] for row in e_int], dtype=np.float64)
    extra = np.array([[float(c) * q3 for c in row] for row in v_int], dtype=np.float64)
    variance = expected * one_minus_p + extra
    return expected.reshape(k, 6), variance.reshape(k, 6)


def _graph_moments(res: _Result) -> tuple[np.ndarray, np.ndarray]:
    """Graph-level expectation and variance of each role (sna ``exp.gli``, ``sd.gli``^2)."""
    N = res.n_nodes
    p, one_minus_p, q3, q4, q5 = _density_terms(N, res.n_arcs)
    sizes = res.sizes
    s1 = sum(sizes)
    s2 = sum(x * x for x in sizes)
    cube = sum(x * (x - 1) * (x - 2) for x in sizes)
    mixed = sum(x * (N - x) * (x - 1) for x in sizes)
    # sum over ordered distinct pairs (x, y) of x y (N - x - y)
    liaison_e = sum(x * (s1 - x) * (N - x) - x * (s2 - x * x) for x in sizes)
    # sums over ordered distinct triples (i, j, k): of n_i n_j n_k, and of n_i^2 n_j n_k
    distinct = [(s1 - x) ** 2 - (s2 - x * x) for x in sizes]
    t0 = sum(x * r for x, r in zip(sizes, distinct, strict=True))
    t1 = sum(x * x * r for x, r in zip(sizes, distinct, strict=True))
    expected_int = [cube, mixed, mixed, mixed, liaison_e, N * (N - 1) * (N - 2)]
    expected = np.array([p * float(c) for c in expected_int], dtype=np.float64)

    def terms(c3: int, c4: int, c5: int) -> float:
        return float(c3) * q3 - float(c4) * q4 + float(c5) * q5

    extra = [
        terms(
            sum(x * (x - 1) * (x - 2) * (4 * x - 10) for x in sizes),
            sum(x * (x - 1) * (x - 2) * 4 * (x - 3) for x in sizes),
            sum(x * (x - 1) * (x - 2) * (x - 3) for x in sizes),
        ),
        # sna: sum(outer(n, n, f)) - sum(diag f): the ordered pairs x != y
        terms(
            sum(x * (x - 1) * ((2 * x - 6) * (s1 - x) + 2 * (s2 - x * x)) for x in sizes),
            0,
            sum(x * (x - 1) * (N - x - 1) * (s1 - x) for x in sizes),
        ),
        terms(
            sum(x * (N - x) * (x - 1) * (N - 3) for x in sizes),
            0,
            sum(x * (N - x) * (x - 1) * (x - 2) for x in sizes),
        ),
        0.0,  # filled below: gatekeeper = representative
        terms((4 * N - 2) * t0 - 8 * t1, (4 * N - 2) * t0 - 8 * t1, (N - 1) * t0 - 2 * t1),
        terms(
            N * (N - 1) * (N - 2) * (4 * N - 10),
            N * (N - 1) * (N - 2) * 4 * (N - 3),
            N * (N - 1) * (N - 2) * (N - 3),
        ),
    ]
    extra[3] = extra[2]
    variance = expected * one_minus_p + np.array(extra, dtype=np.float64)
    return expected, variance


def _z(observed: np.ndarray, expected: np.ndarray, variance: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        return (observed - expected) / np.sqrt(variance)


# --------------------------------------------------------------------------- public API


def brokerage(
    G: nx.Graph | nx.DiGraph,
    attribute: str = "sector",
    *,
    default_group: Hashable | None = None,
) -> pd.DataFrame:
    """Gould–Fernandez brokerage roles of every node, with sna's z-scores.

    Counts, for every node ``v``, the ordered triples ``(a, v, b)`` of distinct nodes
    with ``a → v``, ``v → b`` and no ``a → b``, by the roles of the module docstring
    (coordinator, itinerant, representative, gatekeeper, liaison) and their total, and
    the z-score of each count under sna's Bernoulli null model. The values equal
    ``sna::brokerage(g, cl)$raw.nli`` and ``$z.nli`` of R's sna 2.7 on the same arcs.

    Parameters
    ----------
    G : networkx.Graph, DiGraph, MultiGraph or MultiDiGraph
        Directed graphs are taken as they are; an undirected edge is the two arcs
        ``u → v`` and ``v → u``. Parallel arcs multiply, a loop counts in the density
        only, edge attributes are ignored (see the module docstring).
    attribute : str, optional
        Node attribute holding the node's group (any hashable value; groups are equal
        when the values are equal). Default ``"sector"``.
    default_group : hashable or None, keyword-only
        Group of nodes whose attribute is missing or None. None (default): such nodes
        are an error.

    Returns
    -------
    pandas.DataFrame
        One row per node in ``G.nodes`` order, indexed by node id (index name ``"id"``),
        columns ``group``, ``coordinator``, ``itinerant``, ``representative``,
        ``gatekeeper``, ``liaison``, ``total`` (int64 counts) and ``z_coordinator`` …
        ``z_total`` (float64). A z-score is NaN where it is undefined (0/0, or a
        negative variance when the density exceeds 1) and ±inf where sna's is (a count
        over a zero variance); never 0 for undefined. ``df.attrs`` holds ``n`` (nodes),
        ``m`` (arcs, loops and parallels included), ``density``, ``attribute`` and
        ``groups`` (group sizes).

    Raises
    ------
    graphsvc.errors.ValidationError
        If a node lacks ``attribute`` and no ``default_group`` is given (the message
        names the nodes), if a group value is not hashable, or if ``G`` is not a
        networkx graph.

    See Also
    --------
    brokerage_graph : the graph-level counts, expectations and z-scores.

    References
    ----------
    .. [1] Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: A formal
       approach to brokerage in transaction networks. Sociological Methodology 19,
       89–126.
    .. [2] Butts, C. T. (2008). Social network analysis with sna. Journal of Statistical
       Software 24(6); R package ``sna`` 2.7, ``brokerage()`` (``R/models.R``,
       ``src/gli.c``).

    Examples
    --------
    The undirected star of ``docs/analysis.md``: the centre (group P) links a leaf of
    P and two leaves of C.

    >>> import networkx as nx
    >>> G = nx.star_graph(3)
    >>> nx.set_node_attributes(G, {0: "P", 1: "P", 2: "C", 3: "C"}, "sector")
    >>> df = brokerage(G)
    >>> df.loc[0, ["coordinator", "itinerant", "representative", "gatekeeper",
    ...            "liaison", "total"]].tolist()
    [0, 2, 2, 2, 0, 6]
    >>> bool(df["z_coordinator"].isna().all())  # groups of 2: 0/0
    True
    """
    res = _compute(G, attribute, default_group)
    expected, variance = _node_moments(res)
    if res.n_nodes:
        z = _z(res.counts.astype(np.float64), expected[res.codes], variance[res.codes])
    else:
        z = np.zeros((0, 6), dtype=np.float64)
    group = np.empty(res.n_nodes, dtype=object)
    group[:] = res.groups
    data: dict[str, np.ndarray] = {"group": group}
    for j, role in enumerate(ROLES):
        data[role] = res.counts[:, j]
    for j, role in enumerate(ROLES):
        data[f"z_{role}"] = z[:, j]
    df = pd.DataFrame(data, index=pd.Index(res.nodes, name="id", tupleize_cols=False))
    df.attrs.update(_attrs(res, attribute))
    return df


def brokerage_graph(
    G: nx.Graph | nx.DiGraph,
    attribute: str = "sector",
    *,
    default_group: Hashable | None = None,
) -> pd.DataFrame:
    """Graph-level Gould–Fernandez brokerage: sna's ``raw.gli``, ``exp.gli``, ``sd.gli``, ``z.gli``.

    The observed count of each role summed over all brokers, with its expectation,
    standard deviation and z-score under sna's Bernoulli null model (sna ``R/models.R``,
    the graph-level moments), so that the whole network can be compared with a random
    one of the same density and group sizes.

    Parameters
    ----------
    G : networkx.Graph, DiGraph, MultiGraph or MultiDiGraph
        Read as in :func:`brokerage`.
    attribute : str, optional
        Node attribute holding the group. Default ``"sector"``.
    default_group : hashable or None, keyword-only
        Group of nodes lacking the attribute; None: such nodes are an error.

    Returns
    -------
    pandas.DataFrame
        Indexed by role (index name ``"role"``: ``coordinator``, ``itinerant``,
        ``representative``, ``gatekeeper``, ``liaison``, ``total``; sna's ``w_I``,
        ``w_O``, ``b_IO``, ``b_OI``, ``b_O``, ``t``), columns ``observed`` (int64),
        ``expected``, ``sd`` and ``z`` (float64; NaN where sna has NaN, e.g. 0/0).
        ``df.attrs`` as in :func:`brokerage`.

    Raises
    ------
    graphsvc.errors.ValidationError
        As :func:`brokerage`.

    References
    ----------
    .. [1] Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: A formal
       approach to brokerage in transaction networks. Sociological Methodology 19,
       89–126.
    .. [2] Butts, C. T. (2008). Social network analysis with sna. Journal of Statistical
       Software 24(6); R package ``sna`` 2.7, ``brokerage()`` (``R/models.R``,
       ``src/gli.c``).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a")])
    >>> nx.set_node_attributes(G, "G", "sector")
    >>> df = brokerage_graph(G)
    >>> int(df.loc["coordinator", "observed"]), round(float(df.loc["coordinator", "z"]), 6)
    (3, 2.44949)
    """
    res = _compute(G, attribute, default_group)
    observed = res.counts.sum(axis=0)
    expected, variance = _graph_moments(res)
    with np.errstate(all="ignore"):
        sd = np.sqrt(variance)
        z = (observed.astype(np.float64) - expected) / sd
    df = pd.DataFrame(
        {"observed": observed.astype(np.int64), "expected": expected, "sd": sd, "z": z},
        index=pd.Index(list(ROLES), name="role"),
    )
    df.attrs.update(_attrs(res, attribute))
    return df


def _attrs(res: _Result, attribute: str) -> dict[str, Any]:
    with np.errstate(all="ignore"):
        density = float(np.float64(res.n_arcs) / np.float64(res.n_nodes * (res.n_nodes - 1)))
    first: dict[int, Hashable] = {}
    for code, group in zip(res.codes.tolist(), res.groups, strict=True):
        first.setdefault(code, group)
    return {
        "measure": "brokerage",
        "attribute": attribute,
        "n": res.n_nodes,
        "m": res.n_arcs,
        "density": density,
        "groups": {first[c]: size for c, size in enumerate(res.sizes)},
    }
