"""The whole bridging analysis of an actor graph, in one call.

:func:`bridging_roles` runs every bridging measure on one simplified actor graph and
joins the per-actor results into one table, next to the tables that are not per actor
(sole brokers per pair of groups, bridges, the E-I index per group). It is what the
CLI's ``analyse bridging`` and the maps use; the single measures stay available on
their own (:mod:`graphsvc.analysis`).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pandas as pd

from graphsvc.analysis._igraph import check_weights, shared_conversions, simple_graph
from graphsvc.analysis.brokerage import brokerage
from graphsvc.analysis.centrality import betweenness
from graphsvc.analysis.communities import communities, k_core
from graphsvc.analysis.cuts import articulation_points, bridges, sole_brokers
from graphsvc.analysis.ei_index import EIResult, ei_index
from graphsvc.analysis.roles import role_summary
from graphsvc.analysis.structural_holes import structural_holes

log = logging.getLogger(__name__)

ACTOR_FACTS = ("name", "kind", "sector", "scale", "locality")
#: CPU seconds each betweenness column may take before it is sampled: with the other
#: measures, the bridging analysis of 20,000 actors / 100,000 ties stays under 15 s.
BETWEENNESS_BUDGET = 3.0
#: What the result says about how a betweenness column was computed.
HOW = ("method", "pivots", "seed", "error_bound", "confidence", "budget",
       "estimated_exact_seconds")  # fmt: skip


def _how(df: pd.DataFrame) -> dict[str, Any]:
    return {key: df.attrs.get(key) for key in HOW}


@dataclass
class BridgingResult:
    """Everything :func:`bridging_roles` found.

    Attributes
    ----------
    actors : DataFrame
        One row per actor: facts, ``degree``, ``betweenness``, ``betweenness_weighted``,
        Burt's ``constraint``, ``effective_size``, ``efficiency``, ``hierarchy``, the five
        Gould–Fernandez role counts with ``total`` and their ``z_*`` scores,
        ``is_articulation`` and ``cut_off``, ``community``, ``core_number``, ``ei``
        (the actor's own E-I index), ``sole_broker_pairs`` and the sentences
        ``role_en`` / ``role_da``.
    sole_brokers : DataFrame
        For each pair of groups joined by exactly one actor, that actor.
    bridges : DataFrame
        Ties whose removal disconnects the network.
    ei : EIResult
        E-I index of the network, of each group and of each actor, with a permutation test.
    meta : dict
        How it was computed: sizes, the group attribute, the seconds each measure took,
        and for ``betweenness`` and ``betweenness_weighted`` (None when ``weight`` is
        None) how: ``method`` ("exact" or "sampled"), ``pivots``, ``seed``,
        ``error_bound`` (largest error of any actor's value with probability
        ``confidence``; 0 when exact), ``budget`` and ``estimated_exact_seconds``.
    """

    actors: pd.DataFrame
    sole_brokers: pd.DataFrame
    bridges: pd.DataFrame
    ei: EIResult
    meta: dict[str, Any] = field(default_factory=dict)


def bridging_roles(
    G: nx.Graph,
    *,
    attribute: str = "sector",
    weight: str | None = "weight",
    seed: int = 0,
    permutations: int = 1000,
    betweenness_budget: float | None = BETWEENNESS_BUDGET,
    pivots: int | None = None,
) -> BridgingResult:
    """Run every bridging measure on an actor graph.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        An actor graph, e.g. :func:`graphsvc.analysis.snapshot.actor_graph`. Node
        attributes ``attribute`` (the groups) and, for the table, ``name``, ``kind``,
        ``sector``, ``scale``, ``locality``. Loops are dropped and parallel ties merged
        (weights summed) first, as every measure here does.
    attribute : str, default "sector"
        Node attribute whose values are the groups for brokerage, sole brokers and E-I.
        Actors without a value are put in the group ``"(none)"``.
    weight : str or None, default "weight"
        Tie strength for weighted betweenness (distance = 1 / weight) and Burt's measures.
    seed : int
        Seed for sampled betweenness, community detection and the E-I permutations.
    permutations : int
        Permutations of the E-I test.
    betweenness_budget : float or None
        CPU seconds each of the two betweenness columns may take (default 3). Each is
        exact when its measured cost fits, else estimated from as many pivots as fit
        (Brandes & Pich 2007; see :func:`graphsvc.analysis.centrality.betweenness`).
        None: always exact (slow on big networks: hours at 100k actors).
    pivots : int or None
        A fixed number of pivots when sampling, instead of what fits the budget.

    Returns
    -------
    BridgingResult

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> nx.set_node_attributes(G, {"a": "public", "b": "civil_society", "c": "citizen"}, "sector")
    >>> result = bridging_roles(G, permutations=10)
    >>> int(result.actors.loc["b", "liaison"]), bool(result.actors.loc["b", "is_articulation"])
    (2, True)

    References
    ----------
    .. [1] Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
       *Sociometry*, 40(1), 35–41.
    .. [2] Burt, R. S. (1992). *Structural Holes*. Harvard University Press.
    .. [3] Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation.
       *Sociological Methodology*, 19, 89–126.
    .. [4] Krackhardt, D., & Stern, R. N. (1988). Informal networks and organizational
       crises. *Social Psychology Quarterly*, 51(2), 123–140.
    """
    simple = G if _is_analysis_graph(G, weight, attribute) else simple_graph(G, weight)
    if simple is not G:
        for _node, attrs in simple.nodes(data=True):
            if attrs.get(attribute) in (None, ""):
                attrs[attribute] = "(none)"
    undirected = simple.to_undirected(as_view=True) if simple.is_directed() else simple
    timings: dict[str, float] = {}

    def timed(name: str, func: Any, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        value = func(*args, **kwargs)
        timings[name] = round(time.perf_counter() - started, 3)
        return value

    with shared_conversions():
        return _bridging(
            simple, undirected, timed, timings,
            attribute=attribute, weight=weight, seed=seed, permutations=permutations,
            budget=betweenness_budget, pivots=pivots,
        )  # fmt: skip


def _is_analysis_graph(G: nx.Graph, weight: str | None, attribute: str) -> bool:
    """Whether ``G`` is already what :func:`simple_graph` would make of it, with every
    actor in a group: no parallel ties, no loops, every weight a float (as
    :func:`graphsvc.analysis.snapshot.actor_graph` makes it). Then the analysis reads
    ``G`` itself instead of a copy (1.5–3.5 s at 20k actors / 100k ties)."""
    if G.is_multigraph() or nx.number_of_selfloops(G):
        return False
    if weight is not None:
        weights = [w for _, _, w in G.edges(data=weight)]
        if not all(type(w) is float for w in weights):
            return False
        check_weights(weights, weight)  # the error simple_graph would raise
    return all(attrs.get(attribute) not in (None, "") for _, attrs in G.nodes(data=True))


def _bridging(
    simple: nx.Graph,
    undirected: nx.Graph,
    timed: Any,
    timings: dict[str, float],
    *,
    attribute: str,
    weight: str | None,
    seed: int,
    permutations: int,
    budget: float | None,
    pivots: int | None,
) -> BridgingResult:
    bc = timed("betweenness", betweenness, simple, budget=budget, k=pivots, seed=seed)
    how: dict[str, Any] = {"betweenness": _how(bc), "betweenness_weighted": None}
    if weight is not None:
        weighted = timed(
            "betweenness_weighted",
            betweenness,
            simple,
            weight=weight,
            budget=budget,
            k=pivots,
            seed=seed,
        )
        bc_weighted = weighted["betweenness"]
        how["betweenness_weighted"] = _how(weighted)
    else:
        bc_weighted = pd.Series(float("nan"), index=bc.index)
    holes = timed("structural_holes", structural_holes, simple, weight=weight)
    roles = timed("brokerage", brokerage, simple, attribute)
    cuts = timed("articulation_points", articulation_points, undirected)
    sole = timed("sole_brokers", sole_brokers, undirected, attribute)
    ties = timed("bridges", bridges, undirected)
    groups = timed("communities", communities, undirected, seed=seed)
    cores = timed("k_core", k_core, undirected)
    ei = timed("ei_index", ei_index, simple, attribute, permutations=permutations, seed=seed)
    sentences = timed(
        "role_summary",
        role_summary,
        simple,
        roles,
        sole_brokers_df=sole,
        articulation_df=cuts,
        attribute=attribute,
        lang="both",
    )

    facts = pd.DataFrame.from_dict(
        {n: {k: simple.nodes[n].get(k) for k in ACTOR_FACTS} for n in simple}, orient="index"
    )
    facts.index.name = "id"
    table = facts.join(pd.Series(dict(undirected.degree()), name="degree"))
    table = table.join(bc[["betweenness"]])
    table = table.join(bc_weighted.rename("betweenness_weighted"))
    table = table.join(holes.drop(columns=["degree"], errors="ignore"))
    table = table.join(roles.drop(columns=["group"], errors="ignore"))
    table = table.join(cuts)
    table = table.join(groups).join(cores)
    table = table.join(ei.actors[["ei"]] if "ei" in ei.actors else ei.actors.iloc[:, :1])
    pair_counts = sole.index.value_counts() if len(sole) else pd.Series(dtype=int)
    table["sole_broker_pairs"] = pair_counts.reindex(table.index, fill_value=0).astype(int)
    table = table.join(sentences[["role_en", "role_da"]])

    meta = {
        "actors": simple.number_of_nodes(),
        "ties": simple.number_of_edges(),
        "directed": simple.is_directed(),
        "attribute": attribute,
        **how,
        "seconds": timings,
    }
    log.info("bridging analysis of %d actors took %.2f s", len(table), sum(timings.values()))
    return BridgingResult(actors=table, sole_brokers=sole, bridges=ties, ei=ei, meta=meta)
