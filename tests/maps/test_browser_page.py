"""The map browser in a real headless chromium, served with the seed maps by a tiny local
HTTP server (``seed_server``: ``http.server`` on 127.0.0.1 in a thread; no database, no
FastAPI)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from graphsvc.analysis.anchoring import local_anchoring
from tests.maps.map_synthetic import EVIL
from tests.maps.seed_server import SeedServer

pytestmark = pytest.mark.browser

# The iframe shows the map of its current src (not one it loaded before), drawn.
MAP_READY = """([path, lang]) => {
    const el = document.getElementById('map-frame');
    const w = el.contentWindow;
    try {
        return w.location.pathname === path && !!w.graphsvcMap && w.graphsvcMap.ready === true
            && w.location.pathname + w.location.search === el.getAttribute('src')
            && (!lang || w.document.documentElement.lang === lang);
    } catch (e) { return false; }
}"""


@pytest.fixture(scope="module")
def server() -> Iterator[SeedServer]:
    with SeedServer(extra_actors=[("evil-actor", EVIL)]) as srv:
        yield srv


def open_browser(open_url, server, query: str = "?lang=da", fragment: str = ""):
    m = open_url(server.url + "/" + query + fragment, allow=(server.url,))
    m.page.wait_for_function("() => !!window.graphsvcBrowser")
    return m


def wait_for_map(m, lens: str):
    m.page.wait_for_function(MAP_READY, arg=[f"/maps/{lens}", None], timeout=60_000)
    frame = next(f for f in m.page.frames if urlsplit(f.url).path == f"/maps/{lens}")
    return frame


def test_pick_a_project(open_url, server, seed_net):
    m = open_browser(open_url, server)
    wait_for_map(m, "network")  # the whole network first
    m.page.click("input[name=lens][value=project]")
    assert m.page.is_visible("#pick-project") and not m.page.is_visible("#pick-actor")
    assert "Vælg først" in m.page.inner_text("#status")
    m.page.fill("#filter-project", "legepatr")
    shown = m.js(
        "Array.from(document.querySelectorAll('#pick-project option'))"
        ".filter(o => !o.hidden).map(o => o.value)"
    )
    assert shown == ["legepatruljen"]
    m.page.select_option("#pick-project", "legepatruljen")
    frame = wait_for_map(m, "project")
    assert "Legepatruljen" in frame.title()
    src = "/maps/project?id=legepatruljen&lang=da&size_by=betweenness"
    assert m.page.get_attribute("#map-frame", "src") == src
    assert m.page.get_attribute("#open-tab", "href") == src
    assert m.page.get_attribute("#open-tab", "target") == "_blank"
    assert m.page.get_attribute("#download", "href") == src
    assert m.page.get_attribute("#download", "download") == ("graphsvc-project-legepatruljen.html")
    # a planner looking at a project can ask its partners (the survey pages, #13)
    assert m.page.inner_text("#make-survey") == "Lav en netværksundersøgelse"
    assert m.page.get_attribute("#make-survey", "href") == (
        "/surveys/new?project=legepatruljen&lang=da"
    )
    m.page.wait_for_function(
        "document.getElementById('status').textContent.includes('Legepatruljen')"
    )
    assert m.page.inner_text("#status") == "Viser: Projekt og partnere: Legepatruljen"
    # The map counts local partners as the anchoring analysis does.
    n_local = int(local_anchoring(seed_net).loc["legepatruljen", "n_local"])
    assert f"Lokale partnere: {n_local}" in frame.inner_text("#summary")
    assert n_local > 0
    assert "/maps/project?id=legepatruljen&lang=da&size_by=betweenness" in server.requests
    assert "#lens=project" in m.page.url
    m.assert_clean()


def test_ego_whatif_and_settings_build_the_url(open_url, server):
    m = open_browser(open_url, server, "?lang=en")
    m.page.click("input[name=lens][value=ego]")
    m.page.fill("#filter-actor", "middelfart kommune")
    m.page.press("#filter-actor", "Enter")  # picks the first match
    m.page.select_option("#radius", "1")
    m.page.fill("#as-of", "2013-06-01")
    m.page.dispatch_event("#as-of", "change")
    m.page.select_option("#size-by", "degree")
    frame = wait_for_map(m, "ego")
    src = m.page.get_attribute("#map-frame", "src")
    assert src == (
        "/maps/ego?id=middelfart-kommune&lang=en&as_of=2013-06-01&size_by=degree&radius=1"
    )
    assert frame.title() == "Actor's network: Middelfart Kommune"
    assert "As of 2013-06-01" in frame.inner_text("#summary")
    # What if: actors to remove, added from the filtered list; repeated remove= params.
    m.page.click("input[name=lens][value=whatif]")
    assert "Choose from the list" in m.page.inner_text("#status")
    m.page.fill("#filter-remove", "trygfonden")
    m.page.press("#filter-remove", "Enter")
    m.page.fill("#filter-remove", "velux")
    m.page.press("#filter-remove", "Enter")
    assert m.page.inner_text("#removed").count("Remove") == 2
    frame = wait_for_map(m, "whatif")
    query = parse_qs(urlsplit(m.page.get_attribute("#map-frame", "src")).query)
    assert query["remove"] == ["trygfonden", "velux-fonden"]
    assert "Removed in the scenario" in frame.inner_text("#legend")
    # Danish maps from the English page.
    m.page.select_option("#map-lang", "da")
    frame = wait_for_map(m, "whatif")
    m.page.wait_for_function(MAP_READY, arg=["/maps/whatif", "da"], timeout=60_000)
    assert "lang=da" in m.page.get_attribute("#map-frame", "src")
    m.assert_clean()


def test_names_stay_text(open_url, server):
    m = open_browser(open_url, server)
    option = m.js("document.querySelector('#pick-actor option[value=\"evil-actor\"]').textContent")
    assert option == EVIL
    m.page.click("input[name=lens][value=whatif]")
    m.page.fill("#filter-remove", "alert(1)")
    m.page.press("#filter-remove", "Enter")
    assert m.page.inner_text("#removed li span") == EVIL
    assert m.js("document.querySelectorAll('#removed script, form script').length") == 0
    # The server answers 400 for that unknown actor; no dialog ran anywhere.
    assert m.dialogs == [] and m.page_errors == []
    assert m.blocked == []


def test_state_from_the_fragment(open_url, server):
    m = open_browser(
        open_url, server, "?lang=en", "#lens=municipality&id=DK-410&lang=en&size_by=total"
    )
    frame = wait_for_map(m, "municipality")
    assert m.page.is_checked("input[name=lens][value=municipality]")
    assert m.page.input_value("#pick-municipality") == "DK-410"
    assert m.page.input_value("#size-by") == "total"
    assert "Middelfart" in frame.title()
    # The page links to its Danish version.
    assert m.page.get_attribute("#other-lang", "href") == "?lang=da"
    m.assert_clean()
