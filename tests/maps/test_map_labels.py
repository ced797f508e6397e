"""Labels people can read (#14), measured in a real Chromium on the seed maps.

The label boxes are vis-network's own (``labelModule.size`` of each drawn label, from its
last draw, turned into CSS pixels), not the page's estimate: among the labels drawn, no two
overlap, every one is inside the map, and each is 11–15 px high. The view fits what is
focused: after a node is focused (the side panel opens and narrows the map) every focused
node is inside the map; after a resize too; and an ego map fills the map.
"""

from __future__ import annotations

from typing import Any

import pytest

from graphsvc.maps import person_pseudonyms
from tests.maps.seed_server import seed_map

pytestmark = pytest.mark.browser

HUB = "mentorkoordinator-jobcenter-middelfart"

#: The labels vis-network drew, and the drawn nodes, in CSS px of the map (#map).
DRAWN_JS = """() => {
  const m = window.graphsvcMap, net = m.network, body = net.body;
  const labels = [], nodes = [];
  for (const id of body.nodeIndices) {
    const n = body.nodes[id];
    if (n.options.hidden) continue;
    const c = net.canvasToDOM({x: n.x, y: n.y}), r = n.options.size * net.getScale();
    nodes.push({id, x0: c.x - r, y0: c.y - r, x1: c.x + r, y1: c.y + r});
    if (!n.options.label || !n.options.font || !(n.options.font.size > 0)) continue;
    const s = n.labelModule.size;
    const a = net.canvasToDOM({x: s.left, y: s.top});
    const b = net.canvasToDOM({x: s.left + s.width, y: s.top + s.height});
    labels.push({id, text: n.options.label, x0: a.x, y0: a.y, x1: b.x, y1: b.y,
                 px: n.options.font.size * net.getScale()});
  }
  const box = document.getElementById("map");
  return {labels, nodes, width: box.clientWidth, height: box.clientHeight};
}"""


def settle(m: Any) -> None:
    """Wait until the page has placed its labels and vis-network has drawn them."""
    m.page.wait_for_timeout(150)  # the page places labels 90 ms after the last zoom event
    m.page.evaluate(
        """() => new Promise(resolve => {
            const net = window.graphsvcMap.network;
            net.once("afterDrawing", () => resolve(true));
            net.redraw();
        })"""
    )


def drawn(m: Any) -> dict[str, Any]:
    settle(m)
    return m.js(DRAWN_JS)


def overlaps(labels: list[dict[str, Any]]) -> list[tuple[str, str]]:
    found = []
    for i, p in enumerate(labels):
        for q in labels[i + 1 :]:
            w = min(p["x1"], q["x1"]) - max(p["x0"], q["x0"])
            h = min(p["y1"], q["y1"]) - max(p["y0"], q["y0"])
            if w > 0 and h > 0:
                found.append((p["text"], q["text"]))
    return found


def assert_readable(d: dict[str, Any], at_least: int) -> None:
    labels = d["labels"]
    assert len(labels) >= at_least, [lab["text"] for lab in labels]
    assert overlaps(labels) == []
    for lab in labels:
        assert 10.9 <= lab["px"] <= 15.1, lab
        assert lab["x0"] >= -1 and lab["x1"] <= d["width"] + 1, lab
        assert lab["y0"] >= -1 and lab["y1"] <= d["height"] + 1, lab


def inside(d: dict[str, Any], ids: set[str]) -> list[str]:
    """The nodes of ``ids`` that are not wholly inside the map."""
    return [
        n["id"]
        for n in d["nodes"]
        if n["id"] in ids
        and not (
            n["x0"] >= -1
            and n["y0"] >= -1
            and n["x1"] <= d["width"] + 1
            and n["y1"] <= d["height"] + 1
        )
    ]


VIEWS = {
    "network": ({}, 12),
    "municipality": ({"focus": "DK-410"}, 6),
    "ego": ({"focus": "middelfart-kommune", "radius": 2}, 4),
    "project": ({"focus": "legepatruljen"}, 6),
}


