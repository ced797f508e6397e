"""Unit tests of the map browser page: offline, escaped, both languages; and the lens
rules the maps share with the analyses (anchoring, labels, layout)."""

from __future__ import annotations

import json
import math
import re
from html import unescape

import pytest

from graphsvc.analysis.anchoring import is_local, local_anchoring
from graphsvc.maps import render_browser, render_map
from graphsvc.maps.browser import BROWSER_SIZE_BY, browser_choices
from graphsvc.maps.html import ALL_LABELS_UP_TO, LABEL_SHARE, favicon_url
from graphsvc.maps.layout import separate
from graphsvc.maps.lenses import LENSES, make_view
from graphsvc.maps.payload import read_payload
from tests.maps.map_synthetic import EVIL
from tests.maps.seed_server import seed_map

LISTS = {
    "actors": [
        ("middelfart-kommune", "Middelfart Kommune"),
        ("evil", EVIL),
        ("trygfonden", "TrygFonden"),
    ],
    "projects": [("legepatruljen", "Legepatruljen"), ("p2", "<b>bold</b> & co")],
    "municipalities": [("DK-410", "Middelfart"), ("DK-101", "København")],
}


def browser_config(html: str) -> dict:
    m = re.search(
        r'<script type="application/json" id="graphsvc-browser">(.*?)</script>', html, re.S
    )
    assert m
    return json.loads(m.group(1))


def map_payload(html: str) -> dict:
    return read_payload(html)  # nodes and edges expanded from the page's columns


# ----------------------------------------------------------------------------- browser page


@pytest.mark.parametrize("lang", ["da", "en"])
def test_browser_has_no_external_resources(lang):
    html = render_browser(lang=lang, **LISTS)
    # The one script file is the page's entry module, from this site (/assets).
    assert re.findall(r"<script[^>]*\ssrc\s*=[^>]*>", html, re.I) == [
        '<script type="module" src="/assets/browser.js">'
    ]
    links = re.findall(r"<link\b[^>]*>", html, re.I)
    assert links == [f'<link rel="icon" href="{favicon_url()}">']  # no favicon request either
    assert favicon_url().startswith("data:image/svg+xml,")
    assert not re.search(
        r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", html.replace('content="width=device-width', ""), re.I
    )
    assert not re.search(r"url\(\s*[\"']?(https?:)?//", html, re.I)
    assert not re.search(r"<(img|embed|object)\b", html, re.I)
    assert "@import" not in html
    # Exactly our two scripts: the configuration (JSON) and the page's module.
    assert len(re.findall(r"<script\b", html, re.I)) == 2
    # The one iframe starts empty; the script gives it the map URL.
    assert re.findall(r"<iframe\b[^>]*>", html) == [
        f'<iframe id="map-frame" title="{"Netværkskort" if lang == "da" else "Network map"}"'
        ' src="about:blank">'
    ]


def test_browser_escapes_names():
    html = render_browser(lang="da", **LISTS)
    assert EVIL not in html
    assert '<option value="evil">&lt;script&gt;alert(1)&lt;/script&gt;</option>' in html
    assert "<b>bold</b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in html
    # Ids are attribute-escaped too, and maps_url stays inside the JSON configuration.
    odd = render_browser(
        lang="en",
        actors=[('a"><script>x()</script>', "A")],
        projects=[],
        municipalities=[],
        maps_url="/m</script><script>alert(3)",
    )
    assert "<script>x()" not in odd and "</script><script>alert(3)" not in odd
    assert browser_config(odd)["mapsUrl"] == "/m</script><script>alert(3)"


def test_browser_languages():
    da = unescape(render_browser(lang="da", **LISTS))
    en = unescape(render_browser(lang="en", **LISTS))
    assert '<html lang="da">' in da and '<html lang="en">' in en
    for word in (
        "Netværkskort over partnerskaber",
        "Hele netværket",
        "Projekt og partnere",
        "Aktørens netværk",
        "Mæglere",
        "Hvad nu hvis",
        "Vis kort",
        "Åbn i ny fane",
        "Pr. dato",
        "Antal skridt",
        "Mellemplacering",
    ):
        assert word in da, word
    for word in (
        "Maps of the partnership network",
        "Whole network",
        "Project and partners",
        "Actor's network",
        "Brokers",
        "What if",
        "Show map",
        "Open in new tab",
        "As of",
        "Steps",
        "Betweenness",
    ):
        assert word in en, word
    assert "Vis kort" not in en and "Show map" not in da
    # The map language starts as the page's; the link leads to the other one.
    assert '<option value="da" selected>Dansk</option>' in da
    assert '<option value="en" selected>English</option>' in en
    assert 'href="?lang=en"' in da and 'href="?lang=da"' in en
    assert browser_config(da)["lang"] == "da"
    with pytest.raises(ValueError):
        render_browser(lang="de", **LISTS)


def test_browser_lists_every_lens_and_control():
    html = render_browser(lang="en", **LISTS)
    for lens in LENSES:
        assert f'name="lens" value="{lens}"' in html
    for measure in BROWSER_SIZE_BY:
        assert f'<option value="{measure}"' in html
    for control in (
        "pick-municipality",
        "pick-project",
        "pick-actor",
        "pick-remove",
        "radius",
        "as-of",
        "size-by",
        "map-lang",
        "open-tab",
        "download",
    ):
        assert f'id="{control}"' in html
    # Options sorted by name; duplicates dropped.
    twice = render_browser(
        lang="en",
        actors=[("b", "Beta"), ("a", "alpha"), ("b", "Beta")],
        projects=[],
        municipalities=[],
    )
    assert re.findall(r'<option value="(a|b)">', twice) == ["a", "b", "a", "b"]  # 2 lists
    config = browser_config(html)
    assert config["mapsUrl"] == "/maps"
    assert config["needs"]["project"] == "project" and config["needs"]["network"] is None
    assert (
        browser_config(render_browser(lang="en", maps_url="/api/maps/", **LISTS))["mapsUrl"]
        == "/api/maps"
    )
    with pytest.raises(ValueError, match="pairs"):
        render_browser(lang="en", actors=["just-an-id"], projects=[], municipalities=[])


