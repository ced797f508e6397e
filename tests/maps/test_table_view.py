"""The table view beside every map, and the map browser's timeline (#14), in a real
Chromium against the app over the seed data (real FalkorDB, real HTTP, demo mode).

What the tables show is checked against the map's own payload (``read_payload`` of the
page the app served), the timeline's counts against ``Graphsvc.network(as_of=...)``,
and both with axe-core (no serious or critical violation) and by keyboard alone.
"""

from __future__ import annotations

import unicodedata
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graphsvc.api import create_app
from graphsvc.core import Graphsvc
from graphsvc.maps.payload import read_payload
from graphsvc.maps.table import columns_of
from graphsvc.settings import Settings
from tests.api.apihelpers import ServerThread
from tests.axe import assert_accessible
from tests.pagewatch import WatchedPage, close_pages, wait_for, watch

pytestmark = pytest.mark.browser

MAP_READY = "window.graphsvcMap && window.graphsvcMap.ready === true"
YEAR = 2012


@pytest.fixture(scope="module")
def seeded(settings: Settings) -> Iterator[dict[str, Any]]:
    """The app over the seed (demo mode), and what the core says about it."""
    with Graphsvc.open(settings) as graphsvc:
        graphsvc.reset()
        graphsvc.seed()
        graphsvc.bump_version()
        now = graphsvc.network(include_proposed=True)
        then = graphsvc.network(as_of=f"{YEAR}-12-31", include_proposed=True)
        facts = {
            "hidden": {k: v for k, v in graphsvc.hidden_persons().items() if v},
            "now_ties": now.number_of_edges(),
            "then_ties": then.number_of_edges(),
            "now_projects": sum(1 for _, d in now.nodes(data=True) if d["type"] == "project"),
            "then_projects": sum(1 for _, d in then.nodes(data=True) if d["type"] == "project"),
        }
    server = ServerThread(create_app(settings, demo=True)).start()
    facts["url"] = server.url
    yield facts
    server.stop()


@pytest.fixture
def open_page(browser: Any, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Any]:
    opened: list[tuple[Any, Any]] = []

    def _open(url: str, origin: str, width: int = 1400, height: int = 900) -> WatchedPage:
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        result = WatchedPage(page)
        opened.append((page, context))
        watch(context, page, result, (origin.rstrip("/") + "/",))
        page.goto(url, wait_until="load")
        return result

    yield _open
    close_pages(request, tmp_path, opened)


def payload_of(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=120) as response:
        return read_payload(response.read().decode("utf-8"))


def open_map(open_page: Any, seeded: dict[str, Any], path: str) -> WatchedPage:
    opened = open_page(seeded["url"] + path, seeded["url"])
    wait_for(opened.page, MAP_READY, timeout=60_000)
    return opened


def open_table(target: Any) -> None:
    """Press the table toggle of a map page (or frame) and wait for the rows."""
    target.click("#table-toggle")
    wait_for(target, "document.querySelectorAll('#table-body tbody tr').length > 0")


