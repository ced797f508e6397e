"""Numbers that mean one thing (#12): a filter chooses rows, never a measure's value.

On the seed graph and on a synthetic one, through the core object over a real FalkorDB:
each filtered result must equal the whole network's result restricted to the items the
filter shows (those :func:`build_network` keeps with it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from graphsvc.analysis.anchoring import local_anchoring
from graphsvc.analysis.snapshot import actor_ids, build_network, project_ids
from graphsvc.analysis.whatif import Scenario, what_if
from graphsvc.core import Graphsvc
from graphsvc.io.formats.csv import write as write_csv
from graphsvc.maps.payload import read_payload
from graphsvc.synthetic import synthetic_tables
from tests.analysis.fixtures_tables import actor, part, project, tables

ANCHORING = ["score", "band", "n_participants", "n_local", "funding_hhi", "survives"]
BRIDGING = ["betweenness", "constraint", "total", "z_total", "is_articulation", "ei"]

SEED_FILTERS: list[dict[str, Any]] = [
    {"localities": ["DK-410"]},
    {"regions": ["Syddanmark"]},
    {"sectors": ["public"]},
    {"kinds": ["foundation", "municipality"]},
    {"themes": ["children_youth"]},
    {"tie_kinds": ["partnership"]},
    {"localities": ["DK-410"], "as_of": "2013-06-01"},
]


def _same(filtered: pd.DataFrame, whole: pd.DataFrame, columns: list[str]) -> None:
    assert set(filtered.index) <= set(whole.index)
    left = filtered[columns].astype(object)
    right = whole.loc[filtered.index, columns].astype(object)
    pd.testing.assert_frame_equal(left, right, check_dtype=False)


def _check_filters(graphsvc: Graphsvc, filters: dict[str, Any]) -> tuple[int, int]:
    """Anchoring, bridging and what-if with ``filters`` equal the whole network's rows."""
    day = {"as_of": filters["as_of"]} if "as_of" in filters else {}
    shown = build_network(graphsvc.tables(), **filters)
    anchoring, whole = graphsvc.anchoring(**filters), graphsvc.anchoring(**day)
    assert sorted(anchoring.index) == sorted(project_ids(shown)), filters
    _same(anchoring, whole, ANCHORING)

    bridging, all_actors = graphsvc.bridging(**filters), graphsvc.bridging(**day)
    assert sorted(bridging.actors.index) == sorted(actor_ids(shown)), filters
    _same(bridging.actors, all_actors.actors, BRIDGING)
    pd.testing.assert_frame_equal(bridging.ei.groups, all_actors.ei.groups)
    return len(anchoring), len(bridging.actors)


def test_a_municipality_filter_keeps_the_projects_own_anchoring(graphsvc: Graphsvc) -> None:
    graphsvc.seed()
    whole = graphsvc.anchoring()
    middelfart = graphsvc.anchoring(localities=["DK-410"])
    row = middelfart.loc["frivilligraadets-aarsmoede-2012"]
    # all its participants count, local or not (0.2.0's seed: 28.9 from 9 participants,
    # 3 local; the filter used to score the three alone: 38.9)
    assert row["score"] == whole.loc["frivilligraadets-aarsmoede-2012", "score"]
    assert row["n_participants"] > row["n_local"] > 0
    alone = local_anchoring(build_network(graphsvc.tables(), localities=["DK-410"]))
    assert alone.loc["frivilligraadets-aarsmoede-2012", "score"] != row["score"]
    for filters in SEED_FILTERS:
        _, actors = _check_filters(graphsvc, filters)
        assert actors > 0, filters
    # a filter no participant passes shows only the projects nobody takes part in
    # (build_network keeps those under any actor filter), and says they lack data
    nobody = graphsvc.anchoring(kinds=["hospital"], localities=["DK-410"])
    assert set(nobody["band"]) == {"insufficient"}


def test_what_if_with_filters_shows_the_whole_networks_rows(graphsvc: Graphsvc) -> None:
    graphsvc.seed()
    scenario = Scenario(remove_actors=("trygfonden",))
    whole = graphsvc.what_if(scenario)
    local = graphsvc.what_if(scenario, localities=["DK-410"])
    shown = project_ids(build_network(graphsvc.tables(), localities=["DK-410"]))
    assert sorted(local.projects.index) == sorted(shown)
    _same(local.projects, whole.projects, ["score_before", "score_after", "lost_funder"])
    assert local.summary == whole.summary  # the network's own numbers: the whole network


