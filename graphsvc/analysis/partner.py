"""Survey analyses: PARTNER trust and value, tie confirmation, wave metrics.

Pure functions over the two tables a network survey yields
(:meth:`graphsvc.surveys.Surveys.ratings` and :meth:`~graphsvc.surveys.Surveys.respondents`):

``ratings``
    One row per (rater, ratee) a respondent rated: ``rater``, ``ratee``, ``frequency``
    (``daily|weekly|monthly|quarterly|yearly|never``), ``weight`` (5 … 1 from the
    frequency; missing for ``never``), and PARTNER's six 1–4 items ``reliable``,
    ``mission``, ``open`` (trust) and ``power``, ``involvement``, ``resources`` (value);
    a missing item (None/NaN) is the answer "ved ikke" (don't know).
``respondents``
    One row per actor on the roster: ``actor_id``, ``asked``, ``answered`` (submitted),
    ``sector``, ``locality``.

Only submitted responses count: rows of ``ratings`` whose rater has not ``answered`` are
left out. A rating with frequency ``never`` names no tie. What each measure means and
its sources: ``docs/analysis.md`` ("Surveys").
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

import networkx as nx
import numpy as np
import pandas as pd

from graphsvc.analysis._igraph import AnalysisInputError

__all__ = [
    "RATING_COLUMNS",
    "RESPONDENT_COLUMNS",
    "TIE_STATES",
    "TRUST_ITEMS",
    "VALUE_ITEMS",
    "Wave",
    "actor_scores",
    "compare_waves",
    "freeman_centralisation",
    "network_scores",
    "reconstructed_graph",
    "survey_analysis",
    "tie_states",
    "wave_metrics",
]

#: PARTNER's trust items (Varda et al. 2008): reliable, supports the mission, open to discussion.
TRUST_ITEMS = ("reliable", "mission", "open")
#: PARTNER's value items: power/influence, level of involvement, resource contribution.
VALUE_ITEMS = ("power", "involvement", "resources")
#: The columns :func:`tie_states` and the other functions read from ``ratings``.
RATING_COLUMNS = ("rater", "ratee", "frequency", "weight", *TRUST_ITEMS, *VALUE_ITEMS)
#: The columns read from ``respondents``.
RESPONDENT_COLUMNS = ("actor_id", "asked", "answered", "sector", "locality")
#: Confirmation states of a surveyed tie, in display order.
TIE_STATES = ("confirmed", "one_sided", "contradicted")

_NO_TIE = "never"


def _require(frame: pd.DataFrame, columns: Iterable[str], name: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise AnalysisInputError(f"{name} lacks the column(s) {', '.join(missing)}")


def _answered(respondents: pd.DataFrame) -> set[str]:
    _require(respondents, ("actor_id", "answered"), "respondents")
    flags = respondents["answered"].fillna(False).astype(bool)
    return {str(a) for a in respondents.loc[flags, "actor_id"]}


def _submitted_ratings(ratings: pd.DataFrame, respondents: pd.DataFrame) -> pd.DataFrame:
    """Ratings of submitted responses, one row per (rater, ratee), self-ratings dropped.

    Items become floats (NaN = "ved ikke"); a rater missing from ``respondents`` is an
    error (the roster lists every respondent). Duplicate (rater, ratee) rows (a name given
    as "someone not on the list" and resolved to an actor the rater also named) keep the
    first row.
    """
    _require(ratings, RATING_COLUMNS, "ratings")
    known = {str(a) for a in respondents["actor_id"]} if "actor_id" in respondents else set()
    answered = _answered(respondents)
    frame = ratings.loc[:, list(RATING_COLUMNS)].copy()
    frame["rater"] = frame["rater"].astype(str)
    frame["ratee"] = frame["ratee"].astype(str)
    strangers = sorted(set(frame["rater"]) - known)
    if strangers:
        raise AnalysisInputError(
            f"ratings name rater(s) not in respondents: {', '.join(strangers[:5])}"
        )
    for column in ("weight", *TRUST_ITEMS, *VALUE_ITEMS):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
    for column in (*TRUST_ITEMS, *VALUE_ITEMS):
        items = frame[column]
        bad = items[(items < 1) | (items > 4)]
        if len(bad):
            raise AnalysisInputError(
                f"ratings row {bad.index[0]}, column {column!r}: {bad.iloc[0]} is not 1–4"
            )
    frame = frame[frame["rater"].isin(answered) & (frame["rater"] != frame["ratee"])]
    return frame.drop_duplicates(["rater", "ratee"], keep="first").reset_index(drop=True)


def _named(frame: pd.DataFrame) -> pd.DataFrame:
    """The ratings that name a tie (frequency other than ``never``)."""
    return frame[frame["frequency"].astype(str) != _NO_TIE]


def _mean(values: Iterable[float]) -> float:
    kept = [v for v in values if not math.isnan(v)]
    return sum(kept) / len(kept) if kept else math.nan


def tie_states(ratings: pd.DataFrame, respondents: pd.DataFrame) -> pd.DataFrame:
    """Confirmation state of every surveyed tie, one row per unordered pair.

    A pair {A, B} is a surveyed tie when at least one side, in a submitted response,
    named the other with a frequency other than ``never``. Its state:

    * ``confirmed``: both answered and each named the other;
    * ``one_sided``: one named the other, who did not answer (not asked or not submitted);
    * ``contradicted``: one named the other, who submitted without naming them (or
      named them with frequency ``never``).

    This is the one definition the survey service, the status page and the maps use.

    Parameters
    ----------
    ratings : pandas.DataFrame
        Columns :data:`RATING_COLUMNS` (see the module docs). Rows whose rater has not
        answered are left out; a rater missing from ``respondents`` is an error.
    respondents : pandas.DataFrame
        Columns ``actor_id`` and ``answered`` at least. A ratee missing from it (e.g. an
        organisation named as "someone not on the list" and accepted in review) did not
        answer.

    Returns
    -------
    pandas.DataFrame
        Columns ``a``, ``b`` (the pair's ids as strings, ``a < b``), ``state`` (one of
        :data:`TIE_STATES`), ``named_by`` (sorted list of the ids that named the tie),
        ``weight`` (mean frequency weight of the sides that named the tie), ``trust`` and
        ``value`` (mean of the non-missing PARTNER items the sides gave each other on
        this tie, NaN when all were "ved ikke"; a choice: PARTNER scores actors, not
        ties). Sorted by ``a``, ``b``; empty (with these columns) when no tie was named.

    Raises
    ------
    AnalysisInputError
        If a column is missing, an item is outside 1–4, or a rater is not in
        ``respondents``.

    Examples
    --------
    >>> import pandas as pd
    >>> def rating(rater, ratee, frequency="weekly", weight=4.0, item=3):
    ...     items = dict.fromkeys(TRUST_ITEMS + VALUE_ITEMS, item)
    ...     return dict(rater=rater, ratee=ratee, frequency=frequency, weight=weight, **items)
    >>> ratings = pd.DataFrame([
    ...     rating("a", "b"), rating("b", "a", "monthly", 3.0, 4),  # both named: confirmed
    ...     rating("a", "c"),                                        # c did not answer
    ...     rating("b", "d", "yearly", 1.0),                         # d answered, named no one
    ... ])
    >>> respondents = pd.DataFrame({"actor_id": list("abcd"),
    ...                             "answered": [True, True, False, True]})
    >>> tie_states(ratings, respondents)[["a", "b", "state", "named_by", "weight", "trust"]]
       a  b         state named_by  weight  trust
    0  a  b     confirmed   [a, b]     3.5    3.5
    1  a  c     one_sided      [a]     4.0    3.0
    2  b  d  contradicted      [b]     1.0    3.0

    References
    ----------
    .. [1] Varda, D. M., Chandra, A., Stern, S. A. & Lurie, N. (2008). Core dimensions
       of connectivity in public health collaboratives. Journal of Public Health
       Management and Practice 14(5), E1–E7.
    .. [2] Wasserman, S. & Faust, K. (1994). Social Network Analysis: Methods and
       Applications. Cambridge University Press (ch. 13, dyads: mutual, asymmetric, null).
    """
    columns = ["a", "b", "state", "named_by", "weight", "trust", "value"]
    named = _named(_submitted_ratings(ratings, respondents))
    if named.empty:
        return pd.DataFrame(columns=columns)
    answered = _answered(respondents)
    first = named["rater"] < named["ratee"]
    work = pd.DataFrame(
        {
            "a": named["rater"].where(first, named["ratee"]),
            "b": named["ratee"].where(first, named["rater"]),
            "rater": named["rater"],
            "weight": named["weight"],
            **_sum_count(named, TRUST_ITEMS, "trust"),
            **_sum_count(named, VALUE_ITEMS, "value"),
        }
    )
    # Vectorised: a survey of 500 respondents names thousands of pairs.
    pairs = work.groupby(["a", "b"], sort=True).agg(
        namers=("rater", "size"),
        namer=("rater", "first"),
        weight=("weight", "mean"),
        trust_sum=("trust_sum", "sum"),
        trust_n=("trust_n", "sum"),
        value_sum=("value_sum", "sum"),
        value_n=("value_n", "sum"),
    )
    pairs = pairs.reset_index()
    both = pairs["namers"] == 2
    other = pairs["b"].where(pairs["namer"] == pairs["a"], pairs["a"])
    state = np.where(both, "confirmed", np.where(other.isin(answered), "contradicted", "one_sided"))
    named_by = [
        [a, b] if two else [namer]
        for a, b, two, namer in zip(
            pairs["a"].tolist(),
            pairs["b"].tolist(),
            both.tolist(),
            pairs["namer"].tolist(),
            strict=True,
        )
    ]
    return pd.DataFrame(
        {
            "a": pairs["a"],
            "b": pairs["b"],
            "state": state,
            "named_by": named_by,
            "weight": pairs["weight"].astype(float),
            "trust": _ratio(pairs["trust_sum"], pairs["trust_n"]),
            "value": _ratio(pairs["value_sum"], pairs["value_n"]),
        },
        columns=columns,
    )


def _sum_count(frame: pd.DataFrame, items: Sequence[str], name: str) -> dict[str, pd.Series]:
    """Per rating: the sum and the number of the ``items`` answered (for pooled means)."""
    block = frame[list(items)]
    return {f"{name}_sum": block.sum(axis=1, skipna=True), f"{name}_n": block.notna().sum(axis=1)}


def _ratio(total: pd.Series, n: pd.Series) -> pd.Series:
    """``total / n``, NaN where ``n`` is 0."""
    return (total / n.where(n > 0)).astype(float)


# ----------------------------------------------------------------------- PARTNER scores


def _percent(score: Any) -> Any:
    """A 1–4 score as % of 4, as PARTNER reports it."""
    return score / 4 * 100


def _score(block: pd.DataFrame, items: Sequence[str]) -> dict[str, Any]:
    """PARTNER's score over ``items`` of the ratings in ``block``.

    Each item's mean over the ratings that answered it ("ved ikke" left out), then the
    mean of the item means that exist.
    """
    means = {item: _mean(block[item]) for item in items}
    score = _mean(means.values())
    answers = block[list(items)].notna()
    return {
        "score": score,
        "pct": _percent(score),
        "raters": int(answers.any(axis=1).sum()),
        "unknown": int((~answers).to_numpy().sum()),
        "items": means,
    }


def actor_scores(ratings: pd.DataFrame, respondents: pd.DataFrame) -> pd.DataFrame:
    """PARTNER trust and value of every actor, as rated by the others.

    An actor's **trust** is the mean of its three trust items (reliable, supports the
    mission, open to discussion) and its **value** the mean of its three value items
    (power/influence, level of involvement, resource contribution), each item averaged
    over the partners who rated it on a 1–4 scale (Varda et al. 2008). Also as % of 4.

    Choices: "ved ikke" (a missing item) is left out of that item's mean, and the number
    left out is reported; an item nobody answered is left out of the score (so a score
    can rest on fewer than three items); only ratings of submitted responses that name a
    tie count; an actor never rates itself.

    Parameters
    ----------
    ratings, respondents : pandas.DataFrame
        As in :func:`tie_states`.

    Returns
    -------
    pandas.DataFrame
        Indexed by actor id (``"id"``): every actor on the roster and every actor rated,
        in roster order then by id. Columns ``raters`` (partners who rated it),
        ``trust``, ``trust_pct``, ``trust_raters`` (partners who answered at least one
        trust item), ``trust_unknown`` (trust items answered "ved ikke"), the same four
        for ``value``, and the six item means. Scores are NaN for an actor nobody rated.

    Raises
    ------
    AnalysisInputError
        As :func:`tie_states`.

    Examples
    --------
    >>> import pandas as pd
    >>> ratings = pd.DataFrame({
    ...     "rater": ["a", "b"], "ratee": ["c", "c"], "frequency": ["weekly", "daily"],
    ...     "weight": [4, 5], "reliable": [4, 3], "mission": [4, None], "open": [3, 3],
    ...     "power": [2, 2], "involvement": [3, 3], "resources": [None, None]})
    >>> respondents = pd.DataFrame({"actor_id": list("abc"), "answered": [True, True, False]})
    >>> scores = actor_scores(ratings, respondents)
    >>> scores[["raters", "trust", "trust_pct", "trust_unknown", "value"]]
        raters  trust  trust_pct  trust_unknown  value
    id
    a        0    NaN        NaN              0    NaN
    b        0    NaN        NaN              0    NaN
    c        2    3.5       87.5              1    2.5

    References
    ----------
    .. [1] Varda, D. M., Chandra, A., Stern, S. A. & Lurie, N. (2008). Core dimensions
       of connectivity in public health collaboratives. Journal of Public Health
       Management and Practice 14(5), E1–E7.
    """
    frame = _named(_submitted_ratings(ratings, respondents))
    ids = pd.Index(_actors(frame, respondents), name="id", dtype=object)
    by_ratee = frame.groupby("ratee")
    means = by_ratee[[*TRUST_ITEMS, *VALUE_ITEMS]].mean()  # "ved ikke" (NaN) left out
    out = pd.DataFrame({"raters": by_ratee["rater"].nunique()})
    for score, items in (("trust", TRUST_ITEMS), ("value", VALUE_ITEMS)):
        answers = frame[list(items)].notna()
        out[score] = means[list(items)].mean(axis=1)  # the item means that exist
        out[f"{score}_pct"] = _percent(out[score])
        out[f"{score}_raters"] = answers.any(axis=1).groupby(frame["ratee"]).sum()
        out[f"{score}_unknown"] = (~answers).sum(axis=1).groupby(frame["ratee"]).sum()
    out = pd.concat([out, means], axis=1).reindex(ids)
    counts = ["raters", "trust_raters", "trust_unknown", "value_raters", "value_unknown"]
    out[counts] = out[counts].fillna(0).astype(int)
    columns = [
        "raters",
        *(f"{score}{k}" for score in ("trust", "value") for k, _ in _FIELDS),
        *TRUST_ITEMS,
        *VALUE_ITEMS,
    ]
    return out[columns].astype({c: float for c in columns if c not in counts})


_FIELDS = (("", "score"), ("_pct", "pct"), ("_raters", "raters"), ("_unknown", "unknown"))


def _actors(frame: pd.DataFrame, respondents: pd.DataFrame) -> list[str]:
    """Roster ids in roster order, then actors named only by others, by id."""
    roster = [str(a) for a in respondents["actor_id"]]
    seen = set(roster)
    others = sorted(set(frame["ratee"]) - seen)
    return list(dict.fromkeys(roster)) + others


def network_scores(ratings: pd.DataFrame, respondents: pd.DataFrame) -> dict[str, Any]:
    """The network's PARTNER trust and value: the same means over all ratings.

    PARTNER reports a network score as the mean over every rating given in the network
    (not the mean of the actors' scores, which would weigh a rarely rated actor as much
    as a central one). Each item is averaged over all ratings that answered it ("ved
    ikke" left out), then the item means are averaged.

    Parameters
    ----------
    ratings, respondents : pandas.DataFrame
        As in :func:`tie_states`.

    Returns
    -------
    dict
        ``ratings`` (ratings that name a tie, from submitted responses), ``trust``,
        ``trust_pct``, ``trust_raters`` (ratings with at least one trust item),
        ``trust_unknown`` (trust items answered "ved ikke"), the same for ``value``, and
        ``items`` (the six item means). Scores are NaN when there is no rating.

    Raises
    ------
    AnalysisInputError
        As :func:`tie_states`.

    Examples
    --------
    >>> import pandas as pd
    >>> ratings = pd.DataFrame({
    ...     "rater": ["a", "b"], "ratee": ["b", "a"], "frequency": ["weekly", "daily"],
    ...     "weight": [4, 5], "reliable": [4, 2], "mission": [4, 2], "open": [None, 3],
    ...     "power": [1, 2], "involvement": [1, 2], "resources": [1, 2]})
    >>> respondents = pd.DataFrame({"actor_id": ["a", "b"], "answered": [True, True]})
    >>> scores = network_scores(ratings, respondents)
    >>> scores["trust"], scores["trust_pct"], scores["trust_unknown"], scores["value"]
    (3.0, 75.0, 1, 1.5)

    References
    ----------
    .. [1] Varda, D. M., Chandra, A., Stern, S. A. & Lurie, N. (2008). Core dimensions
       of connectivity in public health collaboratives. Journal of Public Health
       Management and Practice 14(5), E1–E7.
    """
    frame = _named(_submitted_ratings(ratings, respondents))
    trust, value = _score(frame, TRUST_ITEMS), _score(frame, VALUE_ITEMS)
    return {
        "ratings": len(frame),
        **{f"trust{k}": trust[key] for k, key in _FIELDS},
        **{f"value{k}": value[key] for k, key in _FIELDS},
        "items": {**trust["items"], **value["items"]},
    }


# ----------------------------------------------------------------------- wave metrics


def reconstructed_graph(ratings: pd.DataFrame, respondents: pd.DataFrame) -> nx.DiGraph:
    """The surveyed network with non-respondents' ties reconstructed from the other side.

    Nodes: every actor on the roster and every actor named, with the node attribute
    ``answered`` (submitted a response). Arcs: ``i → j`` when ``i`` answered and named
    ``j`` (``imputed=False``); and, for a non-respondent ``j``, the arc ``j → i`` it
    could not report is taken to mirror ``i → j`` (``imputed=True``). This is
    *reconstruction* (Stork & Richards 1992; Huisman 2009): an answered pair keeps what
    both said; a pair with one respondent is as that respondent says; a pair of two
    non-respondents stays unknown (no arc, and no observation).

    Parameters
    ----------
    ratings, respondents : pandas.DataFrame
        As in :func:`tie_states`.

    Returns
    -------
    networkx.DiGraph
        Arcs carry ``weight`` (the frequency weight; a mirrored arc copies it) and
        ``imputed``.

    Raises
    ------
    AnalysisInputError
        As :func:`tie_states`.

    Examples
    --------
    >>> import pandas as pd
    >>> ratings = pd.DataFrame({
    ...     "rater": ["a"], "ratee": ["b"], "frequency": ["weekly"], "weight": [4],
    ...     **dict.fromkeys(TRUST_ITEMS + VALUE_ITEMS, [None])})
    >>> respondents = pd.DataFrame({"actor_id": ["a", "b"], "answered": [True, False]})
    >>> sorted(reconstructed_graph(ratings, respondents).edges(data="imputed"))
    [('a', 'b', False), ('b', 'a', True)]

    References
    ----------
    .. [1] Stork, D. & Richards, W. D. (1992). Nonrespondents in communication network
       studies: problems and possibilities. Group & Organization Management 17(2),
       193–209.
    .. [2] Huisman, M. (2009). Imputation of missing network data: some simple
       procedures. Journal of Social Structure 10(1).
    """
    frame = _named(_submitted_ratings(ratings, respondents))
    answered = _answered(respondents)
    D = nx.DiGraph()
    D.add_nodes_from((a, {"answered": a in answered}) for a in _actors(frame, respondents))
    for rater, ratee, weight in zip(frame["rater"], frame["ratee"], frame["weight"], strict=True):
        D.add_edge(rater, ratee, weight=weight, imputed=False)
    for rater, ratee, weight in zip(frame["rater"], frame["ratee"], frame["weight"], strict=True):
        if ratee not in answered:
            D.add_edge(ratee, rater, weight=weight, imputed=True)
    return D


def _response(respondents: pd.DataFrame) -> dict[str, Any]:
    _require(respondents, ("actor_id", "asked", "answered"), "respondents")
    asked = respondents["asked"].fillna(False).astype(bool)
    answered = respondents["answered"].fillna(False).astype(bool)
    n_asked, n_answered = int(asked.sum()), int((asked & answered).sum())
    return {
        "asked": n_asked,
        "answered": n_answered,
        "response_rate": n_answered / n_asked if n_asked else math.nan,
    }


def freeman_centralisation(G: nx.Graph) -> float:
    r"""Freeman's (1979) degree centralisation of an undirected graph.

    .. math:: C_D = \frac{\sum_i (d_{max} - d_i)}{(n - 1)(n - 2)}

    The denominator is the largest sum a graph of n actors can have (a star's), so the
    value lies in [0, 1].

    Parameters
    ----------
    G : networkx.Graph
        Undirected and simple (a loop or a parallel edge would count in the degrees).

    Returns
    -------
    float
        1 for a star, 0 when every actor has the same degree; NaN for n < 3.

    Examples
    --------
    >>> import networkx as nx
    >>> freeman_centralisation(nx.star_graph(4)), freeman_centralisation(nx.cycle_graph(5))
    (1.0, 0.0)

    References
    ----------
    .. [1] Freeman, L. C. (1979). Centrality in social networks: conceptual
       clarification. Social Networks 1(3), 215–239.
    """
    n = G.number_of_nodes()
    if n < 3:
        return math.nan
    degrees = [d for _, d in G.degree()]
    top = max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) * (n - 2))


def wave_metrics(ratings: pd.DataFrame, respondents: pd.DataFrame) -> dict[str, Any]:
    """Density, reciprocity and degree centralisation of one survey wave.

    Each figure comes with how it handled non-response and the response rate beside it.

    * **density** (Wasserman & Faust 1994, p. 129): arcs of the reconstructed graph
      (:func:`reconstructed_graph`) over the ordered pairs it observes, ``N(N−1) −
      M(M−1)`` for N actors of whom M did not answer: pairs of two non-respondents are
      left out, not counted as absent (a choice: it assumes the non-respondents' ties to
      each other are like the rest; ``density_all_pairs`` counts them as absent, the
      lower bound, and is ``networkx.density`` of the reconstructed graph).
    * **reciprocity** (Wasserman & Faust 1994, ch. 13): among the pairs where both
      answered only (a mirrored arc would be reciprocated by construction), the share of
      arcs whose reverse arc exists, ``2·mutual / (2·mutual + asymmetric)``, as
      ``networkx.reciprocity``; NaN without arcs.
    * **centralisation**: Freeman's (1979) degree centralisation of the undirected graph
      in which a pair is tied when either side named the other (the reconstruction's
      union; a choice); a non-respondent's degree counts only the respondents who named
      it, so it is a lower bound.

    Parameters
    ----------
    ratings, respondents : pandas.DataFrame
        As in :func:`tie_states`; ``respondents`` also needs ``asked``.

    Returns
    -------
    dict
        ``actors`` (N), ``asked``, ``answered`` (of those asked), ``response_rate``,
        ``non_respondents`` (M: actors in the network who did not answer, including
        named actors not asked), ``ties`` (unordered pairs tied, either side), and one
        dict per figure, ``density``, ``reciprocity``, ``centralisation``, each with
        ``value``, ``method``, ``response_rate`` and the counts it rests on. ``method``
        names the non-response handling (``i18n.label(lang, "non_response", method)``
        says it in words).

    Raises
    ------
    AnalysisInputError
        As :func:`tie_states`, or when ``respondents`` lacks ``asked``.

    Examples
    --------
    >>> import pandas as pd
    >>> ratings = pd.DataFrame({
    ...     "rater": ["a", "b", "a"], "ratee": ["b", "a", "c"],
    ...     "frequency": ["weekly"] * 3, "weight": [4] * 3,
    ...     **dict.fromkeys(TRUST_ITEMS + VALUE_ITEMS, [None] * 3)})
    >>> respondents = pd.DataFrame({"actor_id": list("abc"), "asked": [True] * 3,
    ...                             "answered": [True, True, False]})
    >>> metrics = wave_metrics(ratings, respondents)
    >>> metrics["density"]["value"], metrics["reciprocity"]["value"]
    (0.6666666666666666, 1.0)
    >>> round(metrics["response_rate"], 3), metrics["centralisation"]["value"]
    (0.667, 1.0)

    References
    ----------
    .. [1] Freeman, L. C. (1979). Centrality in social networks: conceptual
       clarification. Social Networks 1(3), 215–239.
    .. [2] Wasserman, S. & Faust, K. (1994). Social Network Analysis: Methods and
       Applications. Cambridge University Press.
    .. [3] Stork, D. & Richards, W. D. (1992). Nonrespondents in communication network
       studies: problems and possibilities. Group & Organization Management 17(2),
       193–209.
    .. [4] Huisman, M. (2009). Imputation of missing network data: some simple
       procedures. Journal of Social Structure 10(1).
    """
    response = _response(respondents)
    rate = response["response_rate"]
    D = reconstructed_graph(ratings, respondents)
    n = D.number_of_nodes()
    answered = [v for v, a in D.nodes(data="answered") if a]
    m = n - len(answered)
    observed_pairs = n * (n - 1) - m * (m - 1)
    arcs = D.number_of_edges()
    respondents_set = set(answered)
    among = {(u, v) for u, v in D.edges if u in respondents_set and v in respondents_set}
    mutual = sum(1 for u, v in among if (v, u) in among) // 2
    asymmetric = len(among) - 2 * mutual
    U = nx.Graph()  # either side named: the union of the arcs
    U.add_nodes_from(D)
    U.add_edges_from(D.edges)
    return {
        "actors": n,
        **response,
        "non_respondents": m,
        "ties": U.number_of_edges(),
        "density": {
            "value": arcs / observed_pairs if observed_pairs else math.nan,
            "method": "reconstruction",
            "arcs": arcs,
            "imputed_arcs": sum(1 for *_, i in D.edges(data="imputed") if i),
            "pairs": observed_pairs,
            "all_pairs": n * (n - 1),
            "density_all_pairs": nx.density(D) if n > 1 else math.nan,
            "response_rate": rate,
        },
        "reciprocity": {
            # networkx.reciprocity's overall reciprocity, from the counts already made
            "value": 2 * mutual / (2 * mutual + asymmetric) if mutual or asymmetric else math.nan,
            "method": "respondent_pairs",
            "respondents": len(answered),
            "pairs": len(answered) * (len(answered) - 1) // 2,
            "mutual": mutual,
            "asymmetric": asymmetric,
            "response_rate": rate,
        },
        "centralisation": {
            "value": freeman_centralisation(U),
            "method": "either_side",
            "max_degree": max((d for _, d in U.degree()), default=0),
            "response_rate": rate,
        },
    }


# ----------------------------------------------------------------------- whole surveys


class Wave(NamedTuple):
    """One survey wave's two tables (a plain ``(ratings, respondents)`` tuple works too)."""

    ratings: pd.DataFrame
    respondents: pd.DataFrame


def _plain(value: Any) -> Any:
    """``value`` ready for JSON: NaN → None, numpy scalars → Python, containers walked."""
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if value is None or isinstance(value, str | int):
        return value
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        return _plain(value.item())
    return value


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [_plain(row) for row in frame.to_dict("records")]


def survey_analysis(ratings: pd.DataFrame, respondents: pd.DataFrame) -> dict[str, Any]:
    """Everything the survey analyses say about one wave, ready for JSON.

    Parameters
    ----------
    ratings, respondents : pandas.DataFrame
        As in :func:`tie_states`.

    Returns
    -------
    dict
        ``network`` (:func:`network_scores`), ``actors`` (:func:`actor_scores` as a list
        of records with ``id``), ``metrics`` (:func:`wave_metrics`), ``ties``
        (:func:`tie_states` records) and ``states`` (ties per state). NaN becomes None.

    Raises
    ------
    AnalysisInputError
        As :func:`wave_metrics`.

    Examples
    --------
    >>> import pandas as pd
    >>> ratings = pd.DataFrame({
    ...     "rater": ["a"], "ratee": ["b"], "frequency": ["weekly"], "weight": [4],
    ...     **dict.fromkeys(TRUST_ITEMS + VALUE_ITEMS, [3])})
    >>> respondents = pd.DataFrame({"actor_id": ["a", "b"], "asked": [True, True],
    ...                             "answered": [True, False]})
    >>> result = survey_analysis(ratings, respondents)
    >>> result["states"], result["network"]["trust_pct"], result["actors"][0]["trust"]
    ({'confirmed': 0, 'one_sided': 1, 'contradicted': 0}, 75.0, None)

    References
    ----------
    .. [1] Varda, D. M., Chandra, A., Stern, S. A. & Lurie, N. (2008). Core dimensions
       of connectivity in public health collaboratives. Journal of Public Health
       Management and Practice 14(5), E1–E7.
    """
    ties = tie_states(ratings, respondents)
    counts = ties["state"].value_counts()
    return _plain(
        {
            "network": network_scores(ratings, respondents),
            "actors": _records(actor_scores(ratings, respondents).reset_index()),
            "metrics": wave_metrics(ratings, respondents),
            "ties": _records(ties),
            "states": {state: int(counts.get(state, 0)) for state in TIE_STATES},
        }
    )


def compare_waves(
    first: Wave | tuple[pd.DataFrame, pd.DataFrame],
    second: Wave | tuple[pd.DataFrame, pd.DataFrame],
) -> dict[str, Any]:
    """Two waves of a survey side by side (a baseline and a follow-up), as PARTNER does.

    Ties are the unordered pairs of :func:`tie_states` (any state). Whether a tie is new
    or has ended is only said where the other wave could have seen it (a choice):

    * ``kept``: tied in both waves;
    * ``new``: tied in the second wave only, and one of the pair answered the first;
    * ``ended``: tied in the first wave only, and one of the pair answered the second;
    * ``unobserved``: tied in one wave only, and neither of the pair answered the other
      wave (nobody could report the tie there).

    Parameters
    ----------
    first, second : Wave or (ratings, respondents)
        The two waves' tables, as in :func:`tie_states`.

    Returns
    -------
    dict
        ``first`` and ``second`` (each :func:`network_scores` as ``network`` and
        :func:`wave_metrics` as ``metrics``), ``ties`` (``{kept, new, ended,
        unobserved}``, each a sorted list of ``[a, b]`` pairs), ``counts`` (their
        lengths), and ``actors`` (per actor in either wave: ``trust`` and ``value`` in
        each wave and their change). Ready for JSON (NaN becomes None).

    Raises
    ------
    AnalysisInputError
        As :func:`wave_metrics`, for either wave.

    Examples
    --------
    >>> import pandas as pd
    >>> def wave(pairs, answered):
    ...     ratings = pd.DataFrame({
    ...         "rater": [a for a, _ in pairs], "ratee": [b for _, b in pairs],
    ...         "frequency": ["weekly"] * len(pairs), "weight": [4] * len(pairs),
    ...         **dict.fromkeys(TRUST_ITEMS + VALUE_ITEMS, [3] * len(pairs))})
    ...     people = pd.DataFrame({"actor_id": list("abcd"), "asked": [True] * 4,
    ...                            "answered": [a in answered for a in "abcd"]})
    ...     return Wave(ratings, people)
    >>> result = compare_waves(wave([("a", "b"), ("a", "c")], "ab"),
    ...                        wave([("b", "a"), ("b", "d")], "bcd"))
    >>> result["ties"]
    {'kept': [['a', 'b']], 'new': [['b', 'd']], 'ended': [['a', 'c']], 'unobserved': []}

    References
    ----------
    .. [1] Varda, D. M., Chandra, A., Stern, S. A. & Lurie, N. (2008). Core dimensions
       of connectivity in public health collaboratives. Journal of Public Health
       Management and Practice 14(5), E1–E7.
    """
    waves = [Wave(*first), Wave(*second)]
    pairs = [
        {(a, b) for a, b in zip(t["a"], t["b"], strict=True)}
        for t in (tie_states(w.ratings, w.respondents) for w in waves)
    ]
    answered = [_answered(w.respondents) for w in waves]

    def seen(pair: tuple[str, str], wave: int) -> bool:
        return pair[0] in answered[wave] or pair[1] in answered[wave]

    ties: dict[str, list[list[str]]] = {"kept": [], "new": [], "ended": [], "unobserved": []}
    for pair in sorted(pairs[0] | pairs[1]):
        if pair in pairs[0] and pair in pairs[1]:
            kind = "kept"
        elif pair in pairs[1]:
            kind = "new" if seen(pair, 0) else "unobserved"
        else:
            kind = "ended" if seen(pair, 1) else "unobserved"
        ties[kind].append(list(pair))
    scores = [actor_scores(w.ratings, w.respondents) for w in waves]
    ids = list(dict.fromkeys([*scores[0].index, *scores[1].index]))
    values = [
        {score: s.reindex(ids)[score].astype(float).to_dict() for score in ("trust", "value")}
        for s in scores
    ]
    actors = [
        {
            "id": actor,
            **{
                f"{score}_{label}": values[i][score][actor]
                for score in ("trust", "value")
                for i, label in enumerate(("first", "second"))
            },
            **{
                f"{score}_change": values[1][score][actor] - values[0][score][actor]
                for score in ("trust", "value")
            },
        }
        for actor in ids
    ]
    return _plain(
        {
            label: {
                "network": network_scores(w.ratings, w.respondents),
                "metrics": wave_metrics(w.ratings, w.respondents),
            }
            for label, w in zip(("first", "second"), waves, strict=True)
        }
        | {
            "ties": ties,
            "counts": {kind: len(found) for kind, found in ties.items()},
            "actors": actors,
        }
    )
