"""PARTNER scores, tie states and wave metrics (graphsvc.analysis.partner), checked by hand."""

from __future__ import annotations

import json
import math
import random

import networkx as nx
import pandas as pd
import pytest

from graphsvc.analysis import AnalysisInputError
from graphsvc.analysis.partner import (
    TRUST_ITEMS,
    VALUE_ITEMS,
    Wave,
    actor_scores,
    compare_waves,
    freeman_centralisation,
    network_scores,
    reconstructed_graph,
    survey_analysis,
    tie_states,
    wave_metrics,
)

WEIGHTS = {"daily": 5, "weekly": 4, "monthly": 3, "quarterly": 2, "yearly": 1}


def rating(rater, ratee, frequency="weekly", trust=(3, 3, 3), value=(2, 2, 2)):
    return {
        "rater": rater,
        "ratee": ratee,
        "frequency": frequency,
        "weight": WEIGHTS.get(frequency),
        **dict(zip(TRUST_ITEMS, trust, strict=True)),
        **dict(zip(VALUE_ITEMS, value, strict=True)),
    }


def respondents(answered, asked=None, others=()):
    """Roster rows: ``answered`` submitted; ``others`` on the roster without answering."""
    rows = [
        {"actor_id": a, "asked": True, "answered": True, "sector": "x", "locality": None}
        for a in answered
    ]
    rows += [
        {"actor_id": a, "asked": asked is None or a in asked, "answered": False} for a in others
    ]
    return pd.DataFrame(rows, columns=["actor_id", "asked", "answered", "sector", "locality"])


# The small example used throughout (hand computations beside each assertion):
# roster a, b, c, d, e; a, b, c submitted; d asked but did not submit; e not asked.
#   a → b weekly   trust 4,4,4  value 3,3,3
#   b → a monthly  trust 2,None,3  value 1,2,3        (b: "ved ikke" on mission)
#   a → c daily    trust 3,3,3  value None,None,None  (value all "ved ikke")
#   c → a never    (c answered, says it does not work with a)
#   b → d yearly   trust 1,1,1  value 1,1,1           (d asked, did not submit)
#   c → e quarterly trust 4,3,None value 4,4,4        (e not asked)
#   d → a weekly   (d did not submit: must not count)
EXAMPLE = pd.DataFrame(
    [
        rating("a", "b", "weekly", (4, 4, 4), (3, 3, 3)),
        rating("b", "a", "monthly", (2, None, 3), (1, 2, 3)),
        rating("a", "c", "daily", (3, 3, 3), (None, None, None)),
        rating("c", "a", "never", (None, None, None), (None, None, None)),
        rating("b", "d", "yearly", (1, 1, 1), (1, 1, 1)),
        rating("c", "e", "quarterly", (4, 3, None), (4, 4, 4)),
        rating("d", "a", "weekly", (4, 4, 4), (4, 4, 4)),
    ]
)
ROSTER = respondents(["a", "b", "c"], asked={"d"}, others=["d", "e"])


def test_tie_states_by_hand():
    ties = tie_states(EXAMPLE, ROSTER).set_index(["a", "b"])
    # {a,b}: both submitted and named each other → confirmed.
    # {a,c}: a named c; c submitted and answered "never" → contradicted.
    # {b,d}: b named d; d asked but never submitted → one_sided.
    # {c,e}: c named e; e not asked → one_sided.
    # d → a does not count (d did not submit), so {a,d} is no tie.
    assert ties["state"].to_dict() == {
        ("a", "b"): "confirmed",
        ("a", "c"): "contradicted",
        ("b", "d"): "one_sided",
        ("c", "e"): "one_sided",
    }
    assert ties.loc[("a", "b"), "named_by"] == ["a", "b"]
    assert ties.loc[("a", "c"), "named_by"] == ["a"]
    # weight = mean over the sides that named: {a,b} (4 + 3)/2 = 3.5; {a,c} 5.
    assert ties.loc[("a", "b"), "weight"] == 3.5
    assert ties.loc[("a", "c"), "weight"] == 5
    # trust of {a,b}: items both ways, "ved ikke" left out: (4+4+4+2+3)/5 = 17/5 = 3.4.
    assert ties.loc[("a", "b"), "trust"] == pytest.approx(3.4)
    # value of {a,b}: (3+3+3+1+2+3)/6 = 15/6 = 2.5; {a,c} all "ved ikke" → NaN.
    assert ties.loc[("a", "b"), "value"] == pytest.approx(2.5)
    assert math.isnan(ties.loc[("a", "c"), "value"])
    # trust of {c,e}: (4+3)/2 = 3.5.
    assert ties.loc[("c", "e"), "trust"] == pytest.approx(3.5)


