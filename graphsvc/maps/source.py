"""The network a map is drawn from, without rereading the whole graph.

A map is a shared screen: it shows the graph as :func:`graphsvc.privacy.redact_tables`
shows it, with every field of what it shows (descriptions, sources, tags, agreements in
the side panels). Reading and validating every item of a national graph for that takes
seconds, and a map shows a few hundred of them. :func:`map_network` starts from the
kept analysis network (:class:`graphsvc.analysis.snapshot.Snapshot`, the analysis
columns only), pseudonymises it (:func:`graphsvc.privacy.redact_network`) and reads by
id the full records of what the map shows: the shown nodes, their participations and
agreements (a panel lists each) and the collaborations among them (drawn). The map's
network shares everything else with the kept one (:func:`_overlay`). An overview of
groups (more actors than the aggregation threshold) draws no side panels, so it reads
nothing more. The result draws the same map as a network built from the whole
pseudonymised tables (``tests/maps/test_map_source.py`` compares the payloads).
"""

from __future__ import annotations

import hashlib
import json
import threading
import weakref
from collections.abc import Mapping
from typing import Any

import networkx as nx
import pandas as pd

from graphsvc.analysis.anchoring import mark_anchoring
from graphsvc.analysis.snapshot import (
    ANALYSIS_COLUMNS,
    NODE_TABLES,
    TIE_TABLES,
    build_network,
)
from graphsvc.io.exporter import read_items
from graphsvc.maps.index import INDEX, NetworkIndex, build_index
from graphsvc.maps.lenses import make_view, municipality_nodes
from graphsvc.model import agreement_ties
from graphsvc.privacy import mask_id, redact_agreements, redact_network
from graphsvc.store import Store

#: The graph attribute with the agreements the side panels name (:mod:`graphsvc.maps.html`).
AGREEMENTS = "agreements"
#: Lenses whose view is the whole network (a what-if marks what it removes in it).
WHOLE_LENSES = ("network", "whatif")


def map_network(
    base: nx.MultiDiGraph,
    store: Store,
    hidden: Mapping[str, str | None],
    key: bytes,
    *,
    lens: str,
    focus: str | None,
    radius: int,
    measures: pd.DataFrame | None,
    threshold: int,
    version: Any = None,
    anchoring: pd.DataFrame | None = None,
) -> nx.MultiDiGraph:
    """The pseudonymised network of a map, with full records where the map shows them.

    Parameters
    ----------
    base : networkx.MultiDiGraph
        The whole network with proposed items (the snapshot's, built from the analysis
        columns); not changed.
    store : Store
        Where the full records are read, by id.
    hidden : mapping of str to str or None
        ``{id: name}`` of every person who did not consent to be shown by name.
    key : bytes
        The pseudonym key.
    lens, focus, radius, measures
        What the map shows (as :func:`graphsvc.maps.render_map` takes them; ``focus``
        and the index of ``measures`` name hidden persons by their masked ids).
    threshold : int
        The aggregation threshold: a view with more actors is drawn as groups.
    version : object, optional
        The graph version of ``base``: its pseudonymised copy is kept for the next map
        of the same version and hidden persons (one redaction per write, not per map).
    anchoring : pandas.DataFrame, optional
        Anchoring figures (:func:`graphsvc.analysis.anchoring.local_anchoring` rows) to
        put on the shown projects (:func:`~graphsvc.analysis.anchoring.mark_anchoring`):
        their panels show them. Not used for an overview (no panels).

    Returns
    -------
    networkx.MultiDiGraph
        A frozen network, with the shown items' agreements in ``graph["agreements"]``:
        the shown nodes and their ties carry their full records, everything else is
        shared with the (pseudonymised) ``base`` (:func:`_overlay`, no copy of a national
        network per map); for an overview a read-only view of it. Either is drawn while
        ``base`` is lent; ``base`` is left as it is.
    """
    if hidden:
        redacted = _kept(base, hidden, key, version)
    else:
        with _KEPT_LOCK:  # nobody hidden now: no copy made for those who were
            _KEPT.clear()
        redacted = base
    index = _kept_index(redacted, version)
    if lens in WHOLE_LENSES:
        shown = list(redacted.nodes)
    elif lens == "municipality" and focus is not None:  # the drill-down: nodes, no edges
        shown = list(municipality_nodes(redacted, focus, index=index)[1])
    else:
        shown = make_view(redacted, lens, focus=focus, radius=radius, measures=measures).nodes
    node_data = redacted._node  # networkx' own dict: its view costs more than the count
    actors = sum(1 for n in shown if node_data[n].get("type") != "project")
    if actors > threshold and lens not in ("whatif", "project"):
        # an overview: groups, no side panels, nothing changed: a read-only view, no copy
        view = nx.graphviews.generic_graph_view(redacted)
        view.graph = {**redacted.graph, AGREEMENTS: {}}
        if index is not None:  # the lens and the groups find their part by it
            view.graph[INDEX] = index
        return view
    real = {mask_id(i, key): i for i in hidden}
    wanted, ends = _records_of(base, {real.get(n, n) for n in shown})
    full = read_items(store, wanted)
    agreements = full["agreements"]
    # the shown items' records, every field, with their ties as the whole tables build
    # them; the ties' other ends enter with their analysis columns only (a panel names
    # them, the map does not draw them), and an agreement's parties not among the ends
    # are left out of its ties here only
    tables = {**full, **_ends_as_rows(base, ends, full)}
    within = set(tables["actors"]["id"])
    parties = agreements.copy()
    parties["party_ids"] = [[p for p in ids if p in within] for ids in agreements["party_ids"]]
    small = build_network({**tables, "agreements": parties}, include_proposed=True)
    small = _redacted(small, hidden, key)
    drawn = set(shown)
    network = _overlay(
        redacted,
        {n: data for n, data in small.nodes(data=True) if n in drawn and n in redacted},
        {(u, v, tie): data for u, v, tie, data in small.edges(keys=True, data=True)},
    )
    if index is not None:  # same nodes, ties, places and persons: the lens finds its part
        network.graph[INDEX] = index.of_overlay(network)
    if anchoring is not None:  # on the shown projects only: the others' data is shared
        mark_anchoring(network, anchoring[anchoring.index.isin(drawn)])
    rows = redact_agreements(agreements, hidden, key).to_dict("records")
    network.graph[AGREEMENTS] = {str(row["id"]): row for row in rows}
    return nx.freeze(network)


