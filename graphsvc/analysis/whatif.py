"""What if an actor, a group of actors or old ties go away?

A :class:`Scenario` names what goes: actors by id, groups of actors by attribute values
(e.g. every national foundation), and every tie and participation that has ended by a
date. :func:`what_if` applies it to a network from
:func:`graphsvc.analysis.snapshot.build_network` and compares before with after:

- **projects**: local anchoring before and after (:mod:`graphsvc.analysis.anchoring`),
  and whether a project loses its last funder, its last owner (lead / process owner /
  coordinator) or its last local participant ("only local link"). Every project a
  removed actor takes part in is named, with the actor's roles in it
  (``removed_roles``), even when its anchoring does not change;
- **actors cut off**: actors still present that were in the main (largest) component of
  the actor graph, or had at least one tie, before, and are outside the main component,
  or isolated, after;
- **group pairs**: pairs of groups {A, B} (by ``attribute``, default ``sector``) that
  were connected before (some member of A reaches some member of B in the actor graph)
  and are not after, with the pair's *sole brokers* before the scenario
  (:func:`graphsvc.analysis.cuts.sole_brokers`: actors without whom no A member reaches
  a B member) and whether one of them was removed. A pair also disconnects when every
  member of a group is removed (``group_gone``);
- **fragmentation** (Borgatti 2006, :func:`graphsvc.analysis.fragmentation.fragmentation`)
  of the undirected actor graph before and after:
  F = 1 − Σ_k s_k(s_k − 1) / (n(n − 1)) over component sizes s_k; the rise ΔF measures
  how much the network depended on what was removed.

The actor graph is :func:`~graphsvc.analysis.snapshot.actor_graph` (undirected,
collaborations plus co-participation in projects, simplified).

References
----------
.. [1] Borgatti, S. P. (2006). Identifying sets of key players in a social network.
   *Computational and Mathematical Organization Theory*, 12(1), 21–34.
.. [2] Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: A formal
   approach to brokerage in transaction networks. *Sociological Methodology*, 19, 89–126.
.. [3] Hopcroft, J., & Tarjan, R. (1973). Algorithm 447: efficient algorithms for graph
   manipulation. *Communications of the ACM*, 16(6), 372–378.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import networkx as nx
import pandas as pd

from graphsvc import i18n
from graphsvc.analysis.anchoring import funding_shares, local_anchoring
from graphsvc.analysis.cuts import sole_brokers
from graphsvc.analysis.fragmentation import fragmentation
from graphsvc.analysis.snapshot import (
    ACTOR,
    COLLABORATION,
    PARTICIPATION,
    PROJECT,
    actor_graph,
    as_date,
    is_active,
    participants,
)
from graphsvc.errors import NotFoundError, ValidationError
from graphsvc.reference import municipality

__all__ = ["Scenario", "WhatIfResult", "apply_scenario", "connected_group_pairs", "what_if"]

GroupSpec = tuple[str, Any] | Mapping[str, Any]


@dataclass(frozen=True)
class Scenario:
    """What goes away.

    Parameters
    ----------
    remove_actors : sequence of str
        Actor ids to remove (with their ties and participations).
    remove_groups : sequence of (attribute, value) pairs or mappings
        Remove every actor matching any of the groups. A pair ``("kind", "foundation")``
        matches one attribute; a mapping ``{"kind": "foundation", "scale": "national"}``
        matches when all its attributes match (national foundations).
    end_ties_before : datetime.date or str, optional
        Remove every collaboration and participation that has ended by that date, i.e.
        whose ``end_date`` is before it (``end_date < date``). Open ends stay.
    as_of : datetime.date or str, optional
        Compare on the snapshot of that day: before anything is removed, keep only the
        projects, participations and collaborations active on it.
    label : str, optional
        A name for reports.

    Examples
    --------
    >>> Scenario(remove_groups=[{"kind": "foundation", "scale": "national"}]).describe("en")
    'remove actors with kind=foundation and scale=national'
    """

    remove_actors: Sequence[str] = ()
    remove_groups: Sequence[GroupSpec] = ()
    end_ties_before: dt.date | str | None = None
    as_of: dt.date | str | None = None
    label: str | None = None

    def groups(self) -> list[dict[str, Any]]:
        """The groups as mappings attribute → value."""
        found: list[dict[str, Any]] = []
        for spec in self.remove_groups:
            if isinstance(spec, Mapping):
                found.append(dict(spec))
            else:
                attribute, value = spec
                found.append({attribute: value})
        return found

    def describe(self, lang: str = "en", names: Mapping[str, str] | None = None) -> str:
        """The scenario in words; actors by their ``names`` (id → name) where given, group
        values in ``lang`` (``kind=foundation`` → "aktørtype: Fond")."""
        da = lang == "da"
        parts: list[str] = []
        if self.remove_actors:
            ids = ", ".join((names or {}).get(a) or a for a in self.remove_actors)
            parts.append(f"fjern {ids}" if da else f"remove {ids}")
        for group in self.groups():
            joined = (" og " if da else " and ").join(
                _group_words(i18n.check_lang(lang), k, v) for k, v in group.items()
            )
            parts.append(f"fjern aktører med {joined}" if da else f"remove actors with {joined}")
        if self.end_ties_before is not None:
            day = as_date(self.end_ties_before)
            parts.append(
                f"afslut bånd, der er ophørt før {day}"
                if da
                else f"end the ties that ended before {day}"
            )
        if self.as_of is not None:
            day = as_date(self.as_of)
            parts.append(f"pr. {day}" if da else f"as of {day}")
        if not parts:
            return "ingen ændring" if da else "no change"
        return "; ".join(parts)


@dataclass
class WhatIfResult:
    """The comparison :func:`what_if` returns.

    Attributes
    ----------
    scenario : Scenario
    projects : pandas.DataFrame
        Indexed by project id: ``name``, ``score_before``, ``score_after``,
        ``score_delta``, ``band_before``, ``band_after``, ``funders_before``,
        ``funders_after``, ``owners_before``, ``owners_after``, ``n_local_before``,
        ``n_local_after``, ``lost_funders`` (funders gone), ``funding_share_lost`` (their
        share of the funding before, by amount or equal shares as in
        :mod:`~graphsvc.analysis.anchoring`; NaN without funders), ``lost_funder`` (the
        last funder went), ``lost_owner``, ``lost_local_link`` (the last local
        participant went),
        ``lost_participants``, ``removed_roles`` (removed actor id → its sorted roles in
        the project; empty when no removed actor took part), ``explanation_en``,
        ``explanation_da`` (after).
    actors_cut_off : pandas.DataFrame
        Indexed by actor id: ``name``, ``degree_before``, ``degree_after``,
        ``in_main_before``, ``in_main_after``, ``isolated_after``, ``lost_ties``.
    group_pairs : pandas.DataFrame
        One row per pair of groups connected before and not after: ``group_a``,
        ``group_b``, ``sole_brokers_before`` (list), ``sole_broker`` (the one sole broker,
        or None), ``broker_removed`` (a sole broker was removed), ``group_gone`` (a group
        has no member left).
    summary : dict
        ``removed_actors``, ``removed_ties``, ``removed_participations``, counts of
        the frames above, ``fragmentation_before``, ``fragmentation_after``,
        ``fragmentation_delta``, ``main_component_before``, ``main_component_after``.
    before, after : networkx.MultiDiGraph
        The networks compared.
    """

    scenario: Scenario
    projects: pd.DataFrame
    actors_cut_off: pd.DataFrame
    group_pairs: pd.DataFrame
    summary: dict[str, Any]
    before: nx.MultiDiGraph = field(repr=False)
    after: nx.MultiDiGraph = field(repr=False)

    def to_text(self, lang: str = "en") -> str:
        """A short plain-language report (``lang`` ``"en"`` or ``"da"``)."""
        if lang not in ("en", "da"):
            raise ValidationError(f"lang must be 'en' or 'da', not {lang!r}")
        da = lang == "da"
        s = self.summary

        language = i18n.check_lang(lang)

        def name(node: Any) -> str:
            return str(self.before.nodes[node].get("name") or node)

        names = {a: name(a) for a in self.scenario.remove_actors if a in self.before}
        lines = [
            ("Scenarie: " if da else "Scenario: ") + self.scenario.describe(lang, names),
            ("Fjernet: " if da else "Removed: ")
            + ", ".join(
                [
                    i18n.count(language, len(s["removed_actors"]), "actor"),
                    i18n.count(language, s["removed_ties"], "tie"),
                    i18n.count(language, s["removed_participations"], "participation"),
                ]
            )
            + ".",
        ]
        for _, row in self.projects.iterrows():
            text = _project_line(row, language, name)
            if text:
                lines.append(text)
        for _, row in self.actors_cut_off.iterrows():
            if row["isolated_after"]:
                lines.append(f"{row['name']}: " + ("står alene" if da else "is left isolated"))
            else:
                lines.append(
                    f"{row['name']}: "
                    + ("afskåret fra hovednetværket" if da else "cut off from the main network")
                )
        for _, row in self.group_pairs.iterrows():
            broker = row["sole_broker"]
            by = s.get("attribute", "sector")
            pair = (
                f"{_group(language, by, row['group_a'])} – {_group(language, by, row['group_b'])}"
            )
            if broker is not None and row["broker_removed"]:
                lost = "mister sin eneste forbindelse" if da else "loses its only link"
                lines.append(f"{pair}: {lost} ({name(broker)})")
            else:
                lines.append(
                    f"{pair}: " + ("ikke længere forbundet" if da else "no longer connected")
                )
        numbers = (
            f"{s['fragmentation_before']:.3f} → {s['fragmentation_after']:.3f} "
            f"(Δ {s['fragmentation_delta']:+.3f})"
        )
        lines.append(
            f"Fragmentering {numbers.replace('.', ',')}" if da else f"Fragmentation {numbers}"
        )
        return "\n".join(lines)


def _group_words(lang: i18n.Lang, attribute: str, value: Any) -> str:
    """``kind=foundation`` in Danish words ("aktørtype: fond"); in English as typed."""
    if lang == "da" and attribute in i18n.ENUM_LABELS:
        return f"{i18n.ui(lang, attribute).lower()}: {i18n.label(lang, attribute, value).lower()}"
    return f"{attribute}={value}"


def _group(lang: i18n.Lang, attribute: str, value: Any) -> str:
    """A group's value in words (a sector, a kind, a municipality's name)."""
    if attribute == "locality":
        found = municipality(str(value))
        return found.name if found else str(value)
    return i18n.label(lang, attribute, value) if attribute in i18n.ENUM_LABELS else str(value)


def _score(value: float, lang: i18n.Lang) -> str:
    return i18n.label(lang, "band", "insufficient") if value != value else f"{value:.0f}"


def _out_of_100(value: float, lang: i18n.Lang) -> str:
    """``45/100``; no ``/100`` after a score that is not a number (too little data)."""
    return _score(value, lang) if value != value else f"{value:.0f}/100"


def _project_line(row: pd.Series, lang: i18n.Lang, name: Any) -> str | None:
    """What happens to one project: who of the removed took part, in what role, what it
    loses, its anchoring before and after; ``None`` when the scenario does not touch it."""
    da = lang == "da"
    roles: dict[str, list[str]] = row["removed_roles"]
    losses = []
    if row["lost_funder"]:
        losses.append("sin finansiering" if da else "its funder")
    elif row["lost_funders"] and row["funding_share_lost"] == row["funding_share_lost"]:
        pct = round(100 * row["funding_share_lost"])
        losses.append(f"{pct} % af finansieringen" if da else f"{pct}% of its funding")
    if row["lost_owner"]:
        losses.append("sin ejer" if da else "its owner")
    if row["lost_local_link"]:
        losses.append("sin sidste lokale aktør" if da else "its last local actor")
    before, after = row["score_before"], row["score_after"]
    changed = not (before == after or (before != before and after != after))
    if not roles and not losses and not changed:
        return None
    who = "; ".join(
        f"{name(actor)}: " + ", ".join(i18n.label(lang, "role", r).lower() for r in found)
        for actor, found in roles.items()
    )
    text = f"{row['name']} ({who}): " if who else f"{row['name']}: "
    if losses:
        what = (" og " if da else " and ").join(losses)
        text += f"mister {what}; " if da else f"loses {what}; "
    if changed:
        word = "forankring" if da else "anchoring"
        text += f"{word} {_out_of_100(before, lang)} → {_out_of_100(after, lang)}."
    else:
        text += (
            f"forankringen er uændret ({_out_of_100(before, lang)})."
            if da
            else f"anchoring unchanged ({_out_of_100(before, lang)})."
        )
    return text


def _matches(attrs: Mapping[str, Any], group: Mapping[str, Any]) -> bool:
    return all(str(attrs.get(k)) == str(v) for k, v in group.items())


def apply_scenario(
    network: nx.MultiDiGraph, scenario: Scenario
) -> tuple[nx.MultiDiGraph, nx.MultiDiGraph, dict[str, Any]]:
    """The network before and after a scenario.

    Parameters
    ----------
    network : networkx.MultiDiGraph
        A network from :func:`~graphsvc.analysis.snapshot.build_network`.
    scenario : Scenario

    Returns
    -------
    before, after : networkx.MultiDiGraph
        ``before`` is ``network`` restricted to ``scenario.as_of`` (a copy);
        ``after`` is ``before`` without the removed actors and ties.
    removed : dict
        ``actors`` (list of ids), ``ties`` and ``participations`` (lists of edge ids).

    Raises
    ------
    NotFoundError
        When ``remove_actors`` names an id that is not an actor of the network.

    Examples
    --------
    >>> N = nx.MultiDiGraph()
    >>> N.add_node("a", type="actor"); N.add_node("b", type="actor")
    >>> _ = N.add_edge("a", "b", key="t", type="collaboration", end_date="2014-12-31")
    >>> before, after, removed = apply_scenario(N, Scenario(end_ties_before="2015-01-01"))
    >>> removed["ties"], after.number_of_edges()
    (['t'], 0)
    """
    day = as_date(scenario.as_of)
    before = network.copy()
    if day is not None:
        before.remove_nodes_from(
            [
                n
                for n, d in before.nodes(data=True)
                if d.get("type") == PROJECT and not is_active(d, day)
            ]
        )
        before.remove_edges_from(
            [
                (u, v, k)
                for u, v, k, d in before.edges(keys=True, data=True)
                if not is_active(d, day)
            ]
        )
    unknown = [
        a for a in scenario.remove_actors if a not in before or before.nodes[a].get("type") != ACTOR
    ]
    if unknown:
        raise NotFoundError(f"no actor with id {', '.join(map(repr, unknown))} in the network")
    groups = scenario.groups()
    gone = set(scenario.remove_actors)
    gone.update(
        n
        for n, d in before.nodes(data=True)
        if d.get("type") == ACTOR and any(_matches(d, g) for g in groups)
    )
    after = before.copy()
    removed_edges: dict[str, list[str]] = {COLLABORATION: [], PARTICIPATION: []}
    for u, v, k, d in before.edges(keys=True, data=True):
        kind = d.get("type")
        if kind not in removed_edges:
            continue
        if u in gone or v in gone:
            removed_edges[kind].append(str(k))
    cutoff = as_date(scenario.end_ties_before)
    if cutoff is not None:
        ended = [
            (u, v, k, d.get("type"))
            for u, v, k, d in before.edges(keys=True, data=True)
            if (end := as_date(d.get("end_date"))) is not None
            and end < cutoff
            and u not in gone
            and v not in gone
        ]
        for u, v, k, kind in ended:
            after.remove_edge(u, v, key=k)
            if kind in removed_edges:
                removed_edges[kind].append(str(k))
    after.remove_nodes_from(gone)
    removed = {
        "actors": sorted(gone),
        "ties": sorted(removed_edges[COLLABORATION]),
        "participations": sorted(removed_edges[PARTICIPATION]),
    }
    return before, after, removed


def connected_group_pairs(G: nx.Graph, attribute: str = "sector") -> set[tuple[str, str]]:
    """Pairs of groups that meet in some component (some A member reaches some B member).

    Parameters
    ----------
    G : networkx.Graph
        An actor graph (a directed one is read as undirected).
    attribute : str, default "sector"
        The node attribute defining the groups; nodes without it belong to no group.

    Returns
    -------
    set of (str, str)
        Pairs ``(group_a, group_b)`` with ``group_a < group_b``.

    Examples
    --------
    >>> G = nx.Graph([("k", "fc")]); G.add_node("x")
    >>> nx.set_node_attributes(G, {"k": "public", "fc": "civil", "x": "knowledge"}, "sector")
    >>> connected_group_pairs(G)
    {('civil', 'public')}
    """
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    pairs: set[tuple[str, str]] = set()
    for component in nx.connected_components(U):
        groups = sorted(
            {str(g) for n in component if (g := U.nodes[n].get(attribute)) is not None and g == g}
        )
        pairs.update(combinations(groups, 2))
    return pairs


def _main_component(G: nx.Graph) -> set[Any]:
    if G.number_of_nodes() == 0:
        return set()
    components: list[set[Any]] = list(nx.connected_components(G))
    return max(components, key=len)


def what_if(
    network: nx.MultiDiGraph, scenario: Scenario, *, attribute: str = "sector"
) -> WhatIfResult:
    """Compare a network with the same network after a scenario.

    Parameters
    ----------
    network : networkx.MultiDiGraph
        A network from :func:`~graphsvc.analysis.snapshot.build_network`.
    scenario : Scenario
        What goes away (actors, groups, ties ended by a date) and the day compared.
    attribute : str, default "sector"
        Actor attribute defining the groups whose brokers are compared.

    Returns
    -------
    WhatIfResult
        Per-project anchoring before/after and losses, actors cut off, group pairs that
        lost their connection (and their sole broker), fragmentation before/after and a summary; see
        :class:`WhatIfResult`.

    Raises
    ------
    NotFoundError
        When ``scenario.remove_actors`` names an unknown actor.

    Examples
    --------
    A project funded only by a foundation whose grant ended in 2014:

    >>> N = nx.MultiDiGraph()
    >>> N.add_node("fond", type="actor", name="Fonden", kind="foundation",
    ...            sector="philanthropic", scale="national")
    >>> N.add_node("skole", type="actor", name="Skolen", kind="school",
    ...            sector="public", scale="local")
    >>> N.add_node("p", type="project", name="P", localities=[])
    >>> _ = N.add_edge("fond", "p", key="f", type="participation", role="funder",
    ...                end_date="2014-12-31")
    >>> _ = N.add_edge("skole", "p", key="s", type="participation", role="lead")
    >>> result = what_if(N, Scenario(end_ties_before="2015-01-01"))
    >>> bool(result.projects.loc["p", "lost_funder"])
    True

    References
    ----------
    .. [1] Borgatti, S. P. (2006). *Computational and Mathematical Organization Theory*,
       12(1), 21–34.
    """
    before, after, removed = apply_scenario(network, scenario)
    a_before, a_after = local_anchoring(before), local_anchoring(after)
    gone = set(removed["actors"])
    removed_roles: dict[str, dict[str, list[str]]] = {}
    for actor, project, data in before.edges(data=True):
        if actor in gone and data.get("type") == PARTICIPATION:
            roles = removed_roles.setdefault(project, {}).setdefault(actor, [])
            roles.append(str(data.get("role") or "participant"))

    project_rows = []
    for index, row in a_before.iterrows():
        pid = str(index)
        new: Any = a_after.loc[pid] if pid in a_after.index else None
        funders_after = list(new["funders"]) if new is not None else []
        owners_after = list(new["owners"]) if new is not None else []
        n_local_after = int(new["n_local"]) if new is not None else 0
        score_after = float(new["score"]) if new is not None else float("nan")
        part_before = set(before.predecessors(pid))
        part_after = set(after.predecessors(pid)) if pid in after else set()
        project_rows.append(
            {
                "project": pid,
                "name": row["name"],
                "score_before": float(row["score"]),
                "score_after": score_after,
                "score_delta": round(score_after - float(row["score"]), 1),
                "band_before": row["band"],
                "band_after": new["band"] if new is not None else "insufficient",
                "funders_before": list(row["funders"]),
                "funders_after": funders_after,
                "owners_before": list(row["owners"]),
                "owners_after": owners_after,
                "n_local_before": int(row["n_local"]),
                "n_local_after": n_local_after,
                "lost_funders": sorted(set(row["funders"]) - set(funders_after)),
                "funding_share_lost": _share_lost(before, pid, set(funders_after)),
                "lost_funder": bool(row["funders"]) and not funders_after,
                "lost_owner": bool(row["owners"]) and not owners_after,
                "lost_local_link": int(row["n_local"]) > 0 and n_local_after == 0,
                "lost_participants": sorted(
                    a for a in part_before - part_after if before.nodes[a].get("type") == ACTOR
                ),
                "removed_roles": {
                    a: sorted(set(r)) for a, r in sorted(removed_roles.get(pid, {}).items())
                },
                "explanation_en": new["explanation_en"] if new is not None else "",
                "explanation_da": new["explanation_da"] if new is not None else "",
            }
        )
    projects = pd.DataFrame(
        project_rows,
        columns=[
            "project",
            "name",
            "score_before",
            "score_after",
            "score_delta",
            "band_before",
            "band_after",
            "funders_before",
            "funders_after",
            "owners_before",
            "owners_after",
            "n_local_before",
            "n_local_after",
            "lost_funders",
            "funding_share_lost",
            "lost_funder",
            "lost_owner",
            "lost_local_link",
            "lost_participants",
            "removed_roles",
            "explanation_en",
            "explanation_da",
        ],
    ).set_index("project")

    g_before, g_after = actor_graph(before), actor_graph(after)
    main_before, main_after = _main_component(g_before), _main_component(g_after)
    cut_rows = []
    for v in g_after:
        deg_b, deg_a = g_before.degree(v), g_after.degree(v)
        in_b, in_a = v in main_before, v in main_after
        isolated = deg_b > 0 and deg_a == 0
        if (in_b and not in_a) or isolated:
            cut_rows.append(
                {
                    "actor": v,
                    "name": g_before.nodes[v].get("name") or v,
                    "degree_before": deg_b,
                    "degree_after": deg_a,
                    "in_main_before": in_b,
                    "in_main_after": in_a,
                    "isolated_after": deg_a == 0,
                    "lost_ties": sorted(set(g_before[v]) - set(g_after[v])),
                }
            )
    actors_cut_off = pd.DataFrame(
        cut_rows,
        columns=[
            "actor",
            "name",
            "degree_before",
            "degree_after",
            "in_main_before",
            "in_main_after",
            "isolated_after",
            "lost_ties",
        ],
    ).set_index("actor")

    sole = sole_brokers(g_before, attribute)
    sole_by_pair: dict[tuple[str, str], list[Any]] = {}
    for broker, row in sole.iterrows():
        sole_by_pair.setdefault((str(row["group_a"]), str(row["group_b"])), []).append(broker)
    groups_after = {str(g) for _, g in g_after.nodes(data=attribute) if g is not None}
    connected_after = connected_group_pairs(g_after, attribute)
    pair_rows = []
    for pair in sorted(connected_group_pairs(g_before, attribute) - connected_after):
        brokers = sole_by_pair.get(pair, [])
        pair_rows.append(
            {
                "group_a": pair[0],
                "group_b": pair[1],
                "sole_brokers_before": brokers,
                "sole_broker": brokers[0] if len(brokers) == 1 else None,
                "broker_removed": any(b in gone for b in brokers),
                "group_gone": pair[0] not in groups_after or pair[1] not in groups_after,
            }
        )
    group_pairs = pd.DataFrame(
        pair_rows,
        columns=[
            "group_a",
            "group_b",
            "sole_brokers_before",
            "sole_broker",
            "broker_removed",
            "group_gone",
        ],
    )

    f_before, f_after = fragmentation(g_before), fragmentation(g_after)
    summary = {
        "scenario": scenario.describe("en"),
        "attribute": attribute,
        "removed_actors": removed["actors"],
        "removed_ties": len(removed["ties"]),
        "removed_participations": len(removed["participations"]),
        "projects_losing_funder": sorted(projects.index[projects["lost_funder"]].tolist()),
        "projects_losing_owner": sorted(projects.index[projects["lost_owner"]].tolist()),
        "projects_losing_local_link": sorted(projects.index[projects["lost_local_link"]].tolist()),
        "projects_of_removed_actors": sorted(p for p, r in removed_roles.items() if r),
        "actors_cut_off": len(actors_cut_off),
        "group_pairs_lost": len(group_pairs),
        "group_pairs_lost_sole_broker": int(group_pairs["broker_removed"].sum()),
        "fragmentation_before": f_before,
        "fragmentation_after": f_after,
        "fragmentation_delta": f_after - f_before,
        "main_component_before": len(main_before),
        "main_component_after": len(main_after),
    }
    return WhatIfResult(scenario, projects, actors_cut_off, group_pairs, summary, before, after)


def _share_lost(before: nx.MultiDiGraph, project: str, kept: set[str]) -> float:
    shares = funding_shares(participants(before, project))
    if not shares:
        return float("nan")
    return float(sum(s for a, s in shares.items() if a not in kept))
