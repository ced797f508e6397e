"""Maps of the seed data (``seed/*.csv``, no database) in a real headless chromium."""

from __future__ import annotations

import networkx as nx
import pytest

from graphsvc.maps import person_pseudonyms
from tests.maps.seed_server import seed_map
from tests.maps.test_maps_browser import drawn_counts

pytestmark = pytest.mark.browser

HUB = "mentorkoordinator-jobcenter-middelfart"


@pytest.fixture(scope="module")
def network_da() -> str:
    return seed_map("network", lang="da")


def _tie_pseudonyms(g: nx.MultiDiGraph) -> dict[str, str]:
    """The "tie-N" ids render_map gives the ties of hidden persons (sorted by id)."""
    hidden = person_pseudonyms(g)
    ties = sorted(str(k) for u, v, k in g.edges(keys=True) if u in hidden or v in hidden)
    return {k: f"tie-{n}" for n, k in enumerate(ties, start=1)}


def neighbours(g: nx.MultiDiGraph, node: str) -> set[str]:
    return set(g.predecessors(node)) | set(g.successors(node))


def test_seed_network_draws_everything(open_map, seed_net, network_da):
    m = open_map(network_da)
    counts = drawn_counts(m)
    assert counts["nodes"] == counts["bodyNodes"] == seed_net.number_of_nodes()
    assert counts["edges"] == counts["bodyEdges"] == seed_net.number_of_edges()
    assert counts["shownNodes"] == counts["visible"] == seed_net.number_of_nodes()
    assert counts["shownEdges"] == seed_net.number_of_edges()
    # Ties of persons without consent are shown under "tie-N" ids (theirs contain names).
    tie_ids = _tie_pseudonyms(seed_net)
    proposed = [
        tie_ids.get(k, k)
        for _, _, k, d in seed_net.edges(keys=True, data=True)
        if d.get("status") == "proposed"
    ]
    assert proposed, "the seed has proposed ties"
    dashed = m.js("window.graphsvcMap.edges.get({filter: e => e.dashes === true}).map(e => e.id)")
    assert set(dashed) == set(proposed)
    # Persons without consent: drawn, but not named anywhere on the page.
    hidden = [
        n
        for n, d in seed_net.nodes(data=True)
        if str(d.get("is_person")).lower() == "true"
        and str(d.get("consent_to_publish")).lower() != "true"
    ]
    assert hidden
    shown = person_pseudonyms(seed_net)
    for n in hidden:
        assert seed_net.nodes[n]["name"] not in network_da
        assert n not in network_da, "a hidden person's id (a name slug) is on the page"
        number = shown[n].rsplit("-", 1)[1]
        assert m.js("(id) => window.graphsvcMap.nodes.get(id).text", shown[n]) == (
            f"Person {number}"
        )
    m.assert_clean()


def test_seed_search_legend_and_focus(open_map, seed_net, network_da):
    m = open_map(network_da)
    legend = m.page.inner_text("#legend")
    assert "Offentlig" in legend and "Civilsamfund" in legend
    m.page.fill("#search-input", "Middelfart Kommune")
    m.page.press("#search-input", "Enter")
    assert m.page.inner_text("#panel h2") == "Middelfart Kommune"
    assert m.js("window.graphsvcMap.network.getSelectedNodes()") == ["middelfart-kommune"]
    assert "middelfart-kommune" in m.js("window.graphsvcMap.labelledIds()")
    # Focus: the actor and exactly its neighbours (ties either way, projects included).
    shown = person_pseudonyms(seed_net)
    expected = {shown.get(n, n) for n in neighbours(seed_net, HUB) | {HUB}}
    assert len(expected) > 2
    focused = m.js("([id, d]) => window.graphsvcMap.focus(id, d)", [shown[HUB], 1])
    assert set(focused) == expected
    # (that actor is a person without consent: the panel does not name them)
    assert seed_net.nodes[HUB]["name"] not in network_da
    assert m.page.inner_text("#panel h2") == "Person " + shown[HUB].rsplit("-", 1)[1]
    # The focused node is named, then as many of its neighbours as fit without overlap
    # (tests/maps/test_map_labels.py measures that); nothing else is.
    labelled = set(m.js("window.graphsvcMap.labelledIds()"))
    assert shown[HUB] in labelled and labelled <= expected and len(labelled) >= 3
    m.assert_clean()


def test_labels_follow_the_zoom(open_map, seed_net, network_da):
    m = open_map(network_da, 1400, 900)
    labelled = set(m.js("window.graphsvcMap.labelledIds()"))
    assert 10 <= len(labelled) <= 0.5 * seed_net.number_of_nodes()
    drawn = m.js(
        "window.graphsvcMap.nodes.get().filter(n => n.font && n.font.size > 0).map(n => n.id)"
    )
    assert set(drawn) == labelled
    # Only the shown labels are handed to vis-network (it measures every label it holds).
    unshown = "window.graphsvcMap.nodes.get({filter: n => n.label && !(n.font.size > 0)}).length"
    assert m.js(unshown) == 0
    # Zoom in with the mouse wheel: the labels of what is in sight.
    box = m.page.locator("#map").bounding_box()
    m.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(8):
        m.page.mouse.wheel(0, -300)
        m.page.wait_for_timeout(50)
    m.page.wait_for_function("window.graphsvcMap.zoomedIn() === true")
    m.page.wait_for_timeout(200)
    assert set(m.js("window.graphsvcMap.labelledIds()")) != labelled
    assert (
        m.js("window.graphsvcMap.nodes.get({filter: n => n.label && n.label !== n.text}).length")
        == 0
    )
    # "Show whole map": back to the same labels; node and edge counts never change.
    m.page.click("#fit")
    assert set(m.js("window.graphsvcMap.labelledIds()")) == labelled
    counts = drawn_counts(m)
    assert counts["nodes"] == seed_net.number_of_nodes()
    assert counts["edges"] == seed_net.number_of_edges()
    m.assert_clean()


def test_seed_project_map(open_map, seed_net):
    m = open_map(seed_map("project", focus="legepatruljen", lang="da"))
    assert m.page.title() == "Projekt og partnere: Legepatruljen"
    participants = neighbours(seed_net, "legepatruljen")
    assert drawn_counts(m)["nodes"] == len(participants) + 1
    m.assert_clean()
