"""The overview above a threshold: groups (communities or municipalities) as nodes.

vis-network draws ~3,000 nodes within 3 s in headless Chromium; 20,000 take ~9 s and
redraw at ~1 frame a second. Above the threshold a map shows one node per group, sized
by its members, with edges weighted by the ties between groups. A group node carries its
members, so the page lists them in the side panel; a drill-down hook (an URL template
and a ``graphsvc:drilldown`` DOM event) lets the API serve the group's own map.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx
import numpy as np
import pandas as pd

from graphsvc.maps.index import NetworkIndex, index_of
from graphsvc.reference import municipality

AggregateBy = Literal["community", "municipality"]
NO_GROUP = "none"


@dataclass
class Group:
    """One node of the overview."""

    key: str
    members: list[str] = field(default_factory=list)
    actors: int = 0
    projects: int = 0
    internal_ties: int = 0


@dataclass
class Overview:
    """Groups and the weighted ties between them."""

    by: AggregateBy
    groups: dict[str, Group]
    ties: dict[tuple[str, str], int]
    assignment: dict[str, str]


def choose_by(measures: pd.DataFrame | None, by: str | None) -> AggregateBy:
    """``by`` if given, else ``community`` when measures have it, else ``municipality``."""
    if by == "community":
        if measures is None or "community" not in measures.columns:
            raise ValueError("aggregating by community needs measures with a 'community' column")
        return "community"
    if by == "municipality":
        return "municipality"
    if by is not None:
        raise ValueError(f"aggregate_by must be 'community' or 'municipality', not {by!r}")
    if measures is not None and "community" in measures.columns:
        return "community"
    return "municipality"


def group_label(by: AggregateBy, key: str, *, unknown: str, prefix: str) -> str:
    """A readable name of a group: municipality name, or ``prefix`` + community id."""
    if key == NO_GROUP:
        return unknown
    if by == "municipality":
        found = municipality(key)
        return found.name if found else key
    return f"{prefix} {key}"


def _community_key(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return NO_GROUP
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def aggregate(
    network: nx.MultiDiGraph,
    nodes: Sequence[str],
    *,
    by: AggregateBy,
    measures: pd.DataFrame | None = None,
) -> Overview:
    """Group ``nodes`` of ``network`` and count the ties within and between groups.

    Actors go to their community (``measures["community"]``) or municipality
    (``locality``); a project goes to its first locality (municipality mode) or to the
    group most of its participants are in (ties broken by the smaller key).
    """
    keep = set(nodes)
    assignment: dict[str, str] = {}
    # the raw community of every measured actor; the key made only for the nodes grouped
    community: dict[str, Any] = (
        dict(
            zip(
                [str(i) for i in measures.index.tolist()],
                measures["community"].tolist(),
                strict=True,
            )
        )
        if by == "community" and measures is not None
        else {}
    )
    # networkx' own dicts (its "graph internals", what its algorithms read; a graph view
    # shares them): the views around them cost more than the walk over half a network
    node_data, succ = network._node, network._succ
    projects: list[str] = []
    for n in nodes:
        data = node_data[n]
        if data.get("type") == "project":
            locs = data.get("localities") or []
            if by == "municipality" and locs:
                assignment[n] = str(locs[0])
            else:
                projects.append(n)
        elif by == "community":
            assignment[n] = _community_key(community[n]) if n in community else NO_GROUP
        else:
            assignment[n] = str(data.get("locality") or NO_GROUP)
    for p in projects:
        votes = Counter(
            assignment[str(m)]
            for m in (*network.predecessors(p), *network.successors(p))
            if str(m) in assignment
        )
        if votes:
            best = max(votes.values())
            assignment[p] = min(k for k, c in votes.items() if c == best)
        else:
            assignment[p] = NO_GROUP
    groups: dict[str, Group] = {}
    for n in nodes:
        g = groups.setdefault(assignment[n], Group(assignment[n]))
        g.members.append(n)
        if node_data[n].get("type") == "project":
            g.projects += 1
        else:
            g.actors += 1
    index = index_of(network)
    if index is not None:
        counted = _counted_ties(index, assignment, groups)
        return Overview(by, dict(sorted(groups.items())), counted, assignment)
    # the ties among the nodes, read from their own adjacency (a view of a large
    # municipality is half the network, not all of it); parallel ties count one each
    ties: Counter[tuple[str, str]] = Counter()
    for u in keep:
        a = assignment[u]
        for v, keyed in succ[u].items():
            sv = str(v)
            if sv not in keep:
                continue
            b = assignment[sv]
            if a == b:
                groups[a].internal_ties += len(keyed)
            else:
                ties[(a, b) if a < b else (b, a)] += len(keyed)
    return Overview(by, dict(sorted(groups.items())), dict(sorted(ties.items())), assignment)


def _counted_ties(
    index: NetworkIndex, assignment: Mapping[str, str], groups: Mapping[str, Group]
) -> dict[tuple[str, str], int]:
    """:func:`aggregate`'s count of the ties among the nodes ``assignment`` groups, with
    the ties of the network's ``index``: ``internal_ties`` of ``groups`` set, the ties
    between groups returned as ``{(a, b): count}`` (``a < b``), sorted."""
    keys = sorted(groups)
    rank = {key: i for i, key in enumerate(keys)}
    code = np.full(len(index.position), -1, dtype=np.int64)
    where = np.fromiter((index.position[n] for n in assignment), np.int64, len(assignment))
    code[where] = np.fromiter((rank[g] for g in assignment.values()), np.int64, len(assignment))
    a, b = code[index.source], code[index.target]
    among = (a >= 0) & (b >= 0)
    a, b = a[among], b[among]
    same = a == b
    for i, count in enumerate(np.bincount(a[same], minlength=len(keys)).tolist()):
        groups[keys[i]].internal_ties += count
    low, high = np.minimum(a[~same], b[~same]), np.maximum(a[~same], b[~same])
    pairs, counts = np.unique(low * len(keys) + high, return_counts=True)
    return {
        (keys[p // len(keys)], keys[p % len(keys)]): c
        for p, c in zip(pairs.tolist(), counts.tolist(), strict=True)
    }
