"""A map page by keyboard, in a real chromium: find an actor, read its panel, close it.

The search field finds a node and opens its side panel; Escape (or the close button,
reached with Tab) closes it, and the focus goes back to where it was, showing itself
(``tests.focus``: an outline with 3:1 contrast).
"""

from __future__ import annotations

from typing import Any

from tests.focus import assert_focus_visible, focused_matches, tab_to
from tests.maps.seed_server import seed_map


def test_search_opens_the_panel_and_escape_closes_it(open_map: Any) -> None:
    m = open_map(seed_map("municipality", focus="DK-410", lang="da"))
    page = m.page
    tab_to(page, "#search-input")
    page.keyboard.type("Jobcenter Middelfart")
    page.keyboard.press("Enter")
    page.wait_for_selector("#panel:not([hidden])")
    assert "Jobcenter Middelfart" in page.inner_text("#panel h2")
    page.keyboard.press("Escape")
    page.wait_for_selector("#panel", state="hidden")
    assert focused_matches(page, "#search-input")
    assert_focus_visible(page)

    # Again (Escape in a search field also empties it), closed with its button, by Tab.
    page.keyboard.type("Jobcenter Middelfart")
    page.keyboard.press("Enter")
    page.wait_for_selector("#panel:not([hidden])")
    tab_to(page, "#panel-close")
    page.keyboard.press("Enter")
    page.wait_for_selector("#panel", state="hidden")
    assert focused_matches(page, "#search-input")
    assert_focus_visible(page)
    m.assert_clean()
