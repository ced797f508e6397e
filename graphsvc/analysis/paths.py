"""Who can introduce us, and whom could we involve?

- :func:`introductions`: the shortest introduction paths between two actors of the actor
  graph (up to ``k`` paths of at most ``max_length`` ties), with the names of the actors
  and the kinds of tie along each hop (Yen's k shortest simple paths, as networkx
  :func:`~networkx.algorithms.simple_paths.shortest_simple_paths` implements it).
- :func:`suggest_partners`: local actors not yet involved in a project, ranked by how
  close they are to its participants and by whether they bring a sector it lacks, each
  with a reason in English and Danish.

Both read the actor graph of :func:`graphsvc.analysis.snapshot.actor_graph`
(collaborations plus co-participation in projects, simplified). Introductions ignore tie
direction: an introduction can go either way along a tie.

References
----------
.. [1] Yen, J. Y. (1971). Finding the k shortest loopless paths in a network.
   *Management Science*, 17(11), 712–716.
.. [2] Granovetter, M. S. (1973). The strength of weak ties. *American Journal of
   Sociology*, 78(6), 1360–1380.
"""

from __future__ import annotations

from collections import deque
from itertools import islice, pairwise
from typing import Any

import networkx as nx
import pandas as pd

from graphsvc.analysis.anchoring import LOCAL_SCALES, NONLOCAL_SCALES
from graphsvc.analysis.snapshot import ACTOR, PARTICIPATION, PROJECT, actor_graph
from graphsvc.errors import NotFoundError, ValidationError
from graphsvc.i18n import count
from graphsvc.reference import municipality

__all__ = ["introductions", "nearest_paths", "suggest_partners"]

#: Sector names in running text.
_SECTOR_EN = {
    "public": "the public sector",
    "civil_society": "civil society",
    "private": "the private sector",
    "philanthropic": "philanthropy",
    "knowledge": "the knowledge sector",
    "citizen": "citizens",
}
_SECTOR_DA = {
    "public": "den offentlige sektor",
    "civil_society": "civilsamfundet",
    "private": "den private sektor",
    "philanthropic": "den filantropiske sektor",
    "knowledge": "vidensinstitutionerne",
    "citizen": "borgerne",
}
_KIND_DA = {
    "partnership": "partnerskab",
    "funding": "finansiering",
    "membership": "medlemskab",
    "knowledge_exchange": "videndeling",
    "referral": "henvisning",
    "mentoring": "mentorordning",
    "agreement": "aftale",
    "coordination": "koordinering",
    "oversight": "tilsyn",
    "employment": "ansættelse",
    "volunteering": "frivilligt arbejde",
    "project": "fælles projekt",
}


def _as_actor_graph(G: nx.Graph) -> nx.Graph:
    """An undirected simple actor graph from an actor graph or a network."""
    if G.is_multigraph():
        G = actor_graph(G)
    return G.to_undirected(as_view=True) if G.is_directed() else G


def _name(G: nx.Graph, node: Any) -> str:
    return str(G.nodes[node].get("name") or node)