@pytest.mark.parametrize("size", [(1400, 900), (1000, 700)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("view", list(VIEWS))
def test_drawn_labels_never_overlap(open_map, view, size):
    args, at_least = VIEWS[view]
    m = open_map(seed_map(view, lang="da", **args), *size)
    d = drawn(m)
    assert_readable(d, at_least if size[0] >= 1400 else min(at_least, 4))
    assert inside(d, {n["id"] for n in d["nodes"]}) == []  # the whole view is in sight
    # The page's own boxes are where vis-network drew the labels.
    placed = {b[0] for b in m.js("window.graphsvcMap.labelBoxes()")}
    assert placed == {lab["id"] for lab in d["labels"]}
    m.assert_clean()


def test_more_labels_as_you_zoom(open_map, seed_net):
    m = open_map(seed_map("network", lang="da"), 1400, 900)
    first = drawn(m)
    assert_readable(first, 12)
    # the most important label (the largest node by the size measure) is always there
    nodes = m.js("window.graphsvcMap.nodes.get().map(n => [n.id, n.size, n.lb || 0])")
    top = max(nodes, key=lambda n: (n[2], n[1]))[0]
    assert top in {lab["id"] for lab in first["labels"]}
    box = m.page.locator("#map").bounding_box()
    m.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(8):
        m.page.mouse.wheel(0, -300)
        m.page.wait_for_timeout(40)
    m.page.wait_for_function("window.graphsvcMap.zoomedIn() === true")
    zoomed = drawn(m)

    # of the nodes in sight, a larger share is named than at the whole map's zoom
    def named_share(d: dict[str, Any]) -> float:
        everything = {n["id"] for n in d["nodes"]}
        in_sight = everything - set(inside(d, everything))
        return len({lab["id"] for lab in d["labels"]} & in_sight) / len(in_sight)

    assert named_share(zoomed) > named_share(first) + 0.1, (named_share(zoomed), named_share(first))
    assert overlaps(zoomed["labels"]) == []
    # the rest are in the tooltips: every node keeps its text for hovering
    assert m.js("window.graphsvcMap.nodes.get({filter: n => !n.text}).length") == 0
    m.page.click("#fit")
    again = drawn(m)
    assert {lab["id"] for lab in again["labels"]} == {lab["id"] for lab in first["labels"]}
    m.assert_clean()


def test_focus_fits_the_neighbourhood_beside_the_panel(open_map, seed_net):
    m = open_map(seed_map("network", lang="da"), 1280, 800)
    assert m.page.locator("#panel").is_hidden()
    width_before = m.js("document.getElementById('map').clientWidth")
    shown = person_pseudonyms(seed_net)
    focused = set(m.js("([id, d]) => window.graphsvcMap.focus(id, d)", [shown[HUB], 1]))
    assert len(focused) >= 4
    assert m.page.locator("#panel").is_visible()
    d = drawn(m)
    assert d["width"] < width_before - 200  # the panel took its room
    assert inside(d, focused) == []
    assert shown[HUB] in {lab["id"] for lab in d["labels"]}  # the focused node is named
    assert overlaps(d["labels"]) == []
    # Closing the panel fits the view again (the whole map: nothing is focused now).
    m.page.click("#panel-close")
    d = drawn(m)
    assert d["width"] >= width_before - 1
    assert inside(d, focused) == []
    m.assert_clean()


def test_resize_refits(open_map, seed_net):
    m = open_map(seed_map("municipality", focus="DK-410", lang="da"), 1400, 900)
    m.page.set_viewport_size({"width": 900, "height": 650})
    m.page.wait_for_timeout(200)
    d = drawn(m)
    assert inside(d, {n["id"] for n in d["nodes"]}) == []
    assert_readable(d, 4)
    m.assert_clean()


def test_ego_map_fills_the_map(open_map):
    m = open_map(seed_map("ego", focus="middelfart-kommune", radius=1, lang="da"), 1400, 900)
    d = drawn(m)
    assert m.page.locator("#panel").is_visible()  # the ego's panel is open from the start
    xs = [v for n in d["nodes"] for v in (n["x0"], n["x1"])]
    ys = [v for n in d["nodes"] for v in (n["y0"], n["y1"])]
    used = max((max(xs) - min(xs)) / d["width"], (max(ys) - min(ys)) / d["height"])
    assert used >= 0.6, used  # not a small cluster in a big empty canvas
    assert inside(d, {n["id"] for n in d["nodes"]}) == []
    assert_readable(d, 4)
    m.assert_clean()
