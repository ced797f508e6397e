"""Build self-contained HTML maps of the network (pyvis data model, vis-network 9.1.2).

The page makes no request to any other host: vis-network is read at build time from the
installed pyvis package (``pyvis/templates/lib/vis-9.1.2/vis-network.min.js``) and
inlined, pyvis' own template (which always links bootstrap from a CDN) is not used, and
the map UI (``visualisations/map.html``, ``map.css``, and ``map.js`` with the modules it
imports, made one script by :mod:`graphsvc.maps.scripts`) is inlined too: a map is also
a file opened from disk, where a browser loads no ES module.

All data text reaches the page as JSON inside ``<script type="application/json">``
with ``<``, ``>`` and ``&`` written as ``\\u003c`` … and the page's script only puts it
into the DOM through ``textContent`` (tooltips are DOM elements, not HTML strings); the
legend and headings are rendered by Jinja with autoescaping.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

import jinja2
import networkx as nx
import pandas as pd
import pyvis
from markupsafe import Markup
from pyvis.network import Network

from graphsvc import i18n
from graphsvc.analysis.anchoring import is_local
from graphsvc.analysis.partner import TIE_STATES
from graphsvc.dates import format_date, format_period
from graphsvc.i18n import Lang
from graphsvc.maps import aggregate as agg
from graphsvc.maps.index import index_of
from graphsvc.maps.layout import fruchterman_reingold, separate, split_rings
from graphsvc.maps.lenses import View, edge_id, make_view
from graphsvc.maps.payload import compact
from graphsvc.maps.scripts import inline_script
from graphsvc.maps.survey_ties import (
    STATE_DASHES,
    TRUST_COLOURS,
    band_label,
    survey_tie,
    survey_tip,
    trust_band,
)
from graphsvc.maps.table import DetailTable, overview_table
from graphsvc.money import format_amount
from graphsvc.privacy import MASK_PATTERN, person_label
from graphsvc.reference import municipality, source_title
from graphsvc.resources import resource_dir

__all__ = [
    "AGGREGATE_THRESHOLD",
    "build_pyvis",
    "render_map",
    "vis_network_js",
    "write_map",
]

AGGREGATE_THRESHOLD = 3000
VIS_VERSION = "9.1.2"

# Okabe & Ito's colour-blind-safe palette ("Color Universal Design", 2008): every pair of
# sector colours stays apart under simulated protanopia and deuteranopia (Machado,
# Oliveira & Fernandes 2009; tests/maps/test_colours.py). The light ones (orange, sky
# blue) are under 3:1 against white, so every node is drawn with a dark border (12.6:1)
# and its sector is also said in words (legend, tooltip, side panel) — WCAG 1.4.1, 1.4.11.
OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "bluish_green": "#009E73",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "sky_blue": "#56B4E9",
    "yellow": "#F0E442",
}
SECTOR_COLOURS: dict[str, str] = {
    "public": OKABE_ITO["blue"],
    "civil_society": OKABE_ITO["bluish_green"],
    "private": OKABE_ITO["orange"],
    "philanthropic": OKABE_ITO["reddish_purple"],
    "knowledge": OKABE_ITO["sky_blue"],
    "citizen": OKABE_ITO["vermillion"],
}
# Other colourings (kind, municipality, group): the seven colours, the rest "other".
PALETTE = list(OKABE_ITO.values())
ANCHORING_COLOURS = {"local": OKABE_ITO["bluish_green"], "non_local": OKABE_ITO["vermillion"]}
NODE_BORDER = "#333333"
ACTOR_GREY = "#9aa5b1"
PROJECT_COLOUR = "#f0c330"
PROJECT_BORDER = "#9a7a00"
REMOVED = "#d62728"
OTHER_COLOUR = "#c7c7c7"

# Tie kinds: Okabe and Ito's four darker colours, grey, and six more chosen so that every
# pair stays at least 15 CIELAB units apart for normal, protanope and deuteranope vision
# (Machado et al. 2009) and every line has 3:1 against the white map
# (tests/maps/test_colours.py). Participation (a member's faint line to its project) is
# the one light grey, named in the legend.
TIE_COLOURS: dict[str, str] = {
    "partnership": OKABE_ITO["blue"],
    "funding": OKABE_ITO["reddish_purple"],
    "membership": OKABE_ITO["bluish_green"],
    "knowledge_exchange": "#7766ff",
    "referral": OKABE_ITO["vermillion"],
    "mentoring": "#880077",
    "agreement": "#881100",
    "coordination": "#22aa55",
    "oversight": "#555555",
    "employment": "#2233aa",
    "volunteering": "#0000ff",
    "participation": "#b3b3b3",
}

# vis-network shapes whose size follows ``size``; kinds share shapes by family.
KIND_SHAPES: dict[str, str] = {
    "municipality": "square",
    "region": "square",
    "state_agency": "square",
    "hospital": "square",
    "association": "dot",
    "citizen_group": "dot",
    "person": "dot",
    "other": "dot",
    "national_ngo": "triangle",
    "volunteer_centre": "triangle",
    "network": "triangle",
    "foundation": "star",
    "company": "triangleDown",
    "housing_organisation": "triangleDown",
    "school": "hexagon",
    "university": "hexagon",
    "research_institute": "hexagon",
}
PROJECT_SHAPE = "diamond"
SHAPE_GLYPHS = {
    "square": "■",
    "dot": "●",
    "triangle": "▲",
    "star": "★",
    "triangleDown": "▼",
    "hexagon": "⬢",
    "diamond": "◆",
}
FILTER_KEYS = ("sector", "kind", "loc", "theme", "tie")
SIZE_MEASURES = ("degree", "betweenness", "total", "constraint", "z_total", "none")

VISUALISATIONS_ENV = "GRAPHSVC_VISUALISATIONS_DIR"

# Labels at the first zoom: views up to ALL_LABELS_UP_TO nodes label every node; larger
# ones label the LABEL_SHARE largest actors (by the size measure, then degree), the
# LABEL_SHARE projects with most ties, and the lens' own nodes (focus, brokers, removed).
# The page labels every node once zoomed in (``map.js``).
LABEL_SHARE = 0.15
ALL_LABELS_UP_TO = 40
# Views up to this many nodes get their overlapping nodes pushed apart (layout.separate).
SEPARATE_UP_TO = 1500
PROJECT_SIZE = 13.0
#: The node attribute that carries a hidden person's label once ids are pseudonymised.
PSEUDONYM = "_pseudonym"


# ----------------------------------------------------------------------------- assets


def _visualisations_dir() -> Path:
    env = os.environ.get(VISUALISATIONS_ENV)
    if env:
        return Path(env)
    return resource_dir("visualisations")


@cache
def _asset(name: str) -> str:
    return (_visualisations_dir() / name).read_text("utf-8")


@cache
def favicon_url() -> str:
    """The favicon (``visualisations/favicon.svg``, three connected dots) as a ``data:`` URL.

    Every page links it inline, so neither a served page nor a map file opened from disk
    asks for ``/favicon.ico`` (:mod:`graphsvc.api.assets` serves that to whatever asks).

    Examples
    --------
    >>> favicon_url().startswith("data:image/svg+xml,%3Csvg")
    True
    """
    return "data:image/svg+xml," + quote(_asset("favicon.svg").strip(), safe="")


@cache
def _inlined(entry: str) -> str:
    """Module ``entry`` of ``visualisations/`` and its imports as one classic script."""
    return inline_script(entry, _asset)


@cache
def vis_network_js() -> str:
    """The vis-network bundle that ships inside the installed pyvis package."""
    path = (
        Path(pyvis.__file__).parent
        / "templates"
        / "lib"
        / f"vis-{VIS_VERSION}"
        / ("vis-network.min.js")
    )
    text = re.sub(r"^//# sourceMappingURL=.*$", "", path.read_text("utf-8"), flags=re.M)
    return _script_safe(text)


def _script_safe(js: str) -> str:
    return js.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT")


@cache
def template(name: str) -> jinja2.Template:
    """A page template of ``visualisations/`` (autoescaped: user text stays text)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_visualisations_dir())),
        autoescape=True,
        keep_trailing_newline=True,
    )
    return env.get_template(name)


