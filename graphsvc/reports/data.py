"""What a report says, gathered from the analyses (:func:`project_report`,
:func:`municipality_report`).

A report is a shared document, like a map: it is made from the pseudonymised network
(:func:`graphsvc.privacy.redact_network`), so persons who did not consent appear under
their pseudonym and masked id whoever asks, and their names are replaced in every text.

Every analysis runs on the part of the network the question needs, so a report of one
project or municipality costs the same on a national graph as on the seed:

- the **anchoring** of a project, and what happens when each funder leaves
  (:func:`graphsvc.analysis.whatif.what_if`), need the project, its participants and the
  other projects they take part in (their collaborations among themselves included):
  :func:`anchoring_context`. The numbers equal those of ``graphsvc analyse anchoring``.
  The :data:`MAX_ROWS` largest funders are compared, each on the projects it funds;
- **bridge builders and single points of failure** (:func:`graphsvc.analysis.bridging.
  bridging_roles`) are measured on the actor graph of a project and its participants'
  direct partners (who connects the project's actors with each other and with the rest
  of their network), and of a municipality's own actors and projects (who holds the
  municipality's network together);
- **suggested partners** (:func:`graphsvc.analysis.paths.suggest_partners`) are looked for
  among the actors of the project's municipalities (or their region), with paths through
  the project's partners: introductions up to two steps away are found exactly.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx
import pandas as pd

from graphsvc.analysis._igraph import shared_conversions, simple_graph
from graphsvc.analysis.anchoring import local_anchoring
from graphsvc.analysis.bridging import ACTOR_FACTS, BETWEENNESS_BUDGET
from graphsvc.analysis.brokerage import brokerage
from graphsvc.analysis.centrality import MIN_PIVOTS, betweenness
from graphsvc.analysis.cuts import articulation_points, sole_brokers
from graphsvc.analysis.paths import suggest_partners
from graphsvc.analysis.roles import role_summary
from graphsvc.analysis.snapshot import ACTOR, PARTICIPATION, PROJECT, actor_graph
from graphsvc.analysis.whatif import Scenario, what_if
from graphsvc.errors import NotFoundError
from graphsvc.filters import Language
from graphsvc.i18n import count, label
from graphsvc.memory import collector_paused
from graphsvc.privacy import Redactor, is_hidden, redact_network
from graphsvc.reference import municipality, source
from graphsvc.reports.words import (
    join,
    long_date,
    map_alt_municipality,
    map_alt_project,
    more_passages,
    number,
    part_name,
    percent,
    score,
    words,
)

if TYPE_CHECKING:
    from graphsvc.core import Graphsvc

log = logging.getLogger(__name__)

ReportKind = Literal["project", "municipality"]
#: Starts drawing a map's HTML as a picture elsewhere while the report is gathered.
MapDrawer = Callable[[str], "Future[bytes]"]
REPORT_KINDS: tuple[ReportKind, ...] = ("project", "municipality")

#: Rows of each table a report shows at most (the rest is counted).
MAX_ROWS = 12
#: Passages quoted per document at most.
MAX_PASSAGES = 6
#: Projects of a municipality that get partner suggestions (the least anchored first).
SUGGESTED_PROJECTS = 3
#: Suggestions looked at before the sources' proposals are put first and the list is cut.
CANDIDATES = 50
#: Work of the betweenness that orders a report's bridge builders: pivots × (actors +
#: ties), one breadth-first search per pivot (:func:`report_pivots`). The report shows no
#: betweenness, it only breaks ties among actors who cut off as many and are sole
#: brokers of as many pairs; the analysis' CPU budget (``BETWEENNESS_BUDGET``, 3 s) took a
#: third of a large municipality's report (DK-101 at 20k/100k: 4,714 actors, 20,015 ties
#: → 1,011 pivots, 0.8 s, the same twelve rows as the exact ranking, two neighbours
#: swapped; see bench/README.md, "Reports: DK-101 under 10 s").
REPORT_BETWEENNESS_STEPS = 25_000_000
#: The parts of the anchoring score and their maximum points, in the order shown.
PARTS = (
    ("local_share", 15.0),
    ("sector_diversity", 10.0),
    ("local_owner", 15.0),
    ("local_funding", 25.0),
    ("funding_spread", 5.0),
    ("survival", 30.0),
)


@dataclass
class Part:
    """One part of the anchoring score: its points of the most it can earn, in words."""

    name: str
    points: str
    max: str
    share: float
    text: str


@dataclass
class Anchoring:
    """One project's anchoring: its score, band and the parts in words."""

    project: str
    name: str
    score: float
    band: str
    parts: list[Part]
    weakest: str


