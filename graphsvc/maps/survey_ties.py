"""How ties that came from a network survey look on the maps.

A survey (``graphsvc.surveys``) writes each surveyed tie as a collaboration with
``sources=["survey:<id>"]`` and the attributes ``confirmation`` (a state of
:func:`graphsvc.analysis.partner.tie_states`), ``trust`` and ``value`` (PARTNER scores on
the 1–4 scale, as text). The maps draw such a tie

* in a colour of :data:`TRUST_COLOURS` by its trust: a sequential scale, darker = more
  trust, taken from viridis (van der Walt & Smith 2015), which stays ordered in lightness
  and apart under protanopia and deuteranopia, and every step has 3:1 against the white
  map (``tests/maps/test_colours.py``); a tie whose trust nobody rated keeps the colour of
  its kind;
* dashed when only one side named it (``one_sided``: long dashes) or the other side said
  otherwise (``contradicted``: short dashes); solid when confirmed by both;
* with its state and scores in words in the tooltip ("nævnt af én", "tillid 3,3 af 4")
  and in the legend, so nothing is told by colour or dashes alone (WCAG 1.4.1).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphsvc import i18n
from graphsvc.analysis.partner import TIE_STATES
from graphsvc.i18n import Lang

__all__ = [
    "STATE_DASHES",
    "TRUST_BANDS",
    "TRUST_COLOURS",
    "SurveyTie",
    "band_label",
    "survey_tie",
    "survey_tip",
    "trust_band",
]

#: Upper bounds of the trust bands on PARTNER's 1–4 scale (the last band includes 4).
TRUST_BANDS: tuple[tuple[float, float], ...] = ((1.0, 1.75), (1.75, 2.5), (2.5, 3.25), (3.25, 4.0))
#: One colour per band of :data:`TRUST_BANDS`, low trust first: viridis at
#: 0.6 (a shade darker, for 3:1 on white), 0.4, 0.2 and 0.
TRUST_COLOURS: tuple[str, ...] = ("#21a386", "#2a788e", "#414487", "#440154")
#: vis-network dash patterns (dash, gap in pixels) of the states not confirmed by both.
STATE_DASHES: dict[str, list[int]] = {"one_sided": [10, 6], "contradicted": [3, 5]}

_SURVEY = "survey:"


@dataclass(frozen=True)
class SurveyTie:
    """What a map needs to know about a surveyed tie."""

    state: str | None
    trust: float | None
    value: float | None


def _score(text: Any) -> float | None:
    try:
        score = float(str(text).replace(",", "."))
    except ValueError:
        return None
    return score if math.isfinite(score) and 1.0 <= score <= 4.0 else None


def survey_tie(data: Mapping[str, Any]) -> SurveyTie | None:
    """The survey facts of a tie's data, or None when no survey wrote it.

    Parameters
    ----------
    data : mapping
        The edge's data: ``sources`` (a list of texts) and ``attributes`` (a mapping of
        texts, or its stored JSON text).

    Returns
    -------
    SurveyTie or None
        ``state`` (None when missing or unknown), ``trust`` and ``value`` (None when
        missing or outside 1–4).

    Examples
    --------
    >>> survey_tie({"sources": ["survey:s1"],
    ...             "attributes": '{"confirmation": "one_sided", "trust": "3.33"}'})
    SurveyTie(state='one_sided', trust=3.33, value=None)
    >>> survey_tie({"sources": ["seed:001"]}) is None
    True
    """
    sources = data.get("sources") or []
    if isinstance(sources, str):
        sources = [sources]
    if not any(str(s).startswith(_SURVEY) for s in sources):
        return None
    attributes = data.get("attributes") or {}
    if isinstance(attributes, str):
        try:
            attributes = json.loads(attributes)
        except json.JSONDecodeError:
            attributes = {}
    if not isinstance(attributes, Mapping):
        attributes = {}
    state = attributes.get("confirmation")
    return SurveyTie(
        state=state if state in TIE_STATES else None,
        trust=_score(attributes.get("trust")),
        value=_score(attributes.get("value")),
    )


def trust_band(trust: float) -> int:
    """The index of the band of :data:`TRUST_BANDS` that holds ``trust`` (1–4).

    Parameters
    ----------
    trust : float
        A PARTNER trust score, 1–4.

    Returns
    -------
    int
        0 for the lowest band … 3 for the highest (which includes 4); the index of the
        tie's colour in :data:`TRUST_COLOURS`.

    Examples
    --------
    >>> [trust_band(t) for t in (1.0, 1.75, 2.49, 3.25, 4.0)]
    [0, 1, 1, 3, 3]
    """
    for i, (_low, high) in enumerate(TRUST_BANDS):
        if trust < high:
            return i
    return len(TRUST_BANDS) - 1


def _number(score: float, lang: Lang) -> str:
    text = f"{score:g}" if score == round(score, 2) else f"{score:.2f}"
    return text.replace(".", ",") if lang == "da" else text


def band_label(lang: Lang, band: int) -> str:
    """The legend's words for a trust band.

    Examples
    --------
    >>> band_label("da", 3), band_label("en", 0)
    ('Tillid 3,25–4 af 4', 'Trust 1–1.75 of 4')
    """
    low, high = TRUST_BANDS[band]
    return i18n.phrase(lang, "trust_band", low=_number(low, lang), high=_number(high, lang))


def survey_tip(lang: Lang, tie: SurveyTie) -> list[str]:
    """The tooltip lines of a surveyed tie: its state and its scores.

    Parameters
    ----------
    lang : {"da", "en"}
    tie : SurveyTie

    Returns
    -------
    list of str
        The state's words (:data:`graphsvc.i18n.ENUM_LABELS` ``"tie_confirmation"``)
        and each score with one decimal, as the language writes it; missing parts left
        out.

    Examples
    --------
    >>> survey_tip("da", SurveyTie("one_sided", 3.33, 2.67))
    ['nævnt af én', 'tillid 3,3 af 4', 'værdi 2,7 af 4']
    >>> survey_tip("en", SurveyTie("confirmed", None, 4.0))
    ['confirmed by both', 'value 4.0 of 4']
    """
    lines = []
    if tie.state is not None:
        lines.append(i18n.label(lang, "tie_confirmation", tie.state))
    for key, score in (("trust_of_4", tie.trust), ("value_of_4", tie.value)):
        if score is not None:
            text = f"{score:.1f}"
            if lang == "da":
                text = text.replace(".", ",")
            lines.append(i18n.phrase(lang, key, score=text))
    return lines