def _json_for_script(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">`` (and deterministic)."""
    text = json.dumps(
        data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    )
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


# ----------------------------------------------------------------------------- helpers


def _iso(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)[:10]


def _active(data: Mapping[str, Any], day: str | None) -> bool:
    if day is None:
        return True
    start, end = _iso(data.get("start_date")), _iso(data.get("end_date"))
    return (start is None or start <= day) and (end is None or day <= end)


def _clean(value: Any) -> Any:
    """Make a measure value JSON-friendly (NaN -> None, numpy -> Python)."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return round(value, 4)
    if isinstance(value, int | str | bool):
        return value
    return str(value)


def _period(lang: Lang, data: Mapping[str, Any]) -> str | None:
    """Start and end as the source wrote them ("2011 – 2014", "marts 2016 – …")."""
    start = format_date(_iso(data.get("start_date")), _value(data.get("start_precision")), lang)
    end = format_date(_iso(data.get("end_date")), _value(data.get("end_precision")), lang)
    if not start and not end:
        return None
    return f"{start or '…'} – {end or '…'}"


def _value(value: Any) -> Any:
    """A cell's value, or None for an empty one (tables give NaN)."""
    return value if _present(value) else None


def _inferred_names(lang: Lang, data: Mapping[str, Any]) -> str:
    """The inferred fields of an item in words ("rolle, start"), or ""."""
    fields = data.get("inferred_fields")
    if not isinstance(fields, list | tuple) or not fields:
        return ""
    return ", ".join(i18n.label(lang, "field", f).lower() for f in fields)


def _inferred(lang: Lang, data: Mapping[str, Any]) -> str:
    """The mark of an item some of whose fields are inferred: " (udledt: rolle)", or ""."""
    names = _inferred_names(lang, data)
    return f" ({i18n.ui(lang, 'inferred')}: {names})" if names else ""


def _member_counts(lang: Lang, value: Any) -> str:
    """A group's member counts: "20 (2012); ca. 80"."""
    if not _present(value):
        return ""
    try:
        counts = json.loads(value) if isinstance(value, str) else list(value)
    except (json.JSONDecodeError, TypeError):
        return ""
    about = "ca." if lang == "da" else "about"
    shown = []
    for c in counts:
        text = f"{about} {c.get('count')}" if c.get("approximate") else str(c.get("count"))
        when = format_date(c.get("on"), c.get("precision"), lang)
        shown.append(f"{text} ({when})" if when else text)
    return "; ".join(shown)


def _place_fact(lang: Lang, data: Mapping[str, Any]) -> str:
    """A place below or above the municipality, with its level: "Uldum (by)"."""
    place = _value(data.get("place"))
    if not place:
        return ""
    level = _value(data.get("place_level"))
    return f"{place} ({i18n.label(lang, 'place_level', level)})" if level else str(place)


def _named(network: nx.MultiDiGraph, item_id: Any) -> str:
    """The name of the actor or project ``item_id`` (the id when it is not on the map)."""
    if not _present(item_id):
        return ""
    if item_id not in network:
        return str(item_id)
    data = network.nodes[item_id]
    # a hidden person is named by her pseudonym (set when ids are pseudonymised)
    return str(data.get(PSEUDONYM) or data.get("name", item_id))


def _money(lang: Lang, data: Mapping[str, Any]) -> str:
    """A tie's money as the panel shows it: "Bevilling: 250.000 DKK (kontant tilskud)"."""
    amount = format_amount(data.get("amount"), data.get("currency"), lang)
    if not amount:
        return ""
    support = data.get("support")
    kind = f" ({i18n.label(lang, 'support', support)})" if _present(support) else ""
    return f"{i18n.ui(lang, 'funding')}: {amount}{kind}"


def _present(value: Any) -> bool:
    """A cell with a value (tables give NaN or None for an empty one)."""
    return value is not None and value == value and value != ""


def _place(locality: Any) -> str | None:
    if not locality:
        return None
    found = municipality(str(locality))
    return f"{found.name} ({locality})" if found else str(locality)


def _truthy(value: Any) -> bool:
    """A flag that may arrive as a bool or as CSV text (``"false"`` is false)."""
    if isinstance(value, str):
        return value.strip().casefold() in ("true", "1", "yes", "ja", "y", "t")
    return bool(value) and not (isinstance(value, float) and math.isnan(value))


def _hidden_person(data: Mapping[str, Any], redact: bool) -> bool:
    return redact and _truthy(data.get("is_person")) and not _truthy(data.get("consent_to_publish"))


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
    return f"rgba({r},{g},{b},{alpha})"


class _Measures:
    """Measures by actor id as plain dicts (row look-ups in pandas are slow)."""

    def __init__(self, frame: pd.DataFrame | None, nodes: Iterable[str] | None = None) -> None:
        self.columns: set[str] = set()
        self.rows: dict[str, dict[str, Any]] = {}
        if frame is None:
            return
        if nodes is not None:  # only the rows of the nodes drawn (a map shows a few hundred)
            frame = frame[frame.index.isin(list(nodes))]
        frame = frame[~frame.index.duplicated(keep="first")]
        self.columns = {str(c) for c in frame.columns}
        for idx, row in zip(frame.index, frame.to_dict(orient="records"), strict=True):
            self.rows[str(idx)] = {str(k): _clean(v) for k, v in row.items()}

    def get(self, node: str, column: str) -> Any:
        return self.rows.get(node, {}).get(column)

    def row(self, node: str) -> dict[str, Any]:
        return self.rows.get(node, {})


def _as_str_ids(network: nx.MultiDiGraph) -> nx.MultiDiGraph:
    if all(isinstance(n, str) for n in network.nodes):
        return network
    return nx.relabel_nodes(network, {n: str(n) for n in network.nodes}, copy=True)


# ----------------------------------------------------------------------------- colours


class _Colouring:
    """Colour of each node by one attribute, with its legend."""

    def __init__(
        self,
        network: nx.MultiDiGraph,
        view: View,
        measures: _Measures,
        color_by: str,
        lang: Lang,
    ) -> None:
        self.by = color_by
        self.lang = lang
        self.values: dict[str, str | None] = {}
        for n in view.nodes:
            data = network.nodes[n]
            if color_by == "anchoring":
                marks = view.node_marks.get(n, set())
                value = (
                    "local" if "local" in marks else "non_local" if "non_local" in marks else None
                )
            elif color_by in data and data[color_by] not in (None, ""):
                value = str(data[color_by])
            elif color_by in measures.columns:
                raw = measures.get(n, color_by)
                value = None if raw is None else agg._community_key(raw)
            else:
                value = None
            if data.get("type") == "project" and color_by in ("sector", "kind", "anchoring"):
                value = None
            self.values[n] = value
        counts = Counter(v for v in self.values.values() if v is not None)
        if color_by == "sector":
            self.colours = {v: SECTOR_COLOURS.get(v, OTHER_COLOUR) for v in counts}
        elif color_by == "anchoring":
            self.colours = {v: ANCHORING_COLOURS[v] for v in counts}
        else:
            ranked = sorted(counts, key=lambda v: (-counts[v], v))
            self.colours = {v: PALETTE[i] for i, v in enumerate(ranked[: len(PALETTE)])}
            for v in ranked[len(PALETTE) :]:
                self.colours[v] = OTHER_COLOUR
        self.counts = counts

    def colour(self, node: str, is_project: bool) -> str:
        value = self.values.get(node)
        if value is None:
            return PROJECT_COLOUR if is_project else ACTOR_GREY
        return self.colours[value]

    def value_label(self, value: str) -> str:
        return _value_label(self.lang, self.by, value)

    def legend(self) -> list[dict[str, Any]]:
        items: dict[str, dict[str, Any]] = {}
        order = sorted(self.counts, key=lambda v: (-self.counts[v], v))
        for v in order:
            colour = self.colours[v]
            label = (
                self.value_label(v)
                if colour != OTHER_COLOUR or self.by == "sector"
                else i18n.ui(self.lang, "other")
            )
            item = items.setdefault(colour + label, {"colour": colour, "label": label, "count": 0})
            item["count"] += self.counts[v]
        return list(items.values())


def _value_label(lang: Lang, by: str, value: str) -> str:
    if by in ("sector", "kind", "scale", "theme", "anchoring"):
        return i18n.label(lang, by, value)
    if by == "status":
        return i18n.label(lang, "project_status", value)
    if by == "locality":
        found = municipality(value)
        return found.name if found else value
    if by == "community":
        return f"{i18n.label(lang, 'type', 'group')} {value}"
    return value


# ----------------------------------------------------------------------------- sizes


def _sizes(
    network: nx.MultiDiGraph, view: View, measures: _Measures, size_by: str
) -> dict[str, float]:
    actors = [n for n in view.nodes if network.nodes[n].get("type") != "project"]
    values: dict[str, float] = {}
    if size_by == "none":
        return dict.fromkeys(actors, 16.0)
    for n in actors:
        raw: Any = None
        if size_by in measures.columns:
            raw = measures.get(n, size_by)
        elif size_by == "degree":
            raw = network.degree(n)
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            values[n] = float(raw)
    if not values:
        if size_by != "degree" and size_by not in measures.columns:
            raise ValueError(f"size_by={size_by!r} needs measures with a {size_by!r} column")
        return dict.fromkeys(actors, 16.0)  # nothing to size by (no actors, or no values)
    lo, hi = min(values.values()), max(values.values())
    out: dict[str, float] = {}
    for n in actors:
        v = values.get(n)
        if v is None or hi <= lo:
            out[n] = 10.0 if v is None else 16.0
        else:
            out[n] = round(8.0 + 24.0 * math.sqrt((v - lo) / (hi - lo)), 1)
    return out


def _labelled(
    network: nx.MultiDiGraph, view: View, nodes: list[str], sizes: Mapping[str, float]
) -> set[str]:
    """The nodes that carry a label at the first zoom (see ``LABEL_SHARE``)."""
    if len(nodes) <= ALL_LABELS_UP_TO:
        return set(nodes)
    actors = [n for n in nodes if network.nodes[n].get("type") != "project"]
    projects = [n for n in nodes if network.nodes[n].get("type") == "project"]

    def top(items: list[str], key: Any) -> list[str]:
        if not items:
            return []
        return sorted(items, key=key)[: max(1, math.ceil(LABEL_SHARE * len(items)))]

    out = set(top(actors, lambda n: (-sizes.get(n, 0.0), -network.degree(n), n)))
    out |= set(top(projects, lambda n: (-network.degree(n), n)))
    if view.focus is not None:
        out.add(view.focus)
    out |= {n for n in nodes if view.node_marks.get(n, set()) & {"broker", "removed"}}
    return out


# ----------------------------------------------------------------------------- facts


def _measure_keys(row: Mapping[str, Any]) -> list[str]:
    """The numeric measures of an actor's row, in the side panel's order (known ones first,
    then any other numeric column; the role sentences and facts are not measures)."""
    numeric = {
        k
        for k, v in row.items()
        if isinstance(v, int | float) and not isinstance(v, bool) and not k.startswith("role_")
    }
    known = [k for k in i18n.MEASURE_ORDER if k in numeric]
    return known + sorted(numeric - set(known))


def _table_measures(network: nx.MultiDiGraph, nodes: Iterable[str], table: _Measures) -> list[str]:
    """The measures of the table view's columns: every numeric measure of an actor shown
    (hidden persons' rows show none), in the side panel's order."""
    numeric: dict[str, float] = {}
    for n in nodes:
        if network.nodes[n].get("type") != "project":
            numeric.update((k, 0.0) for k in _measure_keys(table.row(n)))
    return _measure_keys(numeric)


def _sector_reach(network: nx.MultiDiGraph, node: str) -> list[str]:
    """Sectors of the actors this actor is tied to (directly or through a project)."""
    sectors: set[str] = set()
    for m in (*network.predecessors(node), *network.successors(node)):
        data = network.nodes[m]
        if data.get("type") == "project":
            if network.degree(m) <= 400:
                for p in (*network.predecessors(m), *network.successors(m)):
                    if p != node and network.nodes[p].get("sector"):
                        sectors.add(str(network.nodes[p]["sector"]))
        elif data.get("sector"):
            sectors.add(str(data["sector"]))
    return sorted(sectors)


def _actor_info(
    network: nx.MultiDiGraph,
    n: str,
    lang: Lang,
    measures: _Measures,
    redact: bool,
    marks: set[str],
) -> dict[str, Any]:
    data = network.nodes[n]
    L = i18n.label
    W = i18n.ui
    if _hidden_person(data, redact):
        return {
            "name": _person_name(n, data),
            "sub": L(lang, "kind", "person"),
            "facts": [[W(lang, "municipality"), _place(data.get("locality")) or "–"]],
            "note": W(lang, "anonymised"),
        }
    facts = [
        [W(lang, "kind"), L(lang, "kind", data.get("kind"))],
        [W(lang, "sector"), L(lang, "sector", data.get("sector"))],
        [W(lang, "scale"), L(lang, "scale", data.get("scale"))],
        [W(lang, "municipality"), _place(data.get("locality")) or "–"],
    ]
    if data.get("region"):
        facts.append([W(lang, "region"), str(data["region"])])
    for key, value in (
        ("place", _place_fact(lang, data)),
        ("life", _period(lang, data)),
        ("successor", _named(network, data.get("successor_id"))),
        ("member_kind", L(lang, "kind", data["member_kind"]) if _present(data.get("member_kind"))
         else ""),
        ("member_counts", _member_counts(lang, data.get("member_counts"))),
    ):  # fmt: skip
        if value:
            facts.append([W(lang, key), value])
    if _inferred_names(lang, data):
        facts.append([W(lang, "inferred_note"), _inferred_names(lang, data)])
    roles: list[list[str]] = []
    participations = (
        (p, edata) for p, keyed in network.succ[n].items() for edata in keyed.values()
    )
    for p, edata in participations:
        if edata.get("type") == "participation":
            pname = str(network.nodes[p].get("name", p))
            line = [pname, L(lang, "role", edata.get("role"))]
            if edata.get("status") == "proposed":
                line[1] += f" ({L(lang, 'tie_status', 'proposed')})"
            period = _period(lang, edata)
            if period:
                line[1] += f", {period}"
            money = _money(lang, edata)
            if money:
                line[1] += f", {money}"
            line[1] += _inferred(lang, edata)
            roles.append(line)
    # by project, then role: the same page whatever order the ties were stored in
    roles.sort(key=lambda r: (r[0].casefold(), r[1]))
    row = measures.row(n)
    shown = [
        [i18n.measure_name(lang, k), _fmt(row[k], lang), i18n.measure_explanation(lang, k) or ""]
        for k in _measure_keys(row)
    ]
    bridging: list[str] = []
    sentence = row.get(f"role_{lang}") or row.get("role_en")
    if sentence:
        bridging.append(str(sentence))
    reach = _sector_reach(network, n)
    if len(reach) > 1:
        bridging.append(
            ("Forbinder sektorerne: " if lang == "da" else "Connects the sectors: ")
            + ", ".join(L(lang, "sector", s) for s in reach)
        )
    if "broker" in marks:
        bridging.append(W(lang, "broker"))
    info: dict[str, Any] = {
        "name": str(data.get("name", n)),
        "sub": f"{L(lang, 'kind', data.get('kind'))} · {L(lang, 'sector', data.get('sector'))}",
        "facts": facts,
        "tags": [i18n.tag_words(str(t)) for t in data.get("tags") or []],
        "description": data.get("description") or None,
        "sources": _sources(data, lang),
        "passage": data.get("source_passage") or None,
        "roles": roles,
        "measures": shown,
        "bridging": bridging,
    }
    agreements = _agreements_of(network, n, lang)
    if agreements:
        info["agreements"] = agreements
    if "removed" in marks:
        info["note"] = W(lang, "removed")
    return info


#: Where a map's network keeps the agreements it was built with (see :func:`_agreements_of`).
AGREEMENTS = "agreements"


def _agreements_of(network: nx.MultiDiGraph, n: str, lang: Lang) -> list[str]:
    """One line per agreement the actor is a party to: its name, the other parties, its
    period and the projects it serves (the side panel)."""

    def name(node: str) -> str:
        return str(network.nodes[node].get("name", node)) if node in network else node

    lines = []
    for agreement in network.graph.get(AGREEMENTS, {}).values():
        parties = list(agreement.get("party_ids") or [])
        if n not in parties:
            continue
        others = sorted((name(p) for p in parties if p != n), key=str.casefold)
        with_word = "med" if lang == "da" else "with"
        parts = [f"{with_word} {', '.join(others)}"]
        period = format_period(
            _iso(agreement.get("start_date")), agreement.get("start_precision"),
            _iso(agreement.get("end_date")), agreement.get("end_precision"), lang,
        )  # fmt: skip
        if period:
            parts.append(period)
        money = _money(lang, agreement)
        if money:
            parts.append(money)
        projects = [name(p) for p in agreement.get("project_ids") or []]
        if projects:
            parts.append(f"{i18n.ui(lang, 'projects_served')}: {', '.join(projects)}")
        if agreement.get("status") == "proposed":
            parts.append(i18n.label(lang, "tie_status", "proposed"))
        lines.append(f"{agreement.get('name') or agreement.get('id')} — {'; '.join(parts)}")
    return sorted(lines, key=str.casefold)


def _sources(data: Mapping[str, Any], lang: Lang) -> list[str]:
    """An item's sources as document titles (:func:`graphsvc.reference.source_title`)."""
    return [source_title(str(s)) for s in data.get("sources") or [] if str(s).strip()]


def _fmt(value: Any, lang: Lang = "en") -> str:
    """A number as the language writes it (Danish: decimal comma, thousands point)."""
    if isinstance(value, float):
        text = f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
        if "e" in text:  # 3 significant digits of a tiny share: no exponent for a planner
            text = f"{value:.4f}"
    else:
        text = str(value)
    if lang == "da":
        text = text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return text


def _project_info(
    network: nx.MultiDiGraph, n: str, lang: Lang, view: View, redact: bool
) -> dict[str, Any]:
    data = network.nodes[n]
    L = i18n.label
    W = i18n.ui
    localities = [str(x) for x in data.get("localities") or []]
    facts = [
        [W(lang, "theme"), L(lang, "theme", data.get("theme"))],
        [W(lang, "localities"), ", ".join(_place(x) or x for x in localities) or "–"],
        [W(lang, "status"), L(lang, "project_status", data.get("status"))],
    ]
    period = _period(lang, data)
    if period:
        facts.append([W(lang, "period"), period])
    for key, value in (
        ("place", _place_fact(lang, data)),
        ("part_of", _named(network, data.get("part_of"))),
        ("follows", _named(network, data.get("follows"))),
    ):
        if value:
            facts.append([W(lang, key), value])
    if _inferred_names(lang, data):
        facts.append([W(lang, "inferred_note"), _inferred_names(lang, data)])
    partners: list[list[str]] = []
    # Local as the anchoring analysis counts it: distinct actors, its is_local rule.
    actors: set[str] = set()
    local: set[str] = set()
    incoming = ((a, edata) for a, keyed in network.pred[n].items() for edata in keyed.values())
    for a, edata in incoming:
        if edata.get("type", "participation") != "participation":
            continue
        adata = network.nodes[a]
        name = (
            _person_name(a, adata) if _hidden_person(adata, redact) else str(adata.get("name", a))
        )
        local_partner = is_local(adata, localities)
        actors.add(a)
        if local_partner:
            local.add(a)
        role = L(lang, "role", edata.get("role"))
        money = _money(lang, edata)
        if money:
            role += f", {money}"
        role += _inferred(lang, edata)
        if local_partner:
            role += f" · {L(lang, 'anchoring', 'local')}"
        partners.append([name, role])
    partners.sort(key=lambda r: (r[0].casefold(), r[1]))
    figure = data.get("anchoring")
    if figure:  # the analysis' figure, as the CLI, the API and the workshop show it (#12)
        facts.append([W(lang, "anchoring"), _anchoring_fact(lang, figure)])
    elif actors:  # drawn without the analysis: the partners on this map, named as such
        facts.append([W(lang, "local_partners"), f"{len(local)}/{len(actors)}"])
    return {
        "name": str(data.get("name", n)),
        "sub": f"{W(lang, 'project')} · {L(lang, 'theme', data.get('theme'))}",
        "facts": facts,
        "tags": [i18n.tag_words(str(t)) for t in data.get("tags") or []],
        "description": data.get("description") or None,
        "sources": _sources(data, lang),
        "passage": data.get("source_passage") or None,
        "roles": partners,
        "roles_title": W(lang, "partners"),
        "measures": [],
        "bridging": [],
    }


def _anchoring_fact(lang: Lang, figure: Mapping[str, Any]) -> str:
    """ "41/100 (lav) · 3 af 7 deltagere er lokale", or what is missing."""
    band = i18n.label(lang, "band", figure["band"])
    if figure["score"] is None:
        missing = figure.get("missing") or ["participants"]
        return f"{band} ({i18n.label(lang, 'missing', missing[0])})"
    n = figure["n_participants"]
    key = "local_of_one" if n == 1 else "local_of_many"
    local = i18n.phrase(lang, key, local=figure["n_local"], n=n)
    return f"{figure['score']:.0f}/100 ({band}) · {local}"


def _scrub_descriptions(network: nx.MultiDiGraph, info: dict[str, Any]) -> None:
    """Replace the names of hidden persons in descriptions and passages by their labels."""
    nodes = network._node
    labels = {
        str(nodes[n]["name"]).strip(): _person_name(n, nodes[n])
        for n in _hidden_persons(network)
        if nodes[n].get("type") != "project" and nodes[n].get("name")
    }
    names = sorted((n for n in labels if n), key=len, reverse=True)
    if not names:
        return
    pattern = re.compile("|".join(re.escape(n) for n in names), re.IGNORECASE)
    folded = {n.casefold(): label for n, label in labels.items()}
    for entry in info.values():
        for field in ("description", "passage"):
            text = entry.get(field)
            if isinstance(text, str) and text:
                entry[field] = pattern.sub(lambda m: folded[m.group(0).casefold()], text)


# ----------------------------------------------------------------------------- build


#: Above this many nodes hovering shows nothing (no hover colours, no hover tooltips):
#: it would redraw thousands of nodes on every mouse move.
HOVER_UP_TO = 1000


def _without_empty(entry: dict[str, Any]) -> dict[str, Any]:
    """A panel/tooltip entry without its empty fields (the page treats absent as empty)."""
    return {k: v for k, v in entry.items() if v is not None and v != "" and v != []}


def _options(n_nodes: int) -> dict[str, Any]:
    big = n_nodes > HOVER_UP_TO
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "edges": {"smooth": False, "selectionWidth": 1.5},
        "nodes": {
            "font": {
                "size": 14,
                "face": "system-ui, sans-serif",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "scaling": {"label": {"enabled": False, "drawThreshold": 6}},
            "borderWidth": 1.5,
        },
        "interaction": {
            "hover": not big,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "multiselect": False,
        },
    }


def build_pyvis(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> Network:
    """A pyvis ``Network`` holding the map's nodes, edges and options.

    Filled directly (``net.nodes`` / ``net.edges``): pyvis' ``add_node`` is quadratic.
    """
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.nodes = nodes
    net.edges = edges
    net.node_ids = [n["id"] for n in nodes]
    net.options = _options(len(nodes))
    return net


def _title(lang: Lang, view: View, network: nx.MultiDiGraph, title: str | None) -> str:
    if title:
        return title
    base = i18n.ui(lang, f"lens_{view.lens}")
    if view.lens == "municipality":
        place = _place(view.summary.get("municipality"))
        return f"{base}: {place}"
    if view.focus is not None:
        data = network.nodes[view.focus]
        if _hidden_person(data, True):
            return base
        return f"{base}: {data.get('name', view.focus)}"
    return f"{i18n.ui(lang, 'map')} · {base}"


def render_map(
    network: nx.MultiDiGraph,
    *,
    lens: str = "network",
    focus: str | None = None,
    radius: int = 2,
    measures: pd.DataFrame | None = None,
    lang: str = "en",
    as_of: dt.date | str | None = None,
    color_by: str | None = None,
    size_by: str = "degree",
    removed: Iterable[Any] | Mapping[str, Any] | None = None,
    title: str | None = None,
    ended: Literal["fade", "hide"] = "fade",
    top_k: int | None = None,
    aggregate_threshold: int = AGGREGATE_THRESHOLD,
    aggregate_by: str | None = None,
    drilldown_url: str | None = None,
    redact_persons: bool = True,
    seed: int = 42,
) -> str:
    """Render a self-contained, offline HTML map of ``network``.

    Parameters
    ----------
    network
        ``MultiDiGraph`` in the shape of ``graphsvc.analysis.snapshot.build_network``:
        actor and project nodes (``type``), participation and collaboration edges.
    lens
        ``"network"``, ``"municipality"`` (focus = locality code), ``"project"`` (focus =
        project id), ``"ego"`` (focus = actor id, ``radius`` steps), ``"brokers"`` (needs
        ``measures`` with ``total`` or ``z_total``; ``top_k`` or z ≥ 1.96) or ``"whatif"``
        (``removed``). See :mod:`graphsvc.maps.lenses`.
    focus, radius, top_k, removed
        Lens arguments. ``removed`` holds node ids, edge ids (an edge's ``id`` attribute
        or ``"u|v|key"``), ``(u, v)`` pairs or ``(u, v, key)`` triples; they are drawn
        faded red.
    measures
        Optional DataFrame indexed by actor id (``betweenness``, ``total``, ``constraint``,
        ``degree``, ``community``, ``role_en``/``role_da`` …): node sizes and side panel.
    lang
        ``"da"`` or ``"en"``: every label, legend and UI word.
    as_of
        Date (``date`` or ISO string). Ties and projects not active on that day are
        faded (``ended="fade"``) or left out (``ended="hide"``).
    color_by
        A node attribute (``sector``, ``kind``, ``scale``, ``locality``, ``region`` …), a
        measures column (``community``) or ``"anchoring"``. Default: ``"anchoring"`` for the
        project lens, ``"sector"`` otherwise.
    size_by
        ``degree`` (from measures, else counted), ``betweenness``, ``total``, ``constraint``,
        ``z_total``, any numeric measures column, or ``none``.
    title
        Page title; default: the lens and its focus.
    aggregate_threshold, aggregate_by
        Views with more actors than the threshold become an overview of groups
        (``community`` when measures have it, else ``municipality``).
    drilldown_url
        URL template for a group's own map in the overview, with ``{key}`` and ``{by}``
        (e.g. ``"/maps?lens=municipality&focus={key}"``). Without it (the file case) the
        side panel lists the group's members; the page also fires ``graphsvc:drilldown``.
    redact_persons
        Persons without ``consent_to_publish`` are shown without name or details.
    seed
        Layout seed: the same data and arguments give byte-identical HTML.

    Returns
    -------
    str
        The HTML document.
    """
    language = i18n.check_lang(lang)
    if ended not in ("fade", "hide"):
        raise ValueError("ended must be 'fade' or 'hide'")
    network = _as_str_ids(network)
    if measures is not None:
        measures = measures.copy()
        if pd.api.types.infer_dtype(measures.index, skipna=False) != "string":
            measures.index = measures.index.map(str)
    if redact_persons:
        network, measures, focus, removed = _pseudonymise_ids(network, measures, focus, removed)
    view = make_view(
        network, lens, focus=focus, radius=radius, measures=measures, removed=removed, top_k=top_k
    )
    day = _iso(as_of)
    if color_by is None:
        color_by = "anchoring" if view.lens == "project" else "sector"
    node_data = network._node  # networkx' own dict: its view costs more than the count
    n_actors = sum(1 for n in view.nodes if node_data[n].get("type") != "project")
    if n_actors > aggregate_threshold:
        return _render_overview(
            network,
            view,
            measures=measures,
            lang=language,
            day=day,
            title=title,
            aggregate_by=aggregate_by,
            drilldown_url=drilldown_url,
            redact=redact_persons,
            seed=seed,
        )
    return _render_detail(
        network,
        view,
        measures=measures,
        lang=language,
        day=day,
        color_by=color_by,
        size_by=size_by,
        title=title,
        ended=ended,
        redact=redact_persons,
        seed=seed,
    )


def person_pseudonyms(network: nx.MultiDiGraph) -> dict[str, str]:
    """The ids a map shows for persons without consent to publish: ``{id: "person-N"}``.

    Numbered in id order; a map drawn from the pseudonymised tables (as the core and
    the API draw them) has masked ids there, whose order is that of
    :func:`graphsvc.privacy.pseudonyms`, so ``person-N`` is labelled ``Person N`` on
    the map exactly as in workshops, exports and the API."""
    hidden = sorted(_hidden_persons(network))
    return {node: f"person-{number}" for number, node in enumerate(hidden, start=1)}


def _hidden_persons(network: nx.MultiDiGraph) -> list[Any]:
    """The nodes of persons without consent to publish; if ``network`` is indexed, only
    the nodes that may be persons are read (:attr:`graphsvc.maps.index.NetworkIndex.persons`)."""
    index = index_of(network)
    nodes = network._node
    candidates = nodes if index is None else index.persons
    return [n for n in candidates if _hidden_person(nodes[n], True)]


def _person_name(node: str, data: Mapping[str, Any]) -> str:
    """A hidden person's label on the map: ``Person N`` (:func:`graphsvc.privacy.person_label`)."""
    return str(data.get(PSEUDONYM) or person_label(0))


_LABEL = re.compile(r"^Person [0-9]+$")


def _pseudonymise_ids(
    network: nx.MultiDiGraph,
    measures: pd.DataFrame | None,
    focus: str | None,
    removed: Iterable[Any] | Mapping[str, Any] | None,
) -> tuple[nx.MultiDiGraph, pd.DataFrame | None, str | None, Any]:
    """Hidden persons get ids ``person-1``, ``person-2``… and their ties ``tie-1``…:
    their ids are name slugs, and the ids of their ties usually contain them.

    Numbered in id order, so the same data still gives the same HTML.
    """
    mapping: dict[Any, Any] = dict(person_pseudonyms(network))
    if not mapping:
        return network, measures, focus, removed
    renamed = nx.MultiDiGraph()
    renamed.graph.update(network.graph)

    def label(node: str, data: Mapping[str, Any]) -> str:
        # already pseudonymised (a report's network): its label numbers it among all
        # hidden persons, as the report's text does; keep it
        name = data.get("name")
        if MASK_PATTERN.match(node) and isinstance(name, str) and _LABEL.match(name):
            return name
        return person_label(int(mapping[node].rsplit("-", 1)[1]))

    renamed.add_nodes_from(
        (mapping[n], {**d, PSEUDONYM: label(n, d)}) if n in mapping else (n, d)
        for n, d in network.nodes(data=True)
    )
    ties = sorted(
        (str(k), u, v, k, d)
        for u, v, k, d in network.edges(keys=True, data=True)
        if u in mapping or v in mapping
    )
    tie_ids = {k: f"tie-{n}" for n, (_, _, _, k, _) in enumerate(ties, start=1)}
    for u, v, k, d in network.edges(keys=True, data=True):
        key = tie_ids.get(k, k)
        data = {**d, "id": key} if "id" in d else d
        if d.get("proposed_by") in mapping:  # an actor id: a hidden person's goes too
            data = {**data, "proposed_by": mapping[d["proposed_by"]]}
        renamed.add_edge(mapping.get(u, u), mapping.get(v, v), key=key, **data)
    mapping.update(tie_ids)

    def rename(value: Any) -> Any:
        if isinstance(value, str):
            return mapping.get(value, value)
        if isinstance(value, tuple):
            return tuple(rename(part) for part in value)
        return value

    network = renamed
    if measures is not None:
        measures = measures.rename(index=mapping)
    if isinstance(removed, Mapping):
        removed = {key: [rename(v) for v in values] for key, values in removed.items()}
    elif removed is not None:
        removed = [rename(v) for v in removed]
    return network, measures, rename(focus), removed


def _render_detail(
    network: nx.MultiDiGraph,
    view: View,
    *,
    measures: pd.DataFrame | None,
    lang: Lang,
    day: str | None,
    color_by: str,
    size_by: str,
    title: str | None,
    ended: str,
    redact: bool,
    seed: int,
) -> str:
    W = i18n.ui
    L = i18n.label
    node_active = {
        n: network.nodes[n].get("type") != "project" or _active(network.nodes[n], day)
        for n in view.nodes
    }
    # Which edges to draw, and which are ended as of ``day``: a tie to a project that is
    # not active then is not active either (the network as of that day leaves it out).
    edges: list[tuple[str, str, Any, str, bool]] = []
    for u, v, k in view.edges:
        data = network.edges[u, v, k]
        active = _active(data, day) and node_active.get(u, True) and node_active.get(v, True)
        if not active and ended == "hide":
            continue
        edges.append((u, v, k, edge_id(network, u, v, k), active))
    if ended == "hide" and day is not None:
        gone = {n for n, ok in node_active.items() if not ok}
        if gone:
            view.nodes = [n for n in view.nodes if n not in gone]
            edges = [e for e in edges if e[0] not in gone and e[1] not in gone]

    if view.layout == "split" and view.split is not None:
        centre, left, right = view.split
        pos = split_rings(centre, left, right)
    else:
        weighted = [
            (u, v, float(network.edges[u, v, k].get("weight") or 1.0)) for u, v, k, _, _ in edges
        ]
        count = len(view.nodes)
        spacing = max(55.0, 140.0 - 10.0 * math.log2(max(count, 2)))
        pos = fruchterman_reingold(view.nodes, weighted, seed=seed, spacing=spacing)

    table = _Measures(measures, view.nodes)
    rows = DetailTable(lang, _table_measures(network, view.nodes, table), day)
    colouring = _Colouring(network, view, table, color_by, lang)
    sizes = _sizes(network, view, table, size_by)
    if view.layout != "split" and len(view.nodes) <= SEPARATE_UP_TO:
        pos = separate(pos, {n: sizes.get(n, PROJECT_SIZE) for n in view.nodes})

    themes_of: dict[str, set[str]] = {}
    for u, v, _k, _, _ in edges:
        ud, vd = network.nodes[u], network.nodes[v]
        if vd.get("type") == "project" and vd.get("theme") and ud.get("type") != "project":
            themes_of.setdefault(u, set()).add(str(vd["theme"]))

    labelled = _labelled(network, view, view.nodes, sizes)

    nodes_out: list[dict[str, Any]] = []
    hover = len(view.nodes) <= HOVER_UP_TO
    info: dict[str, Any] = {}
    filter_counts: dict[str, Counter[str]] = {k: Counter() for k in FILTER_KEYS}
    shapes_used: dict[str, set[str]] = {}
    for n in view.nodes:
        data = network.nodes[n]
        marks = view.node_marks.get(n, set())
        is_project = data.get("type") == "project"
        hidden_person = not is_project and _hidden_person(data, redact)
        name = _person_name(n, data) if hidden_person else str(data.get("name", n))
        colour = colouring.colour(n, is_project)
        border = PROJECT_BORDER if is_project else NODE_BORDER
        node: dict[str, Any] = {
            "id": n,
            "label": _short(name),
            "x": pos[n][0],
            "y": pos[n][1],
            "shape": PROJECT_SHAPE if is_project else KIND_SHAPES.get(str(data.get("kind")), "dot"),
            "size": PROJECT_SIZE if is_project else sizes.get(n, 12.0),
            "g": "project" if is_project else "actor",
        }
        if n in labelled:
            node["lb"] = 1
        if is_project:
            locs = [str(x) for x in data.get("localities") or []] or [agg.NO_GROUP]
            f = {"loc": locs, "theme": [str(data.get("theme") or "other")]}
            shapes_used.setdefault(PROJECT_SHAPE, set()).add(W(lang, "project"))
        else:
            f = {
                "sector": [str(data.get("sector") or "")],
                "kind": [str(data.get("kind") or "")],
                "loc": [str(data.get("locality") or agg.NO_GROUP)],
                "theme": sorted(themes_of.get(n, set())),
            }
            shapes_used.setdefault(node["shape"], set()).add(L(lang, "kind", data.get("kind")))
        for key, values in f.items():
            for value in values:
                filter_counts[key][value] += 1
        node["f"] = f
        alpha = 1.0
        if "outside" in marks:
            alpha = 0.45
        if not node_active[n]:
            alpha = 0.25
            node["m"] = ["ended"]
        background = colour if alpha == 1.0 else _rgba(colour, alpha)
        border_colour = border if alpha == 1.0 else _rgba(border, alpha)
        width = 1.5
        if "broker" in marks:
            border_colour, width = "#111111", 4.5
        if "removed" in marks:
            background, border_colour, width = _rgba(REMOVED, 0.35), REMOVED, 2.5
            node["shapeProperties"] = {"borderDashes": [4, 3]}
        node["color"] = {
            "background": background,
            "border": border_colour,
            "highlight": {"background": background, "border": "#000000"},
        }
        if hover:
            node["color"]["hover"] = {"background": background, "border": "#000000"}
        node["borderWidth"] = width
        if marks:
            node["m"] = sorted(set(node.get("m", [])) | marks)
        nodes_out.append(node)
        if is_project:
            info[n] = _project_info(network, n, lang, view, redact)
            localities = ", ".join(_place(x) or x for x in data.get("localities") or [])
            rows.project(
                n,
                theme=L(lang, "theme", data.get("theme")),
                municipalities=localities or None,
                status=L(lang, "project_status", data.get("status")),
                period=_period(lang, data),
                anchoring=data.get("anchoring"),
            )
        else:
            info[n] = _actor_info(network, n, lang, table, redact, marks)
            rows.actor(  # a hidden person's row says no more than her panel
                n,
                kind=L(lang, "kind", "person" if hidden_person else data.get("kind")),
                sector=None if hidden_person else L(lang, "sector", data.get("sector")),
                municipality=_place(data.get("locality")),
                values={} if hidden_person else table.row(n),
            )
    if redact:
        _scrub_descriptions(network, info)

    edges_out: list[dict[str, Any]] = []
    ties_used: Counter[str] = Counter()
    trust_used: Counter[int] = Counter()  # surveyed ties by trust band (survey_ties.py)
    states_used: set[str] = set()
    any_directed = any_proposed = any_ended = False
    for u, v, _k, eid, active in edges:
        data = network.edges[u, v, _k]
        etype = data.get("type")
        kind = "participation" if etype == "participation" else str(data.get("kind") or "other")
        filter_counts["tie"][kind] += 1
        colour = TIE_COLOURS.get(kind, "#888888")
        by_trust = False
        marks = view.edge_marks.get(eid, set())
        edge: dict[str, Any] = {"id": eid, "from": u, "to": v, "k": kind}
        if etype == "participation":
            width = 1.0
            tip = [L(lang, "role", data.get("role")), str(network.nodes[v].get("name", v))]
            money = _money(lang, data)
            if money:
                tip.append(money)
        else:
            weight = float(data.get("weight") or 1.0)
            width = round(min(5.0, max(1.0, 1.5 + math.log2(weight))), 2)
            tip = [L(lang, "tie_kind", kind)]
            if weight != 1.0:
                tip.append(f"{W(lang, 'weight')}: {_fmt(weight)}")
            if _truthy(data.get("directed")):
                edge["arrows"] = "to"
                any_directed = True
            money = _money(lang, data)
            if money:
                tip.append(money)
            served = data.get("project_ids")
            if isinstance(served, list | tuple) and served:
                names = ", ".join(_named(network, p) for p in served)
                tip.append(f"{W(lang, 'serves_projects')}: {names}")
            if _present(data.get("proposed_by")):
                tip.append(f"{W(lang, 'proposed_by')}: {_named(network, data['proposed_by'])}")
            survey = survey_tie(data)
            if survey is not None:  # a tie a survey wrote: coloured by trust, dashed if unconfirmed
                tip.extend(survey_tip(lang, survey))
                if survey.trust is not None:
                    colour, by_trust = TRUST_COLOURS[trust_band(survey.trust)], True
                    trust_used[trust_band(survey.trust)] += 1
                if survey.state is not None:
                    states_used.add(survey.state)
                    if survey.state in STATE_DASHES:
                        edge["dashes"] = STATE_DASHES[survey.state]
        if not by_trust:  # the legend's kinds count the ties drawn in their kind's colour
            ties_used[kind] += 1
        if _inferred(lang, data):
            tip.append(_inferred(lang, data).strip(" ()"))
        tip.append(L(lang, "tie_status", data.get("status") or "existing"))
        period = _period(lang, data)
        if period:
            tip.append(period)
        sources = _sources(data, lang)
        if sources:
            tip.append(f"{W(lang, 'sources')}: {'; '.join(sources[:2])}")
        if data.get("status") == "proposed":
            edge["dashes"] = True
            any_proposed = True
        opacity = 0.85
        if not active:
            opacity = 0.2
            edge["m"] = ["ended"]
            any_ended = True
        if "removed" in marks:
            colour, opacity = REMOVED, 0.5
            edge["m"] = sorted(set(edge.get("m", [])) | marks)
            tip.append(W(lang, "removed"))
        edge["color"] = {"color": colour, "opacity": opacity, "highlight": "#000000"}
        edge["width"] = width
        edge["tip"] = tip
        edges_out.append(edge)
        rows.tie(
            kind=L(lang, "tie_kind", kind)
            + (f" ({L(lang, 'role', data.get('role'))})" if etype == "participation" else ""),
            status=L(lang, "tie_status", data.get("status") or "existing"),
            period=period,
            weight=None if etype == "participation" else float(data.get("weight") or 1.0),
        )

    legend: dict[str, Any] = {
        "colour_title": f"{W(lang, 'colour')}: "
        + (W(lang, color_by) if color_by in i18n.UI_WORDS else color_by),
        "colours": colouring.legend(),
        "shapes": [
            {"glyph": SHAPE_GLYPHS.get(shape, "●"), "labels": sorted(labels)}
            for shape, labels in sorted(
                shapes_used.items(), key=lambda kv: (kv[0] == PROJECT_SHAPE, kv[0])
            )
        ],
        "size_title": f"{W(lang, 'size')}: {L(lang, 'measure', size_by)}",
        "size_note": W(lang, "size_low_high") if size_by != "none" else "",
        "ties": [
            {"colour": TIE_COLOURS.get(k, "#888888"), "label": L(lang, "tie_kind", k), "count": c}
            for k, c in sorted(ties_used.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        + [
            {"colour": TRUST_COLOURS[b], "label": band_label(lang, b), "count": trust_used[b]}
            for b in sorted(trust_used, reverse=True)
        ],
        "marks": [
            {
                "style": f"survey-{state}",
                "label": f"{W(lang, 'survey')}: {L(lang, 'tie_confirmation', state)}",
            }
            for state in TIE_STATES
            if state in states_used
        ],
    }
    if any_directed:
        legend["marks"].append({"style": "arrow", "label": W(lang, "directed")})
    if any_proposed:
        legend["marks"].append({"style": "dashed", "label": W(lang, "proposed")})
    if any_ended:
        legend["marks"].append({"style": "faded", "label": W(lang, "ended")})
    all_marks = set().union(*view.node_marks.values()) if view.node_marks else set()
    if view.edge_marks:
        all_marks |= set().union(*view.edge_marks.values())
    if "removed" in all_marks:
        legend["marks"].append({"style": "removed", "label": W(lang, "removed")})
    if "broker" in all_marks:
        legend["marks"].append({"style": "broker", "label": W(lang, "broker")})
    if "outside" in all_marks:
        legend["marks"].append({"style": "outside", "label": W(lang, "outside")})

    filters = _filter_options(lang, filter_counts)
    net = build_pyvis(nodes_out, edges_out)
    payload = {
        "mode": "detail",
        "lang": lang,
        "nodes": net.nodes,
        "edges": net.edges,
        "options": net.options,
        "info": {n: _without_empty(entry) for n, entry in info.items()},
        "focus": view.focus,
        "ui": i18n.ui_table(lang),
        "table": rows.part(),
    }
    return _page(
        lang=lang,
        title=_title(lang, view, network, title),
        payload=payload,
        legend=legend,
        filters=filters,
        summary=_summary(lang, view, day, len(nodes_out), len(edges_out)),
        description=_description(lang, network, view.nodes, len(edges_out)),
        overview=False,
    )


def _filter_options(lang: Lang, counts: dict[str, Counter[str]]) -> list[dict[str, Any]]:
    groups = []
    for key, ui_key, label_group in (
        ("sector", "sector", "sector"),
        ("kind", "kind", "kind"),
        ("loc", "municipality", None),
        ("theme", "theme", "theme"),
        ("tie", "tie_kind", "tie_kind"),
    ):
        options: list[dict[str, Any]] = []
        for value, count in counts[key].items():
            if value == "":
                continue
            if label_group is None:
                found = municipality(value)
                text = (
                    found.name
                    if found
                    else (i18n.ui(lang, "no_locality") if value == agg.NO_GROUP else value)
                )
            else:
                text = i18n.label(lang, label_group, value)
            options.append({"value": value, "label": text, "count": count})
        options.sort(key=lambda o: (o["label"].casefold(), o["value"]))
        if len(options) > 1:
            groups.append({"key": key, "title": i18n.ui(lang, ui_key), "options": options})
    return groups


def _summary(lang: Lang, view: View, day: str | None, n_nodes: int, n_edges: int) -> list[str]:
    W = i18n.ui
    out = []
    if day:
        out.append(f"{W(lang, 'as_of')} {day}")
    s = view.summary
    if view.lens == "project":
        out.append(f"{W(lang, 'local_partners')}: {s['local_partners']}")
        out.append(f"{W(lang, 'non_local_partners')}: {s['non_local_partners']}")
    if view.lens == "brokers":
        out.append(f"{W(lang, 'broker')}: {s['broker']}")
    if view.lens == "whatif":
        out.append(f"{W(lang, 'removed')}: {s['removed']}")
    if view.lens == "ego":
        out.append(f"{W(lang, 'focus_depth')}: {s['focus_depth']}")
    out.append(f"{_counted(lang, 'node', n_nodes)}, {_counted(lang, 'tie', n_edges)}")
    return out


# The text alternative; its counted words (singular, plural) are graphsvc.i18n.NOUNS.
_DESCRIPTION = {
    "da": ("Kort over {parts}.", "Brug søgefeltet til at finde en aktør og se dens forbindelser."),
    "en": ("Map of {parts}.", "Use the search field to find an actor and see its ties."),
}
_OVERVIEW_DESCRIPTION = {
    "da": "Oversigtskort: {actors} samlet i {groups}.",
    "en": "Overview map: {actors} gathered in {groups}.",
}


def _counted(lang: Lang, word: str, n: int) -> str:
    """``n`` and ``word`` in the singular or plural (``1 aktør``, ``2 aktører``)."""
    return i18n.count(lang, n, word)


def _description(lang: Lang, network: nx.MultiDiGraph, nodes: list[str], n_ties: int) -> str:
    """What the map shows, in words: the text alternative of the drawing."""
    projects = sum(1 for n in nodes if network.nodes[n].get("type") == "project")
    actors = len(nodes) - projects
    parts = [_counted(lang, "actor", actors)]
    if projects:
        parts.append(_counted(lang, "project", projects))
    parts.append(_counted(lang, "tie", n_ties))
    joined = ", ".join(parts[:-1]) + (" og " if lang == "da" else " and ") + parts[-1]
    shows, how = _DESCRIPTION[lang]
    return shows.format(parts=joined) + " " + how


def _render_overview(
    network: nx.MultiDiGraph,
    view: View,
    *,
    measures: pd.DataFrame | None,
    lang: Lang,
    day: str | None,
    title: str | None,
    aggregate_by: str | None,
    drilldown_url: str | None,
    redact: bool,
    seed: int,
) -> str:
    W = i18n.ui
    by = agg.choose_by(measures, aggregate_by)
    over = agg.aggregate(network, view.nodes, by=by, measures=measures)
    pos = fruchterman_reingold(
        list(over.groups),
        [(a, b, float(w)) for (a, b), w in over.ties.items()],
        seed=seed,
        spacing=120.0,
    )
    biggest = max(len(g.members) for g in over.groups.values())
    # networkx' own dicts (as agg.aggregate reads them): a large view's members are half
    # the network, and its views cost more than the reads
    node_data, succ, pred = network._node, network._succ, network._pred
    index = index_of(network)

    def degree(m: str) -> int:
        if index is not None:
            return int(index.degree[index.position[m]])
        return sum(map(len, succ[m].values())) + sum(map(len, pred[m].values()))

    nodes_out: list[dict[str, Any]] = []
    info: dict[str, Any] = {}
    sector_count: Counter[str] = Counter()
    counted: dict[str, dict[str, int]] = {}  # the table view's columns
    prefix = i18n.label(lang, "type", "group")
    project_word = W(lang, "project")
    for key, group in over.groups.items():
        member_data = [node_data[m] for m in group.members]
        sectors = Counter(
            str(d.get("sector"))
            for d in member_data
            if d.get("type") != "project" and d.get("sector")
        )
        top = min(sectors, key=lambda s: (-sectors[s], s)) if sectors else None
        if top:
            sector_count[top] += 1
        colour = SECTOR_COLOURS.get(top or "", ACTOR_GREY)
        name = agg.group_label(
            by,
            key,
            unknown=W(lang, "no_locality") if by == "municipality" else W(lang, "unknown"),
            prefix=prefix,
        )
        size = round(10.0 + 40.0 * math.sqrt(len(group.members) / biggest), 1)
        nodes_out.append(
            {
                "id": f"group:{key}",
                "label": f"{_short(name)} ({len(group.members)})",
                "x": pos[key][0],
                "y": pos[key][1],
                "size": size,
                "shape": "dot",
                "g": "group",
                "lb": 1,
                "key": key,
                "color": {
                    "background": colour,
                    "border": "#333333",
                    "highlight": {"background": colour, "border": "#000000"},
                },
            }
        )
        members = sorted(
            zip(group.members, member_data, strict=True),
            key=lambda item: (-degree(item[0]), item[0]),
        )
        listed = []
        for m, mdata in members:
            is_project = mdata.get("type") == "project"
            hidden = not is_project and _hidden_person(mdata, redact)
            label = _person_name(m, mdata) if hidden else str(mdata.get("name", m))
            what = project_word if is_project else i18n.label(lang, "kind", mdata.get("kind"))
            listed.append([m, label, what])
        url = None
        if drilldown_url:
            url = drilldown_url.replace("{key}", quote(key, safe="")).replace("{by}", by)
        counted[f"group:{key}"] = {
            "actors": group.actors,
            "projects": group.projects,
            "ties_within": group.internal_ties,
        }
        info[f"group:{key}"] = {
            "name": name,
            "sub": f"{prefix} · {W(lang, 'municipality') if by == 'municipality' else by}",
            "facts": [
                [i18n.label(lang, "type", "actor"), str(group.actors)],
                [W(lang, "projects"), str(group.projects)],
                [W(lang, "ties_within"), str(group.internal_ties)],
            ],
            "members": listed,
            "drilldown": url,
            "key": key,
            "by": by,
        }
    wmax = max(over.ties.values(), default=1)
    edges_out = [
        {
            "id": f"group:{a}|group:{b}",
            "from": f"group:{a}",
            "to": f"group:{b}",
            "width": round(1.0 + 7.0 * math.sqrt(w / wmax), 2),
            "color": {"color": "#7a7a7a", "opacity": 0.55, "highlight": "#000000"},
            "tip": [f"{w} {('forbindelser' if lang == 'da' else 'ties')}"],
            "k": "group",
        }
        for (a, b), w in over.ties.items()
    ]
    legend: dict[str, Any] = {
        "colour_title": f"{W(lang, 'colour')}: {W(lang, 'sector')}",
        "colours": [
            {
                "colour": SECTOR_COLOURS.get(s, ACTOR_GREY),
                "label": i18n.label(lang, "sector", s),
                "count": c,
            }
            for s, c in sorted(sector_count.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "shapes": [{"glyph": "●", "labels": [f"{prefix} ({W(lang, 'members')})"]}],
        "size_title": f"{W(lang, 'size')}: {W(lang, 'members')}",
        "size_note": "",
        "ties": [{"colour": "#7a7a7a", "label": W(lang, "ties"), "count": len(edges_out)}],
        "marks": [],
    }
    net = build_pyvis(nodes_out, edges_out)
    payload = {
        "mode": "overview",
        "lang": lang,
        "nodes": net.nodes,
        "edges": net.edges,
        "options": net.options,
        "info": info,
        "focus": None,
        "ui": i18n.ui_table(lang),
        "table": overview_table(lang, counted, over.ties.values()),
    }
    summary = [W(lang, "overview")]
    if day:
        summary.insert(0, f"{W(lang, 'as_of')} {day}")
    summary.append(
        f"{_counted(lang, 'node', len(view.nodes))} → {_counted(lang, 'group', len(nodes_out))}"
    )
    return _page(
        lang=lang,
        title=_title(lang, view, network, title),
        payload=payload,
        legend=legend,
        filters=[],
        summary=summary,
        description=_OVERVIEW_DESCRIPTION[lang].format(
            actors=_counted(lang, "actor", len(view.nodes)),
            groups=_counted(lang, "group", len(nodes_out)),
        ),
        overview=True,
    )


def _page(
    *,
    lang: Lang,
    title: str,
    payload: dict[str, Any],
    legend: dict[str, Any],
    filters: list[dict[str, Any]],
    summary: list[str],
    description: str,
    overview: bool,
) -> str:
    # nodes and edges as columns for the first frame; the panel and tooltips after it
    first, later = compact(payload)
    # Markup: our own assets and JSON escaped by _json_for_script, never raw data text.
    return template("map.html").render(
        lang=lang,
        title=title,
        ui=i18n.ui_table(lang),
        legend=legend,
        filters=filters,
        summary=summary,
        description=description,
        overview=overview,
        favicon=favicon_url(),
        css=Markup(_asset("map.css")),  # noqa: S704
        vis_js=Markup(vis_network_js()),  # noqa: S704
        map_js=Markup(_script_safe(_inlined("map.js"))),  # noqa: S704
        payload=Markup(_json_for_script(first)),  # noqa: S704
        later=Markup(_json_for_script(later)),  # noqa: S704
        later_first=_opens_on_a_node(payload),
    )


def _opens_on_a_node(payload: Mapping[str, Any]) -> bool:
    """Whether the page opens with a node's panel (its focus is a node it draws, not a
    municipality): then the deferred part, which the panel reads, comes first."""
    focus = payload.get("focus")
    return focus is not None and any(node["id"] == focus for node in payload["nodes"])


def write_map(html: str, path: str | os.PathLike[str]) -> Path:
    """Write ``html`` to ``path`` as UTF-8 (pyvis' ``write_html`` uses the locale's encoding).

    Returns
    -------
    pathlib.Path
        The path written.
    """
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    return out


def mark_updating(page: str, lang: Lang) -> str:
    """``page`` (a map drawn before the latest change) saying that it is being updated,
    at the head of its summary, as a polite status message.

    Examples
    --------
    >>> page = mark_updating('<div id="summary"><span>3</span></div>', "en")
    >>> page.startswith('<div id="summary"><span class="updating" role="status">The map is')
    True
    >>> page.endswith("</span><span>3</span></div>")
    True
    """
    notice = (
        f'<div id="summary"><span class="updating" role="status">'
        f"{html.escape(i18n.ui(lang, 'being_updated'))}</span>"
    )
    return page.replace('<div id="summary">', notice, 1)