def norm(text: str) -> str:
    """As the page's search folds text (no accents, lower case)."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def of_kind(payload: dict[str, Any], g: str) -> set[str]:
    return {str(n["id"]) for n in payload["nodes"] if n.get("g") == g}


@pytest.mark.parametrize(
    "path",
    ["/maps/network?lang=da", "/maps/municipality?id=DK-410&lang=da"],
    ids=["seed", "DK-410"],
)
def test_the_table_has_the_maps_actors_and_ties(path, seeded, open_page):
    payload = payload_of(seeded["url"] + path)
    m = open_map(open_page, seeded, path)
    assert m.js("document.getElementById('table-view').hidden") is True
    open_table(m.page)
    assert m.page.get_attribute("#table-toggle", "aria-pressed") == "true"
    counts = m.js("graphsvcMap.table.counts()")
    actors, projects = of_kind(payload, "actor"), of_kind(payload, "project")
    assert counts["actors"] == {"shown": len(actors), "total": len(actors), "active": None}
    assert counts["projects"]["shown"] == len(projects)
    assert counts["ties"] == {
        "shown": len(payload["edges"]),
        "total": len(payload["edges"]),
        "active": None,
    }
    assert set(m.js("graphsvcMap.table.rows('actors')")) == actors
    assert set(m.js("graphsvcMap.table.rows('ties')")) == {e["id"] for e in payload["edges"]}
    # announced politely, counted in Danish
    assert m.page.get_attribute("#table-count", "role") == "status"
    said = m.page.inner_text("#table-count")
    assert f"{len(actors)} af {len(actors)} aktører" in said
    assert f"{len(payload['edges'])} af {len(payload['edges'])} forbindelser" in said
    # a real table: caption, column and row headers; the measures under the panel's names
    table = m.js(
        """() => { const t = document.getElementById('table-actors');
        return { caption: t.caption.textContent,
                 cols: Array.from(t.tHead.rows[0].cells).map(c => [c.scope, c.textContent]),
                 rowHeaders: t.querySelectorAll('tbody th[scope=row] button').length }; }"""
    )
    assert table["caption"].startswith("Aktører")
    assert all(scope == "col" for scope, _ in table["cols"])
    assert table["rowHeaders"] == len(actors)
    panel_names = {m_[0] for entry in payload["info"].values() for m_ in entry.get("measures", [])}
    headers = {text.rstrip(" ▲▼") for _, text in table["cols"]}
    assert panel_names and panel_names <= headers
    # The map's filter: one sector only, in the map and the table alike.
    shown = m.js("graphsvcMap.setFilter('sector', ['public'])")
    public = {
        n["id"]
        for n in payload["nodes"]
        if n.get("g") == "actor" and n["f"]["sector"] == ["public"]
    }
    assert public and len(public) < len(actors)
    wait_for(m.page, f"graphsvcMap.table.counts().actors.shown === {len(public)}")
    assert set(m.js("graphsvcMap.table.rows('actors')")) == public
    assert shown == len(m.js("graphsvcMap.visibleNodeIds()"))
    m.assert_clean()


def test_sorting_by_a_measure_orders_by_the_payloads_values(seeded, open_page):
    path = "/maps/network?lang=da"
    payload = payload_of(seeded["url"] + path)
    table = payload["table"]
    at = columns_of(table, "actors").index("betweenness")
    value = {node: table["cells"][node][at] for node in of_kind(payload, "actor")}
    m = open_map(open_page, seeded, path)
    open_table(m.page)
    header = m.page.locator("#table-actors thead th", has_text="Mellemplacering").first
    assert header.get_attribute("aria-sort") == "none"
    header.locator("button").click()  # a measure sorts highest first
    assert header.get_attribute("aria-sort") == "descending"
    assert m.page.get_attribute("#table-actors thead th >> nth=0", "aria-sort") == "none"
    order = m.js("graphsvcMap.table.rows('actors')")
    numbers = [value[n] for n in order if value[n] is not None]
    assert numbers == sorted(numbers, reverse=True) and len(set(numbers)) > 3
    # the empty cells (hidden persons show no measures) come last
    empties = [n for n in order if value[n] is None]
    assert order[len(numbers) :] == empties
    top = max(v for v in value.values() if v is not None)
    assert value[order[0]] == top
    # the text shown is the side panel's
    first_row = m.js("graphsvcMap.table.cells('actors')[0]")
    panel = dict((m_[0], m_[1]) for m_ in payload["info"][order[0]]["measures"])
    assert panel["Mellemplacering"] in first_row
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    order = m.js("graphsvcMap.table.rows('actors')")
    numbers = [value[n] for n in order if value[n] is not None]
    assert numbers == sorted(numbers)
    m.assert_clean()


def test_the_search_filters_rows_and_hidden_persons_show_only_their_pseudonym(seeded, open_page):
    path = "/maps/network?lang=da"
    payload = payload_of(seeded["url"] + path)
    m = open_map(open_page, seeded, path)
    open_table(m.page)
    text = m.page.inner_text("#table-view")
    hidden = seeded["hidden"]
    assert hidden
    for name in hidden.values():
        assert name not in text
    for real in hidden:
        assert real not in m.js("JSON.stringify(graphsvcMap.table.rows('actors'))")
    persons = sorted(
        entry["name"]
        for node, entry in payload["info"].items()
        if entry.get("name", "").startswith("Person ")
    )
    assert len(persons) == len(hidden)
    names = [row[0] for row in m.js("graphsvcMap.table.cells('actors')")]
    assert sorted(n for n in names if n.startswith("Person ")) == persons
    # The search: every actor whose name, kind, sector or municipality has "middelfart".
    kinds = {node: cells[:3] for node, cells in payload["table"]["cells"].items()}
    expected = {
        n
        for n in of_kind(payload, "actor")
        if any("middelfart" in norm(str(t)) for t in [payload["info"][n]["name"], *kinds[n]])
    }
    m.page.fill("#table-search", "Middelfart")
    wait_for(m.page, f"graphsvcMap.table.counts().actors.shown === {len(expected)}")
    assert set(m.js("graphsvcMap.table.rows('actors')")) == expected
    total = len(of_kind(payload, "actor"))
    assert f"{len(expected)} af {total} aktører" in m.page.inner_text("#table-count")
    # A search for a person's pseudonym finds her; her name finds nothing.
    m.page.fill("#table-search", persons[0])
    wait_for(
        m.page,
        "graphsvcMap.table.cells('actors').every(r => r[0].startsWith('Person '))",
    )
    assert persons[0] in m.js("graphsvcMap.table.cells('actors').map(r => r[0])")
    m.page.fill("#table-search", next(iter(hidden.values())))
    wait_for(m.page, "graphsvcMap.table.counts().actors.shown === 0")
    assert "Ingen rækker matcher" in m.page.inner_text("#table-actors")
    m.assert_clean()


def test_keyboard_reaches_the_toggle_and_the_search_and_enter_focuses_the_node(seeded, open_page):
    m = open_map(open_page, seeded, "/maps/network?lang=da")
    reached = tab_to(m.page, "table-toggle")
    assert reached, "Tab never reached the table toggle"
    m.page.keyboard.press("Enter")
    wait_for(m.page, "document.querySelectorAll('#table-body tbody tr').length > 0")
    assert tab_to(m.page, "table-search"), "Tab never reached the table's search box"
    m.page.keyboard.type("Legepatruljen")
    wait_for(m.page, "graphsvcMap.table.counts().projects.shown === 1")
    # on to the first row's button (one per table is in the Tab order), then Enter
    assert tab_to(m.page, None, "document.activeElement.classList.contains('row-focus')", 120)
    node = m.js("document.activeElement.getAttribute('data-node')")
    m.page.keyboard.press("Enter")
    wait_for(m.page, f"graphsvcMap.focusedIds().includes({node!r})")
    assert m.js("graphsvcMap.network.getSelectedNodes()") == [node]
    assert not m.js("document.getElementById('panel').hidden")
    # the table follows the focus, and the keyboard stays on the same row
    assert m.js("document.activeElement.getAttribute('data-node')") == node
    assert not m.js("document.getElementById('table-focus-note').hidden")
    focused = set(m.js("graphsvcMap.focusedIds()"))
    assert set(m.js("graphsvcMap.table.rows('actors')")) <= focused
    m.page.keyboard.press("ArrowDown")  # arrow keys move between the rows
    assert m.js("document.activeElement.classList.contains('row-focus')")
    m.assert_clean()


def tab_to(page: Any, element_id: str | None, test: str | None = None, limit: int = 80) -> bool:
    """Press Tab until the element ``element_id`` (or ``test`` holds) has the focus."""
    test = test or f"document.activeElement && document.activeElement.id === {element_id!r}"
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => !!({test})"):
            return True
    return False


def test_the_table_is_accessible(seeded, open_page):
    for path in ("/maps/network?lang=da", "/maps/municipality?id=DK-410&lang=en"):
        m = open_map(open_page, seeded, path)
        open_table(m.page)
        m.page.locator("#table-actors thead button").nth(4).click()  # sorted by a measure
        m.page.fill("#table-search", "a")
        wait_for(m.page, "document.getElementById('table-count').textContent.length > 0")
        assert_accessible(m.page)
        m.assert_clean()


def frame_of(page: Any) -> Any:
    return next(f for f in page.frames if "/maps/" in f.url)


def wait_for_frame_map(m: WatchedPage, src_part: str, absent: str | None = None) -> Any:
    """The map frame once its page (with ``src_part`` and, if given, without ``absent``
    in its address) is ready: a frame whose old page is still ready would otherwise be
    taken while the new one loads."""
    wait_for(
        m.page,
        """([part, absent]) => { const f = document.getElementById('map-frame');
        try { const src = f.getAttribute('src'), at = f.contentWindow.location.search;
              return src.includes(part) && at.includes(part)
              && (!absent || (!src.includes(absent) && !at.includes(absent)))
              && f.contentWindow.graphsvcMap && f.contentWindow.graphsvcMap.ready === true;
        } catch (e) { return false; } }""",
        [src_part, absent],
        timeout=90_000,
    )
    return frame_of(m.page)


def test_the_timeline_shows_the_network_as_of_a_year(seeded, open_page):
    m = open_page(seeded["url"] + "/?lang=da", seeded["url"])
    maps: list[str] = []
    m.page.on("request", lambda r: maps.append(r.url) if "/maps/" in r.url else None)
    wait_for(m.page, "!!window.graphsvcBrowser")
    frame = wait_for_frame_map(m, "lang=da")
    first, last = (
        int(m.page.get_attribute("#year", "min")),
        int(m.page.get_attribute("#year", "max")),
    )
    assert first <= YEAR < last and m.page.inner_text("#year-value") == "Nu"
    assert m.page.get_attribute("#year", "aria-valuetext") == "Nu"
    label = m.js("document.querySelector('label[for=year]').textContent")
    assert label == "Tidslinje: år"
    # Now: the table counts every tie of the network today.
    open_table(frame)
    counts = frame.evaluate("graphsvcMap.table.counts()")
    assert counts["ties"]["total"] == seeded["now_ties"]
    # Debounced: a slider moved through four years at once loads one map, the last one's.
    m.js(
        """(years) => { const slider = document.getElementById('year');
        for (const y of years) {
            slider.value = String(y);
            slider.dispatchEvent(new Event('input', { bubbles: true }));
        } }""",
        list(range(YEAR + 1, YEAR + 5)),
    )
    wait_for_frame_map(m, f"as_of={YEAR + 4}-12-31")
    assert [u for u in maps if "as_of=" in u] == [u for u in maps if f"as_of={YEAR + 4}" in u]
    assert len([u for u in maps if "as_of=" in u]) == 1
    # By keyboard: Tab to the slider, Home, then right to the year.
    assert tab_to(m.page, "year"), "Tab never reached the timeline"
    m.page.keyboard.press("Home")
    for _ in range(YEAR - first):
        m.page.keyboard.press("ArrowRight")
    assert m.page.input_value("#year") == str(YEAR)
    assert m.page.inner_text("#year-value") == f"31. december {YEAR}"
    assert m.page.get_attribute("#year", "aria-valuetext") == f"31. december {YEAR}"
    frame = wait_for_frame_map(m, f"as_of={YEAR}-12-31")
    assert f"as_of={YEAR}-12-31" in m.page.url  # the URL keeps the state
    assert m.page.input_value("#as-of") == f"{YEAR}-12-31"
    # the table stayed open over the reload, and counts what is active that day
    wait_for(
        frame, "graphsvcMap.table.counts().ties && graphsvcMap.table.counts().ties.active !== null"
    )
    counts = frame.evaluate("graphsvcMap.table.counts()")
    assert counts["ties"]["active"] == seeded["then_ties"] < seeded["now_ties"]
    assert counts["projects"]["active"] == seeded["then_projects"]
    said = frame.inner_text("#table-count")
    assert f"heraf {seeded['then_ties']} aktive pr. {YEAR}-12-31" in said
    assert_accessible(m.page)  # the browser with the slider moved
    # "Nu" (the next stop after the slider) returns to today.
    m.page.keyboard.press("Tab")
    assert m.js("document.activeElement.id") == "now"
    m.page.keyboard.press("Enter")
    frame = wait_for_frame_map(m, "size_by=", absent="as_of")
    assert m.page.inner_text("#year-value") == "Nu"
    assert m.page.input_value("#year") == str(last)
    assert "as_of" not in m.page.url
    wait_for(frame, "graphsvcMap.table.counts().ties !== undefined")
    assert frame.evaluate("graphsvcMap.table.counts().ties.shown") == seeded["now_ties"]
    m.assert_clean()
