"""Snapshots: from the four tables to the graphs the analyses run on.

Two steps.

1. :func:`build_network` turns the tables (``actors``, ``projects``, ``participations``,
   ``collaborations``; see :mod:`graphsvc.model`) into one **network**, a
   :class:`networkx.MultiDiGraph` that keeps every item:

   - an actor node per actor (``type="actor"``, the actor's fields, ``region`` and
     ``municipality`` from :func:`graphsvc.reference.municipality`);
   - a project node per project (``type="project"``, the project's fields);
   - a participation edge actor → project per participation (``type="participation"``,
     keyed by the participation id);
   - a collaboration edge per collaboration (``type="collaboration"``, keyed by its id).
     A mutual tie (``directed=False``) is stored **once**, from ``source_id`` to
     ``target_id``, with ``directed=False``; readers must treat it as going both ways.
   - per agreement (stored once, with its parties), one **derived** collaboration edge
     per pair of parties: keyed ``<agreement id>~<a>~<b>`` (``a < b``), from ``a`` to
     ``b``, ``directed=False``, ``weight`` 1, the agreement's ``kind``, ``status`` and
     dates, and ``agreement_id``. So a four-party agreement is six ties to every measure,
     and the agreement stays one item everywhere else (tables, exports, the API).

   Filters (date, place, sector, kind, theme, tie kind, proposed items) are applied here,
   so every analysis of the same snapshot sees the same items.

2. :func:`actor_graph` reduces the network to an actor–actor graph, the input of the
   network measures (betweenness, Burt, Gould–Fernandez brokerage, cuts, E-I,
   communities, fragmentation). It is **simplified**, and the measures depend on that:

   - **ties**: every collaboration between two kept actors; a directed collaboration
     gives the arc source → target, a mutual one gives one undirected edge (in a
     directed actor graph: the two arcs a → b and b → a);
   - **projection**: two actors that take part in the same project are tied (one
     undirected tie, two arcs in a directed graph), whatever their roles;
   - **no self-loops** and **no parallel ties**: all ties between the same two actors
     (in the same direction, for a directed graph) are merged into one edge whose
     weight is the **sum** of the collaboration weights plus **1 per shared project**;
     an actor with two roles in one project counts once for that project;
   - every merged edge records ``kinds`` (the set of collaboration kinds, plus
     ``"project"`` when a shared project contributed), ``projects`` (sorted shared
     project ids) and ``collaborations`` (sorted collaboration ids).

   Because the graph is simple, Burt's constraint sees one weighted tie per pair, and
   Gould–Fernandez brokerage counts each open two-path once per direction (parallel
   arcs would otherwise multiply the counts, see ``sna::brokerage``). Analyses that need
   tie multiplicity must read the network, not the actor graph.

References
----------
.. [1] Borgatti, S. P., & Halgin, D. S. (2011). On network theory. *Organization
   Science*, 22(5), 1168–1181 (the two-mode to one-mode projection of affiliations).
.. [2] Breiger, R. L. (1974). The duality of persons and groups. *Social Forces*, 53(2),
   181–190.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from itertools import combinations
from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd

from graphsvc import dates
from graphsvc.errors import ValidationError
from graphsvc.model import agreement_ties
from graphsvc.reference import municipality

if TYPE_CHECKING:
    from graphsvc.store import Store

#: ``(network, previous rows or None, changed node ids or None) -> (frame, rows)``.
AnchoringUpdate = Callable[[nx.MultiDiGraph, Any, Any], tuple[pd.DataFrame, Any]]

__all__ = [
    "ACTOR",
    "ANALYSIS_COLUMNS",
    "COLLABORATION",
    "PARTICIPATION",
    "PROJECT",
    "Snapshot",
    "actor_graph",
    "actor_ids",
    "as_date",
    "build_network",
    "is_active",
    "participants",
    "project_ids",
    "read_analysis_tables",
]

ACTOR = "actor"
PROJECT = "project"
PARTICIPATION = "participation"
COLLABORATION = "collaboration"

#: The kind recorded in ``kinds`` for a tie that comes from a shared project.
PROJECT_TIE = "project"

_TABLES = ("actors", "projects", "participations", "collaborations", "agreements")
NODE_TABLES = ("actors", "projects")
#: The tables of ties: their rows name the nodes they join.
TIE_TABLES = ("participations", "collaborations", "agreements")
_LIST_FIELDS = ("tags", "sources", "localities", "party_ids")

#: The columns the analyses read, per table: what :func:`read_analysis_tables` reads and
#: the ``queries/<table>/list_<item>_columns`` and ``get_<item>_columns`` queries return.
#: Free texts (descriptions, sources, passages, attributes) are left to exports and maps.
ANALYSIS_COLUMNS: dict[str, tuple[str, ...]] = {
    "actors": (
        "id", "name", "kind", "sector", "scale", "locality", "is_person", "consent_to_publish",
        "member_kind", "member_counts",  # a group's size weighs the local share (anchoring)
    ),
    "projects": ("id", "name", "theme", "localities", "start_date", "end_date", "status"),
    "participations": (
        "id", "actor_id", "project_id", "role", "status", "start_date", "end_date",
        "amount", "currency", "support",
    ),
    "collaborations": (
        "id", "source_id", "target_id", "kind", "directed", "weight", "status", "start_date",
        "end_date",
    ),
    "agreements": ("id", "party_ids", "kind", "status", "start_date", "end_date"),
}  # fmt: skip
Rows = dict[str, tuple[Any, ...]]  # a table's rows (values in ANALYSIS_COLUMNS order) by id


def read_analysis_tables(store: Store, ids: Mapping[str, list[str]] | None = None) -> dict[
    str, pd.DataFrame
]:  # fmt: skip
    """The four tables as the analyses read them: :data:`ANALYSIS_COLUMNS`, by column.

    Each table is one projected query (``RETURN a.id AS id, a.sector AS sector, …``)
    whose columns go straight into a DataFrame: no row dicts, no model validation
    (every stored item was validated when it was written). Exports read the whole,
    validated items instead (:func:`graphsvc.io.exporter.read_store`).

    Parameters
    ----------
    store : Store
        The store to read.
    ids : mapping of str to list of str, optional
        Read only these items (table → ids; a table not named is not read): the items a
        change log names (:class:`Snapshot`). Ids not stored are left out.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``actors``, ``projects``, ``participations``, ``collaborations``; values as
        stored (dates as ISO text, lists as lists, a missing value as ``None``).
    """
    return {
        table: pd.DataFrame(_read_columns(store, table, ids), columns=list(columns))
        for table, columns in ANALYSIS_COLUMNS.items()
    }


def _read_columns(
    store: Store, table: str, ids: Mapping[str, list[str]] | None
) -> dict[str, list[Any]]:
    item = table[:-1]
    if ids is None:
        columns = store.run_columns(f"{table}/list_{item}_columns")
    elif ids.get(table):
        columns = store.run_columns(f"{table}/get_{item}_columns", ids=list(ids[table]))
    else:
        return {name: [] for name in ANALYSIS_COLUMNS[table]}
    if (
        "party_ids" in columns
    ):  # a set, read from relationships in no set order: sorted as the model keeps it
        columns["party_ids"] = [sorted(parties or []) for parties in columns["party_ids"]]
    return columns


def _read_rows(store: Store, ids: Mapping[str, list[str]] | None = None) -> dict[str, Rows]:
    """Each table's rows (tuples in :data:`ANALYSIS_COLUMNS` order) by id."""
    found: dict[str, Rows] = {}
    for table, columns in ANALYSIS_COLUMNS.items():
        values = _read_columns(store, table, ids)
        found[table] = {row[0]: row for row in zip(*(values[c] for c in columns), strict=True)}
    return found