def test_tie_states_order_and_empty():
    # Pairs are unordered: "b" rating "a" alone gives a = "a", b = "b".
    ties = tie_states(pd.DataFrame([rating("b", "a")]), respondents(["b"], others=["a"]))
    assert ties[["a", "b", "state"]].values.tolist() == [["a", "b", "one_sided"]]
    empty = tie_states(pd.DataFrame([rating("a", "b", "never")]), respondents(["a", "b"]))
    assert empty.empty
    assert list(empty.columns) == ["a", "b", "state", "named_by", "weight", "trust", "value"]


def test_tie_states_bad_input():
    with pytest.raises(AnalysisInputError, match="lacks the column"):
        tie_states(EXAMPLE.drop(columns="open"), ROSTER)
    with pytest.raises(AnalysisInputError, match="not in respondents: z"):
        tie_states(pd.DataFrame([rating("z", "a")]), ROSTER)
    with pytest.raises(AnalysisInputError, match=r"column 'power': 5\.0 is not 1–4"):
        tie_states(pd.DataFrame([rating("a", "b", value=(5, 1, 1))]), ROSTER)


def test_actor_scores_by_hand():
    scores = actor_scores(EXAMPLE, ROSTER)
    # Every roster actor, in roster order; only submitted, tie-naming ratings count.
    assert list(scores.index) == ["a", "b", "c", "d", "e"]
    # a is rated by b only (d did not submit; c said "never"): trust items 2, ved ikke, 3
    # → item means 2 and 3, trust (2 + 3)/2 = 2.5 = 62.5 % of 4, one item left out;
    # value (1 + 2 + 3)/3 = 2.0 = 50 %.
    a = scores.loc["a"]
    assert (a["raters"], a["trust"], a["trust_pct"], a["trust_raters"], a["trust_unknown"]) == (
        1, 2.5, 62.5, 1, 1,
    )  # fmt: skip
    assert (a["value"], a["value_pct"], a["value_unknown"]) == (2.0, 50.0, 0)
    assert math.isnan(a["mission"]) and a["reliable"] == 2
    # b is rated by a: trust 4 (100 %), value 3 (75 %).
    assert (scores.at["b", "trust_pct"], scores.at["b", "value_pct"]) == (100.0, 75.0)
    # c: trust 3; every value item "ved ikke" → no value, 3 items left out, 0 raters.
    assert scores.at["c", "trust"] == 3.0 and math.isnan(scores.at["c", "value"])
    assert (scores.at["c", "value_raters"], scores.at["c", "value_unknown"]) == (0, 3)
    # d did not answer, but b rated it: trust 1 = 25 %. e (not asked), rated by c:
    # trust (4 + 3)/2 = 3.5, value 4.
    assert scores.at["d", "trust_pct"] == 25.0
    assert (scores.at["e", "trust"], scores.at["e", "value"]) == (3.5, 4.0)


