"""The workshop page by keyboard, and the page's layout defects of #14, in a real chromium.

The keyboard path is the page's main task: add an actor, place it on the stakeholder grid,
give it an attitude and tie it to another actor, with Tab, Shift+Tab, Enter, the arrow keys
and Escape only; every stop of the focus on the way must show it (``tests.focus``: an
outline or shadow with at least 3:1 contrast, WCAG 2.4.7 and 1.4.11). The layout tests
measure the page: the selection card's size and what it covers, chips that show their
whole name, and a dragged chip that keeps where it was grabbed.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.focus import assert_focus_visible, focused_matches, tab_to
from tests.workshop.test_workshop_browser import SHOWS_ACTOR, SHOWS_TIE
from tests.workshop.workshophelpers import Opened, Workshop

KOMMUNE = "middelfart-kommune"
CENTRE = "frivilligcenter-middelfart"
LONG_NAME = "Foreningen af frivillige sociale mentorer for unge i Middelfart og omegn"


def chip(actor_id: str) -> str:
    return f'.chip[data-actor-id="{actor_id}"]'


def grid_of(workshop: Workshop, actor_id: str) -> dict[str, Any]:
    return dict(next(a for a in workshop.state()["actors"] if a["id"] == actor_id)["grid"])


def test_add_place_and_tie_an_actor_by_keyboard(workshop: Workshop, open_page: Any) -> None:
    a: Opened = open_page(workshop.editor_a)
    page = a.page
    # The name field has the focus when the page opens (autofocus), and shows it.
    a.wait("document.activeElement && document.activeElement.id === 'actor-name'")
    assert_focus_visible(page)
    page.keyboard.type("Delta Forening")
    tab_to(page, "#actor-kind")
    page.keyboard.type("Association")  # a closed select picks by typing
    assert page.eval_on_selector("#actor-kind", "s => s.value") == "association"
    tab_to(page, "#add-actor button[type=submit]")
    page.keyboard.press("Enter")
    delta = str(a.wait(SHOWS_ACTOR, "Delta Forening").json_value())
    # Ready for the next one: the name field has the focus again.
    a.wait("document.activeElement.id === 'actor-name'")

    # To its chip in the tray, onto the grid (Enter: the centre), then moved by arrows.
    stops = tab_to(page, chip(delta))
    assert any("actor-kind" in s for s in stops) and any("tab-analysis" in s for s in stops)
    assert page.eval_on_selector(chip(delta), "c => c.parentElement.id") == "tray-chips"
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#grid {chip(delta)}")
    assert focused_matches(page, chip(delta)), "the chip keeps the focus when placed"
    for key in ("ArrowRight", "ArrowRight", "ArrowUp"):
        page.keyboard.press(key)
    page.keyboard.press("1")  # supporter
    a.wait(
        "id => { const g = window.graphsvcWorkshop.state().actors.find(x => x.id === id).grid;"
        " return g.attitude === 'supporter' && g.interest === 0.6 && g.power === 0.55; }",
        delta,
        timeout=10_000,
    )
    assert grid_of(workshop, delta) == {"power": 0.55, "interest": 0.6, "attitude": "supporter"}
    assert_focus_visible(page)

    # A tie from Delta to the municipality, chosen by typing in the two lists.
    tab_to(page, "#tie-source", back=True)
    page.keyboard.type("Delta")
    tab_to(page, "#tie-target")
    page.keyboard.type("Middelfart K")
    assert page.eval_on_selector("#tie-target", "s => s.value") == KOMMUNE
    tab_to(page, "#add-tie button[type=submit]")
    page.keyboard.press("Enter")
    a.wait(SHOWS_TIE, [delta, KOMMUNE])
    ties = workshop.state()["ties"]
    assert any({t["source_id"], t["target_id"]} == {delta, KOMMUNE} for t in ties)
    a.assert_clean()


def test_the_selection_card_by_keyboard(workshop: Workshop, open_page: Any) -> None:
    a: Opened = open_page(workshop.editor_a)
    page = a.page
    # A chip with the focus selects its actor and opens the card.
    tab_to(page, chip(CENTRE))  # the tray's first chip
    page.wait_for_selector("#details:not([hidden])")
    assert "Frivilligcenter Middelfart" in page.inner_text("#details .d-name")
    # Back into the card (it comes before the grid), fold it to its name and open it.
    tab_to(page, "#details-fold", back=True)
    page.keyboard.press("Enter")
    assert page.get_attribute("#details-fold", "aria-expanded") == "false"
    folded = page.locator("#details").bounding_box()
    assert folded and folded["height"] < 90, folded
    assert page.is_visible("#details .d-name")
    page.keyboard.press("Space")
    assert page.get_attribute("#details-fold", "aria-expanded") == "true"
    # Escape closes it, and the focus goes back to the chip it came from.
    page.keyboard.press("Escape")
    page.wait_for_selector("#details", state="hidden")
    assert focused_matches(page, chip(CENTRE))
    assert_focus_visible(page)
    # The skip link leads to the map, which shows that it has the focus.
    page.focus("#actor-name")
    tab_to(page, "a.skip", back=True)
    page.keyboard.press("Enter")
    assert focused_matches(page, "#map")
    assert_focus_visible(page)
    a.assert_clean()


# The card's box, the map's box and where the selected node is drawn, in page pixels.
CARD_AND_NODE = """id => {
  const w = window.graphsvcWorkshop;
  const area = document.getElementById('map-area').getBoundingClientRect();
  const card = document.getElementById('details').getBoundingClientRect();
  const p = w.network.canvasToDOM(w.network.getPositions([id])[id]);
  return {area: [area.left, area.top, area.width, area.height],
          card: [card.left, card.top, card.width, card.height],
          node: [area.left + p.x, area.top + p.y]};
}"""


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1024, 700)])
def test_the_selection_card_is_small_and_leaves_the_node_free(
    workshop: Workshop, open_page: Any, width: int, height: int
) -> None:
    a: Opened = open_page(workshop.editor_a, width=width, height=height)
    for actor_id in (KOMMUNE, CENTRE):
        a.page.click(chip(actor_id))
        a.page.wait_for_selector("#details:not([hidden])")
        a.page.wait_for_timeout(400)  # the map slides (250 ms) when the card was in the way
        box = a.page.evaluate(CARD_AND_NODE, actor_id)
        (_, _, aw, ah), (cx, cy, cw, ch), (nx, ny) = box["area"], box["card"], box["node"]
        assert cw * ch < 0.25 * aw * ah, box  # it covered a third and more (#14)
        assert ch <= 0.5 * ah + 1, box
        inside = cx <= nx <= cx + cw and cy <= ny <= cy + ch
        assert not inside, f"the card covers the selected node: {box}"
    a.assert_clean()


def test_chips_show_their_whole_name(workshop: Workshop, open_page: Any) -> None:
    made = workshop.http.post(
        f"{workshop.path}/actors",
        json={"name": LONG_NAME, "kind": "association", "sector": "civil_society"},
    )
    assert made.status_code in (200, 201), made.text
    long_id = made.json()["actor"]["id"]
    # On the grid's right half a chip's name runs leftwards: it had only the room to the
    # grid's right edge (an absolute box shrinks to it) and was cut to a few letters.
    placed = workshop.http.put(
        f"{workshop.path}/grid/{KOMMUNE}", json={"power": 0.7, "interest": 0.85, "attitude": None}
    )
    assert placed.status_code == 200, placed.text
    a: Opened = open_page(workshop.editor_a)
    page = a.page
    page.wait_for_selector(f"#grid {chip(KOMMUNE)}")
    cut = """c => { const n = c.querySelector('.nm'); return n.scrollWidth > n.clientWidth + 1; }"""
    assert not page.eval_on_selector(f"#grid {chip(KOMMUNE)}", cut)
    # In the tray every chip shows its whole name, the long one wrapped.
    for c in page.locator("#tray-chips .chip").all():
        assert not c.evaluate(cut), c.inner_text()
    assert page.inner_text(f"#tray-chips {chip(long_id)} .nm") == LONG_NAME
    # Placed near the middle a long name is cut to its room, with the whole name in its
    # title and accessible name, and shown whole (wrapped) when the chip has the focus.
    workshop.http.put(
        f"{workshop.path}/grid/{long_id}", json={"power": 0.3, "interest": 0.55, "attitude": None}
    ).raise_for_status()
    page.wait_for_selector(f"#grid {chip(long_id)}")
    grid_chip = page.locator(f"#grid {chip(long_id)}")
    assert grid_chip.get_attribute("title") == LONG_NAME
    assert (grid_chip.get_attribute("aria-label") or "").startswith(LONG_NAME + ",")
    grid_chip.focus()
    assert not grid_chip.evaluate(cut)
    box, grid = grid_chip.bounding_box(), page.locator("#grid").bounding_box()
    assert box and grid
    assert grid["x"] - 1 <= box["x"] and box["x"] + box["width"] <= grid["x"] + grid["width"] + 1
    a.assert_clean()


# Where the chip's dot (its point) is drawn: the ghost's while dragging.
DOT = """sel => { const b = document.querySelector(sel + ' .sw').getBoundingClientRect();
              return [b.left + b.width / 2, b.top + b.height / 2]; }"""


def test_a_dragged_chip_keeps_its_grab_offset(workshop: Workshop, open_page: Any) -> None:
    a: Opened = open_page(workshop.editor_a)
    page = a.page
    grabbed = page.locator(chip(KOMMUNE)).bounding_box()
    grid = page.locator("#grid").bounding_box()
    assert grabbed and grid
    dot = page.evaluate(DOT, chip(KOMMUNE))
    # Grabbed by the end of its name, well right of its dot.
    gx, gy = grabbed["x"] + grabbed["width"] - 12, grabbed["y"] + grabbed["height"] / 2
    offset = (gx - dot[0], gy - dot[1])
    assert offset[0] > 40
    page.mouse.move(gx, gy)
    page.mouse.down()
    target = (grid["x"] + 0.3 * grid["width"] + offset[0], grid["y"] + 0.4 * grid["height"])
    page.mouse.move(*target, steps=10)
    ghost = page.evaluate(DOT, ".chip.ghost")
    assert ghost == pytest.approx((target[0] - offset[0], target[1] - offset[1]), abs=1.5)
    page.mouse.up()
    page.wait_for_selector(f"#grid {chip(KOMMUNE)}")
    placed = page.evaluate(DOT, f"#grid {chip(KOMMUNE)}")
    # Where the dot was when let go: not under the pointer (it jumped there, #14).
    assert placed == pytest.approx((target[0] - offset[0], target[1] - offset[1]), abs=4)
    a.wait(
        "id => window.graphsvcWorkshop.state().actors.find(x => x.id === id).grid.power !== null",
        KOMMUNE,
    )
    a.page.wait_for_timeout(300)
    stored = grid_of(workshop, KOMMUNE)
    assert stored["interest"] == pytest.approx(0.3, abs=0.02)
    assert stored["power"] == pytest.approx(0.6, abs=0.02 + offset[1] / grid["height"])
    a.assert_clean()
