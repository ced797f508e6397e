"""local_anchoring: each part and the score computed by hand on small networks."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphsvc.analysis.anchoring import (
    LOW_BELOW,
    blau_index,
    herfindahl,
    is_local,
    local_anchoring,
)
from graphsvc.analysis.snapshot import build_network
from tests.analysis.fixtures_tables import actor, part, project, seed_tables, tables, tie

ACTORS = [
    actor("kommune", "public", kind="municipality", scale="municipal", name="Middelfart Kommune"),
    actor("fc", "civil_society", kind="volunteer_centre", name="Frivilligcenter Middelfart"),
    actor("forening", "civil_society", name="Middelfart Idrætsforening"),
    actor("lokalfond", "philanthropic", kind="foundation", name="Lokalfonden"),
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
]


def _network(*, lokalfond_tied: bool):
    participations = [
        part("kommune", "lokal", "lead"),
        part("fc", "lokal"),
        part("forening", "lokal"),
        part("lokalfond", "lokal", "funder", amount=100.0, currency="DKK"),
        part("tryg", "lokal", "funder", amount=300.0, currency="DKK"),
        part("tryg", "national", "funder"),
        part("ngo", "national", "lead"),
        part("forening", "national"),
    ]
    ties = [tie("kommune", "fc"), tie("fc", "forening", "membership")]
    if lokalfond_tied:
        ties.append(tie("lokalfond", "kommune", "funding", directed=True))
    return build_network(
        tables(
            ACTORS,
            [project("lokal", name="Lokal"), project("national", name="National", localities=[])],
            participations,
            ties,
        )
    )


def test_helpers_by_hand():
    # Blau: shares 1/4, 2/4, 1/4 -> 1 - (1 + 4 + 1)/16 = 0.625
    assert blau_index(["a", "b", "b", "c"]) == pytest.approx(0.625)
    assert blau_index(["a"]) == 0.0
    # HHI: 0.25² + 0.75² = 0.625
    assert herfindahl([0.25, 0.75]) == pytest.approx(0.625)


def test_is_local_rules():
    assert is_local({"locality": "DK-410", "scale": "local"}, ["DK-410"])
    assert is_local({"locality": "DK-410", "scale": "regional"}, ["DK-410"])
    # a national actor based in the project's municipality is not local
    assert not is_local({"locality": "DK-410", "scale": "national"}, ["DK-410"])
    assert not is_local({"locality": "DK-461", "scale": "local"}, ["DK-410"])
    # no locality: local scale decides
    assert is_local({"locality": None, "scale": "municipal"}, ["DK-410"])
    # project without localities: local/municipal scale decides
    assert is_local({"locality": "DK-461", "scale": "local"}, [])
    assert not is_local({"locality": "DK-461", "scale": "regional"}, [])


def test_locally_anchored_project_parts_by_hand():
    row = local_anchoring(_network(lokalfond_tied=False)).loc["lokal"]
    # participants: kommune, fc, forening, lokalfond (local) + tryg (national) -> 4 of 5
    assert row["n_participants"] == 5 and row["n_local"] == 4
    assert row["local_share"] == pytest.approx(0.8)
    # local sectors public, civil, civil, philanthropic -> Blau 0.625
    assert row["sector_diversity"] == pytest.approx(0.625)
    assert row["local_owner"] and row["local_owners"] == ["kommune"]
    # funders by amount: lokalfond 100, tryg 300 -> shares .25/.75, HHI .625, non-local .75
    assert row["funding_basis"] == "amount"
    assert row["funding_hhi"] == pytest.approx(0.625)
    assert row["nonlocal_funding_share"] == pytest.approx(0.75)
    # survival: local funder yes, owner yes; lokalfond has no tie outside the project ->
    # components {kommune, fc, forening} and {lokalfond}: not connected
    assert row["survival_funder"] is True and row["survival_owner"]
    assert row["local_components"] == 2 and not row["survival_connected"]
    assert row["survives"] is False
    # score = 15·0.8 + 10·min(1, .625/.5) + 15·1 + 25·(1−.75) + 5·min(1, (1−.625)/.5) + 30·0
    #       = 12 + 10 + 15 + 6.25 + 3.75 + 0 = 47.0
    assert row["points_local_share"] == pytest.approx(12.0)
    assert row["points_funding_spread"] == pytest.approx(3.75)
    assert row["score"] == pytest.approx(47.0)
    assert row["band"] == "low"
    assert "not tied to each other outside the project" in row["explanation_en"]


def test_a_tie_outside_the_project_connects_the_local_partners():
    row = local_anchoring(_network(lokalfond_tied=True)).loc["lokal"]
    # the funding tie lokalfond -> kommune joins the components: survival 30 more -> 77.0
    assert row["local_components"] == 1 and row["survival_connected"]
    assert row["survives"] is True
    assert row["score"] == pytest.approx(77.0)
    assert row["band"] == "high"
    assert row["explanation_en"].endswith(": 77/100.")
    assert "Lokal" not in row["explanation_da"] or "lokal" in row["explanation_da"]


def test_national_foundation_only_scores_low_and_says_why():
    row = local_anchoring(_network(lokalfond_tied=True)).loc["national"]
    # no localities: forening (local scale) is the only local participant of 3
    assert row["n_local"] == 1 and row["local_share"] == pytest.approx(1 / 3)
    assert not row["local_owner"]
    # one funder without amount: equal shares, HHI 1, all non-local
    assert row["funding_basis"] == "equal" and row["funding_hhi"] == 1.0
    assert row["nonlocal_funding_share"] == 1.0
    # score = 15 · 1/3 = 5.0 (every other part is 0)
    assert row["score"] == pytest.approx(5.0)
    assert row["explanation_en"] == (
        "Only a national foundation (TrygFonden) funds it and no local actor owns it; "
        "1 of 3 participants are local: 5/100."
    )
    assert row["explanation_da"] == (
        "Kun en landsdækkende fond (TrygFonden) finansierer det, og ingen lokal aktør ejer "
        "det; 1 af 3 deltagere er lokale: 5/100."
    )


def test_unknown_funding_gets_half_credit():
    N = build_network(
        tables(
            ACTORS[:3],
            [project("p")],
            [part("kommune", "p", "lead"), part("fc", "p")],
            [tie("kommune", "fc")],
        )
    )
    row = local_anchoring(N).loc["p"]
    assert row["n_funders"] == 0 and math.isnan(row["funding_hhi"])
    assert row["survival_funder"] is None and row["survives"] is None
    # 15·1 + 10·1 (Blau .5) + 15 + 25·.5 + 5·.5 + 30·.5 = 70.0
    assert row["score"] == pytest.approx(70.0)
    assert row["explanation_en"].startswith("No funder is recorded and a local actor")


def test_project_without_participants():
    N = build_network(tables(ACTORS[:1], [project("empty")]))
    row = local_anchoring(N).loc["empty"]
    assert row["n_participants"] == 0 and math.isnan(row["local_share"])
    # no participant: nothing to score, and it says what is missing instead of "0/100"
    assert math.isnan(row["score"]) and math.isnan(row["points_survival"])
    assert row["band"] == "insufficient" and row["missing"] == ["participants"]
    assert row["explanation_da"] == (
        "For lidt data til at vurdere det: ingen deltagere er registreret."
    )
    assert "0/100" not in row["explanation_en"]


def test_no_funding_information_is_named_and_half_credited():
    N = build_network(tables(ACTORS[:1], [project("p")], [part("kommune", "p", "lead")]))
    row = local_anchoring(N).loc["p"]
    assert row["missing"] == ["funding"] and row["band"] != "insufficient"
    # 15 (1 of 1 local) + 0 (one sector) + 15 (local owner) + 25·.5 + 5·.5 + 0 (alone): 45
    assert row["score"] == pytest.approx(45.0)
    assert row["explanation_da"].endswith("1 af 1 deltager er lokal: 45/100.")


def test_seed_projects_without_participants_are_insufficient_not_low():
    anchoring = local_anchoring(build_network(seed_tables()))
    empty = anchoring[anchoring["n_participants"] == 0]
    assert len(empty), "the seed has no project without participants"
    assert set(empty["band"]) == {"insufficient"} and empty["score"].isna().all()
    scored = anchoring[anchoring["n_participants"] > 0]
    assert not scored["score"].isna().any() and "insufficient" not in set(scored["band"])


@settings(max_examples=60, deadline=None)
@given(
    others=st.lists(
        st.tuples(
            st.sampled_from(["local", "municipal", "regional", "national"]),
            st.sampled_from(["DK-410", "DK-461"]),
            st.sampled_from(["public", "civil_society", "citizen"]),
            st.sampled_from(["lead", "partner", "coordinator", "process_owner"]),
        ),
        min_size=0,
        max_size=6,
    ),
    n_funders=st.integers(1, 3),
)
def test_only_nonlocal_funders_always_scores_low(others, n_funders):
    # With no local funder the local-funding part (25) and the survival part (30) are 0,
    # so the score is at most 15 + 10 + 15 + 5 = 45 < 50 (LOW_BELOW), whatever else.
    actors = [
        actor(f"fond{i}", "philanthropic", kind="foundation", scale="national", locality="DK-101")
        for i in range(n_funders)
    ]
    parts = [part(f"fond{i}", "p", "funder") for i in range(n_funders)]
    ties = []
    for i, (scale, loc, sector, role) in enumerate(others):
        actors.append(actor(f"a{i}", sector, scale=scale, locality=loc))
        parts.append(part(f"a{i}", "p", role))
        if i:
            ties.append(tie(f"a{i - 1}", f"a{i}"))
    row = local_anchoring(build_network(tables(actors, [project("p")], parts, ties))).loc["p"]
    assert row["score"] <= 45.0 < LOW_BELOW
    assert row["band"] == "low"


def test_seed_projects_funded_only_by_national_foundations_score_low():
    t = seed_tables()
    anchoring = local_anchoring(build_network(t))
    actors = t["actors"].set_index("id", drop=False)
    found = 0
    for pid, row in anchoring.iterrows():
        funders = row["funders"]
        if funders and all(
            actors.loc[f, "kind"] == "foundation" and actors.loc[f, "scale"] == "national"
            for f in funders
        ):
            found += 1
            assert row["band"] == "low", (pid, row["score"], row["explanation_en"])
            assert "national foundation" in row["explanation_en"]
    assert found, "the seed has no project funded only by national foundations"
