"""PNG exports made for printing (#14): the map export (graphsvc.maps.png) and the
workshop's (the same path: ``GET /workshops/{id}/export.png`` draws the workshop's map
with :func:`graphsvc.maps.export_png`). The picture has the size asked for; its labels are
in proportion to it (the page's export mode: one pixel of label height per 110 pixels of
map width, at least 11) and placed by the map's rule, so none overlaps another."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from PIL import Image

from graphsvc.maps import export_png, render_map
from tests.maps.seed_server import seed_map
from tests.maps.test_map_labels import drawn, overlaps

pytestmark = pytest.mark.browser


def export_labels(open_map, html: str, width: int, height: int) -> dict:
    """The labels of the export path (``exportMode(true)``, as ``export_png`` does)."""
    m = open_map(html, width, height)
    m.js("window.graphsvcMap.exportMode(true)")
    d = drawn(m)
    m.assert_clean()
    return d


@pytest.mark.parametrize(("width", "height"), [(1600, 1000), (3200, 2000)])
def test_map_png_has_print_sized_labels(open_map, browser, tmp_path: Path, width, height):
    html = seed_map("network", lang="da")
    png = export_png(html, tmp_path / "map.png", width, height, browser=browser)
    with Image.open(png) as picture:
        assert picture.size == (width, height)
        colours = picture.convert("RGB").getcolors(maxcolors=1_000_000) or []
        assert len(colours) > 200  # drawn, not blank
    d = export_labels(open_map, html, width, height)
    expected = max(11, round(d["width"] / 110))
    assert len(d["labels"]) >= 12
    assert overlaps(d["labels"]) == []
    for label in d["labels"]:
        assert expected - 0.1 <= label["px"] <= expected + 4.1, label
    if width == 3200:
        assert expected >= 25  # twice the picture, twice the labels


def small_workshop_network() -> nx.MultiDiGraph:
    """Six actors and a project, as a workshop's scope is: few nodes, long names."""
    g = nx.MultiDiGraph()
    names = [
        "Middelfart Kommune, Social- og Sundhedsforvaltningen",
        "Frivilligcenter Middelfart",
        "Mentorforeningen i Middelfart",
        "Jobcenter Middelfart, Ungeindsatsen",
        "Det Lokale Beskæftigelsesråd",
        "Røde Kors Middelfart",
    ]
    sectors = ["public", "civil_society", "civil_society", "public", "public", "civil_society"]
    for k, (name, sector) in enumerate(zip(names, sectors, strict=True)):
        g.add_node(f"a{k}", type="actor", name=name, kind="association", sector=sector,
                   locality="DK-410")  # fmt: skip
    g.add_node("p", type="project", name="Frivillige sociale mentorer", localities=["DK-410"])
    for k in range(6):
        g.add_edge(f"a{k}", "p", key=f"pa{k}", type="participation", role="partner")
        g.add_edge(f"a{k}", f"a{(k + 1) % 6}", key=f"c{k}", type="collaboration",
                   kind="partnership")  # fmt: skip
    return g


def test_workshop_png_labels_are_readable(open_map, browser, tmp_path: Path):
    """The workshop's export drew a handful of nodes with labels of 21 px and more that
    overlapped: now they are 14-18 px in a 1,600 px picture and none overlaps."""
    html = render_map(small_workshop_network(), lang="da", title="Workshop")
    png = export_png(html, tmp_path / "workshop.png", 1600, 1000, browser=browser)
    with Image.open(png) as picture:
        assert picture.size == (1600, 1000)
    d = export_labels(open_map, html, 1600, 1000)
    assert len(d["labels"]) >= 5
    assert overlaps(d["labels"]) == []
    assert all(label["px"] <= 19 for label in d["labels"])