@dataclass
class Report:
    """Everything a report shows, in its language (see :mod:`graphsvc.reports.html`)."""

    kind: ReportKind
    ident: str
    lang: Language
    title: str
    question: str
    made: dt.datetime
    version: tuple[str | None, int]
    as_of: str | None
    facts: list[tuple[str, str]]
    findings: list[str]
    anchoring: list[Anchoring]
    bridges: list[dict[str, str]]
    funders: list[dict[str, str]]
    suggestions: list[tuple[str, list[dict[str, str]]]]
    sources: list[dict[str, Any]]
    map_html: str
    map_alt: str
    map_caption: str
    counts: dict[str, int] = field(default_factory=dict)
    #: The map picture being drawn meanwhile (:class:`graphsvc.reports.printer.Printer`).
    map_drawing: Future[bytes] | None = None

    @property
    def words(self) -> dict[str, str]:
        return words(self.lang)


# ---------------------------------------------------------------- sub-networks


def _neighbours(network: nx.MultiDiGraph, node: Any) -> set[Any]:
    return set(network.predecessors(node)) | set(network.successors(node))


def project_participants(network: nx.MultiDiGraph, project: str) -> set[str]:
    """The actors with a participation in ``project``."""
    return {a for a, _, kind in network.in_edges(project, data="type") if kind == PARTICIPATION}


def anchoring_context(network: nx.MultiDiGraph, projects: Iterable[str]) -> nx.MultiDiGraph:
    """What the anchoring of ``projects`` reads: them, their participants, and the other
    projects of those participants (the ties among all of these included)."""
    return _induced(network, _anchoring_nodes(network, projects))


def _anchoring_nodes(network: nx.MultiDiGraph, projects: Iterable[str]) -> set[Any]:
    keep: set[Any] = set()
    for project in projects:
        members = project_participants(network, project)
        keep |= {project, *members}
        for actor in members:
            keep |= {
                n for n in network.successors(actor) if network.nodes[n].get("type") == PROJECT
            }
    return keep


def partner_context(network: nx.MultiDiGraph, core: set[str]) -> nx.MultiDiGraph:
    """``core`` and its direct partners (actors and projects one tie away).

    A copy, not a view: the map reads every tie of it several times, which took
    eight times as long through a view's filters at 20k/100k."""
    return _induced(network, _partner_nodes(network, core))


def _partner_nodes(network: nx.MultiDiGraph, core: set[str]) -> set[Any]:
    keep = set(core)
    for node in core:
        keep |= _neighbours(network, node)
    return keep


def _suggestion_context(network: nx.MultiDiGraph, project: str) -> nx.MultiDiGraph:
    """What :func:`~graphsvc.analysis.paths.suggest_partners` reads (:func:`_suggestion_nodes`)."""
    return _induced(network, _suggestion_nodes(network, project))


def _suggestion_nodes(network: nx.MultiDiGraph, project: str) -> set[Any]:
    """The project, its partners and their partners' ties, and the actors that could be
    suggested: those in the project's municipalities (and, when they are fewer than
    :data:`CANDIDATES`, in their region); for a project without a municipality, the local
    actors within two steps of its partners (the farther ones rank after them anyway)."""
    members = project_participants(network, project)
    localities = set(network.nodes[project].get("localities") or [])
    if not localities:
        localities = {
            network.nodes[a].get("locality")
            for a in members
            if network.nodes[a].get("scale") in ("local", "municipal")
            and network.nodes[a].get("locality")
        }
    keep = {project, *members}
    for actor in members:
        keep |= _neighbours(network, actor)
    if not localities:
        for node in list(keep):
            keep |= _neighbours(network, node)
        return keep
    regions = {m.region for code in localities if (m := municipality(code)) is not None}
    here, near = set(), set()
    for node, data in network.nodes(data=True):
        if data.get("type") != ACTOR or data.get("scale") in ("national", "international"):
            continue
        code = data.get("locality")
        if code in localities:
            here.add(node)
        elif code and (place := municipality(code)) is not None and place.region in regions:
            near.add(node)
    keep |= here if len(here) >= CANDIDATES else here | near
    return keep


def _drop(*graphs: nx.Graph) -> None:
    """Empty copies of the network a report is done with, so that they are freed now.

    A networkx graph refers to itself through the views it caches (``G.edges``,
    ``G.degree``), so a dropped copy is not freed by reference counting but waits for the
    cyclic collector, which a report pauses (:func:`graphsvc.memory.collector_paused`):
    after DK-101's report at 20k/100k it then walked 250,000 dicts of dropped copies, 0.7 s
    of CPU. Only copies (not views, not the snapshot's networks) are passed here."""
    for graph in graphs:
        graph.clear()


