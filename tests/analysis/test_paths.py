"""introductions and suggest_partners on hand-made networks (expected values by hand)."""

from __future__ import annotations

import random

import networkx as nx
import pandas as pd
import pytest

from graphsvc.analysis.paths import introductions, nearest_paths, suggest_partners
from graphsvc.analysis.snapshot import actor_graph, build_network
from graphsvc.errors import NotFoundError, ValidationError
from tests.analysis.fixtures_tables import actor, part, project, seed_tables, tables, tie


def _network(**kw):
    # kommune -partnership- fc -membership- forening ; kommune -referral-> x -> forening
    # (a second two-tie route); island is unreachable.
    # project p (Middelfart): kommune lead. odense (same region), kbh (other region),
    # national (national scale, Middelfart) are further actors.
    return build_network(
        tables(
            [
                actor("kommune", "public", kind="municipality", scale="municipal", name="Kommunen"),
                actor("fc", "civil_society", kind="volunteer_centre", name="Frivilligcentret"),
                actor("forening", "civil_society", name="Foreningen"),
                actor("x", "public", name="X"),
                actor("island", "citizen", name="Øen"),
                actor("odense", "civil_society", locality="DK-461", name="Odense Forening"),
                actor("kbh", "civil_society", locality="DK-101", name="KBH Forening"),
                actor("national", "private", scale="national", name="Landsfirma"),
            ],
            [project("p", name="P")],
            [part("kommune", "p", "lead"), part("island", "p", "partner", status="proposed")],
            [
                tie("kommune", "fc"),
                tie("fc", "forening", "membership"),
                tie("kommune", "x", "referral", directed=True),
                tie("x", "forening", "referral"),
                tie("kommune", "island", "knowledge_exchange", status="proposed"),
            ],
        ),
        **kw,
    )


def test_introductions_shortest_first_with_kinds():
    G = actor_graph(_network())
    paths = introductions(G, "kommune", "forening")
    # two routes of 2 ties (via fc, via x); no longer simple route exists
    assert [p["length"] for p in paths] == [2, 2]
    assert sorted(tuple(p["actors"]) for p in paths) == [
        ("kommune", "fc", "forening"),
        ("kommune", "x", "forening"),
    ]
    via_fc = next(p for p in paths if p["actors"][1] == "fc")
    assert via_fc["names"] == ["Kommunen", "Frivilligcentret", "Foreningen"]
    assert [h["kinds"] for h in via_fc["hops"]] == [["partnership"], ["membership"]]
    assert via_fc["text_en"] == (
        "Kommunen –(partnership)→ Frivilligcentret –(membership)→ Foreningen"
    )
    assert "partnerskab" in via_fc["text_da"] and "medlemskab" in via_fc["text_da"]
    # k bounds the count, max_length the hops; direction of the referral is ignored
    assert len(introductions(G, "kommune", "forening", k=1)) == 1
    assert introductions(G, "forening", "kommune", max_length=1) == []
    assert introductions(G, "x", "kommune")[0]["actors"] == ["x", "kommune"]


def test_introductions_accepts_the_network_and_reports_errors():
    N = _network()
    assert introductions(N, "kommune", "fc")[0]["length"] == 1
    assert introductions(N, "kommune", "island") == []  # only a proposed tie: no path
    with pytest.raises(NotFoundError):
        introductions(N, "kommune", "nobody")
    with pytest.raises(NotFoundError):
        introductions(N, "p", "kommune")  # a project is not an actor
    with pytest.raises(ValidationError):
        introductions(N, "kommune", "kommune")


def test_suggest_partners_ranking_and_reasons():
    out = suggest_partners(_network(include_proposed=True), "p")
    # Candidates: Middelfart non-national actors not involved: fc, x, forening, island;
    # then Odense (same region Syddanmark). Not kbh (Hovedstaden), not national.
    # Order: fc and x at distance 1 (both tied to kommune, 1 participant each), fc brings
    # civil society (the project has only public) and x does not -> fc, x; then forening
    # (distance 2); island unreachable (its tie and participation are only proposed);
    # odense last (region fallback, unreachable).
    assert out.index.tolist() == ["fc", "x", "forening", "island", "odense"]
    assert out.loc["fc", "distance"] == 1 and out.loc["fc", "tied_to"] == ["kommune"]
    assert out.loc["fc", "brings_sector"] and not out.loc["x", "brings_sector"]
    assert out.loc["forening", "distance"] == 2
    assert out.loc["forening", "introducer"] == "kommune"
    assert out.loc["forening", "via"] in (["fc"], ["x"])
    assert out.loc["island", "proposed"] and out.loc["island", "distance"] is pd.NA
    assert out.loc["odense", "match"] == "region"
    assert out.loc["fc", "reason_en"] == (
        "Based in Middelfart; already tied to 1 participant (Kommunen); brings civil "
        "society, which the project lacks."
    )
    assert out.loc["fc", "reason_da"].startswith("Hjemme i Middelfart; har allerede bånd")
    assert "proposed by the sources" in out.loc["island", "reason_en"]
    assert suggest_partners(_network(), "p", limit=2).index.tolist() == ["fc", "x"]


