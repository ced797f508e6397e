"""PARTNER scores, tie states and wave metrics (graphsvc.analysis.partner), checked by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from graphsvc.analysis import AnalysisInputError
from graphsvc.analysis.partner import TRUST_ITEMS, VALUE_ITEMS, tie_states

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