def test_network_scores_by_hand():
    scores = network_scores(EXAMPLE, ROSTER)
    # The five ratings a→b, b→a, a→c, b→d, c→e:
    #   reliable 4,2,3,1,4 → 14/5 = 2.8; mission 4,–,3,1,3 → 11/4 = 2.75;
    #   open 4,3,3,1,– → 11/4 = 2.75; trust = (2.8 + 2.75 + 2.75)/3 = 8.3/3.
    assert scores["ratings"] == 5
    assert scores["trust"] == pytest.approx(8.3 / 3)
    assert scores["trust_pct"] == pytest.approx(8.3 / 3 / 4 * 100)
    assert (scores["trust_raters"], scores["trust_unknown"]) == (5, 2)
    #   power 3,1,–,1,4 → 2.25; involvement 3,2,–,1,4 → 2.5; resources 3,3,–,1,4 → 2.75;
    #   value = 7.5/3 = 2.5 = 62.5 %; a→c answered no value item.
    assert scores["value"] == pytest.approx(2.5) and scores["value_pct"] == pytest.approx(62.5)
    assert (scores["value_raters"], scores["value_unknown"]) == (4, 3)
    assert scores["items"]["reliable"] == pytest.approx(2.8)


def test_wave_metrics_by_hand_and_against_networkx():
    metrics = wave_metrics(EXAMPLE, ROSTER)
    # Asked a, b, c, d (e was not asked); a, b, c answered → 3/4.
    assert (metrics["asked"], metrics["answered"], metrics["response_rate"]) == (4, 3, 0.75)
    # N = 5 actors, M = 2 non-respondents (d, e).
    assert (metrics["actors"], metrics["non_respondents"]) == (5, 2)
    # Reconstruction: the 5 reported arcs a→b, b→a, a→c, b→d, c→e, plus d→b and e→c
    # mirrored for the non-respondents d and e = 7 arcs.
    D = reconstructed_graph(EXAMPLE, ROSTER)
    assert sorted(D.edges) == sorted(
        [("a", "b"), ("b", "a"), ("a", "c"), ("b", "d"), ("c", "e"), ("d", "b"), ("e", "c")]
    )
    assert {(u, v) for u, v, i in D.edges(data="imputed") if i} == {("d", "b"), ("e", "c")}
    density = metrics["density"]
    # Ordered pairs observed: N(N−1) − M(M−1) = 20 − 2 = 18 → 7/18.
    assert (density["arcs"], density["imputed_arcs"], density["pairs"]) == (7, 2, 18)
    assert density["value"] == pytest.approx(7 / 18)
    # Counting the d–e pair as absent: 7/20, networkx's density of the reconstructed graph.
    assert density["density_all_pairs"] == pytest.approx(7 / 20) == nx.density(D)
    assert density["response_rate"] == 0.75
    # Reciprocity among a, b, c: arcs a→b, b→a, a→c: 1 mutual pair, 1 asymmetric → 2/3,
    # as networkx computes it on the respondents' subgraph.
    recip = metrics["reciprocity"]
    assert (recip["mutual"], recip["asymmetric"], recip["pairs"]) == (1, 1, 3)
    assert recip["value"] == pytest.approx(2 / 3) == nx.reciprocity(D.subgraph("abc"))
    # Centralisation: ties a–b, a–c, b–d, c–e: degrees 2,2,2,1,1 →
    # ((2−2)·3 + (2−1)·2) / ((5−1)(5−2)) = 2/12.
    assert metrics["ties"] == 4
    assert metrics["centralisation"]["value"] == pytest.approx(2 / 12)
    assert metrics["centralisation"]["max_degree"] == 2


def test_freeman_centralisation_by_hand():
    # A star of 5 actors is the most centralised graph (1); a path a–b–c–d: degrees
    # 1,2,2,1 → (1 + 0 + 0 + 1)/(3·2) = 1/3.
    assert freeman_centralisation(nx.star_graph(4)) == 1.0
    assert freeman_centralisation(nx.path_graph(4)) == pytest.approx(1 / 3)
    assert math.isnan(freeman_centralisation(nx.path_graph(2)))