def introductions(
    G: nx.Graph, source: str, target: str, *, k: int = 3, max_length: int = 4
) -> list[dict[str, Any]]:
    """The shortest introduction paths from one actor to another.

    Parameters
    ----------
    G : networkx.Graph, networkx.DiGraph or networkx.MultiDiGraph
        An actor graph from :func:`~graphsvc.analysis.snapshot.actor_graph`, or a network
        from :func:`~graphsvc.analysis.snapshot.build_network` (its actor graph is used).
        Direction is ignored.
    source, target : str
        Actor ids.
    k : int, default 3
        At most this many paths.
    max_length : int, default 4
        At most this many ties (hops) per path.

    Returns
    -------
    list of dict
        Shortest first (by number of ties; Yen's order among equals). Each path:
        ``actors`` (ids, source first), ``names``, ``length`` (number of ties),
        ``hops`` (one dict per tie: ``source``, ``target``, ``source_name``,
        ``target_name``, ``kinds`` (sorted tie kinds, ``"project"`` for a shared
        project), ``projects`` (shared project ids)), ``text_en`` and ``text_da``.
        Empty when no path of at most ``max_length`` ties exists.

    Raises
    ------
    NotFoundError
        When ``source`` or ``target`` is not an actor of ``G``.
    ValidationError
        When ``source == target``, ``k < 1`` or ``max_length < 1``.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("k", name="Kommune"); G.add_node("fc", name="Frivilligcenter")
    >>> G.add_node("f", name="Forening")
    >>> G.add_edge("k", "fc", kinds={"partnership"}, projects=[])
    >>> G.add_edge("fc", "f", kinds={"membership"}, projects=[])
    >>> [p["names"] for p in introductions(G, "k", "f")]
    [['Kommune', 'Frivilligcenter', 'Forening']]
    >>> introductions(G, "k", "f", max_length=1)
    []

    References
    ----------
    .. [1] Yen, J. Y. (1971). *Management Science*, 17(11), 712–716.
    """
    if k < 1 or max_length < 1:
        raise ValidationError("k and max_length must be at least 1")
    H = _as_actor_graph(G)
    missing = [n for n in (source, target) if n not in H or H.nodes[n].get("type", ACTOR) != ACTOR]
    if missing:
        raise NotFoundError(f"no actor with id {', '.join(map(repr, missing))}")
    if source == target:
        raise ValidationError("an introduction needs two different actors")
    found: list[dict[str, Any]] = []
    try:
        for path in islice(nx.shortest_simple_paths(H, source, target), k):
            if len(path) - 1 > max_length:
                break
            found.append(_describe_path(H, path))
    except nx.NetworkXNoPath:
        return []
    return found


def _describe_path(H: nx.Graph, path: list[Any]) -> dict[str, Any]:
    hops = []
    for u, v in pairwise(path):
        data = H[u][v]
        hops.append(
            {
                "source": u,
                "target": v,
                "source_name": _name(H, u),
                "target_name": _name(H, v),
                "kinds": sorted(data.get("kinds") or []),
                "projects": list(data.get("projects") or []),
            }
        )
    en, da = [_name(H, path[0])], [_name(H, path[0])]
    for hop in hops:
        en.append(f"–({', '.join(hop['kinds']) or 'tie'})→ {hop['target_name']}")
        kinds_da = ", ".join(_KIND_DA.get(kind, kind) for kind in hop["kinds"]) or "bånd"
        da.append(f"–({kinds_da})→ {hop['target_name']}")
    return {
        "actors": list(path),
        "names": [_name(H, n) for n in path],
        "length": len(path) - 1,
        "hops": hops,
        "text_en": " ".join(en),
        "text_da": " ".join(da),
    }