def test_suggest_partners_errors():
    with pytest.raises(NotFoundError):
        suggest_partners(_network(), "nothing")
    with pytest.raises(NotFoundError):
        suggest_partners(_network(), "kommune")
    with pytest.raises(ValidationError):
        suggest_partners(_network(), "p", limit=0)


def test_seed_suggestions_for_legepatruljen_include_the_proposed_local_actors():
    N = build_network(seed_tables(), include_proposed=True)
    out = suggest_partners(N, "legepatruljen", limit=50)
    # Legepatruljen has no localities and no participant with one: every local- or
    # municipal-scale actor not involved is a candidate; the sources' proposals
    # (sports clubs, scouts, pensioners …) are among them, marked proposed.
    for proposed in (
        "idraetsforeninger-legepatruljen",
        "spejderforeninger-legepatruljen",
        "pensionistforeninger-legepatruljen",
    ):
        assert proposed in out.index and out.loc[proposed, "proposed"]


@pytest.mark.parametrize("seed", range(40))
def test_nearest_paths_are_networkx_dijkstras_unit_paths(seed: int) -> None:
    """The reference is what suggest_partners used before: networkx's multi-source
    Dijkstra with every tie of length 1. Not only the lengths: the same path to every
    node (which participant introduces, and via whom), on random graphs with many ties
    of equal length, sources in a random order, several components and isolated nodes."""
    rng = random.Random(seed)
    n = rng.randint(2, 80)
    G = nx.gnm_random_graph(n, rng.randint(0, 3 * n), seed=seed)
    nx.relabel_nodes(G, {i: f"a{rng.randrange(10**6)}-{i}" for i in G}, copy=False)
    sources = rng.sample(list(G), rng.randint(1, min(n, 6)))
    expected = nx.multi_source_dijkstra_path(G, sources, weight=lambda u, v, d: 1)
    assert nearest_paths(G, sources) == expected
    assert list(nearest_paths(G, sources)) == list(expected)  # found in the same order


def test_actor_graph_without_proposed_ties_is_the_graph_of_the_network_without_them():
    """What suggest_partners reads instead of copying the network and removing the
    proposed ties from the copy (its way before): the same nodes, ties and weights, in
    the same order (the order decides which of two equally near participants
    introduces); on the seed network with its proposed items."""
    network = build_network(seed_tables(), include_proposed=True)
    removed = network.copy()
    removed.remove_edges_from(
        [(u, v, k) for u, v, k, s in network.edges(keys=True, data="status") if s == "proposed"]
    )
    assert removed.number_of_edges() < network.number_of_edges()  # the seed proposes ties
    expected = actor_graph(removed, details=False)
    got = actor_graph(network, details=False, proposed=False)
    assert list(got.nodes) == list(expected.nodes)
    assert list(got.edges(data=True)) == list(expected.edges(data=True))
    assert all(list(got[n]) == list(expected[n]) for n in got)


def _paths_before(network: nx.MultiDiGraph, project: str) -> dict[str, list[str]]:
    """How suggest_partners found its paths before (the reference): a copy of the network
    without the proposed ties, its full actor graph, networkx's multi-source Dijkstra with
    every tie of length 1, from the participants in id order (of equally near participants
    the first by id introduces, in every process)."""
    involved: set[str] = set()
    for member, _, data in network.in_edges(project, data=True):
        if data.get("type") == "participation" and data.get("status") != "proposed":
            involved.add(member)
    existing = network.copy()
    existing.remove_edges_from(
        [(u, v, k) for u, v, k, s in network.edges(keys=True, data="status") if s == "proposed"]
    )
    G = actor_graph(existing)
    sources = sorted(a for a in involved if a in G)
    return nx.multi_source_dijkstra_path(G, sources, weight=lambda u, v, d: 1) if sources else {}


def test_suggestions_introduce_as_before_on_every_seed_project():
    """Every candidate of every seed project (proposed items included): the distance, the
    introducer and the actors between are those of the old way (``_paths_before``)."""
    network = build_network(seed_tables(), include_proposed=True)
    projects = [n for n, t in network.nodes(data="type") if t == "project"]
    compared = 0
    for pid in projects:
        found = suggest_partners(network, pid, limit=100_000)
        paths = _paths_before(network, pid)
        for candidate, row in found.iterrows():
            path = paths.get(candidate)
            if path is None:
                assert pd.isna(row["distance"]) and pd.isna(row["introducer"])
                continue
            assert row["distance"] == len(path) - 1
            assert row["introducer"] == (path[0] if len(path) > 1 else None)
            assert row["via"] == path[1:-1]
            compared += 1
    assert compared > 100  # the seed's projects have many reachable candidates


def test_of_equally_near_participants_the_first_by_id_introduces():
    """A report says the same in every process: a candidate tied to several participants
    is introduced by the first of them by id (``tied_to`` is sorted), not by whichever
    a set of participants gave first (that order changes with ``PYTHONHASHSEED``)."""
    network = build_network(seed_tables(), include_proposed=True)
    projects = [n for n, t in network.nodes(data="type") if t == "project"]
    several = 0
    for pid in projects:
        found = suggest_partners(network, pid, limit=100_000)
        for _, row in found[found["distance"] == 1].iterrows():
            assert row["introducer"] == row["tied_to"][0]
            several += len(row["tied_to"]) > 1
    assert several > 5  # the seed has candidates tied to two or more participants