def test_filters_on_a_synthetic_network(graphsvc: Graphsvc, tmp_path: Path) -> None:
    tables = synthetic_tables(300, 900, projects=40, seed=7)
    write_csv(tables, tmp_path / "csv")
    graphsvc.import_paths([tmp_path / "csv"])
    actors = tables["actors"]
    busiest = actors["locality"].value_counts().index[0]
    checked = 0
    for filters in (
        {"localities": [busiest]},
        {"sectors": ["civil_society"]},
        {"kinds": ["foundation"]},
        {"themes": ["employment"]},
        {"tie_kinds": ["funding"]},
    ):
        projects, _ = _check_filters(graphsvc, filters)
        checked += projects
    # the filters did choose: some projects shown, and fewer than all
    assert 0 < checked
    whole = graphsvc.anchoring()
    local = graphsvc.anchoring(localities=[busiest])
    assert 0 < len(local) < len(whole)
    # a filtered network computed alone would differ: the rule matters on this network
    alone = build_network(graphsvc.tables(), localities=[busiest])
    scores = local_anchoring(alone)["score"]
    assert (scores != whole.loc[scores.index, "score"]).any()


# ---------------------------------------------------------------- what-if names every project


def test_what_if_names_every_project_of_the_removed_actor_on_the_seed(graphsvc: Graphsvc) -> None:
    graphsvc.seed()
    result = graphsvc.what_if(Scenario(remove_actors=("trygfonden",)))
    roles = result.projects["removed_roles"]
    # the seed: TrygFonden funds Legepatruljen and is a partner in Børnerådgiveruddannelsen
    assert "funder" in roles["legepatruljen"]["trygfonden"]
    assert "partner" in roles["boerneraadgiveruddannelsen"]["trygfonden"]
    tables = graphsvc.tables()["participations"]
    expected = sorted(set(tables[tables["actor_id"] == "trygfonden"]["project_id"]))
    assert result.summary["projects_of_removed_actors"] == expected
    da, en = result.to_text("da"), result.to_text("en")
    assert "Scenarie: fjern TrygFonden\nFjernet: 1 aktør, " in da
    assert "Legepatruljen (TrygFonden: bevillingsgiver" in da
    # its anchoring does not change, and it is named all the same
    assert (
        "Børnerådgiveruddannelsen (Børns Vilkår) (TrygFonden: partner): "
        "forankringen er uændret (" in da
    )
    assert "(Børns Vilkår) (TrygFonden: partner): anchoring unchanged" in en
    assert "trygfonden" not in da + en  # the name, never the id


def test_what_if_names_every_project_on_a_synthetic_network() -> None:
    tables = synthetic_tables(300, 900, projects=40, seed=3)
    network = build_network(tables)
    parts = tables["participations"]
    busiest = parts["actor_id"].value_counts()  # actors in several projects, in any role
    removed = tuple(busiest.index[:3])
    result = what_if(network, Scenario(remove_actors=removed))
    expected = set(parts[parts["actor_id"].isin(removed)]["project_id"])
    named = {p for p, roles in result.projects["removed_roles"].items() if roles}
    assert named == expected and expected
    text = result.to_text("en")
    for pid in expected:
        assert network.nodes[pid]["name"] in text
    assert text.count("\n") >= len(expected) + 2


# ---------------------------------------------------------------- group sizes


def test_a_local_group_with_a_member_count_weighs_its_square_root() -> None:
    t = tables(
        [
            actor("kommune", "public", kind="municipality", scale="municipal"),
            actor("agenter", "citizen", kind="network"),
            actor("ngo", "civil_society", kind="national_ngo", scale="national", locality="DK-101"),
        ],
        [project("p")],
        [part("kommune", "p", "lead"), part("agenter", "p"), part("ngo", "p")],
    )
    plain = local_anchoring(build_network(t)).loc["p"]
    assert plain["local_share"] == pytest.approx(2 / 3)
    # "ca. 80 fællesskabsagenter" in 2014, 16 in 2012: a group of persons
    counts = '[{"on": "2012-01-01", "count": 16}, {"on": "2014-06-01", "count": 81}]'
    t["actors"]["member_kind"] = ["", "person", ""]
    t["actors"]["member_counts"] = [None, counts, None]
    now = local_anchoring(build_network(t)).loc["p"]
    # by hand: weights 1 (kommune) + √81 = 9 (agenter) local, 1 (ngo): 10 / 11
    assert now["local_share"] == pytest.approx(10 / 11)
    assert (now["weighted_local"], now["weighted_participants"]) == (10.0, 11.0)
    assert now["points_local_share"] == pytest.approx(round(15 * 10 / 11, 2))
    assert (now["n_local"], now["n_participants"]) == (2, 3)  # actors still counted as such
    # as of 2013 the group had 16 members: √16 = 4, so 5 / 6
    then = local_anchoring(build_network(t, as_of="2013-06-01")).loc["p"]
    assert then["local_share"] == pytest.approx(5 / 6)
    # a non-local group counts one, however large
    t["actors"]["member_kind"] = ["", "", "association"]
    t["actors"]["member_counts"] = [None, None, '[{"on": "2012-01-01", "count": 400}]']
    assert local_anchoring(build_network(t)).loc["p", "local_share"] == pytest.approx(2 / 3)


