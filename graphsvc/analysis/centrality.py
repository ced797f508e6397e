"""Betweenness centrality: exact (Brandes 2001) or sampled (Brandes & Pich 2007) via igraph.

Which one is chosen by *cost*, not by size: a few single-source runs on the graph itself
measure what one source costs, and the exact computation (one source per actor) is done
when it fits the time budget; otherwise as many sampled pivots as fit are used, and the
result says how many and how far the estimate can be off (:func:`error_bound`).
"""

from __future__ import annotations

import math
import time

import igraph
import networkx as nx
import numpy as np
import pandas as pd

from graphsvc.analysis._igraph import AnalysisInputError, to_igraph

__all__ = ["DEFAULT_BUDGET", "MIN_PIVOTS", "betweenness", "error_bound"]

#: CPU seconds one betweenness computation may take before it is sampled.
DEFAULT_BUDGET = 10.0
#: Fewest pivots a sampled estimate uses, whatever the budget.
MIN_PIVOTS = 32
#: Below this many elementary steps (n·(m + n·log2 n)) the exact computation takes well
#: under a second on any machine: it is done without measuring.
_CERTAINLY_CHEAP = 1e7
#: Measure batches of single-source runs until one took this much CPU time.
_CALIBRATION_SECONDS = 0.1


def error_bound(n: int, pivots: int, confidence: float = 0.95) -> float:
    r"""Largest error of a sampled normalised betweenness, for every actor at once.

    With :math:`k` pivots drawn uniformly without replacement, the Brandes & Pich
    estimate of the normalised betweenness of :math:`v` is the mean of the :math:`k`
    terms :math:`Y_s = n\,\delta_{s\bullet}(v) / ((n-1)(n-2))`, where
    :math:`\delta_{s\bullet}(v) \le n - 2` is the dependency of the pivot :math:`s` on
    :math:`v`; so :math:`0 \le Y_s \le n/(n-1)`. Hoeffding's inequality (which holds for
    sampling without replacement too) and a union bound over the :math:`n` actors give,
    with probability at least ``confidence`` :math:`= 1 - \delta`,

    .. math::

        \max_v |\hat c_B(v) - c_B(v)| \le \varepsilon
        = \frac{n}{n-1} \sqrt{\frac{\ln(2n/\delta)}{2k}}.

    It is a guarantee, not an estimate: on real networks the error is usually far
    smaller (``bench/analysis_bench.py`` measures it). Exact results (``k >= n``) have 0.

    Parameters
    ----------
    n : int
        Number of actors.
    pivots : int
        Number of pivots ``k``.
    confidence : float, optional
        Probability ``1 - δ`` that the bound holds, in (0, 1).

    Returns
    -------
    float
        ε on the normalised scale (multiply by ``(n-1)(n-2)``, halved for undirected
        graphs, for raw counts).

    Raises
    ------
    AnalysisInputError
        If ``confidence`` is not in (0, 1) or ``pivots < 1``.

    Examples
    --------
    >>> round(error_bound(20_000, 256), 3)
    0.163
    >>> error_bound(100, 100)
    0.0

    References
    ----------
    .. [1] Brandes, U., & Pich, C. (2007). Centrality estimation in large networks.
       International Journal of Bifurcation and Chaos 17(7), 2303–2318.
    .. [2] Hoeffding, W. (1963). Probability inequalities for sums of bounded random
       variables. Journal of the American Statistical Association 58(301), 13–30
       (Theorem 1, and section 6 for sampling without replacement).
    .. [3] Riondato, M., & Kornaropoulos, E. M. (2016). Fast approximation of
       betweenness centrality through sampling. Data Mining and Knowledge Discovery
       30(2), 438–475 (a tighter bound for a different sampler: one shortest path of
       a random pair per sample).
    """
    if not 0.0 < confidence < 1.0:
        raise AnalysisInputError("confidence must be between 0 and 1")
    if pivots < 1:
        raise AnalysisInputError("pivots must be at least 1")
    if pivots >= n or n <= 2:
        return 0.0
    delta = 1.0 - confidence
    return n / (n - 1) * math.sqrt(math.log(2 * n / delta) / (2 * pivots))


def _run(
    g: igraph.Graph, directed: bool, lengths: list[float] | None, sources: list[int]
) -> np.ndarray:
    return np.asarray(
        g.betweenness(directed=directed, weights=lengths, sources=sources), dtype=float
    )