def suggest_partners(network: nx.MultiDiGraph, project_id: str, *, limit: int = 10) -> pd.DataFrame:
    """Local actors that could join a project, closest and most complementary first.

    Parameters
    ----------
    network : networkx.MultiDiGraph
        A network from :func:`~graphsvc.analysis.snapshot.build_network`. Build it with
        ``include_proposed=True`` to see the actors the sources propose (marked
        ``proposed``); proposed ties never count as ties here.
    project_id : str
        The project.
    limit : int, default 10
        At most this many rows.

    Returns
    -------
    pandas.DataFrame
        Indexed by actor id (``actor``), best first, columns ``name``, ``kind``,
        ``sector``, ``scale``, ``locality``, ``municipality``, ``match``,
        ``distance``, ``n_tied``, ``tied_to``, ``introducer``, ``via``,
        ``brings_sector``, ``proposed``, ``reason_en``, ``reason_da``.

        *Candidates* are the actors with no existing participation in the project whose
        scale is not national/international and that are in one of the project's
        localities (``match="locality"``) or, as a fallback ranked after them, in the
        region of one (``match="region"``). A project without localities takes the
        localities of its local- or municipal-scale participants; with none of those
        either, every local- or municipal-scale actor is a candidate (``"scale"``).

        *Ranking*: locality before region; then ``distance`` (ties in the actor graph
        of existing items from the nearest participant; unreachable last); then more
        ``n_tied`` (participants directly tied to the candidate); then
        ``brings_sector`` (its sector is not among the participants'); then name.
        ``introducer`` is the participant at the start of a shortest path (of equally
        near participants the first by id) and ``via`` the actors between.

    Raises
    ------
    NotFoundError
        When ``project_id`` is not a project of the network.
    ValidationError
        When ``limit < 1``.

    Examples
    --------
    >>> N = nx.MultiDiGraph()
    >>> N.add_node("p", type="project", name="P", localities=["DK-410"])
    >>> N.add_node("k", type="actor", name="Kommune", sector="public",
    ...            scale="municipal", locality="DK-410", region="Syddanmark")
    >>> N.add_node("fc", type="actor", name="Frivilligcenter", sector="civil_society",
    ...            scale="local", locality="DK-410", region="Syddanmark")
    >>> _ = N.add_edge("k", "p", key="kp", type="participation", role="lead")
    >>> _ = N.add_edge("k", "fc", key="t", type="collaboration", kind="partnership")
    >>> out = suggest_partners(N, "p")
    >>> out.index.tolist(), int(out.loc["fc", "distance"]), bool(out.loc["fc", "brings_sector"])
    (['fc'], 1, True)
    """
    if limit < 1:
        raise ValidationError("limit must be at least 1")
    if project_id not in network or network.nodes[project_id].get("type") != PROJECT:
        raise NotFoundError(f"no project with id {project_id!r}")

    involved: set[str] = set()
    proposed: set[str] = set()
    for actor, _, data in network.in_edges(project_id, data=True):
        if data.get("type") != PARTICIPATION:
            continue
        (proposed if data.get("status") == "proposed" else involved).add(actor)
    proposed -= involved

    G = actor_graph(network, details=False, proposed=False)

    localities = set(network.nodes[project_id].get("localities") or [])
    if not localities:
        localities = {
            network.nodes[a].get("locality")
            for a in involved
            if network.nodes[a].get("scale") in LOCAL_SCALES and network.nodes[a].get("locality")
        }
    regions = {m.region for loc in localities if (m := municipality(loc)) is not None}

    candidates: dict[str, str] = {}
    for actor, data in network.nodes(data=True):
        if data.get("type") != ACTOR or actor in involved:
            continue
        if data.get("scale") in NONLOCAL_SCALES:
            continue
        locality = data.get("locality")
        place = municipality(locality) if locality else None
        if localities:
            if locality in localities:
                candidates[actor] = "locality"
            elif place is not None and place.region in regions:
                candidates[actor] = "region"
        elif data.get("scale") in LOCAL_SCALES:
            candidates[actor] = "scale"

    sources = sorted(a for a in involved if a in G)  # the same introducer in every process
    paths: dict[Any, list[Any]] = {}
    if sources:
        paths = nearest_paths(G, sources)
    project_sectors = {network.nodes[a].get("sector") for a in involved}

    rows = []
    for actor, match in candidates.items():
        data = network.nodes[actor]
        path = paths.get(actor)
        tied = sorted(a for a in involved if actor in G and G.has_edge(actor, a))
        place = municipality(data.get("locality")) if data.get("locality") else None
        rows.append(
            {
                "actor": actor,
                "name": data.get("name") or actor,
                "kind": data.get("kind"),
                "sector": data.get("sector"),
                "scale": data.get("scale"),
                "locality": data.get("locality"),
                "municipality": place.name if place else None,
                "match": match,
                "distance": len(path) - 1 if path else None,
                "n_tied": len(tied),
                "tied_to": tied,
                "introducer": path[0] if path and len(path) > 1 else None,
                "via": list(path[1:-1]) if path else [],
                "brings_sector": data.get("sector") not in project_sectors,
                "proposed": actor in proposed,
            }
        )
    match_rank = {"locality": 0, "region": 1, "scale": 1}
    rows.sort(
        key=lambda r: (
            match_rank[r["match"]],
            r["distance"] if r["distance"] is not None else float("inf"),
            -r["n_tied"],
            not r["brings_sector"],
            str(r["name"]),
        )
    )
    rows = rows[:limit]
    for row in rows:
        row["reason_en"], row["reason_da"] = _reason(network, row)
    frame = pd.DataFrame(
        rows,
        columns=[
            "actor",
            "name",
            "kind",
            "sector",
            "scale",
            "locality",
            "municipality",
            "match",
            "distance",
            "n_tied",
            "tied_to",
            "introducer",
            "via",
            "brings_sector",
            "proposed",
            "reason_en",
            "reason_da",
        ],
    ).set_index("actor")
    frame["distance"] = frame["distance"].astype("Int64")
    return frame


