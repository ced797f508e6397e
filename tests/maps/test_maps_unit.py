"""Unit tests of the map builder: offline HTML, escaping, determinism, lenses, i18n."""

from __future__ import annotations

import random
import re

import networkx as nx
import pytest

from graphsvc import i18n
from graphsvc.maps import person_pseudonyms, render_map, write_map
from graphsvc.maps.html import vis_network_js
from graphsvc.maps.lenses import broker_ids, make_view
from graphsvc.maps.payload import read_payload
from graphsvc.model import (
    ActorKind,
    CollaborationKind,
    ProjectStatus,
    Role,
    Scale,
    Sector,
    Theme,
    TieStatus,
)
from tests.maps.map_synthetic import EVIL, synthetic, synthetic_measures


def payload(html: str) -> dict:
    return read_payload(html)  # nodes and edges expanded from the page's columns


ALL_LENSES = [
    {"lens": "network"},
    {"lens": "municipality", "focus": "DK-410"},
    {"lens": "project", "focus": "mentorordning"},
    {"lens": "ego", "focus": "absalon", "radius": 1},
    {"lens": "brokers"},
    {"lens": "whatif", "removed": ["trygfonden"]},
]


@pytest.mark.parametrize("args", ALL_LENSES, ids=lambda a: a["lens"])
def test_no_external_resources(small, small_measures, args):
    html = render_map(small, measures=small_measures, **args)
    assert not re.search(r"<script[^>]*\ssrc\s*=", html, re.I)
    assert not re.search(r"<link[^>]*href\s*=\s*[\"']?(https?:)?//", html, re.I)
    assert not re.search(r"<(img|iframe|embed|object)\b", html, re.I)
    assert not re.search(r"url\(\s*[\"']?(https?:)?//", html, re.I)
    assert "bootstrap" not in html and "cdn.jsdelivr" not in html and "cdnjs" not in html
    assert vis_network_js()[:2000] in html  # vis-network inlined from the pyvis package
    assert "sourceMappingURL" not in html


def test_overview_has_no_external_resources():
    g = synthetic(400, seed=3)
    html = render_map(g, aggregate_threshold=100)
    assert not re.search(r"<script[^>]*\ssrc\s*=", html, re.I)
    assert payload(html)["mode"] == "overview"


@pytest.mark.parametrize("args", ALL_LENSES, ids=lambda a: a["lens"])
def test_user_text_is_escaped(small, small_measures, args):
    if args["lens"] in ("project", "ego"):
        args = {**args, "lens": "network", "focus": None, "radius": 2}
    if args["lens"] == "brokers":
        args = {**args, "top_k": 11}  # every actor, the evil one included
    html = render_map(small, measures=small_measures, lang="da", **args)
    # Four <script> tags are ours: data, data for later (panel, tooltips), vis-network,
    # the map UI. None comes from data.
    bare = html.replace(vis_network_js(), "")
    assert len(re.findall(r"<script\b", bare, re.I)) == 4
    assert EVIL not in html
    assert "alert(1)" in html  # the name is there, escaped
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in html
    assert "<img src=x" not in html and "<b>bold</b>" not in html
    assert "<a href='http://evil'>" not in html
    data = payload(html)
    assert data["info"]["evil"]["name"] == EVIL  # round-trips as text
    assert data["info"]["evil"]["description"] == '<img src=x onerror="alert(2)">'


def test_escaped_title(small):
    html = render_map(small, title="<b>Kort</b> & co")
    assert "<b>Kort</b>" not in html
    assert "&lt;b&gt;Kort&lt;/b&gt; &amp; co" in html


def test_same_input_same_html(small, small_measures):
    a = render_map(small, measures=small_measures, lang="da", as_of="2016-01-01")
    b = render_map(small, measures=small_measures, lang="da", as_of="2016-01-01")
    assert a == b
    # Same data inserted in another order: same HTML.
    shuffled = nx.MultiDiGraph()
    nodes = list(small.nodes(data=True))
    random.Random(5).shuffle(nodes)
    shuffled.add_nodes_from(nodes)
    edges = list(small.edges(keys=True, data=True))
    random.Random(6).shuffle(edges)
    shuffled.add_edges_from(edges)
    c = render_map(
        shuffled,
        measures=small_measures.sample(frac=1.0, random_state=1),
        lang="da",
        as_of="2016-01-01",
    )
    assert a == c


def test_same_synthetic_same_html():
    g = synthetic(300, seed=2)
    m = synthetic_measures(g)
    assert render_map(g, measures=m) == render_map(g, measures=m)


