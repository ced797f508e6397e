"""Every page of the app in a real Chromium, scanned with axe-core (WCAG 2.1 A and AA).

The app runs over the seed data set in demo mode (as ``graphsvc up`` serves it), with the
demo workshop; each page is opened in a fresh context, left to draw, scanned
(:func:`tests.axe.assert_accessible`: no serious or critical violation), and must have
logged no console error and made no request elsewhere (``tests.pagewatch``): the favicon
is inline, so no page asks for ``/favicon.ico``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graphsvc.api import create_app
from graphsvc.cli.up import DEMO_WORKSHOP, _demo_workshop
from graphsvc.core import Graphsvc
from graphsvc.maps.html import _description
from graphsvc.settings import Settings
from graphsvc.surveys import Surveys
from tests.api.apihelpers import ServerThread
from tests.axe import assert_accessible
from tests.focus import assert_focus_visible
from tests.pagewatch import WatchedPage, close_pages, wait_for, watch

pytestmark = pytest.mark.browser

EGO = "mentorkoordinator-jobcenter-middelfart"
MAP_READY = "window.graphsvcMap && window.graphsvcMap.ready === true"
SURVEY_READY = "window.graphsvcSurvey && window.graphsvcSurvey.ready === true"
LOADED = "document.readyState === 'complete'"
# Each page, and what shows it has drawn.
PAGES = {
    "browser-da": ("/?lang=da", "document.querySelector('#lenses input') !== null"),
    "browser-en": ("/?lang=en", "document.querySelector('#lenses input') !== null"),
    "map-network": ("/maps/network?lang=da", MAP_READY),
    "map-brokers": ("/maps/brokers?lang=en", MAP_READY),
    "map-project": ("/maps/project?id=legepatruljen&lang=da", MAP_READY),
    "map-municipality": ("/maps/municipality?id=DK-410&lang=da", MAP_READY),
    "map-ego": ("/maps/ego?id={ego}&lang=en", MAP_READY),
    "map-whatif": ("/maps/whatif?remove=trygfonden&lang=da", MAP_READY),
    "workshops": ("/workshop?lang=da", "document.readyState === 'complete'"),
    "workshop": (
        f"/workshop/{DEMO_WORKSHOP}?lang=da",
        "window.graphsvcWorkshop && window.graphsvcWorkshop.ready === true",
    ),
    "sign-in": ("/login?lang=da", "document.readyState === 'complete'"),
    "import": ("/import?lang=da", "document.readyState === 'complete'"),
    "survey-new": ("/surveys/new?project=legepatruljen&lang=da", SURVEY_READY),
    "survey": ("/surveys/{survey}/page?lang=en", SURVEY_READY),
    "import-en": ("/import?lang=en", "document.readyState === 'complete'"),
    # The reports' HTML (the PDF is printed from it): both kinds, both languages.
    "report-project-da": ("/reports/project/legepatruljen?format=html&lang=da", LOADED),
    "report-project-en": ("/reports/project/legepatruljen?format=html&lang=en", LOADED),
    "report-municipality-da": ("/reports/municipality/DK-410?format=html&lang=da", LOADED),
    "report-municipality-en": ("/reports/municipality/DK-410?format=html&lang=en", LOADED),
}


@pytest.fixture(scope="module")
def seeded(settings: Settings) -> Iterator[str]:
    """The app over the seed data and the demo workshop, in demo mode: its base URL."""
    with Graphsvc.open(settings) as graphsvc:
        graphsvc.reset()
        graphsvc.seed()
        graphsvc.bump_version()
        _demo_workshop(graphsvc)
        ego = graphsvc.public_id(EGO)
        survey = Surveys(graphsvc).create(
            {
                "title": {"da": "Legepatruljen"},
                "scope_kind": "project",
                "scope_id": "legepatruljen",
            },
            by="test",
        )
    server = ServerThread(create_app(settings, demo=True)).start()
    PAGES["map-ego"] = (PAGES["map-ego"][0].format(ego=ego), MAP_READY)
    PAGES["survey"] = (PAGES["survey"][0].format(survey=survey["id"]), SURVEY_READY)
    yield server.url
    server.stop()


@pytest.fixture
def open_page(browser: Any, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Any]:
    opened: list[tuple[Any, Any]] = []

    def _open(url: str, origin: str) -> WatchedPage:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.set_default_navigation_timeout(180_000)  # a report is drawn on first request
        result = WatchedPage(page)
        opened.append((page, context))
        watch(context, page, result, (origin.rstrip("/") + "/",))
        page.goto(url, wait_until="load")
        return result

    yield _open
    close_pages(request, tmp_path, opened)


@pytest.mark.parametrize("name", list(PAGES))
def test_page_is_accessible(name: str, seeded: str, open_page: Any) -> None:
    path, ready = PAGES[name]
    opened = open_page(seeded + path, seeded)
    wait_for(opened.page, ready, timeout=60_000)
    assert_accessible(opened.page)
    opened.assert_clean()
    assert_hover_contrast(opened.page)
    if name.startswith("map-"):
        # The drawing's text alternative, in the page's language.
        described = opened.page.evaluate(
            "() => document.getElementById("
            "document.getElementById('map').getAttribute('aria-describedby')).textContent"
        )
        start = "Kort over " if "lang=da" in path else "Map of "
        assert described.startswith(start), described


@pytest.mark.parametrize("name", list(PAGES))
def test_keyboard_focus_is_visible_on_every_stop(name: str, seeded: str, open_page: Any) -> None:
    """Tab through the page's first stops: each shows its focus with 3:1 contrast, the focus
    moves on (no trap), and Shift+Tab walks the same stops back."""
    path, ready = PAGES[name]
    opened = open_page(seeded + path, seeded)
    wait_for(opened.page, ready, timeout=60_000)
    page = opened.page
    page.evaluate("document.activeElement && document.activeElement.blur()")
    stops: list[str] = []
    for _ in range(STOPS):
        page.keyboard.press("Tab")
        stop = page.evaluate(WHICH)
        if stop is None and stops:
            break  # past the last stop: out of the page
        assert_focus_visible(page)
        if stops and stop == stops[-1]:
            continue  # a date field's day, month and year
        if stops and stop == stops[0]:
            break  # round the page once
        assert stop not in stops, f"the focus came back to {stop} after {stops}"
        stops.append(stop)
    assert stops, "no stop for the keyboard"
    # Back from the last stop, Shift+Tab walks the same stops in reverse.
    page.evaluate("s => document.querySelector(`[data-stop='${s}']`).focus()", handle(stops[-1]))
    current = stops[-1]
    for previous in reversed(stops[-7:-1]):
        page.keyboard.press("Shift+Tab")
        while page.evaluate(WHICH) == current:  # a date field: its other parts first
            page.keyboard.press("Shift+Tab")
        current = page.evaluate(WHICH)
        assert current == previous, stops
        assert_focus_visible(page)
    opened.assert_clean()


STOPS = 30


def handle(stop: str) -> str:
    """The number :data:`WHICH` marked a stop's element with."""
    return stop.rsplit(":", 1)[1]