def random_survey(seed: int, n: int = 30, p: float = 0.15, rate: float = 1.0):
    """A directed G(n, p) graph as survey answers; each actor answers with prob. ``rate``."""
    rng = random.Random(seed)
    G = nx.gnp_random_graph(n, p, seed=seed, directed=True)
    G = nx.relabel_nodes(G, {v: f"x{v:02d}" for v in G})
    answered = {v for v in G if rng.random() < rate}
    ratings = pd.DataFrame(
        [rating(u, v, rng.choice(list(WEIGHTS))) for u, v in G.edges],
        columns=["rater", "ratee", "frequency", "weight", *TRUST_ITEMS, *VALUE_ITEMS],
    )
    roster = respondents(sorted(answered), others=sorted(set(G) - answered))
    return G, answered, ratings, roster


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_full_response_matches_networkx(seed):
    # Everyone answered: nothing to reconstruct, so the figures are networkx's on G.
    G, _answered, ratings, roster = random_survey(seed)
    metrics = wave_metrics(ratings, roster)
    assert metrics["response_rate"] == 1.0 and metrics["density"]["imputed_arcs"] == 0
    assert metrics["density"]["value"] == pytest.approx(nx.density(G))
    assert metrics["reciprocity"]["value"] == pytest.approx(nx.reciprocity(G))
    U = G.to_undirected()
    degrees = [d for _, d in U.degree()]
    n = len(degrees)
    freeman = sum(max(degrees) - d for d in degrees) / ((n - 1) * (n - 2))
    assert metrics["centralisation"]["value"] == pytest.approx(freeman)
    # Tie states: mutual arcs are confirmed, one-way arcs contradicted (all answered).
    states = tie_states(ratings, roster)["state"].value_counts().to_dict()
    mutual = sum(1 for u, v in G.edges if G.has_edge(v, u)) // 2
    assert states.get("confirmed", 0) == mutual
    assert states.get("contradicted", 0) == G.number_of_edges() - 2 * mutual
    assert "one_sided" not in states


@pytest.mark.parametrize("seed", [4, 5])
def test_partial_response_reconstruction_against_networkx(seed):
    # Build the reconstruction with networkx by its definition and compare.
    G, answered, ratings, roster = random_survey(seed, rate=0.6)
    expected = nx.DiGraph()
    expected.add_nodes_from(G)
    expected.add_edges_from((u, v) for u, v in G.edges if u in answered)
    expected.add_edges_from((v, u) for u, v in G.edges if u in answered and v not in answered)
    D = reconstructed_graph(ratings, roster)
    assert set(D.edges) == set(expected.edges) and set(D) == set(G)
    metrics = wave_metrics(ratings, roster)
    n, m = len(G), len(G) - len(answered)
    assert metrics["density"]["value"] == pytest.approx(
        expected.number_of_edges() / (n * (n - 1) - m * (m - 1))
    )
    assert metrics["density"]["density_all_pairs"] == pytest.approx(nx.density(expected))
    # Reciprocity only among respondents, where G is fully observed.
    assert metrics["reciprocity"]["value"] == pytest.approx(nx.reciprocity(G.subgraph(answered)))
    assert metrics["response_rate"] == pytest.approx(len(answered) / n)


