"""The map browser's tasks done with the keyboard alone, in a real headless Chromium.

A planner who cannot use a mouse picks a lens, finds a project by typing, opens its map,
walks the timeline back two years and returns to today, and opens the table beside the
map; every stop on the way shows its focus (:func:`tests.focus.tab_to`). Served as in
``test_browser_page.py`` (``seed_server``: the seed maps, no database).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.focus import assert_focus_visible, focused_matches, tab_to
from tests.maps.seed_server import SeedServer
from tests.maps.test_browser_page import MAP_READY

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server() -> Iterator[SeedServer]:
    with SeedServer() as srv:
        yield srv


def frame_src(page: Any) -> dict[str, list[str]]:
    """The query of the map the frame shows."""
    return parse_qs(urlsplit(page.get_attribute("#map-frame", "src")).query)


def wait_for_map(page: Any, lens: str) -> Any:
    page.wait_for_function(MAP_READY, arg=[f"/maps/{lens}", None], timeout=60_000)
    return next(f for f in page.frames if urlsplit(f.url).path == f"/maps/{lens}")


def test_a_project_map_found_and_walked_back_in_time_by_keyboard(open_url: Any, server: Any):
    m = open_url(server.url + "/?lang=da", allow=(server.url,))
    page = m.page
    page.wait_for_function("() => !!window.graphsvcBrowser")
    wait_for_map(page, "network")
    page.evaluate("document.activeElement && document.activeElement.blur()")

    # The lens group is one stop; the arrows move the choice within it.
    tab_to(page, "input[name=lens]:checked")
    for _ in range(8):
        if page.evaluate("document.querySelector('input[name=lens]:checked').value") == "project":
            break
        page.keyboard.press("ArrowDown")
        assert_focus_visible(page)
    assert page.is_visible("#pick-project")

    # Type a part of the name, then choose from the narrowed list with the arrows.
    tab_to(page, "#filter-project")
    page.keyboard.type("legepatr")
    tab_to(page, "#pick-project")
    page.keyboard.press("ArrowDown")
    frame = wait_for_map(page, "project")
    assert "Legepatruljen" in frame.title()
    assert frame_src(page)["id"] == ["legepatruljen"]
    page.wait_for_function("document.getElementById('status').textContent.includes('Legepat')")
    assert page.inner_text("#status") == "Viser: Projekt og partnere: Legepatruljen"

    # The timeline: two years back with the arrow key, read out as a date, the map reloaded
    # as of 31 December of that year; "Nu" returns to today.
    tab_to(page, "#year")
    last = int(page.get_attribute("#year", "max"))
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert page.get_attribute("#year", "aria-valuetext") == f"31. december {last - 2}"
    page.wait_for_function(
        "y => (document.getElementById('map-frame').getAttribute('src') || '')"
        ".includes('as_of=' + y + '-12-31')",
        arg=last - 2,
        timeout=30_000,
    )
    wait_for_map(page, "project")
    assert frame_src(page)["as_of"] == [f"{last - 2}-12-31"]

    tab_to(page, "#now")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "!(document.getElementById('map-frame').getAttribute('src') || '').includes('as_of=')",
        timeout=30_000,
    )
    frame = wait_for_map(page, "project")
    assert "as_of" not in frame_src(page)
    assert page.get_attribute("#year", "aria-valuetext") == "Nu"

    # Into the map: its table view opens with Enter and its first row takes the focus
    # with the arrows, as the map's own keyboard test does for the panel.
    tab_to(page, "#map-frame")
    for _ in range(40):
        page.keyboard.press("Tab")
        if frame.evaluate("() => document.activeElement && document.activeElement.id") == (
            "table-toggle"
        ):
            break
    else:
        raise AssertionError("the map's table button was not reached with Tab")
    page.keyboard.press("Enter")
    assert frame.get_attribute("#table-toggle", "aria-pressed") == "true"
    assert focused_matches(page, "#map-frame")
    m.assert_clean()
