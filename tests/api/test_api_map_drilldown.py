"""The drill-down of the API's overview: its groups link to their municipality maps, and
the largest are drawn ahead in the background, so the click finds its map cached."""

from __future__ import annotations

from typing import Any

import httpx

from graphsvc.api.routers._common import hidden_digest
from graphsvc.api.routers.maps import warm_drilldowns
from graphsvc.core import Graphsvc
from graphsvc.maps import render_map
from graphsvc.maps.payload import read_payload
from tests.api.apihelpers import Keys, ServerThread


def test_the_largest_groups_are_drawn_ahead(
    client: httpx.Client, keys: Keys, api_server: ServerThread, core: Graphsvc
) -> None:
    state = api_server.app.state.graphsvc
    graph_key = state.graph_key()
    link = "municipality?id={key}&lang=da"
    # the mini data has 5 actors, far below the threshold: its overview drawn as the API
    # draws one of a national graph (by municipality, each group a link)
    overview = render_map(
        core.network(include_proposed=True), lang="da", aggregate_threshold=1,
        aggregate_by="municipality", drilldown_url=link,
    )  # fmt: skip
    info = read_payload(overview)["info"]
    assert info["group:DK-410"]["drilldown"] == "municipality?id=DK-410&lang=da"
    asked: dict[str, Any] = {
        "hidden": hidden_digest(state, graph_key), "lens": "network", "id": None, "lang": "da",
        "as_of": None, "remove": [], "size_by": "betweenness", "radius": 2,
    }  # fmt: skip
    warm_drilldowns(state, graph_key, asked, overview)
    warm_drilldowns(state, graph_key, asked, overview)  # served again: planned once
    state.extra["map_warmer"].submit(lambda: None).result(timeout=120)  # the queue done

    def not_drawn_ahead() -> str:
        raise AssertionError("the map of the largest group was not drawn ahead")

    # DK-410 has 3 of the 5 actors: its map is cached under the key the click asks for
    wanted = {**asked, "lens": "municipality", "id": "DK-410"}
    key = state.cache.key("map", wanted, graph_key)
    ahead, hit = state.cache.get_or_compute(key, not_drawn_ahead)
    assert hit and "<html" in ahead
    clicked = client.get(
        "/maps/municipality", params={"id": "DK-410", "lang": "da"}, headers=keys.headers("viewer")
    )
    assert clicked.status_code == 200 and clicked.text == ahead
    version, planned = state.extra["map_warm_planned"]
    assert version == graph_key and len(planned) == 1  # the current version's plans only


def test_a_detail_map_plans_nothing(api_server: ServerThread, core: Graphsvc) -> None:
    state = api_server.app.state.graphsvc
    before = state.extra.get("map_warm_planned")
    page = core.map_html("network", lang="da")  # 5 actors: no groups
    warm_drilldowns(state, state.graph_key(), {"lens": "network"}, page)
    assert state.extra.get("map_warm_planned") == before


def test_no_drawing_ahead_after_the_app_stops(api_server: ServerThread, core: Graphsvc) -> None:
    """Shutting down drops the drawings not begun and plans no more (the store closes)."""
    from graphsvc.api.routers.maps import stop_warming  # noqa: PLC0415

    state = api_server.app.state.graphsvc
    overview = render_map(
        core.network(include_proposed=True), lang="da", aggregate_threshold=1,
        aggregate_by="municipality", drilldown_url="municipality?id={key}&lang=da",
    )  # fmt: skip
    stop_warming(state)
    try:
        before = state.extra.get("map_warm_planned")
        warm_drilldowns(state, state.graph_key(), {"lens": "network", "lang": "en"}, overview)
        assert "map_warmer" not in state.extra
        assert state.extra.get("map_warm_planned") == before  # nothing planned
    finally:
        state.extra.pop("map_warmer_stopped")