def as_date(value: Any) -> dt.date | None:
    """A date from an ISO string, a ``date``/``datetime`` or an empty value.

    Parameters
    ----------
    value : str, datetime.date, datetime.datetime, pandas.Timestamp or None
        ``None``, ``""`` and NaN give ``None``.

    Returns
    -------
    datetime.date or None

    Raises
    ------
    ValidationError
        When a string is not an ISO date.

    Examples
    --------
    >>> as_date("2014-12-31")
    datetime.date(2014, 12, 31)
    >>> as_date("") is None
    True
    """
    value = _clean(value)
    if value is None:
        return None
    try:
        return dates.as_date(value)  # a pandas Timestamp is a datetime
    except ValueError as exc:
        raise ValidationError(f"not an ISO date (YYYY-MM-DD): {value!r}") from exc


def is_active(attrs: Mapping[str, Any], day: dt.date | None) -> bool:
    """Whether an item with ``start_date``/``end_date`` is active on ``day``.

    ``start_date <= day <= end_date``; an open (missing) start or end always matches,
    and ``day=None`` matches everything (the model's "as of" rule).

    Examples
    --------
    >>> is_active({"start_date": "2012-01-01", "end_date": "2014-12-31"}, dt.date(2015, 1, 1))
    False
    >>> is_active({"start_date": None, "end_date": None}, dt.date(2015, 1, 1))
    True
    """
    if day is None:
        return True
    start = as_date(attrs.get("start_date"))
    end = as_date(attrs.get("end_date"))
    return (start is None or start <= day) and (end is None or day <= end)