def betweenness(
    G: nx.Graph,
    *,
    weight: str | None = None,
    normalized: bool = True,
    budget: float | None = DEFAULT_BUDGET,
    k: int | None = None,
    seed: int = 0,
    exact_threshold: int | None = None,
    confidence: float = 0.95,
) -> pd.DataFrame:
    r"""Freeman betweenness of every actor, exact when it fits the budget, else sampled.

    The betweenness of :math:`v` is :math:`\sum_{s \ne v \ne t} \sigma_{st}(v)/\sigma_{st}`,
    the share of shortest ``s``–``t`` paths through ``v`` (Freeman 1977), computed with
    Brandes' (2001) algorithm by igraph: one single-source shortest-path run per actor,
    each costing :math:`O(m + n \log n)` (weighted) or :math:`O(m)` (unweighted).

    **Exact or sampled, by cost.** The pivots are a fixed random order of the actors
    (``numpy.random.default_rng(seed).permutation(n)``). The first few are run in
    doubling batches until one batch takes 0.1 s of CPU time, which gives the cost
    :math:`c` of one source on *this* graph; the exact computation would cost about
    :math:`n c`. If that fits ``budget``, the result is exact; otherwise the first
    :math:`k = \max(\lfloor \text{budget} / c \rfloor, 32)` pivots of the order are used
    (the measured ones included, so no run is wasted) and the Brandes & Pich (2007)
    estimate is returned: their dependencies summed and scaled by :math:`n/k`, the
    unbiased estimator networkx's ``betweenness_centrality(k=…)`` also uses. Graphs
    whose exact cost is certainly small (:math:`n(m + n \log_2 n) \le 10^7` steps) are
    computed exactly without measuring. The budget counts CPU time of the calling
    thread, so a busy machine does not make the estimate coarser; the wall time can be
    longer than the budget there.

    The sampled result carries its error bound (:func:`error_bound`): with probability
    ``confidence``, every actor's normalised estimate is within

    .. math:: \varepsilon = \frac{n}{n-1} \sqrt{\frac{\ln(2n/(1-\text{confidence}))}{2k}}

    of the exact value (Hoeffding 1963, union bound over the actors).

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Simplified first (see :mod:`graphsvc.analysis._igraph`): loops dropped, parallel
        edges merged with summed weights. Directed graphs use directed paths.
    weight : str or None, optional
        Edge attribute with tie *strength* (> 0). Shortest paths then use the
        **distance 1/weight** (a strong tie is a short one). None: every tie has length 1.
    normalized : bool, optional
        Scale exactly as networkx ``betweenness_centrality(normalized=True)``: divide by
        ``(n-1)(n-2)`` for directed graphs and ``(n-1)(n-2)/2`` for undirected ones (no
        scaling when ``n <= 2``). False: raw counts as networkx (unordered pairs for
        undirected graphs).
    budget : float or None, optional
        CPU seconds the computation may take (default 10). None: always exact.
    k : int or None, optional
        Fixed number of pivots when sampling, instead of what fits the budget (a
        sampled result is reproduced by passing its ``pivots`` and ``seed``). ``k >= n``
        uses every node (exact result).
    seed : int, optional
        Seed of the pivot order; the same seed, graph and ``k`` give the same result.
    exact_threshold : int or None, optional
        Force the choice by size instead of cost: exact up to this many nodes, sampled
        with ``k`` pivots (default 256) above. None (default): choose by cost.
    confidence : float, optional
        Probability that the reported ``error_bound`` holds (default 0.95).

    Returns
    -------
    pandas.DataFrame
        Indexed by node id (``"id"``), column ``betweenness`` (float). ``df.attrs`` holds
        ``method`` ("exact" or "sampled"), ``pivots`` (number of pivot sources; n when
        exact), ``seed`` (None when exact), ``error_bound`` (ε in the units of the
        column, 0 when exact) with its ``confidence``, ``budget``,
        ``estimated_exact_seconds`` (n × the measured cost of one source; None when not
        measured), ``weight``, ``normalized``, ``n`` and a ready-to-show ``caption``.

    Raises
    ------
    AnalysisInputError
        If a weight is not a finite number > 0, ``k < 1``, ``budget <= 0`` or
        ``confidence`` is not in (0, 1).

    Examples
    --------
    >>> import networkx as nx
    >>> df = betweenness(nx.path_graph(3))
    >>> df["betweenness"].tolist(), df.attrs["method"], df.attrs["error_bound"]
    ([0.0, 1.0, 0.0], 'exact', 0.0)

    References
    ----------
    .. [1] Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
       Sociometry 40(1), 35–41.
    .. [2] Brandes, U. (2001). A faster algorithm for betweenness centrality. Journal of
       Mathematical Sociology 25(2), 163–177.
    .. [3] Brandes, U., & Pich, C. (2007). Centrality estimation in large networks.
       International Journal of Bifurcation and Chaos 17(7), 2303–2318.
    .. [4] Hoeffding, W. (1963). Probability inequalities for sums of bounded random
       variables. Journal of the American Statistical Association 58(301), 13–30.
    """
    if k is not None and k < 1:
        raise AnalysisInputError("k (number of pivots) must be at least 1")
    if budget is not None and not budget > 0:
        raise AnalysisInputError("budget must be a positive number of seconds")
    if not 0.0 < confidence < 1.0:
        raise AnalysisInputError("confidence must be between 0 and 1")
    view = to_igraph(G, weight)
    g = view.graph
    n = view.n
    lengths = [1.0 / w for w in g.es["weight"]] if view.weighted and g.ecount() else None
    order = np.random.default_rng(seed).permutation(n).tolist()
    done = 0  # pivots of `order` already run into `partial`
    partial = np.zeros(n)
    estimated: float | None = None

    if exact_threshold is not None:
        pivots = n if n <= exact_threshold else min(k or 256, n)
    elif budget is None or n * (g.ecount() + n * math.log2(max(n, 2))) <= _CERTAINLY_CHEAP:
        pivots = n
    else:
        # Batches of 2, 2, 4, 8, … pivots until one took long enough to time well; the
        # cost of a source is that batch's time per source (the first runs also pay for
        # warming up, and every call converts the weights and the result once).
        per_source = spent = 0.0
        while done < n:
            batch = order[done : min(n, max(2, 2 * done))]
            started = time.thread_time()
            partial += _run(g, view.directed, lengths, batch)
            took = time.thread_time() - started
            done += len(batch)
            per_source, spent = took / len(batch), spent + took
            if took >= _CALIBRATION_SECONDS or spent >= budget:  # timing stays in the budget
                break
        estimated = per_source * n
        if estimated <= budget:
            pivots = n
        elif k is not None:
            pivots = min(k, n)
        else:
            fits = int(budget / per_source) if per_source > 0 else n
            pivots = min(max(fits, MIN_PIVOTS, done), n)  # the measured runs count

    if pivots >= n:
        raw = np.asarray(g.betweenness(directed=view.directed, weights=lengths), dtype=float)
        method, pivots = "exact", n
    else:
        if done > pivots:  # measured more sources than the fixed k: start again
            done, partial = 0, np.zeros(n)
        raw = partial + (
            _run(g, view.directed, lengths, order[done:pivots]) if pivots > done else 0.0
        )
        raw *= n / pivots
        method = "sampled"
    # igraph counts unordered pairs for undirected graphs, ordered pairs for directed
    # ones: exactly networkx's normalized=False values.
    if normalized and n > 2:
        scale = 1.0 / ((n - 1) * (n - 2))
        if not view.directed:
            scale *= 2.0
        raw = raw * scale
    bound = 0.0
    if method == "sampled":
        bound = error_bound(n, pivots, confidence)
        if not normalized:  # back to raw counts (unordered pairs when undirected)
            bound *= (n - 1) * (n - 2) / (1.0 if view.directed else 2.0)
    df = view.frame({"betweenness": raw})
    df.attrs.update(
        {
            "measure": "betweenness",
            "method": method,
            "pivots": pivots,
            "seed": seed if method == "sampled" else None,
            "error_bound": bound,
            "confidence": confidence,
            "budget": budget,
            "estimated_exact_seconds": None if estimated is None else round(estimated, 3),
            "weight": weight,
            "normalized": normalized,
            "n": n,
            "caption": (
                f"Betweenness, sampled: {pivots} of {n} pivots, seed {seed}, "
                f"error ≤ {bound:.3g} with probability {confidence:g} (Brandes & Pich 2007)"
                if method == "sampled"
                else f"Betweenness, exact over {n} actors (Brandes 2001)"
            )
            + ("; distance = 1/weight" if weight is not None else ""),
        }
    )
    return df