def test_counts_match_network(small):
    data = payload(render_map(small))
    assert len(data["nodes"]) == small.number_of_nodes()
    assert len(data["edges"]) == small.number_of_edges()
    # Persons without consent are shown under "person-N" ids (their ids are name slugs).
    shown = person_pseudonyms(small)
    assert {n["id"] for n in data["nodes"]} == {shown.get(n, n) for n in small.nodes}
    assert data["options"]["physics"] == {"enabled": False}
    assert data["options"]["edges"]["smooth"] is False
    for n in data["nodes"]:
        assert isinstance(n["x"], float) and isinstance(n["y"], float)


def test_styles(small):
    data = payload(render_map(small))
    nodes = {n["id"]: n for n in data["nodes"]}
    edges = {e["id"]: e for e in data["edges"]}
    assert nodes["mentorordning"]["shape"] == "diamond"
    assert nodes["middelfart-kommune"]["shape"] == "square"
    assert nodes["trygfonden"]["shape"] == "star"
    assert edges["c-trygfonden-frivilligcenter-middelfart-funding"]["arrows"] == "to"
    assert "arrows" not in edges["c-absalon-symb-partnership"]
    assert edges["c-middelfart-kommune-middelfart-if-referral"]["dashes"] is True
    assert nodes["middelfart-kommune"]["color"]["background"] == "#0072B2"  # public


def test_as_of_fades_or_hides_ended(small):
    faded = payload(render_map(small, as_of="2016-01-01"))
    ended = [e["id"] for e in faded["edges"] if "ended" in e.get("m", [])]
    assert "c-trygfonden-middelfart-if-funding" in ended
    assert "c-velux-fonden-absalon-funding" in ended  # not started yet in 2016
    assert len(faded["edges"]) == small.number_of_edges()
    hidden = payload(render_map(small, as_of="2016-01-01", ended="hide"))
    ids = {e["id"] for e in hidden["edges"]}
    assert not ids & set(ended)
    assert "legepatruljen" not in {n["id"] for n in hidden["nodes"]}  # ended 2014


def test_persons_are_redacted(small):
    html = render_map(small)
    assert "Anna Hansen" not in html
    assert "Anna Hansen" in render_map(small, redact_persons=False)


def test_measures_fill_panel_and_sizes(small, small_measures):
    data = payload(render_map(small, measures=small_measures, size_by="total", lang="da"))
    # Compact: no empty panel fields; hover colours only where hovering is on (small maps).
    assert all(v not in (None, "", []) for i in data["info"].values() for v in i.values())
    assert all("hover" in n["color"] for n in data["nodes"])
    info = data["info"]["frivilligcenter-middelfart"]
    assert "Bygger bro mellem kommunen og foreningerne" in info["bridging"]
    sizes = {n["id"]: n["size"] for n in data["nodes"]}
    assert sizes["frivilligcenter-middelfart"] == max(
        s for i, s in sizes.items() if i in small_measures.index
    )
    with pytest.raises(ValueError, match="size_by"):
        render_map(small, size_by="betweenness")


def test_enum_labels_complete():
    groups = {
        "kind": ActorKind,
        "sector": Sector,
        "scale": Scale,
        "theme": Theme,
        "project_status": ProjectStatus,
        "role": Role,
        "tie_kind": CollaborationKind,
        "tie_status": TieStatus,
    }
    for group, enum in groups.items():
        for value in enum:
            assert value.value in i18n.ENUM_LABELS[group], (group, value)
            da = i18n.label("da", group, value.value)
            en = i18n.label("en", group, value.value)
            assert da and en


def test_danish_legend(small):
    html = render_map(small, lang="da")
    legend = html[
        html.index('<section id="legend">') : html.index("</section>", html.index('id="legend"'))
    ]
    for word in (
        "Offentlig",
        "Civilsamfund",
        "Forening",
        "Kommune",
        "Fond",
        "Projekt",
        "Partnerskab",
        "Finansiering",
        "Foreslået",
    ):
        assert word in legend, word
    assert 'lang="da"' in html
    english = render_map(small, lang="en")
    assert "Civil society" in english and "Civilsamfund" not in english
    with pytest.raises(ValueError):
        render_map(small, lang="de")


