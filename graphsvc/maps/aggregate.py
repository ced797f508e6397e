"""The overview above a threshold: groups (communities or municipalities) as nodes.

vis-network draws ~3,000 nodes within 3 s in headless Chromium; 20,000 take ~9 s and
redraw at ~1 frame a second. Above the threshold a map shows one node per group, sized
by its members, with edges weighted by the ties between groups. A group node carries its
members, so the page lists them in the side panel; a drill-down hook (an URL template
and a ``graphsvc:drilldown`` DOM event) lets the API serve the group's own map.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx
import pandas as pd

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
    community = (
        {str(i): _community_key(v) for i, v in measures["community"].items()}
        if by == "community" and measures is not None
        else {}
    )
    projects: list[str] = []
    for n in nodes:
        data = network.nodes[n]
        if data.get("type") == "project":
            locs = data.get("localities") or []
            if by == "municipality" and locs:
                assignment[n] = str(locs[0])
            else:
                projects.append(n)
        elif by == "community":
            assignment[n] = community.get(n, NO_GROUP)
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
        if network.nodes[n].get("type") == "project":
            g.projects += 1
        else:
            g.actors += 1
    ties: Counter[tuple[str, str]] = Counter()
    for u, v in network.edges():
        su, sv = str(u), str(v)
        if su not in keep or sv not in keep:
            continue
        a, b = assignment[su], assignment[sv]
        if a == b:
            groups[a].internal_ties += 1
        else:
            ties[(a, b) if a < b else (b, a)] += 1
    return Overview(by, dict(sorted(groups.items())), dict(sorted(ties.items())), assignment)