_KEPT: dict[Any, tuple[weakref.ref[nx.MultiDiGraph], nx.MultiDiGraph]] = {}
_KEPT_LOCK = threading.Lock()
# One pseudonymised network is kept, the current version's: a copy of the whole network
# beside the snapshot's when someone is hidden. Its memory buys one redaction per write
# instead of one per map.


_INDEX: dict[Any, tuple[weakref.ref[nx.MultiDiGraph], NetworkIndex]] = {}
# The index of the network maps are drawn from (the snapshot's, or its kept pseudonymised
# copy), for the current version only: made by the first map of a version (a walk over
# every node and tie), it spares each later map of a large part of it that walk.


def _kept_index(network: nx.MultiDiGraph, version: Any) -> NetworkIndex | None:
    """The :class:`~graphsvc.maps.index.NetworkIndex` of ``network`` at ``version``, made
    once per version and network (none without a version: nothing tells a change)."""
    if version is None:
        return None
    wanted = (json.dumps(version, default=str), id(network))
    with _KEPT_LOCK:
        found = _INDEX.get(wanted)
        if found is not None and found[0]() is network and found[1].covers(network):
            return found[1]
        _INDEX.clear()
        index = build_index(network)
        _INDEX[wanted] = (weakref.ref(network), index)
        return index


def forget_kept() -> None:
    """Drop the kept pseudonymised network, if one is kept.

    Called when no one is hidden any more, or when a person was erased: nothing derived
    from the old hidden persons stays in the process. The next map of someone hidden
    makes a new one (:func:`map_network`). Safe from any thread, and when nothing is kept.
    """
    with _KEPT_LOCK:
        _KEPT.clear()
        _INDEX.clear()


def _hidden_digest(hidden: Mapping[str, str | None], key: bytes) -> str:
    """Who is hidden, as a keyed digest: the cache key holds no id or name."""
    text = json.dumps(sorted(hidden.items()), ensure_ascii=False).encode()
    return hashlib.blake2b(text, key=key[:64], digest_size=16).hexdigest()


def _kept(
    base: nx.MultiDiGraph, hidden: Mapping[str, str | None], key: bytes, version: Any
) -> nx.MultiDiGraph:
    """:func:`_redacted` of ``base``, kept per graph version (never changed after).

    The entry names ``base`` by a weak reference and is used only for that very
    network; the old version's copy is dropped before the new one is made, so two whole
    copies never live at once."""
    if version is None:
        return _redacted(base, hidden, key)
    wanted = (json.dumps(version, default=str), id(base), _hidden_digest(hidden, key))
    with _KEPT_LOCK:
        found = _KEPT.get(wanted)
        if found is not None and found[0]() is base:
            return found[1]
        _KEPT.clear()
        redacted = _redacted(base, hidden, key)
        _KEPT[wanted] = (weakref.ref(base), redacted)
        return redacted