def test_municipality_lens(small):
    view = make_view(small, "municipality", focus="DK-410")
    core = {
        "middelfart-kommune",
        "jobcenter-middelfart",
        "frivilligcenter-middelfart",
        "middelfart-if",
        "mentor-anna",
        "mentorordning",
        "legepatruljen",
    }
    assert core <= set(view.nodes)
    outside = {n for n, marks in view.node_marks.items() if "outside" in marks}
    assert outside == set(view.nodes) - core
    assert "trygfonden" in outside
    assert "absalon" not in view.nodes


def test_project_lens_splits_local(small):
    view = make_view(small, "project", focus="mentorordning")
    assert view.split is not None
    centre, local, non_local = view.split
    assert centre == "mentorordning"
    assert local == ["jobcenter-middelfart", "frivilligcenter-middelfart", "mentor-anna"]
    assert non_local == ["trygfonden"]
    html = render_map(small, lens="project", focus="mentorordning", lang="da")
    assert "Lokal partner" in html and "Ikke-lokal partner" in html


def test_ego_lens(small):
    one = make_view(small, "ego", focus="absalon", radius=1)
    assert set(one.nodes) == {
        "absalon",
        "slagelse-kommune",
        "symb",
        "velux-fonden",
        "velfaerdsinnovation",
    }
    zero = make_view(small, "ego", focus="absalon", radius=0)
    assert zero.nodes == ["absalon"]


def test_brokers_lens(small, small_measures):
    assert broker_ids(small_measures) == ["frivilligcenter-middelfart"]
    assert broker_ids(small_measures, top_k=2) == ["frivilligcenter-middelfart", "trygfonden"]
    view = make_view(small, "brokers", measures=small_measures)
    assert view.node_marks["frivilligcenter-middelfart"] == {"broker"}
    assert {
        "middelfart-if",
        "jobcenter-middelfart",
        "mentorordning",
        "mentor-anna",
        "trygfonden",
    } <= set(view.nodes)
    with pytest.raises(ValueError):
        make_view(small, "brokers", measures=None)


def test_whatif_lens(small):
    data = payload(
        render_map(small, lens="whatif", removed=["trygfonden", "c-absalon-symb-partnership"])
    )
    nodes = {n["id"]: n for n in data["nodes"]}
    assert "removed" in nodes["trygfonden"]["m"]
    removed_edges = {e["id"] for e in data["edges"] if "removed" in e.get("m", [])}
    tryg_edges = {d["id"] for u, v, d in small.edges(data=True) if "trygfonden" in (u, v)}
    assert removed_edges == tryg_edges | {"c-absalon-symb-partnership"}
    # The mapping apply_scenario returns works too.
    same = payload(
        render_map(
            small,
            lens="whatif",
            removed={
                "actors": ["trygfonden"],
                "ties": ["c-absalon-symb-partnership"],
                "participations": [],
            },
        )
    )
    assert {e["id"] for e in same["edges"] if "removed" in e.get("m", [])} == removed_edges


def test_overview_above_threshold():
    g = synthetic(600, seed=4)
    data = payload(render_map(g, aggregate_threshold=200, drilldown_url="/maps?focus={key}"))
    assert data["mode"] == "overview"
    members = [m[0] for i in data["info"].values() for m in i["members"]]
    assert sorted(members) == sorted(g.nodes)
    assert len(data["nodes"]) <= 99  # 98 municipalities + national actors
    kbh = data["info"]["group:DK-101"]
    assert kbh["name"] == "København"
    assert kbh["drilldown"] == "/maps?focus=DK-101"
    measures = synthetic_measures(g)
    by_community = payload(render_map(g, measures=measures, aggregate_threshold=200))
    communities = measures["community"].nunique()
    assert communities <= len(by_community["nodes"]) <= communities + 1
    assert by_community["info"]["group:3"]["name"] == "Group 3"


def test_write_map_is_utf8(tmp_path, small):
    html = render_map(small, lang="da")
    path = write_map(html, tmp_path / "sub" / "kort.html")
    assert path.read_bytes().decode("utf-8") == html
    assert "Velfærdsinnovation" in path.read_text("utf-8")


def test_flags_given_as_text(small):
    g = small.copy()
    g.nodes["absalon"]["is_person"] = "false"
    g.nodes["absalon"]["consent_to_publish"] = "false"
    g.nodes["mentor-anna"]["is_person"] = "true"
    g.edges["absalon", "symb", "c-absalon-symb-partnership"]["directed"] = "false"
    html = render_map(g)
    assert "Professionshøjskolen Absalon" in html
    assert "Anna Hansen" not in html
    edge = next(e for e in payload(html)["edges"] if e["id"] == "c-absalon-symb-partnership")
    assert "arrows" not in edge
