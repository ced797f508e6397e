"""what_if: scenarios on hand-made networks (expected values by hand) and on the seed."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from graphsvc.analysis.snapshot import actor_graph, build_network
from graphsvc.analysis.whatif import (
    Scenario,
    _project_line,
    apply_scenario,
    connected_group_pairs,
    what_if,
)
from graphsvc.errors import NotFoundError
from tests.analysis.fixtures_tables import actor, part, project, seed_tables, tables, tie

# A Legepatruljen-like project: a national foundation (agreement ends 2014-12-31), a
# national NGO lead, a local school; plus a locally funded project.
ACTORS = [
    actor(
        "tryg",
        "philanthropic",
        kind="foundation",
        scale="national",
        locality="DK-101",
        name="TrygFonden",
    ),
    actor(
        "ngo",
        "civil_society",
        kind="national_ngo",
        scale="national",
        locality="DK-101",
        name="Dansk Skoleidræt",
    ),
    actor("skole", "public", kind="school", name="Skolen"),
    actor("lokalfond", "philanthropic", kind="foundation", name="Lokalfonden"),
    actor("kommune", "public", kind="municipality", scale="municipal", name="Kommunen"),
]


def _network():
    return build_network(
        tables(
            ACTORS,
            [project("lege", name="Lege", localities=[]), project("lokal", name="Lokal")],
            [
                part("tryg", "lege", "funder", end_date="2014-12-31", amount=300.0, currency="DKK"),
                part("skole", "lege", "funder", amount=100.0, currency="DKK"),
                part("ngo", "lege", "lead", end_date="2014-12-31"),
                part("skole", "lege", "partner"),
                part("lokalfond", "lokal", "funder"),
                part("kommune", "lokal", "lead"),
            ],
            [tie("tryg", "ngo", "agreement", end_date="2014-12-31"), tie("kommune", "skole")],
        )
    )


def test_ending_ties_removes_what_ended_before_the_date():
    _, _, removed = apply_scenario(_network(), Scenario(end_ties_before="2015-01-01"))
    # end_date 2014-12-31 < 2015-01-01: both 2014 participations and the agreement go
    assert removed["participations"] == ["ngo-in-lege-lead", "tryg-in-lege-funder"]
    assert removed["ties"] == ["tryg-agreement-ngo"]
    assert removed["actors"] == []
    # ending on the day itself is not "before": nothing ends before 2014-12-31
    _, _, removed = apply_scenario(_network(), Scenario(end_ties_before="2014-12-31"))
    assert removed["participations"] == [] and removed["ties"] == []


def test_legepatruljen_like_project_loses_its_national_funder_and_owner():
    result = what_if(_network(), Scenario(end_ties_before="2015-01-01"))
    row = result.projects.loc["lege"]
    assert row["lost_funders"] == ["tryg"]
    # shares by amount: tryg 300 of 400 = 0.75 of the funding lost
    assert row["funding_share_lost"] == pytest.approx(0.75)
    assert not row["lost_funder"]  # the school still pays
    assert row["lost_owner"]  # the NGO was the only lead
    assert not row["lost_local_link"]
    # before: skole local (scale local, no project localities) 1 of 3; funding non-local .75
    # after: only skole, local funder 100 %, no owner.
    assert row["score_after"] != row["score_before"]
    assert result.summary["projects_losing_owner"] == ["lege"]
    assert "Lege: loses 75% of its funding and its owner;" in result.to_text("en")
    assert "Lege: mister 75 % af finansieringen og sin ejer;" in result.to_text("da")


def test_removing_the_foundation_by_id_and_by_group():
    by_id = what_if(_network(), Scenario(remove_actors=["tryg"]))
    assert by_id.projects.loc["lege", "lost_funders"] == ["tryg"]
    assert by_id.summary["removed_actors"] == ["tryg"]
    # national foundations: tryg, but not the local foundation
    by_group = what_if(
        _network(), Scenario(remove_groups=[{"kind": "foundation", "scale": "national"}])
    )
    assert by_group.summary["removed_actors"] == ["tryg"]
    # every foundation: ("kind", "foundation") also removes lokalfond -> lokal loses its
    # last funder
    every = what_if(_network(), Scenario(remove_groups=[("kind", "foundation")]))
    assert every.summary["removed_actors"] == ["lokalfond", "tryg"]
    assert every.projects.loc["lokal", "lost_funder"]
    assert every.summary["projects_losing_funder"] == ["lokal"]


def test_unknown_actor_raises():
    with pytest.raises(NotFoundError):
        what_if(_network(), Scenario(remove_actors=["nobody"]))


def test_as_of_compares_the_snapshot_of_that_day():
    result = what_if(_network(), Scenario(as_of="2016-01-01"))
    # on 2016-01-01 the 2014 participations are already gone in "before"
    assert result.projects.loc["lege", "funders_before"] == ["skole"]
    assert result.summary["removed_participations"] == 0


def _star():
    # public k1, k2 -- fc (civil) -- civil f1, f2: fc is the only link public–civil.
    return build_network(
        tables(
            [
                actor("k1", "public"),
                actor("k2", "public"),
                actor("fc", "civil_society"),
                actor("f1", "civil_society"),
                actor("f2", "civil_society"),
            ],
            [],
            [],
            [tie("k1", "fc"), tie("k2", "fc"), tie("fc", "f1"), tie("fc", "f2")],
        )
    )


def test_removing_the_sole_broker_cuts_off_actors_and_groups():
    result = what_if(_star(), Scenario(remove_actors=["fc"]))
    # every remaining actor was in the main component (5 actors) and is isolated after
    assert sorted(result.actors_cut_off.index) == ["f1", "f2", "k1", "k2"]
    assert result.actors_cut_off["isolated_after"].all()
    assert result.actors_cut_off.loc["k1", "lost_ties"] == ["fc"]
    pairs = result.group_pairs
    assert len(pairs) == 1
    pair = pairs.iloc[0]
    assert (pair["group_a"], pair["group_b"]) == ("civil_society", "public")
    # without k1 (or f1) the others still meet through fc: fc is the only sole broker
    assert pair["sole_brokers_before"] == ["fc"] and pair["sole_broker"] == "fc"
    assert pair["broker_removed"] and not pair["group_gone"]
    # Borgatti F: before one component of 5 -> 0; after 4 isolates -> 1 - 0/(4·3) = 1
    assert result.summary["fragmentation_before"] == pytest.approx(0.0)
    assert result.summary["fragmentation_after"] == pytest.approx(1.0)
    assert result.summary["fragmentation_delta"] == pytest.approx(1.0)
    assert "loses its only link (fc)" in result.to_text("en")
    assert "mister sin eneste forbindelse (fc)" in result.to_text("da")


def test_removing_a_leaf_changes_little():
    result = what_if(_star(), Scenario(remove_actors=["f2"]))
    assert result.actors_cut_off.empty and result.group_pairs.empty
    # F after: one component of 4 -> 0
    assert result.summary["fragmentation_after"] == pytest.approx(0.0)


def test_fragmentation_partial():
    # path a-b-c-d, remove b: components {a}, {c, d}; n = 3
    # F = 1 - (0 + 2·1)/(3·2) = 2/3
    N = build_network(
        tables(
            [actor(x, "public") for x in "abcd"],
            [],
            [],
            [tie("a", "b"), tie("b", "c"), tie("c", "d")],
        )
    )
    result = what_if(N, Scenario(remove_actors=["b"]))
    assert result.summary["fragmentation_after"] == pytest.approx(2 / 3)
    assert list(result.actors_cut_off.index) == ["a"]  # c, d stay the main component


def test_connected_group_pairs():
    N = _star()
    assert connected_group_pairs(actor_graph(N)) == {("civil_society", "public")}


def test_seed_legepatruljen_loses_its_national_funders():
    t = seed_tables()
    network = build_network(t)
    funders = sorted(
        t["participations"].query("project_id == 'legepatruljen' and role == 'funder'")["actor_id"]
    )
    assert "trygfonden" in funders
    # Removing TrygFonden: one of the five funders (equal shares) -> 1/5 of the funding
    removed = what_if(network, Scenario(remove_actors=["trygfonden"]))
    row = removed.projects.loc["legepatruljen"]
    assert row["lost_funders"] == ["trygfonden"]
    assert row["funding_share_lost"] == pytest.approx(0.2)
    # The partnership agreement ended at the end of 2014 (seed 001): the four national
    # partners' funding ends 2014-12-31; the schools' own payment has an open end.
    ended = what_if(network, Scenario(end_ties_before="2015-01-01"))
    row = ended.projects.loc["legepatruljen"]
    assert row["lost_funders"] == [
        "dansk-skoleidraet",
        "dgi",
        "kraeftens-bekaempelse",
        "trygfonden",
    ]
    assert row["funding_share_lost"] == pytest.approx(0.8)
    assert row["funders_after"] == ["skoler-legepatruljen"]
    assert not math.isnan(row["score_after"])
    assert "legepatruljen" not in ended.summary["projects_losing_funder"]
    # every national foundation gone: the projects only they fund lose their funder
    national = what_if(
        network, Scenario(remove_groups=[{"kind": "foundation", "scale": "national"}])
    )
    assert "velfaerdsinnovation-kommune-civilsamfund" in national.summary["projects_losing_funder"]
    assert "hr-berg" in national.summary["projects_losing_funder"]


def _line_row(before: float, after: float) -> pd.Series:
    return pd.Series(
        {
            "name": "Lege",
            "removed_roles": {},
            "lost_funder": False,
            "lost_funders": [],
            "funding_share_lost": math.nan,
            "lost_owner": False,
            "lost_local_link": False,
            "score_before": before,
            "score_after": after,
        }
    )


def test_out_of_100_only_after_a_numeric_score():
    row = _line_row(45.0, math.nan)
    assert _project_line(row, "da", str) == "Lege: forankring 45/100 → for lidt data."
    assert _project_line(row, "en", str) == "Lege: anchoring 45/100 → not enough data."
    row = _line_row(math.nan, 60.0)
    assert _project_line(row, "da", str) == "Lege: forankring for lidt data → 60/100."


def test_unchanged_score_without_data_has_no_out_of_100():
    row = _line_row(math.nan, math.nan)
    row["lost_owner"] = True
    assert _project_line(row, "da", str) == (
        "Lege: mister sin ejer; forankringen er uændret (for lidt data)."
    )
    assert (
        _project_line(row, "en", str)
        == "Lege: loses its owner; anchoring unchanged (not enough data)."
    )
    row = _line_row(45.0, 45.0)
    row["lost_owner"] = True
    assert _project_line(row, "da", str).endswith("forankringen er uændret (45/100).")
