"""build_network and actor_graph on hand-made tables (expected values by hand, below)."""

from __future__ import annotations

import networkx as nx
import pytest

from graphsvc.analysis.snapshot import actor_graph, as_date, build_network, is_active
from graphsvc.errors import ValidationError
from tests.analysis.fixtures_tables import actor, part, project, seed_tables, tables, tie


def _tables() -> dict:
    # kommune (public, Middelfart DK-410), fc (civil, DK-410), odense (civil, Odense DK-461,
    # same region Syddanmark), kbh (civil, København DK-101, Hovedstaden).
    return tables(
        [
            actor("kommune", "public", kind="municipality", scale="municipal"),
            actor("fc", "civil_society", kind="volunteer_centre"),
            actor("odense", "civil_society", locality="DK-461"),
            actor("kbh", "civil_society", locality="DK-101"),
        ],
        [
            project("p1", theme="employment", start_date="2010-01-01"),
            project("p2", theme="health_prevention", end_date="2014-12-31"),
            project("idea", status="proposed"),
        ],
        [
            part("kommune", "p1", "lead"),
            part("fc", "p1", "partner", start_date="2012-01-01"),
            part("kbh", "p1", "funder", end_date="2014-12-31", amount=100.0, currency="DKK"),
            part("kbh", "p2", "lead"),
            part("fc", "p1", "volunteer", status="proposed"),
        ],
        [
            tie("kommune", "fc", weight=2.0),
            tie("fc", "kommune", "referral", directed=True),
            tie("fc", "odense", "membership", end_date="2011-12-31"),
            tie("kommune", "kbh", "knowledge_exchange", status="proposed"),
        ],
    )


def test_as_date_and_is_active_follow_the_model_rule():
    assert as_date("2014-12-31").isoformat() == "2014-12-31"
    assert as_date(float("nan")) is None
    # start <= d <= end, both ends inclusive, open ends match
    item = {"start_date": "2012-01-01", "end_date": "2014-12-31"}
    assert is_active(item, as_date("2014-12-31"))
    assert not is_active(item, as_date("2015-01-01"))
    assert is_active({"start_date": None, "end_date": None}, as_date("1900-01-01"))
    with pytest.raises(ValidationError):
        as_date("31-12-2014")


def test_nodes_edges_and_attributes():
    G = build_network(_tables())
    assert isinstance(G, nx.MultiDiGraph)
    assert {n for n, t in G.nodes(data="type") if t == "actor"} == {
        "kommune",
        "fc",
        "odense",
        "kbh",
    }
    # the proposed project is excluded by default
    assert {n for n, t in G.nodes(data="type") if t == "project"} == {"p1", "p2"}
    assert G.nodes["kommune"]["region"] == "Syddanmark"
    assert G.nodes["kommune"]["municipality"] == "Middelfart"
    assert G.nodes["kbh"]["region"] == "Hovedstaden"
    # participation edge keyed by id, actor -> project
    data = G.edges["kbh", "p1", "kbh-in-p1-funder"]
    assert data["type"] == "participation" and data["role"] == "funder"
    assert data["amount"] == 100.0 and data["currency"] == "DKK"
    assert data["end_date"] == "2014-12-31"
    # the mutual tie is stored once, directed=False
    mutual = G.edges["kommune", "fc", "kommune-partnership-fc"]
    assert mutual["directed"] is False and mutual["weight"] == 2.0
    assert not G.has_edge("fc", "kommune", "kommune-partnership-fc")
    assert G.edges["fc", "kommune", "fc-referral-kommune"]["directed"] is True
    # proposed participation and proposed tie excluded
    assert not G.has_edge("fc", "p1", "fc-in-p1-volunteer")
    assert not G.has_edge("kommune", "kbh")


def test_include_proposed():
    G = build_network(_tables(), include_proposed=True)
    assert "idea" in G
    assert G.has_edge("fc", "p1", "fc-in-p1-volunteer")
    assert G.has_edge("kommune", "kbh", "kommune-knowledge-exchange-kbh")


def test_as_of_keeps_items_active_that_day():
    G = build_network(_tables(), as_of="2015-06-01")
    # p2 ended 2014-12-31; the kbh funding ended 2014-12-31; the membership ended 2011
    assert "p2" not in G and "p1" in G
    assert not G.has_edge("kbh", "p1")
    assert not G.has_edge("fc", "odense")
    assert G.has_edge("fc", "p1")  # started 2012, open end
    G = build_network(_tables(), as_of="2011-06-01")
    assert not G.has_edge("fc", "p1")  # not started yet
    assert G.has_edge("fc", "odense")  # active until 2011-12-31
    assert G.graph["as_of"] == "2011-06-01"


