"""The map browser: one self-contained HTML page that picks a lens and shows its map.

The app serves it at ``/``; the page loads the maps the app serves at ``maps_url`` into
an ``<iframe>``::

    {maps_url}/{lens}?id=…&lang=…&as_of=…&remove=…&remove=…&size_by=…&radius=…

(URL-encoded; ``id`` only for the municipality / project / ego lenses, ``radius`` only
for ego, ``remove`` — repeated, one actor id each — only for whatif, ``as_of`` only when
a date is chosen; ``lang`` and ``size_by`` always.) The page itself makes no request to
any other host: its CSS (``visualisations/browser.css``) is inlined, its script is the
module ``/assets/browser.js`` (with ``common.js``, :mod:`graphsvc.api.assets`), the
favicon is a ``data:`` URL, and the only other URLs it loads are those maps.

A timeline (a slider over the years the data's dates cover, :func:`data_years`) sets
``as_of`` to 31 December of the chosen year; its "Nu" button clears it (today).

Names come from data: they reach the page through Jinja with autoescaping (option
texts) and the script only ever sets ``textContent``; the configuration is JSON in a
``<script type="application/json">`` with ``<``, ``>``, ``&`` escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
from markupsafe import Markup

from graphsvc import i18n
from graphsvc.filters import SIZE_BY
from graphsvc.maps.html import (
    _asset,
    _hidden_person,
    _json_for_script,
    favicon_url,
    template,
)
from graphsvc.maps.lenses import LENSES
from graphsvc.reference import municipality

__all__ = ["BROWSER_SIZE_BY", "LENS_NEEDS", "browser_choices", "data_years", "render_browser"]

# What each lens needs picked before its map can be drawn.
LENS_NEEDS: dict[str, str | None] = {
    "network": None,
    "municipality": "municipality",
    "project": "project",
    "ego": "actor",
    "brokers": None,
    "whatif": "remove",
}
BROWSER_SIZE_BY = SIZE_BY
RADII: tuple[int, ...] = (1, 2, 3, 4)
DEFAULT_RADIUS = 2
#: The timeline reaches at most this many years past today (an end date planned far
#: ahead would otherwise stretch it).
YEARS_AHEAD = 10
DATE_FIELDS = ("start_date", "end_date")


def _year(value: Any) -> int | None:
    """The year of a date (a ``date`` or an ISO string), or ``None`` (empty, NaN)."""
    if isinstance(value, dt.date):
        return value.year
    text = str(value) if value is not None else ""
    if len(text) >= 4 and text[:4].isdigit():
        return int(text[:4])
    return None


def data_years(
    items: Iterable[Mapping[Any, Any]], *, today: dt.date | None = None
) -> tuple[int, int] | None:
    """The years the timeline runs over: from the first year any item's ``start_date``
    or ``end_date`` names to the last (this year at least, at most ``YEARS_AHEAD`` past
    it), or ``None`` when no item has a date.

    Examples
    --------
    >>> data_years([{"start_date": "2011-01-01"}, {"end_date": "2014-12-31"}],
    ...            today=dt.date(2026, 5, 1))
    (2011, 2026)
    >>> data_years([{"start_date": None}]) is None
    True
    """
    this_year = (today or dt.date.today()).year
    years = {
        y
        for item in items
        for field in DATE_FIELDS
        if (y := _year(item.get(field))) is not None and y <= this_year + YEARS_AHEAD
    }
    if not years:
        return None
    return min(years), max(max(years), this_year)


def _choices(items: Iterable[tuple[str, str]], what: str) -> list[dict[str, str]]:
    """``(id, name)`` pairs as options sorted by name (then id), ids unique."""
    seen: set[str] = set()
    out: list[dict[str, str]] = []
    for item in items:
        try:
            ident, name = item
        except (TypeError, ValueError):
            raise ValueError(f"{what} must be (id, name) pairs, not {item!r}") from None
        ident = str(ident)
        if not ident or ident in seen:
            continue
        seen.add(ident)
        out.append({"id": ident, "name": str(name) if name not in (None, "") else ident})
    out.sort(key=lambda o: (o["name"].casefold(), o["id"]))
    return out


def browser_choices(network: nx.MultiDiGraph, *, redact_persons: bool = True) -> dict[str, Any]:
    """The pickers' lists from a network, as keyword arguments of :func:`render_browser`.

    ``actors``: every actor but, with ``redact_persons``, persons without
    ``consent_to_publish`` (the maps do not name them, so neither does the picker);
    ``projects``: every project; ``municipalities``: the localities of the actors and
    projects, named from the municipality reference (``("DK-410", "Middelfart")``);
    ``years``: the timeline's years (:func:`data_years` of the projects and ties).
    """
    actors: list[tuple[str, str]] = []
    projects: list[tuple[str, str]] = []
    places: set[str] = set()
    for n, data in network.nodes(data=True):
        name = str(data.get("name") or n)
        if data.get("type") == "project":
            projects.append((str(n), name))
            places.update(str(x) for x in data.get("localities") or [] if x)
            continue
        if data.get("locality"):
            places.add(str(data["locality"]))
        if _hidden_person(data, redact_persons):
            continue
        actors.append((str(n), name))
    municipalities = []
    for code in sorted(places):
        found = municipality(code)
        municipalities.append((code, found.name if found else code))
    dated = [d for _, d in network.nodes(data=True) if d.get("type") == "project"]
    dated += [d for _, _, d in network.edges(data=True)]
    return {
        "actors": actors,
        "projects": projects,
        "municipalities": municipalities,
        "years": data_years(dated),
    }


def render_browser(
    *,
    lang: str,
    actors: list[tuple[str, str]],
    projects: list[tuple[str, str]],
    municipalities: list[tuple[str, str]],
    maps_url: str = "/maps",
    reports_url: str = "/reports",
    years: tuple[int, int] | None = None,
    surveys_url: str = "/surveys/new",
) -> str:
    """The map browser page (self-contained HTML, Danish or English).

    Parameters
    ----------
    lang
        ``"da"`` or ``"en"``: the page's words, and the maps' language it starts with.
    actors, projects, municipalities
        ``(id, name)`` pairs for the pickers: actor ids (ego lens, actors to remove in
        whatif), project ids, locality codes (``("DK-410", "Middelfart")``). Names are
        shown as text, never as HTML.
    maps_url
        Where the app serves the maps (``{maps_url}/{lens}?…``; see the module doc).
    reports_url
        Where the app serves reports (``{reports_url}/{lens}/{id}?lang=…``): the page
        links a project's or a municipality's view to its printable report.
    years
        ``(first, last)``: the timeline's range (:func:`data_years`); without it the
        page has no timeline.
    surveys_url
        Where the app's page to create a network survey is (``{surveys_url}?project=…``):
        the page links a project's or a municipality's view to it.

    Returns
    -------
    str
        The HTML document.

    Raises
    ------
    ValueError
        For another ``lang``, or items that are not ``(id, name)`` pairs.
    """
    language = i18n.check_lang(lang)
    other: i18n.Lang = "en" if language == "da" else "da"
    W = i18n.ui
    lists = {
        "municipality": _choices(municipalities, "municipalities"),
        "project": _choices(projects, "projects"),
        "actor": _choices(actors, "actors"),
    }
    lenses = [
        {
            "name": lens,
            "label": W(language, f"lens_{lens}"),
            "help": W(language, f"lens_{lens}_help"),
            "needs": LENS_NEEDS[lens] or "",
        }
        for lens in LENSES
    ]
    base = str(maps_url).rstrip("/")
    config: dict[str, Any] = {
        "mapsUrl": base,
        "reportsUrl": str(reports_url).rstrip("/"),
        "surveysUrl": str(surveys_url),
        "lang": language,
        "needs": LENS_NEEDS,
        "defaultRadius": DEFAULT_RADIUS,
        "defaultSizeBy": BROWSER_SIZE_BY[0],
        "ui": {
            key: W(language, key)
            for key in (
                "loading",
                "showing",
                "needs_choice",
                "remove_item",
                "nothing_chosen",
                "map",
                "timeline_now",
                "timeline_end_of",
            )
        },
    }
    return template("browser.html").render(
        lang=language,
        other_lang=other,
        favicon=favicon_url(),
        ui=i18n.ui_table(language),
        lenses=lenses,
        lists=lists,
        radii=RADII,
        years=list(years) if years else None,
        default_radius=DEFAULT_RADIUS,
        size_by=[(m, i18n.label(language, "measure", m)) for m in BROWSER_SIZE_BY],
        langs=[(code, W(language, f"lang_{code}")) for code in i18n.LANGS],
        # Markup: our own assets and JSON escaped by _json_for_script, never raw data text.
        css=Markup(_asset("browser.css")),  # noqa: S704
        config=Markup(_json_for_script(config)),  # noqa: S704
    )
