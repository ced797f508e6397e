"""Borgatti's (2006) key-player fragmentation."""

from __future__ import annotations

from collections.abc import Hashable, Iterable

import igraph
import networkx as nx
import numpy as np
import pandas as pd

from graphsvc.analysis._igraph import AnalysisInputError, to_igraph
from graphsvc.analysis.cuts import _fragmentation_after, _removal

__all__ = ["fragmentation", "fragmentation_change", "key_player"]


def _f(g: igraph.Graph) -> float:
    n = g.vcount()
    if n < 2:
        return float("nan")
    sizes = np.asarray(g.connected_components().sizes(), dtype=np.float64)
    return float(1.0 - (sizes * (sizes - 1)).sum() / (n * (n - 1)))


def fragmentation(G: nx.Graph) -> float:
    r"""Borgatti's fragmentation: the share of actor pairs that cannot reach each other.

    .. math:: F = 1 - \frac{\sum_k s_k (s_k - 1)}{n (n - 1)}

    over the sizes :math:`s_k` of the connected components. 0 = everyone can reach
    everyone; 1 = no ties at all.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Reachability ignores direction (weak components); loops and parallel edges do
        not matter.

    Returns
    -------
    float
        F in [0, 1]; **NaN when n < 2** (no pairs: undefined).

    Examples
    --------
    >>> import networkx as nx
    >>> fragmentation(nx.path_graph(5)), fragmentation(nx.empty_graph(3))
    (0.0, 1.0)

    References
    ----------
    .. [1] Borgatti, S. P. (2006). Identifying sets of key players in a social network.
       Computational & Mathematical Organization Theory 12(1), 21–34.
    """
    return _f(to_igraph(G, directed=False).graph)


def fragmentation_change(G: nx.Graph, removed: Iterable[Hashable]) -> dict[str, float]:
    """How much fragmentation rises when a set of actors is removed (Borgatti 2006).

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Read as undirected (weak components).
    removed : iterable of node ids
        The actors to remove (duplicates ignored).

    Returns
    -------
    dict
        ``before`` (F of G), ``after`` (F of G without ``removed``, computed over the
        remaining n − |removed| actors) and ``delta`` (after − before). NaN where fewer
        than two actors are left.

    Raises
    ------
    AnalysisInputError
        If a removed actor is not in the graph.

    Examples
    --------
    >>> import networkx as nx
    >>> fragmentation_change(nx.path_graph(5), [2])
    {'before': 0.0, 'after': 0.6666666666666667, 'delta': 0.6666666666666667}

    References
    ----------
    .. [1] Borgatti, S. P. (2006). Identifying sets of key players in a social network.
       Computational & Mathematical Organization Theory 12(1), 21–34.
    """
    view = to_igraph(G, directed=False)
    drop = sorted(set(view.indices(removed)))
    before = _f(view.graph)
    h = view.graph.copy()
    h.delete_vertices(drop)
    after = _f(h)
    return {"before": before, "after": after, "delta": after - before}


def key_player(G: nx.Graph, k: int = 1) -> pd.DataFrame:
    """Greedy key-player set: the k actors whose removal fragments the network most.

    Borgatti's (2006) KPP-Neg problem with fragmentation F as the objective, solved by
    the greedy heuristic: at each step remove the actor that raises F the most (ties:
    first in ``list(G)``). Each step evaluates every remaining actor at once from the
    block-cut tree (O(n + m) per step). Greedy sets are good, not guaranteed optimal
    (Borgatti adds swap moves; a set can beat the sum of its members).

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Read as undirected (weak components).
    k : int, optional
        Number of actors to pick (at most n).

    Returns
    -------
    pandas.DataFrame
        One row per chosen actor in the order picked, indexed by node id (``"id"``):
        ``step`` (1…k), ``fragmentation`` (F after removing the actors up to and
        including this one) and ``delta`` (the rise in F at this step).

    Raises
    ------
    AnalysisInputError
        If ``k`` is not between 0 and n.

    Examples
    --------
    >>> import networkx as nx
    >>> key_player(nx.path_graph(5), k=1).index.tolist()
    [2]

    References
    ----------
    .. [1] Borgatti, S. P. (2006). Identifying sets of key players in a social network.
       Computational & Mathematical Organization Theory 12(1), 21–34.
    """
    view = to_igraph(G, directed=False)
    if not 0 <= k <= view.n:
        raise AnalysisInputError(f"k must be between 0 and the number of actors ({view.n})")
    g = view.graph.copy()
    alive = np.arange(view.n)  # igraph vertex i of g is original vertex alive[i]
    current = _f(g)
    ids: list[Hashable] = []
    rows: list[tuple[int, float, float]] = []
    for step in range(1, k + 1):
        after = _fragmentation_after(_removal(g), g.vcount())
        if np.isnan(after).all():
            best = 0
            value = float("nan")
        else:
            best = int(np.nanargmax(after))
            value = float(after[best])
        ids.append(view.nodes[int(alive[best])])
        rows.append((step, value, value - current))
        g.delete_vertices([best])
        alive = np.delete(alive, best)
        current = value
    df = pd.DataFrame(
        rows,
        columns=["step", "fragmentation", "delta"],
        index=pd.Index(ids, name="id", dtype=object),
    )
    df.attrs.update({"measure": "key_player", "k": k, "method": "greedy"})
    return df