def _induced(network: nx.MultiDiGraph, keep: Iterable[Any]) -> nx.MultiDiGraph:
    """The subnetwork on ``keep`` (a copy): faster than ``subgraph(keep).copy()``, which
    filters every edge of a national network through a view. Nodes and ties come in the
    network's order, not a set's: a set's order changes from process to process, and
    with it which of two equally good answers a report shows (an introducer, a tie)."""
    wanted = set(keep)
    kept = [n for n in network if n in wanted]
    kept_set = set(kept)
    out = nx.MultiDiGraph()
    out.graph.update(network.graph)  # as_of: the member counts of that day, not the latest
    out.add_nodes_from((n, dict(network.nodes[n])) for n in kept)
    out.add_edges_from(
        (u, v, k, dict(data))
        for u, v, k, data in network.out_edges(kept, keys=True, data=True)
        if v in kept_set
    )
    return out


# ---------------------------------------------------------------- words for values


def _name(network: nx.Graph, node: Any) -> str:
    data = network.nodes[node] if node in network else {}
    return str(data.get("name") or node)


def _names(network: nx.Graph, nodes: Iterable[Any], lang: Language, limit: int = 4) -> str:
    named = sorted({_name(network, n) for n in nodes}, key=str.casefold)
    if len(named) > limit:
        rest = len(named) - limit
        named = [*named[:limit], (f"{rest} andre" if lang == "da" else f"{rest} others")]
    return join(named, lang)


def _place(code: Any, lang: Language) -> str:
    if not code:
        return "–"
    found = municipality(str(code))
    return found.name if found else str(code)


def _band(band: Any, lang: Language) -> str:
    return label(lang, "band", band)


def _score(value: float, lang: Language) -> str:
    return score(value, lang)


def _part_text(row: pd.Series, part: str, network: nx.Graph, lang: Language) -> str:
    """What one part of the score says about this project, in plain words."""
    da = lang == "da"
    n, n_local = int(row["n_participants"]), int(row["n_local"])
    if part == "local_share":
        if da:
            return f"{n_local} af {n} deltagere er lokale."
        return f"{n_local} of {n} participants are local."
    if part == "sector_diversity":
        sectors = sorted({label(lang, "sector", s) for s in row["local_sectors"] or []})
        if not sectors:
            return "Ingen lokale deltagere." if da else "No local participants."
        listed = join([s.lower() for s in sectors], lang)
        if len(sectors) == 1:
            return f"Kun én lokal sektor: {listed}." if da else f"Only one local sector: {listed}."
        return f"Lokale deltagere fra {listed}." if da else f"Local participants from {listed}."
    if part == "local_owner":
        owners = list(row["local_owners"] or [])
        if owners:
            names = _names(network, owners, lang)
            if da:
                return f"{names} leder eller koordinerer lokalt."
            return f"{names} {'leads' if len(owners) == 1 else 'lead'} locally."
        if row["owners"]:
            names = _names(network, row["owners"], lang)
            return (
                f"Ingen lokal aktør leder projektet (det gør {names})."
                if da
                else f"No local actor leads the project ({names} does)."
            )
        return "Ingen projektleder er registreret." if da else "No lead is recorded."
    if part == "local_funding":
        if not row["funders"]:
            return (
                "Ingen bevillingsgiver er registreret (halv point)."
                if da
                else "No funder is recorded (half points)."
            )
        share = 1.0 - float(row["nonlocal_funding_share"])
        return (
            f"{percent(share, lang)} af finansieringen kommer fra lokale kilder."
            if da
            else f"{percent(share, lang)} of the funding comes from local sources."
        )
    if part == "funding_spread":
        k = int(row["n_funders"])
        if k == 0:
            return "Ukendt: ingen bevillingsgiver." if da else "Unknown: no funder."
        if k == 1:
            return "Én bevillingsgiver bærer det hele." if da else "One funder carries it all."
        return f"Finansieringen er delt på {k}." if da else f"The funding is split among {k}."
    # survival
    if row["survives"] is True:
        return (
            "Ja: uden de ikke-lokale partnere er der stadig finansiering, en lokal leder "
            "og et sammenhængende lokalt netværk."
            if da
            else "Yes: without the non-local partners there is still funding, a local lead "
            "and a connected local network."
        )
    missing = []
    if row["survival_funder"] is False:
        missing.append("finansiering" if da else "funding")
    if not row["survival_owner"]:
        missing.append("en lokal leder" if da else "a local lead")
    if not row["survival_connected"]:
        missing.append(
            "lokale partnere, der kender hinanden" if da else "local partners who know each other"
        )
    if not missing:
        return (
            "Uvist: ingen bevillingsgiver er registreret (halv point)."
            if da
            else "Unknown: no funder is recorded (half points)."
        )
    what = join(missing, lang)
    return (
        f"Nej: uden de ikke-lokale partnere mangler {what}."
        if da
        else f"No: without the non-local partners it lacks {what}."
    )


