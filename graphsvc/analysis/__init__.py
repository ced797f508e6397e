"""Network analysis over networkx graphs, with igraph doing the heavy work.

Every measure takes a networkx graph and returns pandas DataFrames indexed by node id
(index name ``"id"``). All of them first simplify the graph the same way (loops dropped,
parallel edges merged summing weights): see :mod:`graphsvc.analysis._igraph`.
What each measure means, and its sources: ``docs/analysis.md``.
"""

from graphsvc.analysis._igraph import (
    AnalysisInputError,
    IGraphView,
    annotate,
    simple_graph,
    to_igraph,
)
from graphsvc.analysis.brokerage import brokerage, brokerage_graph
from graphsvc.analysis.centrality import betweenness
from graphsvc.analysis.communities import communities, k_core
from graphsvc.analysis.cuts import (
    CutStructure,
    articulation_points,
    bridges,
    cut_structure,
    sole_brokers,
)
from graphsvc.analysis.ei_index import EIResult, ei_index
from graphsvc.analysis.fragmentation import fragmentation, fragmentation_change, key_player
from graphsvc.analysis.structural_holes import structural_holes

__all__ = [
    "AnalysisInputError",
    "CutStructure",
    "EIResult",
    "IGraphView",
    "annotate",
    "articulation_points",
    "betweenness",
    "bridges",
    "brokerage",
    "brokerage_graph",
    "communities",
    "cut_structure",
    "ei_index",
    "fragmentation",
    "fragmentation_change",
    "k_core",
    "key_player",
    "simple_graph",
    "sole_brokers",
    "structural_holes",
    "to_igraph",
]