def _redacted(
    network: nx.MultiDiGraph, hidden: Mapping[str, str | None], key: bytes
) -> nx.MultiDiGraph:
    """:func:`~graphsvc.privacy.redact_network`, with the ties an agreement derives
    between a hidden person and another party keyed as a network built from the
    pseudonymised tables keys them: ``<agreement>~<a>~<b>`` of the masked ids (the
    agreement is one item, its id names no person), not a masked tie id."""
    out = redact_network(network, hidden, key)
    masks = {mask_id(i, key) for i in hidden}
    derived = [
        (u, v, tie, data)
        for u, v, tie, data in out.edges(keys=True, data=True)
        if data.get("agreement_id") and (u in masks or v in masks)
    ]
    for u, v, tie, _data in derived:
        out.remove_edge(u, v, tie)
    for u, v, _tie, data in derived:
        ((tie, a, b),) = agreement_ties(str(data["agreement_id"]), [u, v])
        out.add_edge(a, b, key=tie, **{**data, "id": tie, "source_id": a, "target_id": b})
    return out


def _records_of(
    base: nx.MultiDiGraph, nodes: set[str]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """What a map of these nodes reads in full, and the other ends of their ties.

    Read: the nodes, every participation and agreement of theirs (a panel lists each) and
    the collaborations among them (the map draws those; one to a node not shown is
    neither drawn nor listed). The ends of the ties read that are not shown themselves
    are named in the panels only: their analysis columns do (:func:`_ends_as_rows`).
    Both by table, sorted."""
    ids: dict[str, set[str]] = {t: set() for t in (*NODE_TABLES, *TIE_TABLES)}
    ends: set[str] = set()
    for node in nodes:
        if node not in base:
            continue
        ids[_node_table(base, node)].add(node)
        for u, v, tie, data in [
            *base.out_edges(node, keys=True, data=True),
            *base.in_edges(node, keys=True, data=True),
        ]:
            other = v if u == node else u
            if data.get("agreement_id"):
                ids["agreements"].add(str(data["agreement_id"]))
            elif data.get("type") == "participation":
                ids["participations"].add(str(tie))
            elif other in nodes:
                ids["collaborations"].add(str(tie))
            else:
                continue
            ends.add(other)
    by_table: dict[str, set[str]] = {t: set() for t in NODE_TABLES}
    for node in ends - nodes:
        by_table[_node_table(base, node)].add(node)
    return (
        {table: sorted(found) for table, found in ids.items()},
        {table: sorted(found) for table, found in by_table.items()},
    )


def _node_table(base: nx.MultiDiGraph, node: str) -> str:
    return "projects" if base.nodes[node].get("type") == "project" else "actors"


def _ends_as_rows(
    base: nx.MultiDiGraph, ends: Mapping[str, list[str]], full: Mapping[str, pd.DataFrame]
) -> dict[str, pd.DataFrame]:
    """The node tables of ``full`` with a row per end (:func:`_records_of`), of the
    analysis columns ``base`` holds: enough for :func:`build_network` to build the
    ties to them."""
    out = {}
    for table, found in ends.items():
        columns = ANALYSIS_COLUMNS[table]
        rows = pd.DataFrame(
            [[node, *(base.nodes[node].get(c) for c in columns[1:])] for node in found],
            columns=list(columns),
        ).reindex(columns=full[table].columns)
        out[table] = pd.concat([full[table], rows], ignore_index=True) if len(full[table]) else rows
    return out


def _overlay(
    network: nx.MultiDiGraph,
    nodes: Mapping[Any, dict[str, Any]],
    ties: Mapping[tuple[Any, Any, Any], dict[str, Any]],
) -> nx.MultiDiGraph:
    """``network`` with these nodes' and ties' data replaced, ``network`` unchanged.

    A map's copy of a national network without copying it: the new network has its own
    dictionaries of nodes and neighbours, but only the nodes and ties given (and the
    adjacency around those ties) are new; every other node's and tie's data is
    ``network``'s own, to be read only. Nodes and ties not in ``network`` are left out.
    The caller freezes the result (no node or tie may be added or removed: the
    adjacency of the others is shared).
    """
    out = network.__class__()
    out.graph.update(network.graph)
    out._node = {**network._node}
    for node, data in nodes.items():
        if node in out._node:
            out._node[node] = data
    succ, pred = dict(network._succ), dict(network._pred)
    own_succ: set[Any] = set()
    own_pred: set[Any] = set()
    pairs: dict[tuple[Any, Any], dict[Any, Any]] = {}
    for (u, v, tie), data in ties.items():
        if tie not in network._succ.get(u, {}).get(v, {}):
            continue
        keyed = pairs.get((u, v))
        if keyed is None:  # one dict of parallel ties per pair, shared by succ and pred
            keyed = pairs[u, v] = dict(succ[u][v])
            if u not in own_succ:
                succ[u] = dict(succ[u])
                own_succ.add(u)
            if v not in own_pred:
                pred[v] = dict(pred[v])
                own_pred.add(v)
            succ[u][v] = pred[v][u] = keyed
        keyed[tie] = data
    out._succ = succ
    out._pred = pred
    return out
