"""role_summary on hand-made inputs (the sentences are written out by hand below)."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from graphsvc.analysis.brokerage import brokerage
from graphsvc.analysis.cuts import articulation_points, sole_brokers
from graphsvc.analysis.roles import role_summary
from graphsvc.analysis.snapshot import actor_graph, build_network
from graphsvc.errors import ValidationError
from tests.analysis.fixtures_tables import seed_tables

ROLES = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"]


def _graph() -> nx.Graph:
    # k (public, Middelfart) - fc (civil, Middelfart) - f (civil); tryg (philanthropic,
    # national, København) - k; lone (citizen) has no ties.
    G = nx.Graph([("k", "fc"), ("fc", "f"), ("tryg", "k")])
    G.add_node("lone")
    attrs = {
        "k": ("public", "DK-410", "municipal"),
        "fc": ("civil_society", "DK-410", "local"),
        "f": ("civil_society", "DK-410", "local"),
        "tryg": ("philanthropic", "DK-101", "national"),
        "lone": ("citizen", None, "local"),
    }
    for n, (sector, locality, scale) in attrs.items():
        G.nodes[n].update(sector=sector, locality=locality, scale=scale)
    return G


def _brokerage(**counts: dict[str, int]) -> pd.DataFrame:
    frame = pd.DataFrame(
        0, index=pd.Index(["k", "fc", "f", "tryg", "lone"], name="id"), columns=ROLES
    )
    for node, row in counts.items():
        for role, value in row.items():
            frame.loc[node, role] = value
    return frame


def test_sole_broker_gatekeeper_and_plain_sentences():
    b = _brokerage(
        fc={"gatekeeper": 2, "representative": 2},
        k={"liaison": 2, "representative": 2, "gatekeeper": 2},
    )
    sole = pd.DataFrame(
        {"group_a": ["civil_society"], "group_b": ["public"]}, index=pd.Index(["fc"], name="id")
    )
    cuts = pd.DataFrame(
        {"is_articulation": [True, True, False], "cut_off": [1, 1, 0]},
        index=pd.Index(["k", "fc", "f"], name="id"),
    )
    out = role_summary(_graph(), b, sole_brokers_df=sole, articulation_df=cuts, lang="both")
    # fc: sole broker (public first in sector order), then its main brokerage role:
    # gatekeeper and representative tie at 2 -> gatekeeper (tie-break order)
    assert out.loc["fc", "role"] == "sole_broker"
    assert out.loc["fc", "role_en"] == (
        "the only link between public and civil society actors; also gatekeeper into civil "
        "society in Middelfart; without it 1 actor is cut off"
    )
    assert out.loc["fc", "role_da"] == (
        "eneste forbindelse mellem offentlige aktører og civilsamfundet; desuden portvogter "
        "ind i civilsamfundet i Middelfart; uden den afskæres 1 aktør"
    )
    # k: liaison, representative, gatekeeper all 2 -> gatekeeper wins the tie-break
    assert out.loc["k", "role_en"].startswith("gatekeeper into the public sector in Middelfart")
    assert out.loc["k", "role_da"].startswith("portvogter ind i den offentlige sektor i Middelfart")
    # f: nothing but one tie
    assert out.loc["f", "role_en"] == "tied to 1 actor, with no brokering role"
    assert out.loc["f", "role_da"] == "har bånd til 1 aktør, uden mæglerrolle"
    assert out.loc["lone", "role_en"] == "not tied to anyone"
    assert out.loc["lone", "role_da"] == "har ingen bånd"


def test_each_role_has_a_sentence_and_national_actors_have_no_place():
    cases = {
        "representative": (
            "represents the foundations towards other sectors",
            "repræsenterer fondene over for andre sektorer",
        ),
        "liaison": ("links sectors other than its own", "forbinder andre sektorer end sin egen"),
        "itinerant": (
            "go-between for actors of another sector",
            "mellemled for aktører fra en anden sektor",
        ),
        "coordinator": ("coordinator within the foundations", "koordinator inden for fondene"),
    }
    for role, (en, da) in cases.items():
        b = _brokerage(tryg={role: 1})
        assert role_summary(_graph(), b)["tryg"] == en  # national: no "in København"
        assert role_summary(_graph(), b, lang="da")["tryg"] == da


def test_series_shape_and_id_column_inputs():
    b = _brokerage().reset_index()  # actor ids in an "id" column instead of the index
    out = role_summary(_graph(), b)
    assert isinstance(out, pd.Series) and out.name == "role_en"
    assert out.index.tolist() == ["k", "fc", "f", "tryg", "lone"]
    assert role_summary(_graph(), b, lang="da").name == "role_da"


def test_other_attributes_are_named_generically():
    G = _graph()
    for n in G:
        G.nodes[n]["kind"] = "municipality" if n == "k" else "association"
    sole = pd.DataFrame(
        {"group_a": ["association"], "group_b": ["municipality"]}, index=pd.Index(["fc"], name="id")
    )
    out = role_summary(G, _brokerage(), sole_brokers_df=sole, attribute="kind")
    assert out["fc"] == "the only link between kind association and kind municipality actors"


def test_bad_inputs_raise():
    with pytest.raises(ValidationError):
        role_summary(_graph(), _brokerage(), lang="de")
    with pytest.raises(ValidationError):
        role_summary(_graph(), _brokerage().drop(columns="liaison"))


def test_with_the_real_measures_on_the_seed_middelfart_coordinator():
    # Ties only (no project projection): the mentor coordinator (public, a jobcentre
    # employee) is a member of Jobcenter Middelfart and mentors the volunteer mentors
    # (civil society): the open two-paths jobcentre -> coordinator -> mentors and back
    # make it gatekeeper (civil -> public -> public) and representative once each.
    G = actor_graph(build_network(seed_tables()), project_projection=False)
    out = role_summary(
        G,
        brokerage(G),
        sole_brokers_df=sole_brokers(G),
        articulation_df=articulation_points(G),
        lang="both",
    )
    row = out.loc["mentorkoordinator-jobcenter-middelfart"]
    assert row["role"] == "gatekeeper"
    assert row["role_en"].startswith("gatekeeper into the public sector in Middelfart")
    assert "cut off" in row["role_en"]  # it is an articulation point
    assert row["role_da"].startswith("portvogter ind i den offentlige sektor i Middelfart")