def _clean(value: Any) -> Any:
    """``None`` for NaN/NA/empty strings; everything else unchanged."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def _as_list(value: Any) -> list[Any]:
    value = _clean(value)
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return list(value)


def _iso(value: Any) -> str | None:
    day = as_date(value)
    return day.isoformat() if day else None


def _records(tables: Mapping[str, pd.DataFrame], name: str) -> list[dict[str, Any]]:
    frame = tables.get(name)
    if frame is None or len(frame) == 0:
        return []
    if "id" not in frame.columns and frame.index.name == "id":
        frame = frame.reset_index()
    # Column by column: one pass of one cleaner over each column is several times
    # cheaper than a dict per row cleaned cell by cell (a national graph has 500k ties).
    columns: dict[str, list[Any]] = {}
    for key in frame.columns:
        values = frame[key].tolist()
        name = str(key)
        if name in _LIST_FIELDS:
            columns[name] = [_as_list(value) for value in values]
        elif name in ("start_date", "end_date"):
            days: dict[Any, str | None] = {}  # few distinct dates: each parsed once
            columns[name] = [
                days[value] if value in days else days.setdefault(value, _iso(value))
                for value in values
            ]
        else:  # most values need no cleaning: test for those first, inline
            columns[name] = [
                value
                if value is None
                or (type(value) is str and value and not value[0].isspace())
                or type(value) is bool
                or (type(value) is float and value == value)
                else _clean(value)
                for value in values
            ]  # fmt: skip
    names = list(columns)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns.values(), strict=True)]


def _as_set(values: str | Iterable[Any] | None) -> set[str] | None:
    if values is None:
        return None
    if isinstance(values, str):
        return {values}
    return {str(v) for v in values}


def build_network(
    tables: Mapping[str, pd.DataFrame],
    *,
    as_of: dt.date | str | None = None,
    localities: str | Collection[str] | None = None,
    regions: str | Collection[str] | None = None,
    sectors: str | Collection[str] | None = None,
    kinds: str | Collection[str] | None = None,
    themes: str | Collection[str] | None = None,
    tie_kinds: str | Collection[str] | None = None,
    include_proposed: bool = False,
) -> nx.MultiDiGraph:
    """Build the network (actors, projects, participations, collaborations) of a snapshot.

    Parameters
    ----------
    tables : mapping of str to pandas.DataFrame
        ``actors``, ``projects``, ``participations``, ``collaborations`` as
        ``graphsvc.io.reading.read_tables`` returns them: one row per item, columns
        named as the fields of :mod:`graphsvc.model`, lists as lists, dates as ISO
        strings or ``None``. A missing table counts as empty.
    as_of : datetime.date or str, optional
        Keep only projects, participations and collaborations active on that day
        (``start_date <= day <= end_date``, open ends match). Actors have no dates
        and are all kept.
    localities, regions, sectors, kinds : str or collection of str, optional
        Keep only actors whose ``locality`` / region (of their locality, from
        :mod:`graphsvc.reference`) / ``sector`` / ``kind`` is one of these. An actor
        without a locality fails a locality or region filter.
    themes : str or collection of str, optional
        Keep only projects of these themes (and the participations in them).
    tie_kinds : str or collection of str, optional
        Keep only collaborations of these kinds.
    include_proposed : bool, default False
        Keep participations and collaborations with ``status="proposed"`` and projects
        with ``status="proposed"`` (what a source only suggests). Excluded by default.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by item id with ``type`` ``"actor"`` or ``"project"``; edges keyed by
        participation/collaboration id with ``type`` ``"participation"`` or
        ``"collaboration"``. A participation or collaboration is kept only when both of
        its ends are kept. A project that had participants but lost all of them to the
        actor filters is dropped. ``G.graph`` records the filters (``as_of`` etc.).

    Raises
    ------
    ValidationError
        When an actor and a project share an id, when an edge names an unknown actor or
        project, or when a date is not ISO.

    Examples
    --------
    >>> import pandas as pd
    >>> tables = {
    ...     "actors": pd.DataFrame([
    ...         {"id": "kommune", "name": "Kommune", "kind": "municipality",
    ...          "sector": "public", "scale": "municipal", "locality": "DK-410"},
    ...         {"id": "forening", "name": "Forening", "kind": "association",
    ...          "sector": "civil_society", "scale": "local", "locality": "DK-410"},
    ...     ]),
    ...     "projects": pd.DataFrame([{"id": "p", "name": "P", "theme": "employment",
    ...                                "localities": ["DK-410"]}]),
    ...     "participations": pd.DataFrame([
    ...         {"id": "x", "actor_id": "kommune", "project_id": "p", "role": "lead"},
    ...     ]),
    ...     "collaborations": pd.DataFrame([
    ...         {"id": "t", "source_id": "kommune", "target_id": "forening",
    ...          "kind": "partnership", "directed": False, "weight": 1.0},
    ...     ]),
    ... }
    >>> G = build_network(tables)
    >>> G.nodes["kommune"]["region"], G.nodes["p"]["type"]
    ('Syddanmark', 'project')
    >>> sorted(key for _, _, key in G.edges(keys=True))
    ['t', 'x']

    References
    ----------
    .. [1] The "as of" rule of :mod:`graphsvc.model`: an item is active on *d* when
       ``start_date <= d <= end_date``, open ends always match.
    """
    day = as_date(as_of)
    keep_localities = _as_set(localities)
    keep_regions = _as_set(regions)
    keep_sectors = _as_set(sectors)
    keep_kinds = _as_set(kinds)
    keep_themes = _as_set(themes)
    keep_tie_kinds = _as_set(tie_kinds)

    G = nx.MultiDiGraph(
        as_of=day.isoformat() if day else None,
        localities=sorted(keep_localities) if keep_localities else None,
        regions=sorted(keep_regions) if keep_regions else None,
        sectors=sorted(keep_sectors) if keep_sectors else None,
        kinds=sorted(keep_kinds) if keep_kinds else None,
        themes=sorted(keep_themes) if keep_themes else None,
        tie_kinds=sorted(keep_tie_kinds) if keep_tie_kinds else None,
        include_proposed=include_proposed,
    )

    # Rows are new dicts (see _records): they become the attribute dicts, and nodes and
    # edges are added in bulk; one networkx call per item is most of the build otherwise.
    nodes: list[tuple[str, dict[str, Any]]] = []
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    all_actors: set[str] = set()
    for row in _records(tables, "actors"):
        all_actors.add(row["id"])
        place = municipality(row["locality"]) if row.get("locality") else None
        row["region"] = place.region if place else None
        row["municipality"] = place.name if place else None
        if keep_localities is not None and row.get("locality") not in keep_localities:
            continue
        if keep_regions is not None and row["region"] not in keep_regions:
            continue
        if keep_sectors is not None and row.get("sector") not in keep_sectors:
            continue
        if keep_kinds is not None and row.get("kind") not in keep_kinds:
            continue
        row["type"] = ACTOR
        nodes.append((row["id"], row))
    G.add_nodes_from(nodes)
    kept = {node for node, _ in nodes}
    nodes.clear()

    all_projects: set[str] = set()
    for row in _records(tables, "projects"):
        if row["id"] in all_actors:
            raise ValidationError(f"{row['id']!r} is the id of an actor and of a project")
        all_projects.add(row["id"])
        if not include_proposed and row.get("status") == "proposed":
            continue
        if keep_themes is not None and row.get("theme") not in keep_themes:
            continue
        if not is_active(row, day):
            continue
        row["type"] = PROJECT
        nodes.append((row["id"], row))
    G.add_nodes_from(nodes)
    kept.update(node for node, _ in nodes)

    had_participants: set[str] = set()
    for row in _records(tables, "participations"):
        actor, project = row.get("actor_id"), row.get("project_id")
        if actor not in all_actors or project not in all_projects:
            raise ValidationError(
                f"participation {row.get('id')!r} names an unknown actor or project "
                f"({actor!r} → {project!r})"
            )
        if not include_proposed and row.get("status") == "proposed":
            continue
        if not is_active(row, day) or project not in kept:
            continue
        had_participants.add(project)
        if actor not in kept:
            continue
        if row.get("amount") is not None:
            row["amount"] = float(row["amount"])
        row["type"] = PARTICIPATION
        edges.append((actor, project, row["id"], row))

    for row in _records(tables, "collaborations"):
        source, target = row.get("source_id"), row.get("target_id")
        if source not in all_actors or target not in all_actors:
            raise ValidationError(
                f"collaboration {row.get('id')!r} names an unknown actor ({source!r} → {target!r})"
            )
        if not include_proposed and row.get("status") == "proposed":
            continue
        if keep_tie_kinds is not None and row.get("kind") not in keep_tie_kinds:
            continue
        if not is_active(row, day) or source not in kept or target not in kept:
            continue
        row["directed"] = bool(row.get("directed") or False)
        row["weight"] = float(row["weight"]) if row.get("weight") is not None else 1.0
        row["type"] = COLLABORATION
        edges.append((source, target, row["id"], row))

    for row in _records(tables, "agreements"):
        parties = row.get("party_ids") or []
        unknown = [party for party in parties if party not in all_actors]
        if unknown:
            raise ValidationError(
                f"agreement {row.get('id')!r} names unknown parties: {', '.join(unknown)}"
            )
        if not include_proposed and row.get("status") == "proposed":
            continue
        kind = row.get("kind") or "agreement"
        if keep_tie_kinds is not None and kind not in keep_tie_kinds:
            continue
        if not is_active(row, day):
            continue
        edges.extend(_agreement_edges(row, kind, kept))
    G.add_edges_from(edges)

    actor_filtered = any(
        f is not None for f in (keep_localities, keep_regions, keep_sectors, keep_kinds)
    )
    if actor_filtered:
        orphaned = [p for p in had_participants if G.in_degree(p) == 0]
        G.remove_nodes_from(orphaned)
    return G


def _agreement_edges(
    row: Mapping[str, Any], kind: str, kept: set[str]
) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """The derived ties of one agreement between its kept parties (see the module doc)."""
    for tie_id, a, b in agreement_ties(row["id"], row.get("party_ids") or []):
        if a in kept and b in kept:
            yield (
                a,
                b,
                tie_id,
                {
                    "id": tie_id,
                    "source_id": a,
                    "target_id": b,
                    "kind": kind,
                    "directed": False,
                    "weight": 1.0,
                    "status": row.get("status"),
                    "start_date": row.get("start_date"),
                    "end_date": row.get("end_date"),
                    "agreement_id": row["id"],
                    "type": COLLABORATION,
                },
            )


def actor_ids(network: nx.Graph) -> list[str]:
    """The ids of the actor nodes of a network, in node order."""
    return [n for n, t in network.nodes(data="type") if t == ACTOR]


def project_ids(network: nx.Graph) -> list[str]:
    """The ids of the project nodes of a network, in node order."""
    return [n for n, t in network.nodes(data="type") if t == PROJECT]


def participants(network: nx.MultiDiGraph, project: str) -> dict[str, list[dict[str, Any]]]:
    """The actors taking part in a project, each with its participation edges' data.

    Parameters
    ----------
    network : networkx.MultiDiGraph
        A network from :func:`build_network`.
    project : str
        A project id of the network.

    Returns
    -------
    dict
        Actor id → list of participation attribute dicts (an actor may have several
        roles in one project), in edge order.
    """
    found: dict[str, list[dict[str, Any]]] = {}
    for actor, _, data in network.in_edges(project, data=True):
        if data.get("type") == PARTICIPATION:
            found.setdefault(actor, []).append(data)
    return found


def actor_graph(
    network: nx.MultiDiGraph,
    *,
    directed: bool = False,
    project_projection: bool = True,
    weight: str | None = "weight",
    details: bool = True,
    proposed: bool = True,
) -> nx.Graph | nx.DiGraph:
    """The simplified actor–actor graph of a network.

    Collaborations between actors plus (optionally) the projection of the actor–project
    participations: two actors in one project are tied. Simplified as described in the
    module docstring: no self-loops, parallel ties merged with their weights summed,
    a mutual tie becomes two arcs in a directed graph.

    Parameters
    ----------
    network : networkx.MultiDiGraph
        A network from :func:`build_network`.
    directed : bool, default False
        Return a :class:`networkx.DiGraph` (directed collaborations one way, mutual
        collaborations and shared projects both ways) instead of a :class:`networkx.Graph`.
    project_projection : bool, default True
        Tie actors that take part in the same project (weight 1 per shared project).
    weight : str or None, default "weight"
        Edge attribute the summed weight is stored under. ``None``: every collaboration
        counts 1 (its own weight ignored) and the sum is stored under ``"weight"``.
    details : bool, default True
        False: the ties carry their summed weight only, not ``kinds``, ``projects`` and
        ``collaborations`` (what the bridging analysis needs: at 100k actors / 500k ties
        a few hundred megabytes less in an API worker while it runs).
    proposed : bool, default True
        False: participations and collaborations with ``status="proposed"`` (in a
        network built with ``include_proposed=True``) make no tie, as if they had been
        removed from the network first (the same graph, in the same order, without
        copying the network).

    Returns
    -------
    networkx.Graph or networkx.DiGraph
        One node per actor of the network (all its attributes copied, isolated actors
        included); edge attributes ``weight`` (or the name given), ``kinds`` (set of
        collaboration kinds, ``"project"`` for the projection), ``projects`` (sorted
        list of shared project ids) and ``collaborations`` (sorted list of
        collaboration ids).

    Raises
    ------
    networkx.NetworkXError
        When ``network`` is not a graph.

    Examples
    --------
    >>> N = nx.MultiDiGraph()
    >>> for a in "abc":
    ...     N.add_node(a, type="actor")
    >>> N.add_node("p", type="project")
    >>> _ = N.add_edge("a", "p", key="pa", type="participation")
    >>> _ = N.add_edge("b", "p", key="pb", type="participation")
    >>> _ = N.add_edge("a", "b", key="t1", type="collaboration", kind="partnership",
    ...                directed=False, weight=2.0)
    >>> _ = N.add_edge("b", "c", key="t2", type="collaboration", kind="referral",
    ...                directed=True, weight=1.0)
    >>> G = actor_graph(N)
    >>> G["a"]["b"]["weight"], sorted(G["a"]["b"]["kinds"]), G["a"]["b"]["projects"]
    (3.0, ['partnership', 'project'], ['p'])
    >>> D = actor_graph(N, directed=True)
    >>> D.has_edge("b", "c"), D.has_edge("c", "b"), D.has_edge("b", "a")
    (True, False, True)

    References
    ----------
    .. [1] Breiger, R. L. (1974). The duality of persons and groups. *Social Forces*,
       53(2), 181–190.
    """
    attr = weight or "weight"
    G: nx.Graph | nx.DiGraph = nx.DiGraph() if directed else nx.Graph()
    G.graph.update(network.graph)
    G.graph["simplified"] = True
    for node, data in network.nodes(data=True):
        if data.get("type") == ACTOR:
            G.add_node(node, **data)

    def tie(
        u: str,
        v: str,
        w: float,
        kind: str,
        *,
        project: str | None = None,
        collaboration: str | None = None,
    ) -> None:
        if u == v:
            return
        if not details:
            if not G.has_edge(u, v):
                G.add_edge(u, v, **{attr: 0.0})
            G[u][v][attr] += w
            return
        if not G.has_edge(u, v):
            G.add_edge(u, v, **{attr: 0.0, "kinds": set(), "projects": [], "collaborations": []})
        data = G[u][v]
        data[attr] += w
        data["kinds"].add(kind)
        if project is not None and project not in data["projects"]:
            data["projects"].append(project)
        if collaboration is not None:
            data["collaborations"].append(collaboration)

    for u, v, key, data in network.edges(keys=True, data=True):
        if data.get("type") != COLLABORATION or u not in G or v not in G:
            continue
        if not proposed and data.get("status") == "proposed":
            continue
        w = 1.0 if weight is None else float(data.get(weight) or 1.0)
        kind = str(data.get("kind") or "tie")
        tie(u, v, w, kind, collaboration=str(data.get("id") or key))
        if directed and not data.get("directed", False):
            tie(v, u, w, kind, collaboration=str(data.get("id") or key))

    if project_projection:
        for project in project_ids(network):
            members = sorted(
                a
                for a, ties in participants(network, project).items()
                if a in G and (proposed or any(tie.get("status") != "proposed" for tie in ties))
            )
            for a, b in combinations(members, 2):
                tie(a, b, 1.0, PROJECT_TIE, project=project)
                if directed:
                    tie(b, a, 1.0, PROJECT_TIE, project=project)

    if details:
        for _, _, data in G.edges(data=True):
            data["projects"].sort()
            data["collaborations"].sort()
    return G


#: Change-log operations on one item: the snapshot rereads that item. Any other entry
#: without a table it ignores (see :class:`Snapshot`) makes it read the whole graph.
ITEM_OPS = frozenset({"begin", "create", "update", "delete", "failed", "import"})
#: A write begun this many versions ago and still not ended died: read the whole graph.
MAX_OPEN_VERSIONS = 64
#: More changed items than this at once: reading the whole graph is as quick.
MAX_CHANGED_ITEMS = 2_000
#: Networks (one per set of filters) a snapshot keeps, the least recently used dropped.
MAX_NETWORKS = 2
#: The filters that drop actors; a network built with one is rebuilt from the kept
#: tables on a change (a project losing its last kept participant is dropped).
_ACTOR_FILTERS = ("localities", "regions", "sectors", "kinds")
# Where a tie's two ends are in its row.
_ENDS = {
    table: (ANALYSIS_COLUMNS[table].index(a), ANALYSIS_COLUMNS[table].index(b))
    for table, (a, b) in (
        ("participations", ("actor_id", "project_id")),
        ("collaborations", ("source_id", "target_id")),
    )
}
# Where an agreement's parties (its ends, two or more) are in its row.
_PARTIES = ANALYSIS_COLUMNS["agreements"].index("party_ids")


def _tie_ends(table: str, row: tuple[Any, ...]) -> Iterable[str]:
    """The nodes a tie's row joins: two ends, or an agreement's parties."""
    if table == "agreements":
        return row[_PARTIES] or ()
    first, second = _ENDS[table]
    return (row[first], row[second])


class Snapshot:
    """The analysis tables and networks of the current graph version, kept up to date.

    A full read (:func:`read_analysis_tables`) happens once; after that each
    :meth:`refresh` reads the change log since the kept version (one indexed query) and
    rereads only the items it names, by id. Every network built from the snapshot
    (one per set of filters, by :func:`build_network`) is patched in place: the
    changed actors and projects and the ends of the changed ties are rebuilt with
    their ties, the rest of the network stays as it is. The result equals a new
    :func:`build_network` of the whole graph (the tests check it on random writes).

    The whole graph is read again when the log cannot say what changed: the kept
    version is older than the log (pruned), the graph's epoch changed, an entry names
    no item (an import of more than :data:`MAX_CHANGED_ITEMS` items, a reset, a person
    erased), or more than :data:`MAX_CHANGED_ITEMS` items changed.

    Networks are lent with :meth:`network`, a context manager: while one is lent, a
    change is applied to a copy, so an analysis never sees its network change under it.
    The :data:`MAX_NETWORKS` most recently used networks are kept.

    Parameters
    ----------
    store : Store
        The store to read, with the ``graph/get_version`` and ``graph/list_changes``
        queries.

    Examples
    --------
    >>> snapshot = Snapshot(graphsvc.store)            # doctest: +SKIP
    >>> with snapshot.network(as_of="2014-01-01") as network:  # doctest: +SKIP
    ...     local_anchoring(network)
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.version: tuple[str | None, int] | None = None
        #: How the snapshot was last brought up to date: ``"full"`` or ``"changes"``.
        self.last_update: str | None = None
        #: What the last :meth:`anchoring` computed: ``"all"`` projects or the ``"changes"``.
        self.last_anchoring: str | None = None
        self._rows: dict[str, Rows] = {t: {} for t in ANALYSIS_COLUMNS}
        self._ties: dict[str, set[tuple[str, str]]] = {}  # node id → {(table, tie id)}
        self._networks: dict[str, nx.MultiDiGraph] = {}  # by filters (as JSON)
        self._filters: dict[str, dict[str, Any]] = {}
        self._lent: dict[int, int] = {}  # id(network) → holders
        # by filters: the last anchoring rows and the nodes rebuilt since (one set per change)
        self._anchoring: dict[str, tuple[dict[str, dict[str, Any]], list[set[str]]]] = {}
        # items of writes begun but not yet ended (their version): reread at each refresh
        # until their closing entry arrives, so a writer that dies mid-write, or whose
        # closing bump fails with the database, cannot leave this snapshot stale
        self._open: dict[tuple[str, str], int] = {}
        self._lock = threading.RLock()

    # ---------------------------------------------------------------- reading

    def refresh(self) -> tuple[str | None, int]:
        """Bring the snapshot to the graph's current version; returns that version."""
        with self._lock:
            rows = self.store.run("graph/get_version")
            epoch = rows[0]["epoch"] if rows else None
            version = int(rows[0]["version"] or 0) if rows else 0
            current = (epoch, version)
            if self.version == current:
                return current
            if self.version is None or self.version[0] != epoch or version < self.version[1]:
                return self._read_all(current)
            since = self.version[1]
            changes = self.store.run("graph/list_changes", since=since)
            versions = sorted({int(c["version"]) for c in changes})  # one or more entries each
            if versions != list(range(since + 1, since + 1 + len(versions))) or (
                not versions or versions[-1] < version
            ):
                return self._read_all(current)  # a gap: pruned, or written without a log
            wanted: dict[str, set[str]] = {table: set() for table in ANALYSIS_COLUMNS}
            for change in sorted(changes, key=lambda c: int(c["version"])):
                table, item_id = change["table"], change["id"]
                if change["op"] in ITEM_OPS and table in wanted and item_id is not None:
                    wanted[table].add(str(item_id))
                    if change["op"] == "begin":
                        self._open[(table, str(item_id))] = int(change["version"])
                    else:
                        self._open.pop((table, str(item_id)), None)
                elif change["op"] in ITEM_OPS and table is not None and table not in wanted:
                    continue  # workshops and the like: not in the analyses' tables
                else:
                    return self._read_all(current)
            if any(version - begun > MAX_OPEN_VERSIONS for begun in self._open.values()):
                return self._read_all(current)  # a write that never ended: read it all
            for table, item_id in self._open:
                wanted[table].add(item_id)
            if sum(map(len, wanted.values())) > MAX_CHANGED_ITEMS:
                return self._read_all(current)
            self._apply({t: sorted(ids) for t, ids in wanted.items() if ids})
            self.version = (epoch, versions[-1])
            self.last_update = "changes"
            return self.version

    def _read_all(self, version: tuple[str | None, int]) -> tuple[str | None, int]:
        # ``version`` was read before the tables: a write that ends meanwhile has a
        # later log entry and is applied (again) by the next refresh.
        self._rows = _read_rows(self.store)
        self._ties = {}
        for table in TIE_TABLES:
            for tie_id, row in self._rows[table].items():
                for end in _tie_ends(table, row):
                    self._ties.setdefault(end, set()).add((table, tie_id))
        self._networks.clear()
        self._filters.clear()
        self._anchoring.clear()
        self._open.clear()
        self.version = version
        self.last_update = "full"
        return version

    def tables(self) -> dict[str, pd.DataFrame]:
        """The kept tables (current as of the last :meth:`refresh`), as DataFrames."""
        with self._lock:
            return {
                table: pd.DataFrame.from_records(list(self._rows[table].values()), columns=columns)
                for table, columns in ANALYSIS_COLUMNS.items()
            }

    # ---------------------------------------------------------------- networks

    @contextmanager
    def network(self, **filters: Any) -> Iterator[nx.MultiDiGraph]:
        """Lend the network of the current version with ``filters`` (those of
        :func:`build_network`); do not change it (copy it first)."""
        with self._lock:
            self.refresh()
            key = json.dumps(filters, sort_keys=True, default=str)
            network = self._networks.pop(key, None)  # put back last: the newest
            if network is None:
                network = build_network(self.tables(), **filters)
                self._anchoring.pop(key, None)
            self._networks[key], self._filters[key] = network, filters
            for old in list(self._networks)[:-MAX_NETWORKS]:
                del self._networks[old], self._filters[old]  # a lent one stays with them
                self._anchoring.pop(old, None)
            self._lent[id(network)] = self._lent.get(id(network), 0) + 1
        try:
            yield network
        finally:
            with self._lock:
                holders = self._lent.pop(id(network)) - 1
                if holders:
                    self._lent[id(network)] = holders

    def anchoring(self, update: AnchoringUpdate, **filters: Any) -> pd.DataFrame:
        """:func:`~graphsvc.analysis.anchoring.local_anchoring` of the network with ``filters``.

        The rows of the last call (per set of filters) are kept; after a change only the
        projects it can affect are recomputed by ``update``
        (:func:`~graphsvc.analysis.anchoring.update_anchoring`, passed in because that
        module builds on this one), the result equals a full computation. A full read, or a
        network rebuilt from the tables, starts afresh.
        """
        with self.network(**filters) as network:
            key = json.dumps(filters, sort_keys=True, default=str)
            with self._lock:
                kept = self._anchoring.get(key) if self._networks.get(key) is network else None
                previous, seen = (kept[0], len(kept[1])) if kept else (None, 0)
                changed = set().union(*kept[1]) if kept else None
            frame, rows = update(network, previous, changed)
            self.last_anchoring = "all" if changed is None else "changes"
            with self._lock:
                now = self._anchoring.get(key)
                if self._networks.get(key) is network:  # unchanged meanwhile
                    self._anchoring[key] = (rows, [])
                elif now is not None and now[0] is previous and key in self._networks:
                    self._anchoring[key] = (rows, now[1][seen:])  # the changes since
        return frame

    # ---------------------------------------------------------------- changes

    def _apply(self, ids: dict[str, list[str]]) -> None:
        """Reread the named items and patch the tables and every kept network."""
        fresh = _read_rows(self.store, ids)
        touched: set[str] = set()  # actors and projects whose ties are rebuilt
        for table in TIE_TABLES:
            found = fresh[table]
            for tie_id in ids.get(table, ()):
                self._drop_tie(table, tie_id, touched)
                if tie_id in found:
                    self._add_tie(table, found[tie_id], touched)
        for table in NODE_TABLES:
            found = fresh[table]
            for node_id in ids.get(table, ()):
                touched.add(node_id)
                if node_id in found:
                    self._rows[table][node_id] = found[node_id]
                elif self._rows[table].pop(node_id, None) is not None:
                    for tie_table, tie_id in list(self._ties.get(node_id, ())):
                        self._drop_tie(tie_table, tie_id, touched)  # deleted with it
        for key, network in list(self._networks.items()):
            filters = self._filters[key]
            if any(filters.get(name) for name in _ACTOR_FILTERS):
                del self._networks[key], self._filters[key]  # rebuilt when asked for
                self._anchoring.pop(key, None)
                continue
            if key in self._anchoring:
                pending = self._anchoring[key][1]
                pending.append(set(touched))
                if sum(map(len, pending)) > MAX_CHANGED_ITEMS:  # as quick to start afresh
                    del self._anchoring[key]
            if self._lent.get(id(network)):
                network = network.copy()  # lent out: patch a copy, keep theirs as is
                self._networks[key] = network
            self._patch(network, touched, filters)

    def _drop_tie(self, table: str, tie_id: str, touched: set[str]) -> None:
        row = self._rows[table].pop(tie_id, None)
        if row is None:
            return
        for end in _tie_ends(table, row):
            touched.add(end)
            self._ties.get(end, set()).discard((table, tie_id))

    def _add_tie(self, table: str, row: tuple[Any, ...], touched: set[str]) -> None:
        self._rows[table][row[0]] = row
        for end in _tie_ends(table, row):
            touched.add(end)
            self._ties.setdefault(end, set()).add((table, row[0]))

    def _patch(self, network: nx.MultiDiGraph, touched: set[str], filters: dict[str, Any]) -> None:
        """Rebuild the ``touched`` nodes of ``network`` with all their ties.

        :func:`build_network` keeps or drops each item by its own fields and its ends
        only (without actor filters), so a network built from the touched nodes, their
        ties and the other ends of those ties decides them exactly as a full build.
        """
        part: dict[str, Rows] = {t: {} for t in ANALYSIS_COLUMNS}
        for node in touched:
            for table, tie_id in self._ties.get(node, ()):
                row = self._rows[table][tie_id]
                part[table][tie_id] = row
                for end in _tie_ends(table, row):
                    self._copy_node(end, part)
            self._copy_node(node, part)
        small = build_network(
            {
                table: pd.DataFrame.from_records(
                    list(rows.values()), columns=ANALYSIS_COLUMNS[table]
                )
                for table, rows in part.items()
            },
            **filters,
        )
        for node in touched:
            if node in network:
                stale = [*network.in_edges(node, keys=True), *network.out_edges(node, keys=True)]
                network.remove_edges_from(stale)
                if node not in small:
                    network.remove_node(node)
                    continue
                attributes = network.nodes[node]
                attributes.clear()
                attributes.update(small.nodes[node])
            elif node in small:
                network.add_node(node, **small.nodes[node])
        for node in touched:
            if node not in small:
                continue
            for u, v, key, data in [
                *small.in_edges(node, keys=True, data=True),
                *small.out_edges(node, keys=True, data=True),
            ]:
                if u in network and v in network:
                    network.add_edge(u, v, key=key, **data)

    def _copy_node(self, node: str, part: dict[str, Rows]) -> None:
        for table in NODE_TABLES:
            row = self._rows[table].get(node)
            if row is not None:
                part[table][node] = row