def test_browser_choices_from_the_seed(seed_net):
    choices = browser_choices(seed_net)
    actors = dict(choices["actors"])
    assert actors["middelfart-kommune"] == "Middelfart Kommune"
    assert ("legepatruljen", "Legepatruljen") in choices["projects"]
    assert ("DK-410", "Middelfart") in choices["municipalities"]
    # Persons without consent are not offered (the maps do not name them either).
    hidden = [
        n
        for n, d in seed_net.nodes(data=True)
        if str(d.get("is_person")).lower() == "true"
        and str(d.get("consent_to_publish")).lower() != "true"
    ]
    assert hidden and not set(hidden) & set(actors)
    html = render_browser(lang="da", **choices)
    for n in hidden:
        assert seed_net.nodes[n]["name"] not in html


# ----------------------------------------------------------------------------- anchoring


def test_project_lens_uses_the_anchoring_rule(seed_net):
    """The map splits partners exactly as the anchoring analysis counts them."""
    analysis = local_anchoring(seed_net)
    for project, row in analysis.iterrows():
        view = make_view(seed_net, "project", focus=project)
        _, local, non_local = view.split
        assert set(local) == set(row["local_participants"]), project
        assert len(local) + len(non_local) == row["n_participants"], project
        assert view.summary["local_partners"] == row["n_local"]
    # Legepatruljen has no localities: its local- and municipal-scale partners are local.
    lege = make_view(seed_net, "project", focus="legepatruljen")
    assert lege.summary["local_partners"] == analysis.loc["legepatruljen", "n_local"] > 0
    for a in lege.split[1]:
        assert seed_net.nodes[a]["scale"] in ("local", "municipal")
    html = render_map(seed_net, lens="project", focus="legepatruljen", lang="da")
    assert f"Lokale partnere: {analysis.loc['legepatruljen', 'n_local']}" in html
    info = map_payload(html)["info"]["legepatruljen"]
    facts = dict(map(tuple, info["facts"]))
    n = analysis.loc["legepatruljen"]
    # without the analysis' figure (a file map) the panel counts the local partners
    assert facts["Lokale partnere"] == f"{n['n_local']}/{n['n_participants']}"


def test_project_lens_rule_with_localities(small):
    view = make_view(small, "project", focus="mentorordning")
    localities = small.nodes["mentorordning"]["localities"]
    for a in view.split[1]:
        assert is_local(small.nodes[a], localities)
    for a in view.split[2]:
        assert not is_local(small.nodes[a], localities)


# ----------------------------------------------------------------------------- labels, layout


def test_labels_only_for_the_largest_at_first(seed_net):
    data = map_payload(seed_map("network", lang="da"))
    nodes = data["nodes"]
    assert len(nodes) == seed_net.number_of_nodes()
    actors = [n for n in nodes if n["g"] == "actor"]
    projects = [n for n in nodes if n["g"] == "project"]
    labelled = {n["id"] for n in nodes if n.get("lb")}
    top_actors = math.ceil(LABEL_SHARE * len(actors))
    top_projects = math.ceil(LABEL_SHARE * len(projects))
    assert len(labelled) == top_actors + top_projects
    # The labelled actors are the largest ones.
    smallest_labelled = min(n["size"] for n in actors if n["id"] in labelled)
    assert all(n["size"] <= smallest_labelled for n in actors if n["id"] not in labelled)
    # Every node keeps its label text (the page shows it when zoomed in or focused).
    assert all(n["label"] for n in nodes)


def test_small_views_label_everything(small, seed_net):
    data = map_payload(render_map(small))
    assert len(data["nodes"]) <= ALL_LABELS_UP_TO
    assert all(n.get("lb") for n in data["nodes"])
    project = map_payload(render_map(seed_net, lens="project", focus="legepatruljen"))
    assert all(n.get("lb") for n in project["nodes"])


def test_whole_network_nodes_do_not_overlap():
    data = map_payload(seed_map("network"))
    nodes = data["nodes"]
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            d = math.hypot(a["x"] - b["x"], a["y"] - b["y"])
            assert d >= a["size"] + b["size"] + 5.0, (a["id"], b["id"], d)


def test_separate_is_deterministic_and_parts_coincident_nodes():
    pos = {"a": (0.0, 0.0), "b": (0.0, 0.0), "c": (5.0, 0.0), "d": (200.0, 0.0)}
    radius = {"a": 10.0, "b": 10.0, "c": 10.0, "d": 10.0}
    out = separate(pos, radius, gap=6.0)
    assert out == separate(dict(reversed(list(pos.items()))), radius, gap=6.0)
    assert list(out) == list(pos)
    assert out["d"] == (200.0, 0.0)  # far away: untouched
    for x, y in (("a", "b"), ("a", "c"), ("b", "c")):
        d = math.hypot(out[x][0] - out[y][0], out[x][1] - out[y][1])
        assert d >= 26.0 - 0.6
