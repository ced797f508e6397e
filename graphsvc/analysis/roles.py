"""Plain-language role summaries: one sentence per actor, in English and Danish.

:func:`role_summary` turns the results of the bridging measures into sentences a
workshop can read: "the only link between public and civil society actors",
"gatekeeper into civil society in Middelfart" / "eneste forbindelse mellem offentlige
aktører og civilsamfundet", "portvogter ind i civilsamfundet i Middelfart".

It takes the measures' DataFrames as arguments (it computes nothing itself), so it can
be tested on hand-made inputs and does not depend on how they were computed:

- ``brokerage_df`` from :func:`graphsvc.analysis.brokerage.brokerage` (Gould & Fernandez
  1989): indexed by actor id, columns ``coordinator``, ``itinerant``, ``representative``,
  ``gatekeeper``, ``liaison`` (counts of brokered ordered pairs);
- ``sole_brokers_df`` from :func:`graphsvc.analysis.cuts.sole_brokers`: indexed by the
  broker's id, columns ``group_a``, ``group_b`` (one row per pair it alone connects);
- ``articulation_df`` from :func:`graphsvc.analysis.cuts.articulation_points`: indexed
  by actor id, columns ``is_articulation`` and ``cut_off``.

Which sentence
--------------
1. Sole broker of one or more pairs of groups: "the only link between A and B actors".
2. Otherwise (or in addition, after "; also"), the brokerage role with the highest count
   (ties broken in the order gatekeeper, representative, liaison, itinerant,
   coordinator), with the actor's own group and — for actors of local, municipal or
   regional scale — its municipality (from :mod:`graphsvc.reference`):

   ==============  ===========================================  =================================
   role            English                                      Danish
   ==============  ===========================================  =================================
   gatekeeper      gatekeeper into civil society in Middelfart  portvogter ind i civilsamfundet
                                                                i Middelfart
   representative  represents civil society towards other       repræsenterer civilsamfundet over
                   sectors                                      for andre sektorer
   liaison         links sectors other than its own             forbinder andre sektorer end
                                                                sin egen
   itinerant       go-between for actors of another sector      mellemled for aktører fra en
                                                                anden sektor
   coordinator     coordinator within civil society             koordinator inden for
                                                                civilsamfundet
   ==============  ===========================================  =================================
3. An articulation point adds how many actors would be cut off without it.
4. An actor with none of these: "tied to N actors, with no brokering role" (or "not tied
   to anyone").

Sector labels: public/offentlig, civil_society/civilsamfund, private/privat,
philanthropic/filantropisk, knowledge/viden, citizen/borger.

References
----------
.. [1] Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: A formal
   approach to brokerage in transaction networks. *Sociological Methodology*, 19, 89–126.
.. [2] Burt, R. S. (1992). *Structural Holes*. Harvard University Press.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pandas as pd

from graphsvc.errors import ValidationError
from graphsvc.i18n import count
from graphsvc.reference import municipality

__all__ = ["ROLE_ORDER", "SECTOR_LABELS_DA", "SECTOR_LABELS_EN", "role_summary"]

#: Brokerage roles, in the order ties between equal counts are broken.
ROLE_ORDER = ("gatekeeper", "representative", "liaison", "itinerant", "coordinator")

#: The sector labels users see.
SECTOR_LABELS_EN = {
    "public": "public",
    "civil_society": "civil society",
    "private": "private",
    "philanthropic": "philanthropic",
    "knowledge": "knowledge",
    "citizen": "citizen",
}
SECTOR_LABELS_DA = {
    "public": "offentlig",
    "civil_society": "civilsamfund",
    "private": "privat",
    "philanthropic": "filantropisk",
    "knowledge": "viden",
    "citizen": "borger",
}
_SECTOR_ORDER = list(SECTOR_LABELS_EN)

# "between public and civil society actors" / "mellem offentlige aktører og civilsamfundet"
_ACTORS_DA = {
    "public": "offentlige aktører",
    "civil_society": "civilsamfundet",
    "private": "private aktører",
    "philanthropic": "filantropiske aktører",
    "knowledge": "vidensinstitutioner",
    "citizen": "borgerne",
}
# the group as a noun: "represents civil society", "repræsenterer civilsamfundet"
_NOUN_EN = {
    "public": "the public sector",
    "civil_society": "civil society",
    "private": "the private sector",
    "philanthropic": "the foundations",
    "knowledge": "the knowledge institutions",
    "citizen": "the citizens",
}
_NOUN_DA = {
    "public": "den offentlige sektor",
    "civil_society": "civilsamfundet",
    "private": "den private sektor",
    "philanthropic": "fondene",
    "knowledge": "vidensinstitutionerne",
    "citizen": "borgerne",
}
_INTO_EN = {**{k: f"into {v}" for k, v in _NOUN_EN.items()}, "citizen": "to the citizens"}
_INTO_DA = {**{k: f"ind i {v}" for k, v in _NOUN_DA.items()}, "citizen": "ind til borgerne"}
_PLACE_SCALES = frozenset({"local", "municipal", "regional"})


def _label(mapping: dict[str, str], value: Any, attribute: str, fallback: str) -> str:
    if attribute == "sector" and str(value) in mapping:
        return mapping[str(value)]
    return fallback.format(attribute=attribute, value=value)


def _pair_en(a: Any, b: Any, attribute: str) -> str:
    la = _label(SECTOR_LABELS_EN, a, attribute, "{attribute} {value}")
    lb = _label(SECTOR_LABELS_EN, b, attribute, "{attribute} {value}")
    return f"between {la} and {lb} actors"


def _pair_da(a: Any, b: Any, attribute: str) -> str:
    la = _label(_ACTORS_DA, a, attribute, "aktører med {attribute} {value}")
    lb = _label(_ACTORS_DA, b, attribute, "aktører med {attribute} {value}")
    return f"mellem {la} og {lb}"


def _ordered(a: Any, b: Any) -> tuple[Any, Any]:
    def rank(x: Any) -> tuple[int, str]:
        s = str(x)
        return (_SECTOR_ORDER.index(s) if s in _SECTOR_ORDER else len(_SECTOR_ORDER), s)

    return (a, b) if rank(a) <= rank(b) else (b, a)


def _place(attrs: dict[str, Any]) -> tuple[str, str]:
    locality = attrs.get("locality")
    if not locality or attrs.get("scale") not in _PLACE_SCALES:
        return "", ""
    m = municipality(str(locality))
    return (f" in {m.name}", f" i {m.name}") if m else ("", "")


def _role_phrases(role: str, group: Any, attribute: str, attrs: dict[str, Any]) -> tuple[str, str]:
    in_en, in_da = _place(attrs)
    noun_en = _label(_NOUN_EN, group, attribute, "the {attribute} group {value}")
    noun_da = _label(_NOUN_DA, group, attribute, "gruppen {attribute} {value}")
    if role == "gatekeeper":
        into_en = _label(_INTO_EN, group, attribute, "into the {attribute} group {value}")
        into_da = _label(_INTO_DA, group, attribute, "ind i gruppen {attribute} {value}")
        return f"gatekeeper {into_en}{in_en}", f"portvogter {into_da}{in_da}"
    if role == "representative":
        return (
            f"represents {noun_en} towards other sectors{in_en}",
            f"repræsenterer {noun_da} over for andre sektorer{in_da}",
        )
    if role == "liaison":
        return (
            f"links sectors other than its own{in_en}",
            f"forbinder andre sektorer end sin egen{in_da}",
        )
    if role == "itinerant":
        return (
            f"go-between for actors of another sector{in_en}",
            f"mellemled for aktører fra en anden sektor{in_da}",
        )
    return (f"coordinator within {noun_en}{in_en}", f"koordinator inden for {noun_da}{in_da}")


def _ids_of(frame: pd.DataFrame | None) -> pd.DataFrame | None:
    """The frame indexed by actor id (accepts an ``id``/``actor`` column instead)."""
    if frame is None:
        return None
    for col in ("id", "actor", "actor_id"):
        if col in frame.columns and frame.index.name != col:
            return frame.set_index(col)
    return frame


def role_summary(
    G: nx.Graph,
    brokerage_df: pd.DataFrame,
    *,
    sole_brokers_df: pd.DataFrame | None = None,
    articulation_df: pd.DataFrame | None = None,
    attribute: str = "sector",
    lang: str = "en",
) -> pd.Series | pd.DataFrame:
    """One plain-language sentence per actor about its bridging role.

    Parameters
    ----------
    G : networkx.Graph
        The actor graph the measures were computed on (node attributes ``attribute``,
        ``locality``, ``scale``; degrees are read from it).
    brokerage_df : pandas.DataFrame
        Gould–Fernandez role counts indexed by actor id (columns ``coordinator``,
        ``itinerant``, ``representative``, ``gatekeeper``, ``liaison``); actors missing
        from it count as brokering nothing.
    sole_brokers_df : pandas.DataFrame, optional
        Sole brokers indexed by actor id with ``group_a`` and ``group_b``.
    articulation_df : pandas.DataFrame, optional
        Indexed by actor id with ``is_articulation`` (bool) and optionally ``cut_off``.
    attribute : str, default "sector"
        The group attribute the measures used. Sector values get the labels above; other
        attributes are named as ``"<attribute> <value>"``.
    lang : {"en", "da", "both"}, default "en"
        ``"en"``/``"da"``: a Series of sentences (named ``role_en``/``role_da``);
        ``"both"``: a DataFrame with ``role`` (the main role key: ``sole_broker``,
        one of :data:`ROLE_ORDER`, ``articulation`` or ``none``), ``role_en`` and
        ``role_da``.

    Returns
    -------
    pandas.Series or pandas.DataFrame
        Indexed by actor id (``id``), in ``list(G)`` order.

    Raises
    ------
    ValidationError
        For an unknown ``lang`` or a ``brokerage_df`` without the role columns.

    Examples
    --------
    >>> G = nx.Graph([("k", "fc"), ("fc", "f")])
    >>> nx.set_node_attributes(G, {"k": "public", "fc": "civil_society",
    ...                            "f": "civil_society"}, "sector")
    >>> G.nodes["fc"].update(locality="DK-410", scale="local")
    >>> roles = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"]
    >>> b = pd.DataFrame(0, index=["k", "fc", "f"], columns=roles)
    >>> b.loc["fc", ["gatekeeper", "representative"]] = 1
    >>> role_summary(G, b)["fc"]
    'gatekeeper into civil society in Middelfart'
    >>> role_summary(G, b, lang="da")["fc"]
    'portvogter ind i civilsamfundet i Middelfart'

    References
    ----------
    .. [1] Gould, R. V., & Fernandez, R. M. (1989). *Sociological Methodology*, 19, 89–126.
    """
    if lang not in ("en", "da", "both"):
        raise ValidationError(f"lang must be 'en', 'da' or 'both', not {lang!r}")
    missing = [r for r in ROLE_ORDER if r not in brokerage_df.columns]
    if missing:
        raise ValidationError(f"brokerage_df lacks the columns {missing}")
    brokerage = _ids_of(brokerage_df)
    sole = _ids_of(sole_brokers_df)
    cuts = _ids_of(articulation_df)
    assert brokerage is not None
    # Plain dicts, read once: .loc per actor costs a deep copy of the frames' attrs
    # each time (seconds at 100k actors).
    role_counts = brokerage[list(ROLE_ORDER)].astype(float).to_dict("index")
    pairs_of: dict[Any, list[tuple[Any, Any]]] = {}
    if sole is not None:
        for broker, a, b in zip(sole.index, sole["group_a"], sole["group_b"], strict=True):
            pairs_of.setdefault(broker, []).append((a, b))
    cut_off_of: dict[Any, int] = {}
    if cuts is not None:
        cut_column = cuts["cut_off"] if "cut_off" in cuts.columns else pd.Series(0, cuts.index)
        for actor, is_cut, cut_off in zip(
            cuts.index, cuts["is_articulation"], cut_column, strict=True
        ):
            if bool(is_cut):
                cut_off_of[actor] = int(cut_off)

    rows = []
    for v in G:
        attrs = dict(G.nodes[v])
        group = attrs.get(attribute)
        en: list[str] = []
        da: list[str] = []
        key = "none"
        if v in pairs_of:
            ordered = [_ordered(a, b) for a, b in pairs_of[v]]
            en.append(
                "the only link " + " and ".join(_pair_en(a, b, attribute) for a, b in ordered)
            )
            da.append(
                "eneste forbindelse " + " og ".join(_pair_da(a, b, attribute) for a, b in ordered)
            )
            key = "sole_broker"
        counts = role_counts.get(v) or dict.fromkeys(ROLE_ORDER, 0.0)
        best = max(ROLE_ORDER, key=lambda r: (counts[r], -ROLE_ORDER.index(r)))
        if counts[best] > 0:
            phrase_en, phrase_da = _role_phrases(best, group, attribute, attrs)
            if en:
                en.append("also " + phrase_en)
                da.append("desuden " + phrase_da)
            else:
                en.append(phrase_en)
                da.append(phrase_da)
                key = best
        if v in cut_off_of:
            cut_off = cut_off_of[v]
            if cut_off > 0:
                en.append(
                    f"without it {count('en', cut_off, 'actor')} "
                    + ("is" if cut_off == 1 else "are")
                    + " cut off"
                )
                da.append(f"uden den afskæres {count('da', cut_off, 'actor')}")
            else:
                en.append("without it the network splits")
                da.append("uden den falder netværket fra hinanden")
            if key == "none":
                key = "articulation"
        if not en:
            degree = G.degree(v)
            if degree == 0:
                en.append("not tied to anyone")
                da.append("har ingen bånd")
            else:
                en.append(f"tied to {count('en', degree, 'actor')}, with no brokering role")
                da.append(f"har bånd til {count('da', degree, 'actor')}, uden mæglerrolle")
        rows.append({"id": v, "role": key, "role_en": "; ".join(en), "role_da": "; ".join(da)})
    frame = pd.DataFrame(rows, columns=["id", "role", "role_en", "role_da"])
    frame = frame.set_index(pd.Index(frame.pop("id").tolist(), name="id", dtype=object))
    if lang == "both":
        return frame
    return frame[f"role_{lang}"]