def _anchoring(row: pd.Series, project: str, network: nx.Graph, lang: Language) -> Anchoring:
    parts = []
    for part, most in PARTS:
        points = float(row[f"points_{part}"])
        parts.append(
            Part(
                name=part_name(part, lang),
                points=number(points, lang, 1 if points % 1 else 0),
                max=number(most, lang),
                share=points / most if most else 0.0,
                text=_part_text(row, part, network, lang),
            )
        )
    weakest = min(parts, key=lambda p: p.share)
    return Anchoring(
        project=project,
        name=str(row["name"]),
        score=float(row["score"]),
        band=str(row["band"]),
        parts=parts,
        weakest=weakest.name if weakest.share < 1 else "–",
    )


# ---------------------------------------------------------------- sections


def _bridges(
    context: nx.Graph, shown: set[str], lang: Language
) -> tuple[list[dict[str, str]], list[str]]:
    """Bridge builders among ``shown``; and the names of the single points of failure, in
    the table's order.

    Ranked by the actors they cut off, then the pairs they alone broker, then betweenness
    (sampled on a large network, :func:`report_pivots`), then name: the actor graph is
    put in id order first, so the same network gives the same table however it was read
    (the sampled pivots are the first of a seeded order of the actors' positions)."""
    found = actor_graph(context, details=False)
    graph = _in_id_order(found)
    _drop(found)
    if graph.number_of_edges() == 0:
        return [], []
    frame = broker_table(graph, pivots=report_pivots(graph))
    frame = frame[frame.index.isin(shown)]
    single = frame[(frame["cut_off"] > 0) | (frame["sole_broker_pairs"] > 0)]
    brokers = frame[(frame["total"] > 0) | (frame["betweenness"] > 0)]
    ranked = pd.concat([single, brokers]).loc[lambda f: ~f.index.duplicated()]
    ranked = ranked.assign(_name=[_name(graph, a).casefold() for a in ranked.index])
    ranked = ranked.sort_values(
        ["cut_off", "sole_broker_pairs", "betweenness", "_name"],
        ascending=[False, False, False, True],
        kind="stable",
    )
    w = words(lang)
    rows = []
    for actor, row in ranked.head(MAX_ROWS).iterrows():
        cut = int(row["cut_off"])
        is_single = cut > 0 or int(row["sole_broker_pairs"]) > 0
        rows.append(
            {
                "name": _name(graph, actor),
                "kind": label(lang, "kind", row.get("kind")),
                "sector": label(lang, "sector", row.get("sector")),
                "role": _sentence(str(row.get(f"role_{lang}") or "")),
                "single": (w["yes"] + (f" ({w['cuts_off'].format(n=cut)})" if cut else ""))
                if is_single
                else w["no"],
            }
        )
    names = [_name(graph, a) for a in ranked.index if a in single.index]
    _drop(graph)
    return rows, names


def _in_id_order(graph: nx.Graph) -> nx.Graph:
    """``graph`` with its nodes, and each tie's ends and the ties, in id order."""
    ordered = nx.Graph()
    ordered.graph.update(graph.graph)
    ordered.add_nodes_from(sorted(graph.nodes(data=True), key=lambda item: str(item[0])))
    ties = (((u, v) if str(u) <= str(v) else (v, u), data) for u, v, data in graph.edges(data=True))
    ordered.add_edges_from(
        (u, v, data) for (u, v), data in sorted(ties, key=lambda t: (str(t[0][0]), str(t[0][1])))
    )
    return ordered


