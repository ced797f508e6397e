"""Lenses: which part of the network a map shows, and what it marks.

Every lens takes the network (a networkx ``MultiDiGraph`` from
``graphsvc.analysis.snapshot.build_network``) and returns a :class:`View`: the node ids,
the edges ``(u, v, key)`` to draw, marks per node/edge (``outside``, ``local``,
``non_local``, ``broker``, ``removed``) and a short summary the page shows.

Lenses
------
``network``
    The whole network.
``municipality``
    ``focus`` is a locality code (``"DK-410"``): the actors based there and the projects
    located there, plus their direct partners elsewhere (marked ``outside``).
``project``
    ``focus`` is a project id: the project, its participants split into local and
    non-local by the anchoring analysis' own rule
    (:func:`graphsvc.analysis.anchoring.is_local`: based in one of the project's
    localities and not of national/international scale; for a project without
    localities, an actor of local or municipal scale), and the ties among them.
``ego``
    ``focus`` is an actor id: everything within ``radius`` steps (projects count as a step).
``brokers``
    Actors with significant brokerage (``z_total >= 1.96``, or the ``top_k`` largest
    ``total``) and the groups they join: their direct neighbours and, for projects, the
    projects' participants.
``whatif``
    The whole network with what a scenario removes (``removed`` node ids / edge ids)
    marked ``removed`` (drawn faded red); ties of a removed node are removed too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import networkx as nx
import pandas as pd

from graphsvc.analysis.anchoring import is_local
from graphsvc.filters import LENSES
from graphsvc.maps.index import NetworkIndex, index_of, places_of

EdgeKey = tuple[str, str, Any]

_ROLE_ORDER = {
    r: i
    for i, r in enumerate(
        [
            "lead",
            "process_owner",
            "coordinator",
            "funder",
            "partner",
            "knowledge_partner",
            "host",
            "evaluator",
            "volunteer",
            "participant",
        ]
    )
}


class View:
    """What a map shows.

    Attributes
    ----------
    lens
        The lens that made the view.
    nodes
        Node ids, sorted.
    edges
        ``(u, v, key)`` of the multigraph, sorted. Given as a list or as a function
        that lists them, called when ``edges`` is first read: an overview of groups
        draws no edge of its own, and a large view's edges cost a walk and a sort.
    node_marks, edge_marks
        Marks per node id / edge id (see the module doc).
    layout
        ``"fr"`` (Fruchterman–Reingold) or ``"split"`` (the project anchoring view).
    split
        For ``"split"``: ``(centre, left, right)``.
    focus
        The node the page selects at start, if any.
    summary
        Facts the page shows above the map (``{"key": value}``; keys are UI words).
    """

    def __init__(
        self,
        lens: str,
        nodes: list[str],
        edges: list[EdgeKey] | Callable[[], list[EdgeKey]],
        *,
        node_marks: dict[str, set[str]] | None = None,
        edge_marks: dict[str, set[str]] | None = None,
        layout: str = "fr",
        split: tuple[str, list[str], list[str]] | None = None,
        focus: str | None = None,
        summary: dict[str, Any] | None = None,
    ) -> None:
        self.lens = lens
        self.nodes = nodes
        self._edges = edges
        self.node_marks = {} if node_marks is None else node_marks
        self.edge_marks = {} if edge_marks is None else edge_marks
        self.layout = layout
        self.split = split
        self.focus = focus
        self.summary = {} if summary is None else summary

    @property
    def edges(self) -> list[EdgeKey]:
        if callable(self._edges):
            self._edges = self._edges()
        return self._edges

    @edges.setter
    def edges(self, edges: list[EdgeKey]) -> None:
        self._edges = edges

    def mark(self, node: str, what: str) -> None:
        self.node_marks.setdefault(node, set()).add(what)


def edge_id(network: nx.MultiDiGraph, u: Any, v: Any, key: Any) -> str:
    """The id a map uses for an edge: its ``id`` attribute, else ``"u|v|key"``."""
    data = network.edges[u, v, key]
    own = data.get("id")
    return str(own) if own not in (None, "") else f"{u}|{v}|{key}"


def _sorted_edges(network: nx.MultiDiGraph, keep: set[str], *, any_end: set[str] | None = None):
    """Edges with both ends in ``keep`` (and, if given, one end in ``any_end``), sorted."""
    out: list[EdgeKey] = []
    for u, v, k in network.edges(keys=True):
        su, sv = str(u), str(v)
        if su in keep and sv in keep and (any_end is None or su in any_end or sv in any_end):
            out.append((u, v, k))
    out.sort(key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    return out


def _neighbours(network: nx.MultiDiGraph, node: Any) -> set[Any]:
    return set(network.predecessors(node)) | set(network.successors(node))


def _is_actor(network: nx.MultiDiGraph, node: Any) -> bool:
    return network.nodes[node].get("type", "actor") == "actor"


def _require(network: nx.MultiDiGraph, focus: str | None, what: str) -> str:
    if focus is None:
        raise ValueError(f"this lens needs focus= (a {what})")
    if focus not in network:
        raise KeyError(f"no {what} {focus!r} in the network")
    return focus


def whole(network: nx.MultiDiGraph) -> View:
    """The whole network."""
    nodes = sorted(str(n) for n in network.nodes)
    return View("network", nodes, lambda: _sorted_edges(network, set(nodes)))


def municipality_nodes(
    network: nx.MultiDiGraph, locality: str, *, index: NetworkIndex | None = None
) -> tuple[set[str], set[str]]:
    """The nodes of :func:`municipality`'s view, without its edges: ``(core, keep)``, the
    actors based there and projects located there, and those with their direct partners.

    ``index`` (or the one ``network`` carries, :func:`graphsvc.maps.index.index_of`)
    names the actors and projects there without a walk over every node; it is used only
    if it indexes ``network``.

    Raises
    ------
    KeyError
        When no actor or project is in ``locality``.
    """
    return _municipality_parts(network, locality, index)[1:]


def _municipality_parts(
    network: nx.MultiDiGraph, locality: str, index: NetworkIndex | None = None
) -> tuple[list[Any], set[str], set[str]]:
    """``(core nodes as the network names them, core, keep)`` of :func:`municipality_nodes`.

    The neighbours are read from the adjacency of the core nodes only (networkx'
    ``succ``/``pred``): the largest municipality's view is half a national network."""
    if index is None or not index.covers(network):
        index = index_of(network)
    if index is not None:
        found = list(index.by_locality.get(locality, ()))
    else:  # the rule the index files nodes by
        found = [n for n, data in network.nodes(data=True) if locality in places_of(data)]
    if not found:
        raise KeyError(f"no actor or project in {locality!r}")
    core = {str(n) for n in found}
    if index is not None:
        return found, core, index.neighbourhood(found)
    keep = set(core)
    succ, pred = network.succ, network.pred
    for n in found:
        keep.update(map(str, succ[n]))
        keep.update(map(str, pred[n]))
    return found, core, keep


