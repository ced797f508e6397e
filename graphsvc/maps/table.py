"""The table view beside a map: its actors, projects and ties as rows (issue #14).

A map is a picture; a screen reader needs its content as text, and an analyst who
checks a map wants it sortable. The page (``visualisations/maptable.js``) draws one
``<table>`` per kind of row from the map's own payload, so it shows exactly what the map
shows, under the same filters, pseudonyms and focus. The names and the measures' text
come from the side panel's entries (``info``); this module adds, in the payload's
deferred part as ``table``, what the panel does not carry in a form a table can use:

* per actor its kind, sector and municipality, and each measure's *raw* value (a column
  sorts by value, not by the text "0,12"); the text shown is the panel's;
* per project its theme, municipalities, status, period and anchoring score;
* per edge its kind, status, period and weight;
* the column titles (the measures under the panel's names, with its explanations),
  the nouns that count the rows, and the map's as-of date.

Cells are text, a number, ``None`` (shown as "–"), or ``[number, text]`` (sorted by the
number, shown as the text). Rows are keyed by node id (``cells``) or in edge order
(``edges``); :func:`columns_of` names the columns of each table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from graphsvc import i18n
from graphsvc.i18n import Lang

__all__ = ["DetailTable", "columns_of", "overview_table"]


def _column(
    key: str, label: str, *, num: bool = False, explain: str | None = None
) -> dict[str, Any]:
    column: dict[str, Any] = {"key": key, "label": label}
    if num:
        column["num"] = 1
    if explain:
        column["explain"] = explain
    return column


def _nouns(lang: Lang, *keys: str) -> dict[str, list[str]]:
    """``noun -> [singular, plural]`` in ``lang`` (the page counts its rows with them)."""
    out = {}
    for key in keys:
        da_one, da_many, en_one, en_many = i18n.NOUNS[key]
        out[key] = [da_one, da_many] if lang == "da" else [en_one, en_many]
    return out


def _words(lang: Lang) -> dict[str, str]:
    W = i18n.ui
    return {key: W(lang, key) for key in ("yes", "no")}


class DetailTable:
    """Collects the table rows of a detail map while :mod:`graphsvc.maps.html` builds it.

    Parameters
    ----------
    lang
        The map's language.
    measure_keys
        The measures columns, in the side panel's order.
    day
        The map's as-of date (ISO), or ``None``: ties then get an "active" column.
    """

    def __init__(self, lang: Lang, measure_keys: Iterable[str], day: str | None) -> None:
        self.lang = lang
        self.measures = list(measure_keys)
        self.day = day
        self.cells: dict[str, list[Any]] = {}
        self.edges: list[list[Any]] = []

    def actor(
        self,
        node: str,
        *,
        kind: str,
        sector: str | None,
        municipality: str | None,
        values: Mapping[str, Any],
    ) -> None:
        """One actor's row: its words, then its measures' raw values (``None`` if absent)."""
        raw = [values.get(k) if isinstance(values.get(k), int | float) else None
               for k in self.measures]  # fmt: skip
        self.cells[node] = [kind, sector, municipality, *raw]

    def project(
        self,
        node: str,
        *,
        theme: str,
        municipalities: str | None,
        status: str,
        period: str | None,
        anchoring: Mapping[str, Any] | None,
    ) -> None:
        """One project's row; its anchoring as ``[score, "41/100 (lav)"]`` when scored."""
        score: Any = None
        if anchoring and anchoring.get("score") is not None:
            band = i18n.label(self.lang, "band", anchoring.get("band"))
            score = [round(float(anchoring["score"])), f"{anchoring['score']:.0f}/100 ({band})"]
        self.cells[node] = [theme, municipalities, status, period, score]

    def tie(self, *, kind: str, status: str, period: str | None, weight: float | None) -> None:
        """One edge's row (in the order of the map's edges)."""
        self.edges.append([kind, status, period, weight])

    def part(self) -> dict[str, Any]:
        """The ``table`` entry of the payload's deferred part."""
        lang = self.lang
        W = i18n.ui
        actors = [
            _column("kind", W(lang, "kind")),
            _column("sector", W(lang, "sector")),
            _column("municipality", W(lang, "municipality")),
            *(
                _column(
                    k,
                    i18n.measure_name(lang, k),
                    num=True,
                    explain=i18n.measure_explanation(lang, k),
                )
                for k in self.measures
            ),
        ]
        projects = [
            _column("theme", W(lang, "theme")),
            _column("localities", W(lang, "localities")),
            _column("status", W(lang, "status")),
            _column("period", W(lang, "period")),
            _column("anchoring", W(lang, "anchoring"), num=True),
        ]
        ties = [
            _column("tie_kind", W(lang, "tie_kind")),
            _column("status", W(lang, "status")),
            _column("period", W(lang, "period")),
            _column("weight", W(lang, "weight"), num=True),
        ]
        return {
            "mode": "detail",
            "as_of": self.day,
            "columns": {"actors": actors, "projects": projects, "ties": ties},
            "cells": self.cells,
            "edges": self.edges,
            "nouns": _nouns(lang, "actor", "project", "tie"),
            "words": _words(lang),
        }


def overview_table(
    lang: Lang, groups: Mapping[str, Mapping[str, int]], weights: Iterable[int]
) -> dict[str, Any]:
    """The ``table`` entry of an overview map: its groups (members counted) and the
    ties between them (``weights``: how many ties each edge stands for, in edge order).

    ``groups`` maps a group's node id to ``{"actors", "projects", "ties_within"}``.
    """
    W = i18n.ui
    columns = [
        _column("actors", W(lang, "actors"), num=True),
        _column("projects", W(lang, "projects"), num=True),
        _column("ties_within", W(lang, "ties_within"), num=True),
    ]
    cells = {
        node: [counts["actors"], counts["projects"], counts["ties_within"]]
        for node, counts in groups.items()
    }
    return {
        "mode": "overview",
        "as_of": None,
        "columns": {"groups": columns, "ties": [_column("weight", W(lang, "ties"), num=True)]},
        "cells": cells,
        "edges": [[w] for w in weights],
        "nouns": _nouns(lang, "group", "tie"),
        "words": _words(lang),
    }


def columns_of(table: Mapping[str, Any], which: str) -> list[str]:
    """The keys of the columns of one of ``table``'s tables (``actors``, ``ties`` …)."""
    return [str(c["key"]) for c in table["columns"][which]]
