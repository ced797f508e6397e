"""An index of the kept network for the maps of its parts: who is where, and every tie.

The drill-down from an overview of groups to one municipality's map walked the whole
kept network twice per map: once to find the municipality's actors and projects, once
to count the ties between the groups of its view (the largest municipality's view is
half of a national network). :class:`NetworkIndex` is made once per graph version
(:func:`graphsvc.maps.source.map_network` keeps it beside the network it indexes, and
forgets it as that module forgets its kept network) and answers both from arrays: a
lens reads its own nodes, :func:`graphsvc.maps.aggregate.aggregate` counts the ties of
any set of nodes with numpy. It is used only for the very network it indexes
(:meth:`NetworkIndex.covers`); any other network (a copy, the network with persons
renamed) is walked as before, with the same result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import networkx as nx
import numpy as np

#: The graph attribute a map's network carries its index in (see :func:`index_of`).
INDEX = "map_index"


@dataclass(frozen=True, eq=False)
class NetworkIndex:
    """Positions, ties and localities of one network (never changed after it is made).

    Attributes
    ----------
    nodes
        The indexed network's own node dictionary (networkx' ``_node``, shared with its
        graph views): the network is recognised by it.
    position
        ``{node id: position}``, positions ``0 … n - 1`` in the network's node order.
    source, target
        The ends (positions) of every tie, parallel ties one entry each.
    degree
        Ties per node (as ``network.degree``: a loop counts at both ends).
    names
        The node ids as text, by position.
    by_locality
        ``{locality code: [node ids]}``: actors by their ``locality``, projects under
        each of their ``localities``.
    persons
        The nodes with an ``is_person`` value (any but none and false): where the map
        looks for persons to hide.
    """

    nodes: Mapping[Any, Any]
    position: dict[Any, int]
    source: np.ndarray
    target: np.ndarray
    degree: np.ndarray
    names: list[str]
    by_locality: dict[str, list[Any]]
    persons: list[Any]

    def covers(self, network: nx.MultiDiGraph) -> bool:
        """Whether this indexes ``network`` or a graph view of it: the same node
        dictionary, as many nodes. Ties added later are not seen here: an index is made
        per graph version (:func:`graphsvc.maps.source.map_network`)."""
        return network._node is self.nodes and len(network._node) == len(self.position)

    def of_overlay(self, network: nx.MultiDiGraph) -> NetworkIndex:
        """This index for ``network``, which has the indexed network's nodes and ties in
        the same order and the same localities and persons, with other data on some
        of them (:func:`graphsvc.maps.source._overlay`, full records on what a map
        shows)."""
        return replace(self, nodes=network._node)

    def neighbourhood(self, found: list[Any]) -> set[str]:
        """The ids (as text) of the nodes ``found`` and of every node tied to one."""
        inside = np.zeros(len(self.names), dtype=bool)
        inside[[self.position[n] for n in found]] = True
        touching = inside[self.source] | inside[self.target]
        near = np.union1d(self.source[touching], self.target[touching])
        names = self.names
        return {str(n) for n in found} | {names[i] for i in near.tolist()}


def places_of(data: Mapping[str, Any]) -> list[str]:
    """The municipalities a node belongs to on the maps, each once: an actor's
    ``locality``, a project's ``localities``.

    Examples
    --------
    >>> places_of({"type": "project", "localities": ["DK-101", "DK-147", "DK-101"]})
    ['DK-101', 'DK-147']
    >>> places_of({"locality": "DK-410"}), places_of({"locality": None})
    (['DK-410'], [])
    """
    if data.get("type") == "project":
        values = data.get("localities") or []
    else:
        values = [data.get("locality")]
    return [place for place in dict.fromkeys(values) if isinstance(place, str)]


def build_index(network: nx.MultiDiGraph) -> NetworkIndex:
    """The :class:`NetworkIndex` of ``network`` (ids as they are: the maps' are strings).

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", locality="DK-101")
    >>> g.add_node("p", type="project", localities=["DK-101", "DK-147"])
    >>> _ = g.add_edge("a", "p")
    >>> index = build_index(g)
    >>> index.by_locality["DK-147"], index.degree.tolist()
    (['p'], [1, 1])
    """
    position = {n: i for i, n in enumerate(network._node)}
    by_locality: dict[str, list[Any]] = {}
    persons = []
    for n, data in network._node.items():
        if data.get("is_person") not in (None, False):
            persons.append(n)
        for place in places_of(data):
            by_locality.setdefault(place, []).append(n)
    ends = np.fromiter(  # u, v of every tie in turn, without a list of pairs first
        (
            end
            for u, targets in network._succ.items()
            for v, keyed in targets.items()
            for _ in keyed
            for end in (position[u], position[v])
        ),
        dtype=np.int32,
        count=2 * network.number_of_edges(),
    )
    source, target = ends[0::2].copy(), ends[1::2].copy()
    size = len(position)
    degree = np.bincount(source, minlength=size) + np.bincount(target, minlength=size)
    names = [str(n) for n in network._node]
    return NetworkIndex(
        network._node, position, source, target, degree, names, by_locality, persons
    )


def index_of(network: nx.MultiDiGraph) -> NetworkIndex | None:
    """The index ``network`` carries in ``graph["map_index"]``, if it indexes it."""
    index = network.graph.get(INDEX)
    return index if isinstance(index, NetworkIndex) and index.covers(network) else None
