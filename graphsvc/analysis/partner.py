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
from collections.abc import Iterable

import pandas as pd

from graphsvc.analysis._igraph import AnalysisInputError

__all__ = [
    "RATING_COLUMNS",
    "RESPONDENT_COLUMNS",
    "TIE_STATES",
    "TRUST_ITEMS",
    "VALUE_ITEMS",
    "tie_states",
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
    frame = _submitted_ratings(ratings, respondents)
    answered = _answered(respondents)
    named = _named(frame)
    by_pair: dict[tuple[str, str], list[int]] = {}
    for i, rater, ratee in zip(named.index, named["rater"], named["ratee"], strict=True):
        by_pair.setdefault((min(rater, ratee), max(rater, ratee)), []).append(i)
    rows = []
    for (a, b), positions in sorted(by_pair.items()):
        sides = frame.loc[positions]
        namers = sorted(sides["rater"])
        if len(namers) == 2:
            state = "confirmed"
        else:
            other = b if namers[0] == a else a
            state = "contradicted" if other in answered else "one_sided"
        rows.append(
            {
                "a": a,
                "b": b,
                "state": state,
                "named_by": namers,
                "weight": _mean(sides["weight"]),
                "trust": _mean(sides[list(TRUST_ITEMS)].to_numpy().ravel()),
                "value": _mean(sides[list(VALUE_ITEMS)].to_numpy().ravel()),
            }
        )
    return pd.DataFrame(rows, columns=columns)
