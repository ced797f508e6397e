"""Local anchoring (lokal forankring) of projects: parts a user can check, and a score.

No published tool measures local anchoring; the seed documents describe it
("bæredygtighed tænkes ind fra starten ved at se på lokalsamfundets ressourcer",
"lokal forankring ved at udvide kredsen af samarbejdspartnere", Legepatruljen's
partnership agreement ending in 2014). This module builds it from parts, each reported
on its own beside the combined score (see ``docs/analysis.md``, "Local anchoring").

Definitions
-----------
Participants
    The distinct actors with a participation in the project, whatever their role
    (funders included). An actor with several roles counts once.
Local participant
    If the project has localities: an actor whose ``locality`` is one of them and whose
    scale is not ``national``/``international`` (a national NGO's head office in
    København is not local to a København project); an actor without a locality is
    local when its scale is ``local`` or ``municipal``. If the project has no
    localities (a national programme): an actor whose scale is ``local`` or
    ``municipal``. ``n_local_scale`` also counts the participants of local or municipal
    scale wherever they are.
Group size
    A local actor that is a group of actors (``member_kind`` set, e.g. a network of
    municipalities or "ca. 80 fællesskabsagenter") with a documented member count weighs
    √count in the local share instead of 1 (the count on the day of the network, else the
    latest; see :func:`group_weight`): ``local_share`` = Σ weights of the local
    participants / Σ weights of all participants, ``weighted_participants`` and
    ``weighted_local`` the two sums. The square root is the OECD's square-root
    equivalence scale for household size [4]_: a group counts for more than one member,
    and less than all of them, as its members act partly as one (one agreement, one
    contact person). A non-local group counts 1: one partner from outside, however large.
    ``n_participants`` and ``n_local`` still count actors.
Sector diversity
    Blau's index 1 − Σ_g s_g² over the sectors of the local participants (s_g = share of
    local participants in sector g); 0 with no or one local sector.
Ownership
    An *owner* holds the role ``lead``, ``process_owner`` or ``coordinator``;
    ``local_owner`` is true when a local participant is an owner.
Funding
    *Funders* hold the role ``funder``. Shares are by ``amount`` (summed per funder)
    when every funder has one, all in one ``currency``, and the total is positive, else
    equal shares: amounts in different currencies are never added or converted (the
    rate of exchange changes over a project's life, and the sources give none).
    ``funding_hhi`` = Σ_i s_i² (Herfindahl–Hirschman, Tuckman & Chang 1991): 1 for a
    single funder. ``nonlocal_funding_share`` = sum of the shares of non-local funders.
    Both are missing (NaN) when no funder is recorded.
Survival
    Remove the project's non-local participants and ask whether the project keeps
    (a) a funder (``survival_funder``; missing when no funder was recorded at all),
    (b) an owner (``survival_owner`` = ``local_owner``) and (c) local participants
    connected to each other (``survival_connected``). For (c), co-participation in
    *this* project would connect them trivially, so it does not count: the local
    participants must number at least two and form one connected component of the
    graph whose nodes are the local participants and whose edges are their
    collaborations (any kind, either direction) and their co-participation in *other*
    projects of the network (``local_components`` = number of components).
    ``survives`` is true when (a), (b) and (c) hold, false when one fails, missing
    when (b) and (c) hold but no funder is recorded.

Score (0–100)
-------------
A weighted sum of parts, each in [0, 1]; the weights are the module constants:

=========================  ======  ===============================================
part                       weight  value
=========================  ======  ===============================================
local participation        15      ``local_share`` (0 with no participants)
local sector diversity     10      min(1, Blau / 0.5): two equally large local
                                   sectors (municipality + associations) earn it all
local ownership            15      1 if ``local_owner`` else 0
local funding              25      1 − ``nonlocal_funding_share``; 0.5 if unknown
funding spread             5       min(1, (1 − HHI) / 0.5); 0.5 if unknown
survival                   30      1 if ``survives``; 0.5 if missing; else 0
=========================  ======  ===============================================

"Unknown" means no funder is recorded. ``points_*`` columns hold each weighted part,
``score`` their sum (rounded to 0.1).

Not enough data is not a low score
----------------------------------
``missing`` lists what the records lack: ``participants`` (no participant is recorded)
or ``funding`` (participants, but no funder). A project without participants has
nothing to score: its ``score`` and ``points_*`` are missing (NaN) and its ``band`` is
``insufficient``, with an explanation that says what is missing; it is never ranked
among the low ones. A project without funding information keeps a score, with the
funding parts at half credit as above, and ``missing`` says so.
A project whose funders are all non-local (e.g. only national foundations) loses the
funding part and the survival part, so it scores at most 15 + 10 + 15 + 5 = 45, below
:data:`LOW_BELOW` (50): it is always ``band="low"``.

References
----------
.. [1] Blau, P. M. (1977). *Inequality and Heterogeneity*. New York: Free Press.
.. [2] Tuckman, H. P., & Chang, C. F. (1991). A methodology for measuring the financial
   vulnerability of charitable nonprofit organizations. *Nonprofit and Voluntary Sector
   Quarterly*, 20(4), 445–460.
.. [3] Frivilligrådet (2012). *Gode rammer for samskabelse* (seed document
   ``001_c19b46e5f2d43751``).
.. [4] OECD (2013). *OECD Framework for Statistics on the Distribution of Household
   Income, Consumption and Wealth*, chapter 8 ("square root scale": resources divided by
   the square root of the household's size). Paris: OECD Publishing.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
import pandas as pd

from graphsvc.analysis.snapshot import (
    ACTOR,
    PARTICIPATION,
    PROJECT,
    actor_graph,
    participants,
    project_ids,
)

__all__ = [
    "BANDS",
    "HIGH_FROM",
    "LOCAL_SCALES",
    "LOW_BELOW",
    "NONLOCAL_SCALES",
    "OWNER_ROLES",
    "W_FUNDING_SPREAD",
    "W_LOCAL_FUNDING",
    "W_LOCAL_OWNER",
    "W_LOCAL_SHARE",
    "W_SECTOR_DIVERSITY",
    "W_SURVIVAL",
    "affected_projects",
    "anchoring_rows",
    "blau_index",
    "funding_shares",
    "group_weight",
    "herfindahl",
    "is_local",
    "local_anchoring",
    "mark_anchoring",
    "update_anchoring",
]

#: Weights of the score's parts (they sum to 100).
W_LOCAL_SHARE = 15.0
W_SECTOR_DIVERSITY = 10.0
W_LOCAL_OWNER = 15.0
W_LOCAL_FUNDING = 25.0
W_FUNDING_SPREAD = 5.0
W_SURVIVAL = 30.0

#: Credit (0–1) a part gets when it cannot be known (no funder recorded).
UNKNOWN_CREDIT = 0.5
#: Blau / spread value that earns a part's full credit (two equal groups).
FULL_DIVERSITY = 0.5

#: Score bands: ``low`` below LOW_BELOW, ``high`` from HIGH_FROM, ``medium`` between;
#: ``insufficient`` when there is nothing to score (no participants).
BANDS = ("insufficient", "low", "medium", "high")
LOW_BELOW = 50.0
HIGH_FROM = 70.0

LOCAL_SCALES = frozenset({"local", "municipal"})
NONLOCAL_SCALES = frozenset({"national", "international"})
OWNER_ROLES = frozenset({"lead", "process_owner", "coordinator"})
FUNDER_ROLE = "funder"

_PARTS = (
    ("local_share", W_LOCAL_SHARE),
    ("sector_diversity", W_SECTOR_DIVERSITY),
    ("local_owner", W_LOCAL_OWNER),
    ("local_funding", W_LOCAL_FUNDING),
    ("funding_spread", W_FUNDING_SPREAD),
    ("survival", W_SURVIVAL),
)
assert abs(sum(w for _, w in _PARTS) - 100.0) < 1e-9


def blau_index(groups: list[Any]) -> float:
    """Blau's heterogeneity index 1 − Σ_g s_g² of a list of group labels.

    Parameters
    ----------
    groups : list
        One label per member (e.g. the sector of each local participant).

    Returns
    -------
    float
        0.0 for an empty list or a single group; (k − 1)/k for k equal groups.

    Examples
    --------
    >>> blau_index(["public", "civil_society"])
    0.5
    >>> blau_index([])
    0.0

    References
    ----------
    .. [1] Blau, P. M. (1977). *Inequality and Heterogeneity*. New York: Free Press.
    """
    if not groups:
        return 0.0
    n = len(groups)
    return 1.0 - sum((c / n) ** 2 for c in Counter(groups).values())


def herfindahl(shares: list[float]) -> float:
    """Herfindahl–Hirschman index Σ s_i² of shares that sum to 1.

    Examples
    --------
    >>> herfindahl([1.0])
    1.0
    >>> herfindahl([0.5, 0.5])
    0.5

    References
    ----------
    .. [1] Tuckman, H. P., & Chang, C. F. (1991). *Nonprofit and Voluntary Sector
       Quarterly*, 20(4), 445–460.
    """
    return float(sum(s * s for s in shares))


def is_local(actor: Mapping[str, Any], project_localities: list[str]) -> bool:
    """Whether an actor is local to a project (see the module docstring).

    Parameters
    ----------
    actor : mapping
        Actor attributes (``locality``, ``scale``).
    project_localities : list of str
        The project's localities (may be empty).

    Returns
    -------
    bool

    Examples
    --------
    >>> is_local({"locality": "DK-410", "scale": "municipal"}, ["DK-410"])
    True
    >>> is_local({"locality": "DK-101", "scale": "national"}, ["DK-101"])
    False
    >>> is_local({"locality": "DK-751", "scale": "local"}, [])
    True
    """
    scale = actor.get("scale")
    locality = actor.get("locality")
    if project_localities:
        if not locality:
            return scale in LOCAL_SCALES
        return locality in project_localities and scale not in NONLOCAL_SCALES
    return scale in LOCAL_SCALES


def _names(network: nx.Graph, ids: list[str], limit: int = 3) -> str:
    names = [str(network.nodes[i].get("name") or i) for i in ids]
    if len(names) > limit:
        names = [*names[:limit], "…"]
    return ", ".join(names)


def group_weight(actor: Mapping[str, Any], day: Any = None) -> float:
    """An actor's weight in the local share: √(member count) for a group with a count.

    Parameters
    ----------
    actor : mapping
        Actor attributes: ``member_kind`` (set for a group of actors) and
        ``member_counts``, a list (or its JSON text) of ``{"on": ISO date, "count": int,
        ...}``.
    day : str or datetime.date, optional
        The network's day: the latest count on or before it, else the earliest count;
        without a day, the latest count.

    Returns
    -------
    float
        1.0 for a single actor or a group without a count, else √count (at least 1).

    Examples
    --------
    >>> group_weight({"member_kind": "municipality",
    ...               "member_counts": [{"on": "2012-01-01", "count": 94},
    ...                                 {"on": "2015-01-01", "count": 16}]})
    4.0
    >>> group_weight({"member_kind": "municipality",
    ...               "member_counts": '[{"on": "2015-01-01", "count": 16}]'}, "2013-06-01")
    4.0
    >>> group_weight({"kind": "municipality"})
    1.0

    References
    ----------
    .. [1] OECD (2013). *OECD Framework for Statistics on the Distribution of Household
       Income, Consumption and Wealth*, chapter 8. Paris: OECD Publishing.
    """
    counts = actor.get("member_counts")
    if not actor.get("member_kind") or not counts:
        return 1.0
    if isinstance(counts, str):
        try:
            counts = json.loads(counts)
        except ValueError:
            return 1.0
    dated = sorted(
        (str(c.get("on") or ""), int(c["count"]))
        for c in counts
        if isinstance(c, Mapping) and c.get("count") is not None
    )
    if not dated:
        return 1.0
    chosen = dated[-1][1]
    if day is not None:
        before = [count for on, count in dated if on and on <= str(day)[:10]]
        chosen = before[-1] if before else dated[0][1]
    return max(1.0, math.sqrt(chosen))


def _ties_outside(graph: nx.Graph, project: str, members: list[str]) -> nx.Graph:
    """Local participants, tied by collaborations or by shared projects other than this."""
    H = nx.Graph()
    H.add_nodes_from(members)
    for a, b, data in graph.subgraph(members).edges(data=True):
        other_projects = [p for p in data.get("projects", []) if p != project]
        if data.get("collaborations") or other_projects:
            H.add_edge(a, b)
    return H


def funding_shares(parts: Mapping[str, list[dict[str, Any]]]) -> dict[str, float]:
    """Each funder's share of a project's funding (see the module docstring).

    Parameters
    ----------
    parts : mapping
        Actor id → its participation attribute dicts in the project, as
        :func:`graphsvc.analysis.snapshot.participants` returns them.

    Returns
    -------
    dict
        Funder id → share (summing to 1): by ``amount`` when every funder has one, all
        in the same ``currency``, and the total is positive; else equal shares (mixed
        currencies are neither added nor converted); empty without funders.

    Examples
    --------
    >>> funding_shares({"a": [{"role": "funder", "amount": 100.0, "currency": "NOK"}],
    ...                 "b": [{"role": "funder", "amount": 300.0, "currency": "NOK"}],
    ...                 "c": [{"role": "lead"}]})
    {'a': 0.25, 'b': 0.75}
    >>> funding_shares({"a": [{"role": "funder", "amount": 100.0, "currency": "DKK"}],
    ...                 "b": [{"role": "funder", "amount": None}]})
    {'a': 0.5, 'b': 0.5}
    >>> funding_shares({"a": [{"role": "funder", "amount": 100.0, "currency": "DKK"}],
    ...                 "b": [{"role": "funder", "amount": 300.0, "currency": "EUR"}]})
    {'a': 0.5, 'b': 0.5}
    """
    return _funding(parts)[1]


def _funding(
    parts: Mapping[str, list[dict[str, Any]]],
) -> tuple[list[str], dict[str, float], str | None]:
    funders = [a for a, rows in parts.items() if any(r.get("role") == FUNDER_ROLE for r in rows)]
    if not funders:
        return [], {}, None
    amounts: dict[str, float | None] = {}
    currencies: set[str] = set()
    for a in funders:
        rows = [r for r in parts[a] if r.get("role") == FUNDER_ROLE]
        known = [r for r in rows if _present(r.get("amount"))]
        currencies.update(str(r.get("currency") or "DKK") for r in known)
        amounts[a] = (
            float(sum(float(r["amount"]) for r in known)) if len(known) == len(rows) else None
        )
    total = sum(v for v in amounts.values() if v is not None)
    if all(v is not None for v in amounts.values()) and len(currencies) == 1 and total > 0:
        return funders, {a: float(v or 0.0) / total for a, v in amounts.items()}, "amount"
    return funders, {a: 1.0 / len(funders) for a in funders}, "equal"


def _present(value: Any) -> bool:
    """Whether a cell holds a number (not None, not NaN: pandas gives NaN for empty)."""
    return value is not None and value == value


def _band(score: float) -> str:
    if score != score:  # NaN: nothing to score
        return "insufficient"
    if score < LOW_BELOW:
        return "low"
    return "high" if score >= HIGH_FROM else "medium"


def local_anchoring(network: nx.MultiDiGraph) -> pd.DataFrame:
    """Local anchoring of every project of a network: the parts and a 0–100 score.

    Parameters
    ----------
    network : networkx.MultiDiGraph
        A network from :func:`graphsvc.analysis.snapshot.build_network` (apply ``as_of``
        and the other filters there).

    Returns
    -------
    pandas.DataFrame
        Indexed by project id (``project``), one row per project, columns:
        ``name``, ``localities``, ``n_participants``, ``n_local``, ``local_share``
        (weighted by group size), ``weighted_participants``, ``weighted_local``,
        ``n_local_scale``, ``local_participants``, ``local_sectors``,
        ``sector_diversity`` (Blau), ``owners``, ``local_owners``, ``local_owner``,
        ``funders``, ``local_funders``, ``n_funders``, ``funding_basis``
        (``"amount"``/``"equal"``/None), ``funding_hhi``, ``nonlocal_funding_share``,
        ``survival_funder``, ``survival_owner``, ``survival_connected``,
        ``local_components``, ``survives``, ``missing`` (what the records lack:
        ``participants``, ``funding``), ``points_local_share``,
        ``points_sector_diversity``, ``points_local_owner``, ``points_local_funding``,
        ``points_funding_spread``, ``points_survival``, ``score`` (NaN without
        participants), ``band`` (``low``/``medium``/``high``, ``insufficient`` without
        participants), ``explanation_en``, ``explanation_da``.
        The definitions are in the module docstring.

    Raises
    ------
    networkx.NetworkXError
        When ``network`` is not a graph.

    Examples
    --------
    A project run by a national NGO and funded by a national foundation only:

    >>> N = nx.MultiDiGraph()
    >>> N.add_node("fond", type="actor", name="Fonden", kind="foundation",
    ...            sector="philanthropic", scale="national", locality="DK-101")
    >>> N.add_node("ngo", type="actor", name="NGO", kind="national_ngo",
    ...            sector="civil_society", scale="national", locality="DK-101")
    >>> N.add_node("p", type="project", name="P", localities=[])
    >>> _ = N.add_edge("fond", "p", key="f", type="participation", role="funder")
    >>> _ = N.add_edge("ngo", "p", key="l", type="participation", role="lead")
    >>> row = local_anchoring(N).loc["p"]
    >>> float(row["score"]), row["band"]
    (0.0, 'low')
    >>> print(row["explanation_en"])  # doctest: +NORMALIZE_WHITESPACE
    Only a national foundation (Fonden) funds it and no local actor owns it;
    0 of 2 participants are local: 0/100.

    References
    ----------
    .. [1] Blau, P. M. (1977). *Inequality and Heterogeneity*.
    .. [2] Tuckman, H. P., & Chang, C. F. (1991). *Nonprofit and Voluntary Sector
       Quarterly*, 20(4), 445–460.
    """
    return _frame(network, anchoring_rows(network))


#: The node attribute :func:`mark_anchoring` puts a project's anchoring figure under.
ANCHORING_ATTRIBUTE = "anchoring"


def mark_anchoring(network: nx.Graph, frame: pd.DataFrame) -> None:
    """Put each project's anchoring figure on its node of ``network`` (a map's network).

    A map draws a network that differs from the one analysed (proposed ties drawn dashed,
    persons pseudonymised); marking its projects with the analysis' figure keeps one
    anchoring figure per project on every surface (the map's panel shows it).

    Parameters
    ----------
    network : networkx.Graph
        Changed in place: project nodes found in ``frame`` get the attribute
        ``"anchoring"``, a dict of ``score`` (None without enough data), ``band``,
        ``n_local``, ``n_participants`` and ``missing``.
    frame : pandas.DataFrame
        A :func:`local_anchoring` result.
    """
    for project, row in frame.iterrows():
        if project in network:
            score = float(row["score"])
            network.nodes[project][ANCHORING_ATTRIBUTE] = {
                "score": None if score != score else score,
                "band": str(row["band"]),
                "n_local": int(row["n_local"]),
                "n_participants": int(row["n_participants"]),
                "missing": list(row["missing"]),
            }


def affected_projects(network: nx.MultiDiGraph, changed: Iterable[str]) -> set[str]:
    """The projects whose anchoring may differ after the ``changed`` nodes were rebuilt.

    A project's row depends only on the project node, its participations, its
    participants' attributes, the collaborations among its participants and their
    participations in other projects (survival). Every change to one of those either
    touches the project itself or touches one of its (current) participants: a changed
    tie touches both of its ends, a deleted actor its ties' ends
    (:meth:`graphsvc.analysis.snapshot.Snapshot` records them so). So the affected
    projects are the changed projects and the projects of the changed actors.

    Parameters
    ----------
    network : networkx.MultiDiGraph
        The network after the change.
    changed : iterable of str
        Ids of the actors and projects rebuilt by the change (ids no longer in the
        network are ignored: their ties' other ends are among them too).

    Returns
    -------
    set of str
        Project ids of ``network``.
    """
    found: set[str] = set()
    for node in changed:
        if node not in network:
            continue
        kind = network.nodes[node].get("type")
        if kind == PROJECT:
            found.add(node)
        elif kind == ACTOR:
            for _, project, data in network.out_edges(node, data=True):
                if data.get("type") == PARTICIPATION:
                    found.add(project)
    return found


def update_anchoring(
    network: nx.MultiDiGraph,
    previous: Mapping[str, dict[str, Any]] | None,
    changed: Iterable[str] | None,
) -> tuple[pd.DataFrame, dict[str, dict[str, Any]]]:
    """:func:`local_anchoring` of ``network`` from a previous result and what changed.

    Only :func:`affected_projects` are recomputed; the other projects keep their
    previous rows. The result equals ``local_anchoring(network)``.

    Parameters
    ----------
    network : networkx.MultiDiGraph
        The network now.
    previous : mapping or None
        Project id → row, as this function returned it for the network before the
        change; ``None`` computes every project.
    changed : iterable of str or None
        The actors and projects rebuilt since ``previous`` (``None``: unknown, compute
        every project).

    Returns
    -------
    tuple of pandas.DataFrame and dict
        The frame of :func:`local_anchoring` and the rows to pass as ``previous`` next time.
    """
    if previous is None or changed is None:
        rows = anchoring_rows(network)
    else:
        projects = project_ids(network)
        redo = affected_projects(network, changed)
        redo.update(p for p in projects if p not in previous)
        fresh = anchoring_rows(network, [p for p in projects if p in redo])
        rows = {p: fresh[p] if p in redo else previous[p] for p in projects}
    return _frame(network, rows), rows


def anchoring_rows(
    network: nx.MultiDiGraph, projects: list[str] | None = None
) -> dict[str, dict[str, Any]]:
    """Project id → the row of :func:`local_anchoring`, for ``projects`` (default: all)."""
    # Survival only looks at ties between participants: the actor graph of the
    # participants and the projects is enough, and a small part of a national graph.
    if projects is None:
        projects = project_ids(network)
        taking_part = {actor for project in projects for actor, _ in network.in_edges(project)}
        around = [*projects, *taking_part]
    else:  # the participants' other projects too: their co-participation is a tie
        taking_part = {actor for project in projects for actor, _ in network.in_edges(project)}
        theirs = {
            target
            for actor in taking_part
            for _, target, data in network.out_edges(actor, data=True)
            if data.get("type") == PARTICIPATION
        }
        around = [*theirs.union(projects), *taking_part]
    graph = actor_graph(network.subgraph(around), project_projection=True)
    rows: dict[str, dict[str, Any]] = {}
    for project in projects:
        pdata = network.nodes[project]
        localities = list(pdata.get("localities") or [])
        parts = participants(network, project)
        members = list(parts)
        local = [a for a in members if is_local(network.nodes[a], localities)]
        n, n_local = len(members), len(local)
        day = network.graph.get("as_of")
        weights = {a: group_weight(network.nodes[a], day) if a in local else 1.0 for a in members}
        weighted, weighted_local = sum(weights.values()), sum(weights[a] for a in local)
        share = weighted_local / weighted if n else float("nan")
        local_scale = [a for a in members if network.nodes[a].get("scale") in LOCAL_SCALES]
        sectors = [network.nodes[a].get("sector") for a in local]
        diversity = blau_index(sectors)
        owners = [a for a in members if any(r.get("role") in OWNER_ROLES for r in parts[a])]
        local_owners = [a for a in owners if a in local]
        funders, shares, basis = _funding(parts)
        local_funders = [a for a in funders if a in local]
        hhi = herfindahl(list(shares.values())) if shares else float("nan")
        nonlocal_share = (
            float(sum(s for a, s in shares.items() if a not in local)) if shares else float("nan")
        )

        survival_funder: bool | None = bool(local_funders) if funders else None
        survival_owner = bool(local_owners)
        H = _ties_outside(graph, project, local)
        components = nx.number_connected_components(H) if n_local else 0
        survival_connected = n_local >= 2 and components == 1
        survives: bool | None
        if survival_funder is False or not survival_owner or not survival_connected:
            survives = False
        elif survival_funder is None:
            survives = None
        else:
            survives = True

        unknown = UNKNOWN_CREDIT
        credit = {
            "local_share": share if n else 0.0,
            "sector_diversity": min(1.0, diversity / FULL_DIVERSITY),
            "local_owner": 1.0 if survival_owner else 0.0,
            "local_funding": (1.0 - nonlocal_share) if shares else unknown,
            "funding_spread": (min(1.0, (1.0 - hhi) / FULL_DIVERSITY) if shares else unknown),
            "survival": {True: 1.0, None: unknown, False: 0.0}[survives],
        }
        missing = ["participants"] if not n else [] if funders else ["funding"]
        points = {f"points_{k}": round(w * credit[k], 2) if n else float("nan") for k, w in _PARTS}
        score = round(sum(w * credit[k] for k, w in _PARTS), 1) if n else float("nan")
        row: dict[str, Any] = {
            "project": project,
            "name": pdata.get("name") or project,
            "localities": localities,
            "n_participants": n,
            "n_local": n_local,
            "local_share": share,
            "weighted_participants": weighted,
            "weighted_local": weighted_local,
            "n_local_scale": len(local_scale),
            "local_participants": local,
            "local_sectors": sorted({str(s) for s in sectors if s}),
            "sector_diversity": diversity,
            "owners": owners,
            "local_owners": local_owners,
            "local_owner": survival_owner,
            "funders": funders,
            "local_funders": local_funders,
            "n_funders": len(funders),
            "funding_basis": basis,
            "funding_hhi": hhi,
            "nonlocal_funding_share": nonlocal_share,
            "survival_funder": survival_funder,
            "survival_owner": survival_owner,
            "survival_connected": survival_connected,
            "local_components": components,
            "survives": survives,
            "missing": missing,
            **points,
            "score": score,
            "band": _band(score),
        }
        row["explanation_en"], row["explanation_da"] = _explain(network, row)
        rows[project] = row
    return rows


def _frame(network: nx.MultiDiGraph, found: Mapping[str, dict[str, Any]]) -> pd.DataFrame:
    rows = [found[project] for project in project_ids(network)]
    columns = [
        "name",
        "localities",
        "n_participants",
        "n_local",
        "local_share",
        "weighted_participants",
        "weighted_local",
        "n_local_scale",
        "local_participants",
        "local_sectors",
        "sector_diversity",
        "owners",
        "local_owners",
        "local_owner",
        "funders",
        "local_funders",
        "n_funders",
        "funding_basis",
        "funding_hhi",
        "nonlocal_funding_share",
        "survival_funder",
        "survival_owner",
        "survival_connected",
        "local_components",
        "survives",
        "missing",
        *(f"points_{k}" for k, _ in _PARTS),
        "score",
        "band",
        "explanation_en",
        "explanation_da",
    ]
    frame = pd.DataFrame(rows, columns=["project", *columns])
    frame = frame.set_index("project")
    for col in ("survival_funder", "survives"):
        frame[col] = frame[col].astype(object)
    return frame


def _explain(network: nx.MultiDiGraph, row: dict[str, Any]) -> tuple[str, str]:
    """One sentence in English and one in Danish saying why the project scores as it does."""
    if not row["n_participants"]:
        return (
            "Not enough data to score it: no participants are recorded.",
            "For lidt data til at vurdere det: ingen deltagere er registreret.",
        )
    funders: list[str] = row["funders"]
    nonlocal_funders = [a for a in funders if a not in row["local_funders"]]
    if not funders:
        fund_en, fund_da = "No funder is recorded", "Ingen finansiering er registreret"
    elif not row["local_funders"]:
        names = _names(network, nonlocal_funders)
        national_foundations = all(
            network.nodes[a].get("kind") == "foundation"
            and network.nodes[a].get("scale") in NONLOCAL_SCALES
            for a in funders
        )
        one = len(funders) == 1
        if national_foundations:
            fund_en = (
                f"Only a national foundation ({names}) funds it"
                if one
                else f"Only national foundations ({names}) fund it"
            )
            fund_da = (
                f"Kun en landsdækkende fond ({names}) finansierer det"
                if one
                else f"Kun landsdækkende fonde ({names}) finansierer det"
            )
        else:
            fund_en = (
                f"Only a non-local funder ({names}) funds it"
                if one
                else f"Only non-local funders ({names}) fund it"
            )
            fund_da = f"Kun ikke-lokale ({names}) finansierer det"
    elif not nonlocal_funders:
        fund_en, fund_da = "It is funded locally", "Det er finansieret lokalt"
    else:
        pct = round(100 * row["nonlocal_funding_share"])
        fund_en = f"{pct}% of its funding comes from non-local funders"
        fund_da = f"{pct} % af finansieringen kommer udefra"

    if row["local_owners"]:
        names = _names(network, row["local_owners"])
        if len(row["local_owners"]) == 1:
            own_en, own_da = (
                f"a local actor ({names}) owns it",
                f"en lokal aktør ({names}) ejer det",
            )
        else:
            own_en, own_da = (
                f"local actors ({names}) own it",
                f"lokale aktører ({names}) ejer det",
            )
    elif row["owners"]:
        own_en, own_da = "no local actor owns it", "ingen lokal aktør ejer det"
    else:
        own_en, own_da = "no owner is recorded", "ingen ejer er registreret"

    n, n_local = row["n_participants"], row["n_local"]
    part_en = (
        f"{n_local} of {n} participant is local"
        if n == 1
        else f"{n_local} of {n} participants are local"
    )
    part_da = (
        f"{n_local} af {n} deltager er lokal" if n == 1 else f"{n_local} af {n} deltagere er lokale"
    )
    if n_local >= 2 and not row["survival_connected"]:
        part_en += ", not tied to each other outside the project"
        part_da += ", uden indbyrdes bånd uden for projektet"
    elif n_local >= 2 and row["survival_connected"]:
        part_en += " and tied to each other outside it"
        part_da += " og har bånd til hinanden uden for det"

    score = f"{row['score']:.0f}/100"
    return (
        f"{fund_en} and {own_en}; {part_en}: {score}.",
        f"{fund_da}, og {own_da}; {part_da}: {score}.",
    )
