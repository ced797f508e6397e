"""The analysis graph: one simplification policy and a fast networkx → igraph bridge.

networkx is the API of :mod:`graphsvc.analysis`; igraph does the heavy work. Every measure
first turns its input into the *analysis graph* with the same policy, implemented twice
with identical results: :func:`simple_graph` (networkx in, networkx out: use it to
reproduce a result with networkx) and :func:`to_igraph` (networkx in, igraph out, with an
index map: what the measures use).

Simplification policy
---------------------
* **Self-loops are dropped.** A loop is no collaboration between two actors; it would lie
  on no path and only inflate degrees, constraint and tie counts.
* **Parallel edges are merged into one tie** (``nx.MultiGraph`` / ``nx.MultiDiGraph``).
  Unweighted (``weight=None``): the merged tie is one tie. Weighted: its weight is the
  **sum** of the parallel weights (two collaborations make a stronger tie).
* **Direction is kept** for ``nx.DiGraph``: the arcs ``u→v`` and ``v→u`` are two ties.
  Measures defined on undirected ties (constraint, effective size, cuts, communities,
  E-I, fragmentation) use :func:`to_igraph` with ``directed=False``, which merges the two
  arcs of a pair into one tie of weight ``a_uv + a_vu`` (Burt's *mutual* weight), where an
  arc's weight is 1 when ``weight=None``.
* **Weights**: the edge attribute named by ``weight`` must be a finite number > 0, larger
  meaning a stronger tie; an edge without the attribute has weight 1 (as in networkx).
  Anything else raises :class:`AnalysisInputError`.
* **Nodes** keep their ids and their order (``list(G)``); isolated nodes are kept.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import igraph
import networkx as nx
import numpy as np
import pandas as pd

from graphsvc.errors import ValidationError

__all__ = [
    "AnalysisInputError",
    "IGraphView",
    "annotate",
    "check_weights",
    "shared_conversions",
    "simple_graph",
    "to_igraph",
]

# (graph, weight, directed) -> (graph, view); the graph is kept so its id stays unique.
_CONVERSIONS: ContextVar[dict[tuple[int, str | None, bool], tuple[Any, Any]] | None] = ContextVar(
    "graphsvc_igraph_conversions", default=None
)


@contextmanager
def shared_conversions() -> Iterator[None]:
    """Within the block, converting the same graph again reuses the first conversion.

    A batch of measures on one graph (:func:`graphsvc.analysis.bridging.bridging_roles`)
    then converts it once per weight/direction instead of once per measure (about a
    second each at 100k actors). The graph must not change inside the block; the views
    are read-only by convention (functions that delete vertices work on a copy).
    """
    token = _CONVERSIONS.set({})
    try:
        yield
    finally:
        _CONVERSIONS.reset(token)


#: Node attributes the analysis functions know about, in display order.
NODE_ATTRIBUTES = ("name", "sector", "kind", "locality")


class AnalysisInputError(ValidationError, ValueError):
    """A graph the analysis cannot use (bad weights, unknown nodes, bad parameters).

    It is both a :class:`graphsvc.errors.ValidationError` (HTTP 422 in the API) and a
    :class:`ValueError` (what networkx-style callers expect).
    """


@dataclass(frozen=True)
class IGraphView:
    """An igraph copy of a networkx graph after the simplification policy.

    Attributes
    ----------
    graph : igraph.Graph
        Simple graph (no loops, no parallel edges). Vertex ``i`` is ``nodes[i]``. Every
        edge has the attribute ``"weight"`` (the merged weight, 1.0 when unweighted).
    nodes : list
        Node ids in igraph vertex order (the order of ``list(G)``).
    index : dict
        Node id → igraph vertex index.
    directed : bool
        Whether ``graph`` is directed.
    weighted : bool
        Whether a weight attribute was requested (``weight`` was not None).
    """

    graph: igraph.Graph
    nodes: list[Hashable]
    index: dict[Hashable, int]
    directed: bool
    weighted: bool

    @property
    def n(self) -> int:
        """Number of vertices."""
        return len(self.nodes)

    def weights(self) -> list[float] | None:
        """Edge weights for igraph calls: the merged weights, or None when unweighted."""
        return self.graph.es["weight"] if self.weighted and self.graph.ecount() else None

    def frame(self, columns: dict[str, Any]) -> pd.DataFrame:
        """A DataFrame indexed by node id (index name ``"id"``) from per-vertex columns."""
        return pd.DataFrame(columns, index=pd.Index(self.nodes, name="id", dtype=object))

    def indices(self, nodes: Iterable[Hashable]) -> list[int]:
        """Vertex indices of ``nodes``; unknown ids raise :class:`AnalysisInputError`."""
        out: list[int] = []
        missing: list[Hashable] = []
        for v in nodes:
            i = self.index.get(v)
            if i is None:
                missing.append(v)
            else:
                out.append(i)
        if missing:
            shown = ", ".join(repr(v) for v in missing[:10])
            raise AnalysisInputError(f"{len(missing)} node(s) not in the graph: {shown}")
        return out


def check_weights(values: Sequence[Any], weight: str) -> np.ndarray:
    """Tie weights as the simplification policy accepts them: finite numbers > 0.

    Parameters
    ----------
    values : sequence
        The weights of the edges, one per edge.
    weight : str
        The edge attribute they were read from (named in the error).

    Returns
    -------
    numpy.ndarray
        The weights as floats, in the order given.

    Raises
    ------
    AnalysisInputError
        When a weight is not a number, not finite, or not > 0.

    Examples
    --------
    >>> check_weights([1, 2.5], "weight")
    array([1. , 2.5])
    >>> check_weights([1, 0], "weight")
    Traceback (most recent call last):
    ...
    graphsvc.analysis._igraph.AnalysisInputError: edge attribute 'weight' must be a finite ...
    """
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as exc:
        raise AnalysisInputError(f"edge attribute {weight!r} must be numeric") from exc
    if arr.size and not (np.isfinite(arr).all() and (arr > 0).all()):
        raise AnalysisInputError(
            f"edge attribute {weight!r} must be a finite number > 0 on every edge"
        )
    return arr


def to_igraph(
    G: nx.Graph, weight: str | None = None, *, directed: bool | None = None
) -> IGraphView:
    """Convert a networkx graph to a simple igraph graph with an index map.

    Applies the module's simplification policy: loops dropped, parallel edges merged
    (weights summed), and, with ``directed=False`` on a directed input, the two arcs of a
    pair merged into one tie whose weight is their sum (Burt's mutual weight).

    Parameters
    ----------
    G : networkx.Graph, DiGraph, MultiGraph or MultiDiGraph
        The network.
    weight : str or None, optional
        Edge attribute holding tie strength (> 0). None: every edge weighs 1.
    directed : bool or None, optional
        None keeps the direction of ``G``; False gives the undirected (mutual) graph;
        True on an undirected ``G`` is an error.

    Returns
    -------
    IGraphView

    Raises
    ------
    AnalysisInputError
        If a weight is not a finite number > 0, or ``directed=True`` for undirected ``G``.

    Examples
    --------
    >>> import networkx as nx
    >>> view = to_igraph(nx.MultiGraph([("a", "b"), ("a", "b"), ("b", "b")]))
    >>> view.graph.ecount(), view.nodes, view.graph.es["weight"]
    (1, ['a', 'b'], [1.0])
    """
    cache = _CONVERSIONS.get()
    # directed=False on an undirected graph is the same conversion as None
    key = (id(G), weight, G.is_directed() if directed is None else directed)
    if cache is not None and key in cache:
        return cache[key][1]
    view = _convert(G, weight, directed)
    if cache is not None:
        cache[key] = (G, view)
    return view


def _convert(G: nx.Graph, weight: str | None, directed: bool | None) -> IGraphView:
    is_directed = G.is_directed()
    if directed is None:
        directed = is_directed
    elif directed and not is_directed:
        raise AnalysisInputError("cannot make a directed view of an undirected graph")
    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    if weight is None:
        edges = [(index[u], index[v]) for u, v in G.edges()]
        w = np.ones(len(edges))
    else:
        # a comprehension, not list(view): list() asks an edge view its length first,
        # which walks every edge once more
        triples = [t for t in G.edges(data=weight, default=1.0)]
        edges = [(index[u], index[v]) for u, v, _ in triples]
        w = check_weights([t[2] for t in triples], weight)
    g = igraph.Graph(n=len(nodes), edges=edges, directed=is_directed)
    g.es["weight"] = w.tolist()
    # Parallel arcs: unweighted → one tie of weight 1; weighted → summed weight.
    combine = "sum" if weight is not None else "max"
    g.simplify(multiple=True, loops=True, combine_edges={"weight": combine})
    if is_directed and not directed:
        g.to_undirected(mode="collapse", combine_edges={"weight": "sum"})
    return IGraphView(g, nodes, index, bool(directed), weight is not None)


def simple_graph(G: nx.Graph, weight: str | None = None) -> nx.Graph:
    """The analysis graph as networkx: loops dropped, parallel edges merged.

    This is the networkx twin of :func:`to_igraph` (same policy, see the module docs);
    use it to reproduce a :mod:`graphsvc.analysis` result with networkx functions.

    Parameters
    ----------
    G : networkx.Graph, DiGraph, MultiGraph or MultiDiGraph
    weight : str or None, optional
        If given, the merged edge's ``weight`` attribute is the sum of the parallel
        edges' weights (missing = 1); if None, edges keep the attributes of the first
        parallel edge only.

    Returns
    -------
    networkx.Graph or networkx.DiGraph
        A new simple graph with the same nodes (and node attributes) in the same order.

    Raises
    ------
    AnalysisInputError
        If a weight is not a finite number > 0.

    Examples
    --------
    >>> import networkx as nx
    >>> M = nx.MultiGraph()
    >>> M.add_edge(1, 2, weight=2.0); M.add_edge(1, 2, weight=0.5); M.add_edge(2, 2)
    0
    1
    0
    >>> H = simple_graph(M, weight="weight")
    >>> H[1][2]["weight"], nx.number_of_selfloops(H)
    (2.5, 0)
    """
    H: nx.Graph = nx.DiGraph() if G.is_directed() else nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    if weight is not None:
        check_weights([d for _, _, d in G.edges(data=weight, default=1.0)], weight)
    if not G.is_multigraph():
        # Nothing to merge: each tie is listed once. The same graph as the loop below
        # builds (same order of nodes, neighbours and attributes), in one call.
        if weight is None:
            H.add_edges_from((u, v, dict(d)) for u, v, d in G.edges(data=True) if u != v)
        else:
            H.add_edges_from(
                (u, v, {**d, weight: float(d.get(weight, 1.0))})
                for u, v, d in G.edges(data=True)
                if u != v
            )
        return H
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


def annotate(
    df: pd.DataFrame, G: nx.Graph, attributes: Iterable[str] = NODE_ATTRIBUTES
) -> pd.DataFrame:
    """Add node attributes (``name``, ``sector``, ``kind``, ``locality``) as columns.

    Parameters
    ----------
    df : pandas.DataFrame
        A result indexed by node id (index name ``"id"``).
    G : networkx.Graph
        The graph the result came from.
    attributes : iterable of str, optional
        Node attributes to add, in order, before the result's own columns. Attributes no
        node has are skipped; nodes without one get a missing value.

    Returns
    -------
    pandas.DataFrame
        A new frame; ``df.attrs`` is kept.

    Examples
    --------
    >>> import networkx as nx, pandas as pd
    >>> G = nx.Graph(); G.add_node(1, name="Aarhus Kommune", sector="public")
    >>> annotate(pd.DataFrame({"x": [0.5]}, index=pd.Index([1], name="id")), G).columns.tolist()
    ['name', 'sector', 'x']
    """
    extra: dict[str, list[Any]] = {}
    for attr in attributes:
        values = [G.nodes[v].get(attr) if v in G else None for v in df.index]
        if any(x is not None for x in values):
            extra[attr] = values
    out = pd.concat([pd.DataFrame(extra, index=df.index), df], axis=1)
    out.attrs = dict(df.attrs)
    return out