def test_actor_filters():
    assert set(build_network(_tables(), localities="DK-410").nodes) == {"kommune", "fc", "p1"}
    # region Syddanmark: Middelfart and Odense, not København. p2 (only kbh) is dropped
    G = build_network(_tables(), regions=["Syddanmark"])
    assert {n for n, t in G.nodes(data="type") if t == "actor"} == {"kommune", "fc", "odense"}
    assert "p2" not in G
    assert {
        n for n, t in build_network(_tables(), sectors="public").nodes(data="type") if t == "actor"
    } == {"kommune"}
    assert "fc" in build_network(_tables(), kinds=["volunteer_centre"])
    assert "kommune" not in build_network(_tables(), kinds=["volunteer_centre"])


def test_theme_and_tie_kind_filters():
    G = build_network(_tables(), themes="employment")
    assert "p1" in G and "p2" not in G and not G.has_edge("kbh", "p2")
    G = build_network(_tables(), tie_kinds=["referral"])
    kinds = {d["kind"] for _, _, d in G.edges(data=True) if d["type"] == "collaboration"}
    assert kinds == {"referral"}


def test_unknown_ids_and_clashes_raise():
    t = _tables()
    t["participations"].loc["kbh-in-p2-lead", "actor_id"] = "nobody"
    with pytest.raises(ValidationError, match="unknown"):
        build_network(t)
    t = tables([actor("same", "public")], [project("same")])
    with pytest.raises(ValidationError, match="actor and of a project"):
        build_network(t)


def test_actor_graph_undirected_simplified():
    G = actor_graph(build_network(_tables()))
    assert isinstance(G, nx.Graph) and not G.is_directed()
    assert set(G.nodes) == {"kommune", "fc", "odense", "kbh"}  # projects gone, isolated kept
    # kommune–fc: partnership 2.0 + referral 1.0 + shared project p1 1 = 4.0
    assert G["kommune"]["fc"]["weight"] == 4.0
    assert G["kommune"]["fc"]["kinds"] == {"partnership", "referral", "project"}
    assert G["kommune"]["fc"]["projects"] == ["p1"]
    assert G["kommune"]["fc"]["collaborations"] == ["fc-referral-kommune", "kommune-partnership-fc"]
    # kbh is in p1 with kommune and fc: projection ties of weight 1
    assert G["kbh"]["kommune"]["weight"] == 1.0 and G["kbh"]["fc"]["kinds"] == {"project"}
    # fc–odense membership (weight 1)
    assert G["fc"]["odense"]["kinds"] == {"membership"}
    assert nx.number_of_selfloops(G) == 0
    assert G.nodes["kommune"]["region"] == "Syddanmark"


def test_actor_graph_directed_and_options():
    N = build_network(_tables())
    D = actor_graph(N, directed=True)
    # mutual partnership (2) both ways; referral fc->kommune (1) one way; p1 both ways (1)
    assert D["kommune"]["fc"]["weight"] == 3.0
    assert D["fc"]["kommune"]["weight"] == 4.0
    assert D.has_edge("odense", "fc") and D.has_edge("fc", "odense")
    # no projection: kbh has no collaboration
    G = actor_graph(N, project_projection=False)
    assert G.degree("kbh") == 0 and G["kommune"]["fc"]["weight"] == 3.0
    # weight=None: every tie counts 1
    G = actor_graph(N, weight=None)
    assert G["kommune"]["fc"]["weight"] == 3.0  # partnership 1 + referral 1 + project 1


def test_shared_projects_count_once_per_project():
    # two roles of one actor in one project and two shared projects: weight 2, not 3
    t = tables(
        [actor("a", "public"), actor("b", "civil_society")],
        [project("p"), project("q")],
        [
            part("a", "p", "lead"),
            part("a", "p", "funder"),
            part("b", "p"),
            part("a", "q"),
            part("b", "q"),
        ],
    )
    G = actor_graph(build_network(t))
    assert G["a"]["b"]["weight"] == 2.0 and G["a"]["b"]["projects"] == ["p", "q"]


def test_seed_network_builds():
    t = seed_tables()
    N = build_network(t)
    assert N.number_of_nodes() == len(t["actors"]) + len(
        t["projects"][t["projects"]["status"] != "proposed"]
    )
    G = actor_graph(N)
    assert nx.number_of_selfloops(G) == 0