def _edges_of(network: nx.MultiDiGraph, found: list[Any]) -> list[EdgeKey]:
    """Every edge with an end among the nodes ``found`` (each once), sorted as
    :func:`_sorted_edges` sorts: the edges of a municipality's view, read from its own
    nodes' adjacency instead of a walk over every edge of the network."""
    within = set(found)
    out: list[EdgeKey] = []
    succ, pred = network.succ, network.pred
    for n in found:
        for v, keyed in succ[n].items():
            out.extend((n, v, k) for k in keyed)
        for u, keyed in pred[n].items():
            if u not in within:  # an edge between two of them is one of the first's
                out.extend((u, n, k) for k in keyed)
    out.sort(key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    return out


def municipality(network: nx.MultiDiGraph, locality: str) -> View:
    """Actors based in ``locality``, projects located there, and their direct partners."""
    found, core, keep = _municipality_parts(network, locality)
    view = View(
        "municipality",
        sorted(keep),
        lambda: _edges_of(network, found),
        summary={"municipality": locality},
    )
    for n in keep - core:
        view.mark(n, "outside")
    return view


def project(network: nx.MultiDiGraph, project_id: str) -> View:
    """The anchoring view of one project: local partners left, non-local right."""
    pid = _require(network, project_id, "project")
    pdata = network.nodes[pid]
    if pdata.get("type") != "project":
        raise ValueError(f"{pid!r} is not a project")
    localities = [str(x) for x in pdata.get("localities") or []]
    roles: dict[str, str] = {}
    for a, _, data in network.in_edges(pid, data=True):
        roles.setdefault(str(a), str(data.get("role") or "participant"))
    for _, a, data in network.out_edges(pid, data=True):
        roles.setdefault(str(a), str(data.get("role") or "participant"))

    def order(a: str) -> tuple[int, str]:
        return (_ROLE_ORDER.get(roles[a], 99), str(network.nodes[a].get("name", a)).casefold())

    local = sorted((a for a in roles if is_local(network.nodes[a], localities)), key=order)
    non_local = sorted((a for a in roles if a not in set(local)), key=order)
    keep = {pid, *roles}
    view = View(
        "project",
        sorted(keep),
        _sorted_edges(network, keep),
        layout="split",
        split=(pid, local, non_local),
        focus=pid,
        summary={
            "project": str(pdata.get("name", pid)),
            "local_partners": len(local),
            "non_local_partners": len(non_local),
            "anchoring": round(len(local) / len(roles), 2) if roles else None,
        },
    )
    for a in local:
        view.mark(a, "local")
    for a in non_local:
        view.mark(a, "non_local")
    return view


def ego(network: nx.MultiDiGraph, actor_id: str, radius: int = 2) -> View:
    """Everything within ``radius`` steps of ``actor_id`` (ties in either direction)."""
    start = _require(network, actor_id, "node")
    if radius < 0:
        raise ValueError("radius must be >= 0")
    seen = {start}
    frontier = {start}
    for _ in range(radius):
        nxt: set[Any] = set()
        for n in frontier:
            nxt |= _neighbours(network, n)
        frontier = nxt - seen
        seen |= frontier
    keep = {str(n) for n in seen}
    return View(
        "ego",
        sorted(keep),
        _sorted_edges(network, keep),
        focus=str(start),
        summary={"focus_depth": radius},
    )


def broker_ids(
    measures: pd.DataFrame | None, *, top_k: int | None = None, z: float = 1.96
) -> list[str]:
    """Actors with significant brokerage.

    ``top_k`` given: the ``top_k`` largest ``total``. Otherwise ``z_total >= z``, where
    ``z_total`` is the column of that name or the z-score of ``total`` over all rows.
    """
    if measures is None or ("total" not in measures.columns and "z_total" not in measures):
        raise ValueError("the brokers lens needs measures with a 'total' or 'z_total' column")
    if top_k is not None:
        col = "total" if "total" in measures.columns else "z_total"
        ranked = measures[col].dropna().sort_values(ascending=False, kind="mergesort")
        return [str(i) for i in ranked.index[:top_k]]
    if "z_total" in measures.columns:
        zs = measures["z_total"]
    else:
        total = measures["total"].astype(float)
        std = float(total.std(ddof=0))
        zs = (total - float(total.mean())) / std if std > 0 else total * 0.0
    return sorted(str(i) for i in zs.index[zs.fillna(0) >= z])


def brokers(
    network: nx.MultiDiGraph,
    measures: pd.DataFrame | None,
    *,
    top_k: int | None = None,
    z: float = 1.96,
) -> View:
    """Brokers and the groups they join (see :func:`broker_ids`)."""
    found = [b for b in broker_ids(measures, top_k=top_k, z=z) if b in network]
    keep: set[str] = set(found)
    for b in found:
        for m in _neighbours(network, b):
            keep.add(str(m))
            if not _is_actor(network, m):
                keep |= {str(p) for p in _neighbours(network, m)}
    view = View(
        "brokers",
        sorted(keep),
        _sorted_edges(network, keep),
        summary={"broker": len(found)},
    )
    for b in found:
        view.mark(b, "broker")
    return view


def _edge_matches(removed: Iterable[Any], network: nx.MultiDiGraph) -> tuple[set[str], set[str]]:
    """Split ``removed`` into node ids and edge ids of the map."""
    nodes: set[str] = set()
    edges: set[str] = set()
    by_pair: dict[tuple[str, str], list[EdgeKey]] = {}
    ids: dict[str, str] = {}
    for u, v, k in network.edges(keys=True):
        eid = edge_id(network, u, v, k)
        by_pair.setdefault((str(u), str(v)), []).append((u, v, k))
        ids[eid] = eid
        ids[f"{u}|{v}|{k}"] = eid
        ids.setdefault(str(k), eid)
    for item in removed:
        if isinstance(item, tuple):
            if len(item) == 3:
                u, v, k = item
                if network.has_edge(u, v, k):
                    edges.add(edge_id(network, u, v, k))
            elif len(item) == 2:
                for u, v, k in by_pair.get((str(item[0]), str(item[1])), []):
                    edges.add(edge_id(network, u, v, k))
            continue
        sid = str(item)
        if sid in network:
            nodes.add(sid)
        elif sid in ids:
            edges.add(ids[sid])
    return nodes, edges


def whatif(network: nx.MultiDiGraph, removed: Iterable[Any] | Mapping[str, Any]) -> View:
    """The whole network with what a scenario removes marked ``removed``.

    ``removed`` holds node ids, edge ids (an edge's ``id`` attribute, its key, or
    ``"u|v|key"``), ``(u, v)`` pairs (every parallel edge) or ``(u, v, key)`` triples; or
    it is the ``removed`` mapping of ``graphsvc.analysis.whatif.apply_scenario``
    (``{"actors": [...], "ties": [...], "participations": [...]}``).
    """
    if isinstance(removed, Mapping):
        removed = [item for values in removed.values() for item in values or ()]
    view = whole(network)
    view.lens = "whatif"
    gone_nodes, gone_edges = _edge_matches(removed, network)
    for n in gone_nodes:
        view.mark(n, "removed")
    for u, v, k in view.edges:
        eid = edge_id(network, u, v, k)
        if eid in gone_edges or str(u) in gone_nodes or str(v) in gone_nodes:
            view.edge_marks.setdefault(eid, set()).add("removed")
    view.summary = {"removed": len(gone_nodes) + len(view.edge_marks)}
    return view


def make_view(
    network: nx.MultiDiGraph,
    lens: str,
    *,
    focus: str | None = None,
    radius: int = 2,
    measures: pd.DataFrame | None = None,
    removed: Iterable[Any] | Mapping[str, Any] | None = None,
    top_k: int | None = None,
) -> View:
    """Dispatch on the lens name (see the module doc)."""
    if lens == "network":
        return whole(network)
    if lens == "municipality":
        if focus is None:
            raise ValueError("the municipality lens needs focus= (a locality code, e.g. DK-410)")
        return municipality(network, focus)
    if lens == "project":
        return project(network, _require(network, focus, "project"))
    if lens == "ego":
        return ego(network, _require(network, focus, "actor"), radius)
    if lens == "brokers":
        return brokers(network, measures, top_k=top_k)
    if lens == "whatif":
        return whatif(network, removed or ())
    raise ValueError(f"unknown lens {lens!r}; one of {', '.join(LENSES)}")