def test_group_sizes_weigh_through_the_store(graphsvc: Graphsvc) -> None:
    """The member counts reach the analysis from the database (the analysis columns)."""
    place = {"locality": "DK-410"}
    for actor_id, extra in (
        ("kommune", {"kind": "municipality", "sector": "public", "scale": "municipal"}),
        ("agenter", {"kind": "network", "sector": "citizen", "scale": "local",
                     "member_kind": "person",
                     "member_counts": [{"on": "2014-06-01", "count": 81, "approximate": True}]}),
    ):  # fmt: skip
        graphsvc.create_item("actors", {"id": actor_id, "name": actor_id, **place, **extra})
    graphsvc.create_item(
        "actors",
        {"id": "ngo", "name": "NGO", "kind": "national_ngo", "sector": "civil_society",
         "scale": "national", "locality": "DK-101"},
    )  # fmt: skip
    graphsvc.create_item(
        "projects", {"id": "p", "name": "P", "theme": "community", "localities": ["DK-410"]}
    )
    for actor_id in ("kommune", "agenter", "ngo"):
        graphsvc.create_item(
            "participations",
            {"id": f"{actor_id}-p", "actor_id": actor_id, "project_id": "p",
             "role": "lead" if actor_id == "kommune" else "partner"},
        )  # fmt: skip
    row = graphsvc.anchoring().loc["p"]
    # by hand: 1 + √81 local of 1 + 9 + 1
    assert row["local_share"] == pytest.approx(10 / 11)
    assert (row["n_local"], row["n_participants"]) == (2, 3)


def test_one_figure_and_not_enough_data_on_a_synthetic_network(
    graphsvc: Graphsvc, tmp_path: Path
) -> None:
    tables = synthetic_tables(200, 600, projects=20, seed=11)
    write_csv(tables, tmp_path / "csv")
    graphsvc.import_paths([tmp_path / "csv"])
    graphsvc.create_item(
        "projects", {"id": "tom", "name": "Tomt projekt", "theme": "community", "localities": []}
    )
    anchoring = graphsvc.anchoring()
    # not enough data: no score, said why, and never among the lowest scores
    empty = anchoring.loc["tom"]
    assert empty["band"] == "insufficient" and empty["missing"] == ["participants"]
    assert pd.isna(empty["score"]) and "tom" not in anchoring.nsmallest(5, "score").index
    # one figure: the map's project panel shows the analysis' score, for every project
    for pid, row in anchoring.drop(index="tom").head(5).iterrows():
        html = graphsvc.map_html("project", str(pid), lang="en")
        facts = dict(read_payload(html)["info"][pid]["facts"])
        assert facts["Local anchoring"].startswith(f"{row['score']:.0f}/100 ({row['band']})")


def test_the_seeds_group_of_community_agents_weighs_its_square_root(graphsvc: Graphsvc) -> None:
    graphsvc.seed()
    row = graphsvc.anchoring().loc["netvaerk-for-faellesskabsagenter"]
    actors = graphsvc.tables()["actors"].set_index("id")
    assert actors.loc["faellesskabsagenter-2014", "member_kind"] == "person"
    # by hand: "ca. 80" community agents (local) weigh √80; every other participant 1
    agents = 80**0.5
    n, n_local = int(row["n_participants"]), int(row["n_local"])
    assert row["weighted_local"] == pytest.approx(n_local - 1 + agents)
    assert row["weighted_participants"] == pytest.approx(n - 1 + agents)
    assert row["local_share"] == pytest.approx((n_local - 1 + agents) / (n - 1 + agents))