def nearest_paths(G: nx.Graph, sources: list[Any]) -> dict[Any, list[Any]]:
    """A shortest path (fewest ties) to every node reachable from ``sources``, from the
    nearest source: a breadth-first search from all sources at once.

    The paths are those of ``networkx.multi_source_dijkstra_path(G, sources, weight=...)``
    with every tie of length 1, and it takes a fraction of the time (no heap, no weight
    function called per tie). Why they are the same, not just as short: networkx's
    Dijkstra pushes each node once, when it is first reached (a later way is never
    strictly shorter when every tie has length 1), with the key (distance, push
    counter); the distances it pushes never decrease, so it pops in push order, which is
    the first-in first-out order of a breadth-first search that starts with the sources
    in the given order and visits neighbours in adjacency order. Each node's path is its
    first discoverer's path plus itself in both (``tests/analysis/test_paths.py``
    compares them on random graphs).

    Parameters
    ----------
    G : networkx.Graph
        Ties in either direction of an undirected graph (a directed one: out-ties).
    sources : list
        Nodes of ``G``, the first found first (each source's path is itself).

    Returns
    -------
    dict
        Node → list of nodes from a source to it.

    Examples
    --------
    >>> nearest_paths(nx.path_graph(5), [0, 4])[2]
    [0, 1, 2]
    """
    paths: dict[Any, list[Any]] = {}
    queue: deque[Any] = deque()
    for source in sources:
        if source not in paths:
            paths[source] = [source]
            queue.append(source)
    adjacency = G._adj  # networkx's own shortest paths read it so (no view per node)
    while queue:
        node = queue.popleft()
        path = paths[node]
        for neighbour in adjacency[node]:
            if neighbour not in paths:
                paths[neighbour] = [*path, neighbour]
                queue.append(neighbour)
    return paths


def _reason(network: nx.MultiDiGraph, row: dict[str, Any]) -> tuple[str, str]:
    def names(ids: list[str]) -> str:
        return ", ".join(str(network.nodes[i].get("name") or i) for i in ids)

    where = row["municipality"]
    if row["match"] == "locality":
        en, da = [f"Based in {where}"], [f"Hjemme i {where}"]
    elif row["match"] == "region":
        place = municipality(row["locality"]) if row["locality"] else None
        region = place.region if place else ""
        en, da = [f"In the same region ({region})"], [f"I samme region ({region})"]
    else:
        en, da = ["A local actor"], ["En lokal aktør"]
    if row["n_tied"]:
        tied = names(row["tied_to"])
        en.append(f"already tied to {count('en', row['n_tied'], 'participant')} ({tied})")
        da.append(f"har allerede bånd til {count('da', row['n_tied'], 'participant')} ({tied})")
    elif row["distance"] is not None:
        via = f" via {names(row['via'])}" if row["via"] else ""
        intro = names([row["introducer"]])
        en.append(f"{row['distance']} ties away: {intro} can introduce it{via}")
        da.append(f"{row['distance']} led væk: {intro} kan introducere den{via}")
    else:
        en.append("no tie to the participants yet")
        da.append("endnu ingen bånd til deltagerne")
    sector = str(row["sector"])
    if row["brings_sector"]:
        en.append(f"brings {_SECTOR_EN.get(sector, sector)}, which the project lacks")
        da.append(f"bringer {_SECTOR_DA.get(sector, sector)} ind, som projektet mangler")
    if row["proposed"]:
        en.append("proposed by the sources")
        da.append("foreslået i kilderne")
    return "; ".join(en) + ".", "; ".join(da) + "."
