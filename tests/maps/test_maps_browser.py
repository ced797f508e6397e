"""Maps in a real headless chromium: drawing, search, filters, focus, legend, PNG."""

from __future__ import annotations

import struct
from concurrent.futures import ThreadPoolExecutor

import networkx as nx
import pytest

from graphsvc.maps import export_png, render_map
from graphsvc.maps.payload import read_payload
from tests.maps.map_synthetic import EVIL, synthetic

pytestmark = pytest.mark.browser


def png_size(path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def drawn_counts(m) -> dict:
    return m.js(
        """() => {
            const g = window.graphsvcMap;
            return {
                nodes: g.nodes.length,
                edges: g.edges.length,
                bodyNodes: g.network.body.nodeIndices.length,
                bodyEdges: g.network.body.edgeIndices.length,
                shownNodes: g.nodes.get({filter: n => !n.hidden}).length,
                shownEdges: g.edges.get({filter: e => !e.hidden}).length,
                visible: g.visibleNodeIds().length,
            };
        }"""
    )


def node_dom_point(m, node_id: str) -> tuple[float, float]:
    """Page coordinates of a node, checked to hit that node (not a neighbour on top)."""
    point = m.js(
        """(id) => {
            const net = window.graphsvcMap.network;
            const dom = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.getElementById("map").getBoundingClientRect();
            return {x: box.left + dom.x, y: box.top + dom.y, hit: net.getNodeAt(dom)};
        }""",
        node_id,
    )
    assert point["hit"] == node_id, f"{node_id} is covered by {point['hit']}"
    return point["x"], point["y"]


def expected_visible(g: nx.MultiDiGraph, sectors: set[str]) -> set[str]:
    """The page's rule: actors of the sectors; projects with a visible participant."""
    actors = {n for n, d in g.nodes(data=True) if d["type"] == "actor" and d["sector"] in sectors}
    projects = set()
    for n, d in g.nodes(data=True):
        if d["type"] != "project":
            continue
        around = set(g.predecessors(n)) | set(g.successors(n))
        if not around or around & actors:
            projects.add(n)
    return actors | projects


def within(g: nx.MultiDiGraph, start: str, depth: int) -> set[str]:
    return set(
        nx.single_source_shortest_path_length(g.to_undirected(as_view=True), start, cutoff=depth)
    )


def test_hand_made_map_draws_everything_offline(open_map, small, small_measures):
    m = open_map(render_map(small, measures=small_measures))
    counts = drawn_counts(m)
    assert counts["nodes"] == counts["bodyNodes"] == small.number_of_nodes() == 14
    assert counts["edges"] == counts["bodyEdges"] == small.number_of_edges() == 22
    assert counts["shownNodes"] == counts["visible"] == 14
    assert m.js("window.graphsvcMap.firstDrawMs") > 0
    assert m.js("window.graphsvcMap.network.physics.physicsEnabled") is False
    m.assert_clean()


def test_synthetic_map_counts_and_no_requests(open_map, medium):
    m = open_map(render_map(medium))
    counts = drawn_counts(m)
    assert counts["nodes"] == counts["bodyNodes"] == medium.number_of_nodes()
    assert counts["edges"] == counts["bodyEdges"] == medium.number_of_edges()
    assert counts["shownEdges"] == medium.number_of_edges()
    assert counts["visible"] == medium.number_of_nodes()
    m.assert_clean()


def test_search_finds_an_actor(open_map, small):
    m = open_map(render_map(small, lang="da"))
    m.page.fill("#search-input", "frivilligcent")
    m.page.press("#search-input", "Enter")
    assert m.page.inner_text("#panel h2") == "Frivilligcenter Middelfart"
    assert m.js("window.graphsvcMap.network.getSelectedNodes()") == ["frivilligcenter-middelfart"]
    # Accents and case do not matter; a miss says so.
    assert "velfaerdsinnovation" in m.js("window.graphsvcMap.search('velfærds')")
    assert m.js("window.graphsvcMap.search('zzz-nothing')") == []
    assert m.page.inner_text("#search-result") == "Ingen aktør matcher"
    m.assert_clean()


def test_injected_name_stays_text(open_map, small):
    m = open_map(render_map(small))
    assert m.js("window.graphsvcMap.search('<script>')") == ["evil"]
    assert m.page.inner_text("#panel h2") == EVIL
    assert m.js("document.querySelectorAll('#panel script, #panel img, #panel b').length") == 0
    # The tooltip is text too: a map of the evil actor alone, hovered.
    ego = open_map(render_map(small, lens="ego", focus="evil", radius=0))
    x, y = node_dom_point(ego, "evil")
    ego.page.mouse.move(x, y)
    ego.page.mouse.move(x + 1, y + 1)
    tip = ego.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
    assert EVIL in tip.inner_text()
    assert (
        ego.js("document.querySelectorAll('div.vis-tooltip script, div.vis-tooltip img').length")
        == 0
    )
    m.assert_clean()
    ego.assert_clean()


def test_filter_hides_what_it_should(open_map, medium):
    m = open_map(render_map(medium))
    public = expected_visible(medium, {"public"})
    assert m.js("window.graphsvcMap.setFilter('sector', ['public'])") == len(public)
    assert set(m.js("window.graphsvcMap.visibleNodeIds()")) == public
    assert drawn_counts(m)["shownNodes"] == len(public)
    m.js("window.graphsvcMap.resetFilters()")
    # Through the UI: untick "Civil society".
    m.page.click("details.filter[data-key=sector] summary")
    m.page.uncheck("input[data-key=sector][value=civil_society]")
    rest = expected_visible(medium, {"public", "private", "philanthropic", "knowledge", "citizen"})
    assert set(m.js("window.graphsvcMap.visibleNodeIds()")) == rest
    assert m.page.inner_text("#visible-count").startswith(f"{len(rest)}/")
    # Tie kinds: only partnerships leaves only partnership edges.
    m.js("window.graphsvcMap.resetFilters()")
    m.js("window.graphsvcMap.setFilter('tie', ['partnership'])")
    partnership = {d["id"] for _, _, d in medium.edges(data=True) if d.get("kind") == "partnership"}
    assert set(m.js("window.graphsvcMap.visibleEdgeIds()")) == partnership
    m.assert_clean()


def test_focus_shows_neighbours(open_map, medium, small):
    m = open_map(render_map(medium))
    hub = max(
        (n for n, d in medium.nodes(data=True) if d["type"] == "actor"),
        key=lambda n: (medium.degree(n), n),
    )
    focus = "([id, depth]) => window.graphsvcMap.focus(id, depth)"
    assert set(m.js(focus, [hub, 1])) == within(medium, hub, 1)
    assert set(m.js(focus, [hub, 2])) == within(medium, hub, 2)
    assert m.page.input_value("#depth") == "2"
    faded = m.js(
        "window.graphsvcMap.nodes.get({filter: n => n.color && "
        "n.color.background === 'rgba(215,215,215,0.35)'}).length"
    )
    assert faded == medium.number_of_nodes() - len(within(medium, hub, 2))
    m.js("window.graphsvcMap.clearFocus()")
    assert m.js("window.graphsvcMap.focusedIds()") == []
    # A real click on a node focuses it and opens the side panel with its facts.
    s = open_map(render_map(small, lang="da"))
    s.page.select_option("#depth", "1")
    for candidate in ("velux-fonden", "symb", "slagelse-kommune", "absalon", "trygfonden"):
        try:
            x, y = node_dom_point(s, candidate)
        except AssertionError:
            continue
        s.page.mouse.click(x, y)
        assert set(s.js("window.graphsvcMap.focusedIds()")) == within(small, candidate, 1)
        assert s.page.inner_text("#panel h2") == small.nodes[candidate]["name"]
        assert "Kilder" in s.page.inner_text("#panel")
        break
    else:
        pytest.fail("no clickable node")
    m.assert_clean()
    s.assert_clean()


def test_side_panel_shows_bridging_roles(open_map, small, small_measures):
    m = open_map(render_map(small, measures=small_measures, lang="da"))
    m.js("window.graphsvcMap.focus('frivilligcenter-middelfart', 1)")
    text = m.page.inner_text("#panel")
    assert "Bygger bro mellem kommunen og foreningerne" in text
    assert "Frivillige sociale mentorer" in text  # its project and role
    assert "Koordinator" in text
    m.assert_clean()


def test_danish_legend(open_map, small):
    m = open_map(render_map(small, lang="da"))
    legend = m.page.inner_text("#legend")
    for word in (
        "Signaturforklaring",
        "Offentlig",
        "Civilsamfund",
        "Forening",
        "Kommune",
        "Fond",
        "Projekt",
        "Partnerskab",
        "Finansiering",
    ):
        assert word in legend, word
    assert "Public" not in legend and "Association" not in legend
    m.assert_clean()


def test_project_lens_and_whatif_draw(open_map, small):
    p = open_map(render_map(small, lens="project", focus="mentorordning", lang="da"))
    assert drawn_counts(p)["nodes"] == 5
    assert p.page.inner_text("#panel h2") == "Frivillige sociale mentorer"
    assert "Lokale partnere: 3" in p.page.inner_text("#summary")
    w = open_map(render_map(small, lens="whatif", removed=["trygfonden"]))
    assert "Removed in the scenario" in w.page.inner_text("#legend")
    p.assert_clean()
    w.assert_clean()


def test_overview_drilldown(open_map):
    g = synthetic(500, seed=12)
    m = open_map(render_map(g, aggregate_threshold=100))
    counts = drawn_counts(m)
    groups = {
        g.nodes[n].get("locality") or "none" for n, d in g.nodes(data=True) if d["type"] == "actor"
    }
    assert counts["nodes"] >= len(groups)
    m.js("""() => { window.drill = [];
        window.addEventListener('graphsvc:drilldown', e => window.drill.push(e.detail)); }""")
    m.js("window.graphsvcMap.focus('group:DK-101')")
    assert m.js("window.drill") == [{"key": "DK-101", "by": "municipality", "url": None}]
    members = m.js("document.querySelectorAll('#panel ol.members li').length")
    expected = sum(
        1
        for n, d in g.nodes(data=True)
        if (d["type"] == "actor" and d["locality"] == "DK-101")
        or (d["type"] == "project" and d["localities"][0] == "DK-101")
    )
    assert members == expected
    # Search finds a member and answers with its group.
    member = next(n for n, d in g.nodes(data=True) if d.get("locality") == "DK-101")
    assert "group:DK-101" in m.js("(q) => window.graphsvcMap.search(q)", g.nodes[member]["name"])
    m.assert_clean()


def test_png_export(tmp_path, small, browser):
    html = render_map(small, lang="da")
    # Its own chromium (fresh user-data dir), from a worker thread as an API would.
    out = tmp_path / "kort.png"
    with ThreadPoolExecutor(1) as pool:
        pool.submit(export_png, html, out, 900, 600).result(timeout=120)
    assert png_size(out) == (900, 600)
    assert out.stat().st_size > 5000
    # Reusing a running browser, from a file.
    page = tmp_path / "kort.html"
    page.write_text(html, encoding="utf-8")
    again = export_png(page, tmp_path / "again.png", 1200, 800, browser=browser)
    assert png_size(again) == (1200, 800)


@pytest.mark.parametrize("case", ["whole", "focused", "municipality"])
def test_deferred_part_comes_after_the_scripts(browser, tmp_path, case) -> None:
    """The panel's entries and tooltips (most of a big page) come after the scripts, so
    the first frame does not wait for the browser to read them (#15); a map opened on a
    focused actor needs them first (its panel opens at once). A municipality's map (the
    drill-down) focuses a place, not a node: no panel opens, they come after. A table
    opened at the start (``#table``) is filled once they are read."""
    from tests.maps.seed_server import seed_map  # noqa: PLC0415
    from tests.pagewatch import WatchedPage, watch  # noqa: PLC0415

    focused = case == "focused"
    html = {
        "whole": lambda: seed_map("network", lang="da"),
        "focused": lambda: seed_map("ego", focus="middelfart-kommune", radius=1, lang="da"),
        "municipality": lambda: seed_map("municipality", focus="DK-410", lang="da"),
    }[case]()
    later, script = html.index('id="graphsvc-later"'), html.rindex("<script>")
    assert (later < script) is focused
    path = tmp_path / "map.html"
    path.write_text(html, encoding="utf-8")
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        record = WatchedPage(page)
        watch(page, page, record)
        page.goto(path.as_uri() + "#table")
        page.wait_for_function("window.graphsvcMap && window.graphsvcMap.ready === true")
        page.wait_for_function("document.querySelectorAll('#table-body tbody tr').length > 0")
        assert page.is_visible("#table-view")
        if focused:  # each measure with its explanation, sent once per page (payload.py)
            assert "Middelfart Kommune" in page.inner_text("#panel-body")
            measures = read_payload(html)["info"]["middelfart-kommune"]["measures"]
            wanted = [text for _name, _value, text in measures if text]
            assert len(wanted) >= 3
            assert page.locator("#panel-body .measure .explain").all_inner_texts() == wanted
        record.assert_clean()
    finally:
        context.close()