def test_compare_waves_by_hand():
    # Wave 2: a, b, d answered (c asked, did not answer; e not asked).
    #   {a,b} tied in both → kept; {b,d} one-sided in wave 1, confirmed now → kept.
    #   {a,e} only in wave 2; a answered wave 1 and did not name e → new.
    #   {d,e} only in wave 2; neither d nor e answered wave 1 → unobserved.
    #   {a,c} only in wave 1; a answered wave 2 and did not name c → ended.
    #   {c,e} only in wave 1; neither c nor e answered wave 2 → unobserved.
    second = pd.DataFrame(
        [
            rating("a", "b", "weekly", (4, 4, 4), (4, 4, 4)),
            rating("b", "a", "weekly", (4, 4, 4), (2, 2, 2)),
            rating("b", "d", "monthly", (2, 2, 2), (2, 2, 2)),
            rating("d", "b", "monthly", (2, 2, 2), (2, 2, 2)),
            rating("a", "e", "yearly", (3, 3, 3), (3, 3, 3)),
            rating("d", "e", "yearly", (3, 3, 3), (3, 3, 3)),
        ]
    )
    roster2 = respondents(["a", "b", "d"], asked={"c"}, others=["c", "e"])
    result = compare_waves(Wave(EXAMPLE, ROSTER), (second, roster2))
    assert result["ties"] == {
        "kept": [["a", "b"], ["b", "d"]],
        "new": [["a", "e"]],
        "ended": [["a", "c"]],
        "unobserved": [["c", "e"], ["d", "e"]],
    }
    assert result["counts"] == {"kept": 2, "new": 1, "ended": 1, "unobserved": 2}
    # Side by side: wave 1 as above; wave 2 asked a, b, c, d, answered a, b, d → 3/4.
    assert result["first"]["network"]["trust"] == pytest.approx(8.3 / 3)
    assert result["second"]["metrics"]["response_rate"] == 0.75
    # a's trust: wave 1 2.5 (from b); wave 2 4 (b: 4,4,4) → +1.5. c unrated in wave 2.
    actors = {row["id"]: row for row in result["actors"]}
    assert (actors["a"]["trust_first"], actors["a"]["trust_second"]) == (2.5, 4.0)
    assert actors["a"]["trust_change"] == 1.5
    assert actors["c"]["trust_second"] is None and actors["c"]["trust_change"] is None
    json.dumps(result, allow_nan=False)  # ready for JSON: no NaN anywhere


def test_survey_analysis_is_json_and_consistent():
    result = survey_analysis(EXAMPLE, ROSTER)
    json.dumps(result, allow_nan=False)
    assert result["states"] == {"confirmed": 1, "one_sided": 2, "contradicted": 1}
    assert [t["state"] for t in result["ties"]] == [
        "confirmed", "contradicted", "one_sided", "one_sided",
    ]  # fmt: skip
    assert result["actors"][0]["id"] == "a" and result["actors"][0]["trust"] == 2.5
    assert result["actors"][2]["value"] is None  # c: every value item "ved ikke"
    assert result["metrics"]["density"]["value"] == pytest.approx(7 / 18)


def test_scores_on_a_random_survey_match_a_plain_computation():
    # The functions are vectorised; recompute their definitions row by row in plain Python.
    rng = random.Random(7)
    G, answered, _ratings, roster = random_survey(8, n=25, p=0.25, rate=0.7)
    items = (None, 1, 2, 3, 4)
    rows = [
        rating(u, v, rng.choice(list(WEIGHTS)),
               tuple(rng.choice(items) for _ in TRUST_ITEMS),
               tuple(rng.choice(items) for _ in VALUE_ITEMS))
        for u, v in G.edges
    ]  # fmt: skip
    ratings = pd.DataFrame(rows)
    kept = [r for r in rows if r["rater"] in answered]

    def mean(values):
        values = [x for x in values if x is not None]
        return sum(values) / len(values) if values else math.nan

    ties = tie_states(ratings, roster).set_index(["a", "b"])
    for (a, b), tie in ties.iterrows():
        sides = [r for r in kept if {r["rater"], r["ratee"]} == {a, b}]
        assert tie["named_by"] == sorted(r["rater"] for r in sides)
        assert tie["weight"] == pytest.approx(mean(r["weight"] for r in sides))
        expected = mean(r[i] for r in sides for i in TRUST_ITEMS)
        assert tie["trust"] == pytest.approx(expected, nan_ok=True)
    assert len(ties) == len({frozenset((r["rater"], r["ratee"])) for r in kept})
    scores = actor_scores(ratings, roster)
    for actor in G:
        received = [r for r in kept if r["ratee"] == actor]
        item_means = [mean(r[i] for r in received) for i in TRUST_ITEMS]
        expected = mean(m for m in item_means if not math.isnan(m))
        assert scores.at[actor, "trust"] == pytest.approx(expected, nan_ok=True), actor
        assert scores.at[actor, "raters"] == len(received)
        unknown = sum(r[i] is None for r in received for i in VALUE_ITEMS)
        assert scores.at[actor, "value_unknown"] == unknown