def report_pivots(graph: nx.Graph) -> int:
    """Pivots of the betweenness a report ranks bridge builders by:
    :data:`REPORT_BETWEENNESS_STEPS` / (actors + ties), at least ``MIN_PIVOTS``; every
    actor (the exact betweenness) when that is as many.

    A count fixed by the graph's size, not by a time budget (as
    :func:`graphsvc.analysis.bridging.bridging_roles` has it): what fits a budget depends
    on the machine and its load, so two reports of the same data could rank differently.

    Examples
    --------
    >>> report_pivots(nx.path_graph(100))
    100
    >>> report_pivots(nx.empty_graph(20_000))
    1250
    """
    n, m = graph.number_of_nodes(), graph.number_of_edges()
    return min(n, max(MIN_PIVOTS, -(-REPORT_BETWEENNESS_STEPS // max(n + m, 1))))


def broker_table(
    graph: nx.Graph, attribute: str = "sector", *, pivots: int | None = None
) -> pd.DataFrame:
    """The columns of :func:`graphsvc.analysis.bridging.bridging_roles`' actor table that a
    report shows, with the same values: the actors' facts, ``betweenness`` (the same budget
    and seed; with ``pivots``, that many pivots of the same seeded order instead, exact
    when it is every actor), the brokerage counts with ``total``, ``is_articulation`` and
    ``cut_off``, ``sole_broker_pairs`` and ``role_en``/``role_da``.

    The measures a report does not show (weighted betweenness, Burt's measures,
    communities, k-cores, E-I with its permutations) are not computed: they took more than
    half of the bridging time of a large municipality.
    """
    simple = simple_graph(graph, "weight")
    for _node, attrs in simple.nodes(data=True):
        if attrs.get(attribute) in (None, ""):
            attrs[attribute] = "(none)"  # as bridging_roles groups them
    undirected = simple.to_undirected(as_view=True) if simple.is_directed() else simple
    with shared_conversions():
        bc = (
            betweenness(simple, budget=BETWEENNESS_BUDGET, seed=0)
            if pivots is None
            else betweenness(simple, k=pivots, exact_threshold=pivots, seed=0)
        )
        roles = brokerage(simple, attribute)
        cuts = articulation_points(undirected)
        sole = sole_brokers(undirected, attribute)
        sentences = role_summary(
            simple, roles, sole_brokers_df=sole, articulation_df=cuts, attribute=attribute,
            lang="both",
        )  # fmt: skip
    facts = pd.DataFrame.from_dict(
        {n: {k: simple.nodes[n].get(k) for k in ACTOR_FACTS} for n in simple}, orient="index"
    )
    facts.index.name = "id"
    table = facts.join(bc[["betweenness"]])
    table = table.join(roles.drop(columns=["group"], errors="ignore")).join(cuts)
    pair_counts = sole.index.value_counts() if len(sole) else pd.Series(dtype=int)
    table["sole_broker_pairs"] = pair_counts.reindex(table.index, fill_value=0).astype(int)
    return table.join(sentences[["role_en", "role_da"]])


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else "–"


def _funder_effects(
    context: nx.MultiDiGraph, projects: list[str], lang: Language
) -> tuple[list[dict[str, str]], list[str]]:
    """What happens to ``projects`` when each of their funders leaves (one at a time): the
    :data:`MAX_ROWS` largest funders, each compared on the anchoring context of the projects
    it funds (the others cannot change)."""
    w = words(lang)
    funders: dict[str, dict[str, float]] = {}
    for project in projects:
        shares = _shares(context, project)
        for funder, share in shares.items():
            funders.setdefault(funder, {})[project] = share
    rows: list[dict[str, str]] = []
    worst: tuple[float, str] | None = None  # (score change, the finding), the worst first
    largest = sorted(funders, key=lambda f: (-sum(funders[f].values()), _name(context, f)))
    for funder in largest[:MAX_ROWS]:
        funded = anchoring_context(context, list(funders[funder]))
        result = what_if(funded, Scenario(remove_actors=[funder]))
        effects = []
        for project in projects:
            if project not in result.projects.index or project not in funders[funder]:
                continue
            row = result.projects.loc[[project]].iloc[0]
            losses = [
                w[key]
                for key, lost in (
                    ("loses_funding", row["lost_funder"]),
                    ("loses_owner", row["lost_owner"]),
                    ("loses_local", row["lost_local_link"]),
                )
                if lost
            ]
            before, after = float(row["score_before"]), float(row["score_after"])
            change = w["score_change"].format(
                before=_score(before, lang), after=_score(after, lang)
            )
            what = join(
                [*losses, change] if losses or row["score_delta"] else [w["no_change"]], lang
            )
            effects.append((project, str(row["name"]), what, after))
            harm = (after - before) - 100 * len(losses)
            if (losses or after < before) and (worst is None or harm < worst[0]):
                finding = what if len(projects) == 1 else f"{row['name']} {what}"
                worst = (
                    harm,
                    w["finding_funder"].format(name=_name(context, funder), what=finding),
                )
        cut = list(result.actors_cut_off.index)
        consequence = "; ".join(
            (f"{name}: {what}" if len(projects) > 1 else what) for _, name, what, _ in effects
        )
        if cut:
            consequence += "; " + w["cut_off"].format(names=_names(context, cut, lang))
        share = max(funders[funder].values())
        rows.append(
            {
                "funder": _name(context, funder),
                "share": percent(share, lang),
                "consequence": _sentence(consequence) if consequence else w["no_change"],
                "score_after": (
                    _score(effects[0][3], lang) if len(projects) == 1 and effects else ""
                ),
            }
        )
    return rows, [worst[1]] if worst else []


def _shares(network: nx.MultiDiGraph, project: str) -> dict[str, float]:
    from graphsvc.analysis.anchoring import funding_shares  # noqa: PLC0415
    from graphsvc.analysis.snapshot import participants  # noqa: PLC0415

    return funding_shares(participants(network, project))


def _suggestions(
    network: nx.MultiDiGraph, project: str, lang: Language, limit: int
) -> list[dict[str, str]]:
    # the actors the sources themselves propose first (sports clubs, scouts, parents …),
    # then the closest; each in the analysis' own order
    context = _suggestion_context(network, project)
    found = suggest_partners(context, project, limit=CANDIDATES)
    _drop(context)
    frame = found.sort_values("proposed", ascending=False, kind="stable").head(limit)
    rows = []
    for actor, row in frame.iterrows():
        introducer = row["introducer"]
        via = list(row["via"]) if isinstance(row["via"], list) else []
        chain = (
            " → ".join(_name(network, a) for a in [introducer, *via])
            if isinstance(introducer, str)
            else words(lang)["no_introducer"]
        )
        rows.append(
            {
                "name": _name(network, actor),
                "kind": label(lang, "kind", row["kind"]),
                "where": _place(row["locality"], lang),
                "introducer": chain,
                "why": _sentence(str(row[f"reason_{lang}"] or "")),
            }
        )
    return rows


def _sources(
    graphsvc: Graphsvc,
    items: dict[str, set[str]],
    hidden: dict[str, str | None],
    redactor: Redactor,
    lang: Language,
) -> list[dict[str, Any]]:
    """The documents ``items`` (table → ids) cite, each with the passages quoted from it.

    Only the items that cite a source are read, and of them only the sources, the passage
    and what says who is hidden (``<table>/get_<item>_sources``)."""
    passages: dict[str, list[str]] = {}
    size = graphsvc.settings.batch_size
    for table, ids in items.items():
        wanted = sorted(ids)
        query = f"{table}/get_{table[:-1]}_sources"
        for start in range(0, len(wanted), size):
            rows = graphsvc.store.run(query, ids=wanted[start : start + size])
            for row in rows:
                props = row
                ends = {str(row.get(end)) for end in ("actor_id", "source_id", "target_id")}
                if is_hidden(props) or ends & set(hidden):
                    continue  # a hidden person's rows and ties keep no sources or passages
                refs = props.get("sources") or []
                if isinstance(refs, str):
                    refs = [r for r in refs.split(";") if r.strip()]
                quote = props.get("source_passage")
                for ref in refs:
                    found = passages.setdefault(str(ref).strip(), [])
                    if quote and redactor.text(str(quote)) not in found:
                        found.append(redactor.text(str(quote)))
    out = []
    for ref in sorted(passages, key=lambda r: (source(r) is None, (source(r) or r).__str__())):
        document = source(ref)
        quoted = passages[ref]
        out.append(
            {
                "title": document.title if document else redactor.text(ref),  # free text
                "about": document.describe(lang) if document else "",
                "passages": quoted[:MAX_PASSAGES],
                "more": max(0, len(quoted) - MAX_PASSAGES),
                "more_text": more_passages(max(0, len(quoted) - MAX_PASSAGES), lang),
            }
        )
    return out


def _tie_ids(network: nx.MultiDiGraph, nodes: set[str]) -> dict[str, set[str]]:
    """Ids of the participations and collaborations with an end among ``nodes``."""
    found: dict[str, set[str]] = {"participations": set(), "collaborations": set()}
    for u, v, data in network.edges(data=True):
        if (u in nodes or v in nodes) and data.get("id"):
            table = "participations" if data.get("type") == PARTICIPATION else "collaborations"
            found[table].add(str(data["id"]))
    return found


# ---------------------------------------------------------------- reports


@dataclass
class _Networks:
    """The pseudonymised existing network around the report's subject, what hides, and the
    way to the network with proposed ties (read only where suggestions look)."""

    graphsvc: Graphsvc
    day: dict[str, str]
    existing: nx.MultiDiGraph
    hidden: dict[str, str | None]
    key: bytes
    redactor: Redactor

    def proposed(self, around: Any) -> nx.MultiDiGraph:
        """The network with proposed ties on the nodes ``around`` (a function of a network
        returning the node ids to keep), pseudonymised."""
        with self.graphsvc.snapshot.network(**self.day, include_proposed=True) as network:
            kept = _induced(network, around(network))
        redacted = redact_network(kept, self.hidden, self.key)
        if redacted is not kept:
            _drop(kept)
        return redacted


def _networks(graphsvc: Graphsvc, core: Any, as_of: str | None) -> _Networks:
    """The part of the network around ``core`` (a function of a network returning the
    node ids to keep), pseudonymised."""
    key = graphsvc.pseudonym_key()
    hidden = graphsvc.hidden_persons()
    day = {"as_of": as_of} if as_of else {}  # the filters the kept networks are keyed by
    with graphsvc.snapshot.network(**day) as network:
        existing = _induced(network, core(network))
    redacted = redact_network(existing, hidden, key)
    if redacted is not existing:
        _drop(existing)
    return _Networks(
        graphsvc, day, redacted, hidden, key, Redactor.for_hidden(hidden, key)
    )  # fmt: skip


def _stamp(graphsvc: Graphsvc) -> tuple[dt.datetime, tuple[str | None, int]]:
    return dt.datetime.now(dt.UTC).astimezone(), graphsvc.graph_version()


def project_report(
    graphsvc: Graphsvc,
    project: str,
    *,
    lang: Language = "da",
    as_of: str | None = None,
    draw_map: MapDrawer | None = None,
) -> Report:
    """The report of one project (see the module docstring); ``draw_map`` starts drawing
    the map as soon as its HTML is made (see :func:`make_report`).

    Raises
    ------
    NotFoundError
        When no project has the id ``project``.
    """
    from graphsvc.maps import render_map  # noqa: PLC0415  (pyvis loads when a map is drawn)

    made, version = _stamp(graphsvc)

    def around(network: nx.MultiDiGraph) -> set[Any]:
        if project not in network or network.nodes[project].get("type") != PROJECT:
            raise NotFoundError(f"no project {project!r}")
        members = project_participants(network, project)
        return _partner_nodes(network, {project} | members) | _anchoring_nodes(network, [project])

    nets = _networks(graphsvc, around, as_of)
    w = words(lang)
    existing = nets.existing
    pdata = existing.nodes[project]
    name = str(pdata.get("name") or project)
    members = project_participants(existing, project)
    map_html = render_map(
        _induced(existing, {project} | members),
        lens="project",
        focus=project,
        lang=lang,
        as_of=as_of,
        size_by="none",
        title=name,
    )
    map_drawing = draw_map(map_html) if draw_map else None

    anchoring_net = anchoring_context(existing, [project])
    scores = local_anchoring(anchoring_net)
    row = scores.loc[[project]].iloc[0]
    anchoring = _anchoring(row, project, anchoring_net, lang)
    bridge_rows, single = _bridges(partner_context(existing, members | {project}), members, lang)
    funder_rows, funder_findings = _funder_effects(anchoring_net, [project], lang)
    proposed = nets.proposed(lambda network: _suggestion_nodes(network, project))
    suggestions = _suggestions(proposed, project, lang, limit=8)

    local = int(row["n_local"])
    localities = list(pdata.get("localities") or [])
    facts = [
        (w["theme"], label(lang, "theme", pdata.get("theme"))),
        (w["status"], label(lang, "project_status", pdata.get("status"))),
        (w["period"], _period(pdata, lang)),
        (
            w["municipalities"],
            join([_place(c, lang) for c in localities], lang) if localities else w["nationwide"],
        ),
        (w["participants"], f"{len(members)} ({local} {'lokale' if lang == 'da' else 'local'})"),
    ]
    findings = [
        w["finding_score"].format(
            band=_band(anchoring.band, lang), score=_score(anchoring.score, lang)
        ),
        w["finding_single"].format(names=join(single[:3], lang))
        if single
        else w["finding_no_single"],
        *funder_findings,
    ]
    if suggestions:
        findings.append(
            w["finding_suggestion"].format(names=join([s["name"] for s in suggestions[:2]], lang))
        )
    items = {"projects": {project}, "actors": set(members) - set(_masked(nets))}
    items.update(_tie_ids(existing, {project}))
    n_nonlocal = len(members) - local
    report = Report(
        kind="project",
        ident=project,
        lang=lang,
        title=w["project_title"].format(name=name),
        question=w["project_question"],
        made=made,
        version=version,
        as_of=as_of,
        facts=facts,
        findings=findings,
        anchoring=[anchoring],
        bridges=bridge_rows,
        funders=funder_rows,
        suggestions=[(name, suggestions)],
        sources=_sources(graphsvc, items, nets.hidden, nets.redactor, lang),
        map_html=map_html,
        map_alt=map_alt_project(name, local, n_nonlocal, lang),
        map_caption=w["map_project_caption"],
        counts={"participants": len(members), "local": local},
        map_drawing=map_drawing,
    )
    _drop(existing, anchoring_net, proposed)
    return report


def municipality_report(
    graphsvc: Graphsvc,
    code: str,
    *,
    lang: Language = "da",
    as_of: str | None = None,
    draw_map: MapDrawer | None = None,
) -> Report:
    """The report of one municipality (``DK-410``; see the module docstring); ``draw_map``
    starts drawing the map as soon as its HTML is made (see :func:`make_report`).

    Raises
    ------
    NotFoundError
        When no actor is based in ``code`` and no project is located there.
    """
    from graphsvc.maps import render_map  # noqa: PLC0415  (pyvis loads when a map is drawn)

    made, version = _stamp(graphsvc)

    def here(network: nx.MultiDiGraph) -> set[Any]:
        return {
            n
            for n, data in network.nodes(data=True)
            if (data.get("type") == PROJECT and code in (data.get("localities") or []))
            or (data.get("type") == ACTOR and data.get("locality") == code)
        }

    def around(network: nx.MultiDiGraph) -> set[Any]:
        core = here(network)
        if not core:
            raise NotFoundError(f"no actor or project in the municipality {code!r}")
        projects = [n for n in core if network.nodes[n].get("type") == PROJECT]
        return _partner_nodes(network, core) | _anchoring_nodes(network, projects)

    nets = _networks(graphsvc, around, as_of)
    w = words(lang)
    existing = nets.existing
    core = here(existing)
    place = municipality(code)
    name = place.name if place else str(code)
    projects = sorted(
        (n for n in core if existing.nodes[n].get("type") == PROJECT),
        key=lambda p: _name(existing, p).casefold(),
    )
    actors = {n for n in core if existing.nodes[n].get("type") == ACTOR}
    context = partner_context(existing, core)
    map_html = render_map(
        context,
        lens="municipality",
        focus=code,
        lang=lang,
        as_of=as_of,
        size_by="none",
        title=name,
    )
    map_drawing = draw_map(map_html) if draw_map else None

    anchoring_net = anchoring_context(existing, projects)
    scores = local_anchoring(anchoring_net) if projects else pd.DataFrame()
    anchorings = [_anchoring(scores.loc[[p]].iloc[0], p, anchoring_net, lang) for p in projects]
    # who holds the municipality's own network together: its actors and projects' ties
    # (a view, as the partner context: _bridges reads it in id order)
    bridge_rows, single = _bridges(existing.subgraph(core), actors, lang)
    funder_rows, funder_findings = _funder_effects(anchoring_net, projects, lang)
    weakest = sorted(anchorings, key=lambda a: a.score)[:SUGGESTED_PROJECTS]
    # suggestions only for the weakest projects: the proposed ties are read around them alone
    proposed = nets.proposed(
        lambda network: set().union(*(_suggestion_nodes(network, a.project) for a in weakest))
    )
    suggestions = [(a.name, _suggestions(proposed, a.project, lang, limit=4)) for a in weakest]
    outside = {n for n in context if n not in core}
    facts = [
        (w["region"], place.region if place else w["unknown"]),
        (w["actors_here"], number(len(actors), lang)),
        (w["projects_here"], number(len(projects), lang)),
        (w["partners_elsewhere"], number(len(outside), lang)),
    ]
    low = sum(1 for a in anchorings if a.band == "low")
    findings = [
        w["finding_projects"].format(projects=count(lang, len(projects), "project"), low=low),
        w["finding_single"].format(names=join(single[:3], lang))
        if single
        else w["finding_no_single"],
        *funder_findings,
    ]
    named = [s["name"] for _, rows in suggestions for s in rows[:1]]
    if named:
        findings.append(w["finding_suggestion"].format(names=join(sorted(set(named))[:3], lang)))
    items = {"projects": set(projects), "actors": actors - set(_masked(nets))}
    items.update(_tie_ids(existing, set(projects) | actors))
    report = Report(
        kind="municipality",
        ident=code,
        lang=lang,
        title=w["municipality_title"].format(name=name),
        question=w["municipality_question"],
        made=made,
        version=version,
        as_of=as_of,
        facts=facts,
        findings=findings,
        anchoring=anchorings,
        bridges=bridge_rows,
        funders=funder_rows,
        suggestions=[(n, rows) for n, rows in suggestions if rows],
        sources=_sources(graphsvc, items, nets.hidden, nets.redactor, lang),
        map_html=map_html,
        map_alt=map_alt_municipality(name, len(actors), len(projects), lang),
        map_caption=w["map_municipality_caption"],
        counts={"actors": len(actors), "projects": len(projects)},
        map_drawing=map_drawing,
    )
    _drop(existing, context, anchoring_net, proposed)
    return report


def _masked(nets: _Networks) -> set[str]:
    """The masked ids in the networks (hidden persons: no sources are read for them)."""
    return {n for n, d in nets.existing.nodes(data=True) if is_hidden(d)}


def _period(data: dict[str, Any], lang: Language) -> str:
    start, end = data.get("start_date"), data.get("end_date")

    def day(value: Any) -> str:
        if not value:
            return "…"
        try:
            return long_date(dt.date.fromisoformat(str(value)[:10]), lang)
        except ValueError:
            return str(value)

    if not start and not end:
        return words(lang)["unknown"]
    return f"{day(start)} – {day(end)}"


def make_report(
    graphsvc: Graphsvc,
    kind: ReportKind,
    ident: str,
    *,
    lang: Language = "da",
    as_of: str | None = None,
    draw_map: MapDrawer | None = None,
) -> Report:
    """The report of a project (``kind="project"``) or a municipality.

    ``draw_map`` (e.g. :meth:`graphsvc.reports.printer.Printer.draw_map`) is given the
    map's HTML as soon as it is made, so Chromium draws the picture while the analyses
    run; the report keeps the drawing (``map_drawing``) for :func:`~graphsvc.reports.render`.
    """
    with collector_paused():
        if kind == "project":
            return project_report(graphsvc, ident, lang=lang, as_of=as_of, draw_map=draw_map)
        return municipality_report(graphsvc, ident, lang=lang, as_of=as_of, draw_map=draw_map)