# The element with the focus, as a handle that stays when the page rebuilds around it
# (a focused chip changes the selection card); null on the page itself.
WHICH = """() => { const a = document.activeElement;
  if (!a || a === document.body) return null;
  if (!a.dataset.stop) { window.stopCount = (window.stopCount || 0) + 1;
                         a.dataset.stop = String(window.stopCount); }
  return a.tagName + '#' + a.id + ':' + a.dataset.stop; }"""


# Every visible control, hovered in turn: axe sees one state, and hover rules change colours.
HOVERABLE = "button:not([disabled]), a[href], summary, label.button"
CONTRAST = """async (control) => {
  const result = await axe.run(control, { runOnly: { type: "rule", values: ["color-contrast"] } });
  return result.violations.flatMap(v => v.nodes.map(n => n.failureSummary));
}"""


def assert_hover_contrast(page: Any) -> None:
    """Hover each control of ``page`` (axe already loaded) and check its text contrast."""
    failing = []
    controls = page.locator(HOVERABLE)
    for i in range(min(controls.count(), 60)):
        control = controls.nth(i)
        box = control.bounding_box() if control.is_visible() else None
        if box is None or box["y"] + box["height"] <= 0 or box["x"] + box["width"] <= 0:
            continue  # hidden, or a skip link parked off-screen until focused
        control.hover(timeout=5000)
        if found := control.evaluate(CONTRAST):
            failing.append(f"{control.evaluate('c => c.outerHTML.slice(0, 120)')}: {found}")
    page.mouse.move(0, 0)
    assert not failing, "text contrast when hovered:\n" + "\n".join(failing)


def test_the_hover_check_sees_a_hover_rule(browser: Any) -> None:
    """The check itself: white text on a light grey only when hovered is caught."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content(
            '<html lang="en"><title>t</title><style>button:hover { background: #eef1f4;'
            " color: #fff }</style><main><button>Go</button></main></html>"
        )
        assert_accessible(page)  # fine when not hovered (and loads axe)
        with pytest.raises(AssertionError, match="text contrast when hovered"):
            assert_hover_contrast(page)
    finally:
        context.close()


@pytest.mark.parametrize(
    ("lang", "counts", "expected"),
    [
        ("da", (1, 1, 1), "Kort over 1 aktør, 1 projekt og 1 forbindelse."),
        ("da", (2, 0, 3), "Kort over 2 aktører og 3 forbindelser."),
        ("da", (5, 2, 0), "Kort over 5 aktører, 2 projekter og 0 forbindelser."),
        ("en", (1, 0, 1), "Map of 1 actor and 1 tie."),
        ("en", (3, 2, 4), "Map of 3 actors, 2 projects and 4 ties."),
    ],
)
def test_map_description_counts_in_words(
    lang: str, counts: tuple[int, int, int], expected: str
) -> None:
    actors, projects, ties = counts
    network = nx.MultiDiGraph()
    network.add_nodes_from((f"a{i}", {"type": "actor"}) for i in range(actors))
    network.add_nodes_from((f"p{i}", {"type": "project"}) for i in range(projects))
    text = _description(lang, network, list(network.nodes), ties)  # type: ignore[arg-type]
    assert text.split(". ")[0] + "." == expected
