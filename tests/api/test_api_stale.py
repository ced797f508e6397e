"""A global analysis made stale by a write: the previous result at once, marked stale,
while one recompute runs; then the fresh result, equal to a full recompute."""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from graphsvc.api.routers.analyses import records
from graphsvc.cache import AnalysisCache
from graphsvc.core import Graphsvc
from graphsvc.workshop.service import Workshops
from tests.api.apihelpers import Keys, ServerThread, wait_for_fresh


def bridging_as_served(core: Graphsvc) -> list[dict[str, Any]]:
    """The actors table of a full recompute: a new core object reads the whole graph."""
    fresh = Graphsvc(core.store, core.settings)
    rows = records(fresh.bridging(attribute="sector").actors)
    return sorted(json.loads(json.dumps(rows, allow_nan=False)), key=lambda r: r["id"])


def test_stale_bridging_served_while_one_recompute_runs(
    client: httpx.Client,
    keys: Keys,
    core: Graphsvc,
    api_server: ServerThread,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    editor = keys.headers("editor")  # sees names: the tables compare with the core's
    first = client.get("/analyses/bridging", headers=editor)
    assert first.headers["X-Analysis-Stale"] == "false"
    before = first.json()
    assert before["meta"]["stale"] is False
    assert before["meta"]["computed_for_version"] == before["graph_version"]

    state = api_server.app.state.graphsvc
    real_bridging = state.graphsvc.bridging
    release, calls, lock = threading.Event(), [], threading.Lock()

    def held_bridging(**kwargs: Any) -> Any:
        """The real analysis, counted, started only when the test lets it."""
        with lock:
            calls.append(kwargs)
        assert release.wait(60)
        return real_bridging(**kwargs)

    monkeypatch.setattr(state.graphsvc, "bridging", held_bridging)
    made = client.post(
        "/collaborations",
        json={"id": "c-trygfonden-kommune", "source_id": "trygfonden",
              "target_id": "middelfart-kommune", "kind": "funding"},
        headers=editor,
    )  # fmt: skip
    assert made.status_code == 201

    def ask(_n: int) -> tuple[float, httpx.Response]:
        with httpx.Client(base_url=api_server.url, timeout=30) as http:
            start = time.perf_counter()
            answer = http.get("/analyses/bridging", headers=editor)
            return time.perf_counter() - start, answer

    # 16 clients right after the write, while the recompute cannot finish: every one
    # gets the previous result at once, and only one recompute was started
    with ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(ask, range(16)))
    for took, answer in answers:
        assert answer.status_code == 200
        assert answer.headers["X-Analysis-Stale"] == "true"
        body = answer.json()
        assert body["meta"]["stale"] is True
        assert body["meta"]["computed_for_version"] == before["graph_version"]
        assert body["graph_version"] == before["graph_version"]
        assert body["tables"] == before["tables"]
        assert took < 10  # not waiting for the held recompute (60 s)
    deadline = time.monotonic() + 10
    while not calls and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(calls) == 1

    release.set()
    after = wait_for_fresh(client, editor)
    assert len(calls) == 1  # the requests while it ran started no other
    assert after["graph_version"] > before["graph_version"]
    assert after["meta"]["computed_for_version"] == after["graph_version"]
    degree = {r["id"]: r["degree"] for r in after["tables"]["actors"]}
    old_degree = {r["id"]: r["degree"] for r in before["tables"]["actors"]}
    assert degree["trygfonden"] == old_degree["trygfonden"] + 1
    served = sorted(after["tables"]["actors"], key=lambda r: r["id"])
    assert served == bridging_as_served(core)
    again = client.get("/analyses/bridging", headers=editor)
    assert again.json()["cached"] is True and again.headers["X-Analysis-Stale"] == "false"


def test_no_stale_result_of_another_graph(
    client: httpx.Client, keys: Keys, core: Graphsvc, mini_copy: Path
) -> None:
    """After a reset (or an erasure, which empties the change log) the old result is of
    another graph: the request waits for the new one instead."""
    editor = keys.headers("editor")
    before = client.get("/analyses/bridging", headers=editor).json()
    core.reset()
    core.import_paths([mini_copy])
    core.delete_item("collaborations", "c-trygfonden-forening")
    after = client.get("/analyses/bridging", headers=editor).json()
    assert after["meta"]["stale"] is False and after["cached"] is False
    degree = {r["id"]: r["degree"] for r in after["tables"]["actors"]}
    old_degree = {r["id"]: r["degree"] for r in before["tables"]["actors"]}
    assert degree["aeblehaven-forening"] == old_degree["aeblehaven-forening"] - 1


def test_two_workers_recompute_once(tmp_path: Path) -> None:
    """Two worker processes' caches over one folder: a stale result from both, one
    recompute between them, and the other worker serves its file afterwards."""
    workers = [AnalysisCache(8, tmp_path), AnalysisCache(8, tmp_path)]
    release, calls = threading.Event(), []

    def compute(answer: int) -> dict[str, int]:
        calls.append(answer)
        assert release.wait(30)
        return {"answer": answer}

    old, new = ["e", 1], ["e", 2]

    def always(_old: object) -> bool:
        return True

    first = workers[0].get_or_refresh("bridging", {}, old, lambda: {"answer": 1},
                                      may_serve=always)  # fmt: skip
    assert (first.value, first.stale) == ({"answer": 1}, False)
    for worker in workers * 3:
        found = worker.get_or_refresh("bridging", {}, new, lambda: compute(2), may_serve=always)
        assert (found.value, found.stale, found.version) == ({"answer": 1}, True, old)
    deadline = time.monotonic() + 10
    while not calls and time.monotonic() < deadline:
        time.sleep(0.01)
    release.set()
    while any(worker.refreshing() for worker in workers) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert calls == [2]
    for worker in workers:
        found = worker.get_or_refresh("bridging", {}, new, lambda: compute(3), may_serve=always)
        assert (found.value, found.stale, found.version) == ({"answer": 2}, False, new)
    assert calls == [2]
    # a graph that was reset (another epoch), or that may not be served: computed and waited for
    reset = workers[1].get_or_refresh("bridging", {}, ["f", 3], lambda: {"answer": 4},
                                      may_serve=always)  # fmt: skip
    assert (reset.value, reset.stale) == ({"answer": 4}, False)
    refused = workers[0].get_or_refresh("bridging", {}, ["f", 5], lambda: {"answer": 5},
                                        may_serve=lambda _old: False)  # fmt: skip
    assert (refused.value, refused.stale) == ({"answer": 5}, False)


def test_a_stale_map_and_workshop_analysis_say_they_are_being_updated(
    client: httpx.Client,
    keys: Keys,
    core: Graphsvc,
    api_server: ServerThread,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A write elsewhere in the graph: the map and the workshop's analysis come as they
    were, saying so, until the one recompute has finished."""
    editor = keys.headers("editor")
    made = client.post("/workshops", json={"name": "Stale", "start_from": "project",
                       "start_id": "frivillige-mentorer"}, headers=editor)  # fmt: skip
    assert made.status_code == 201, made.text
    wid = made.json()["id"]
    path = f"/workshops/{wid}/analysis"
    first_map = client.get("/maps/network", params={"lang": "da"}, headers=editor)
    assert first_map.headers["X-Analysis-Stale"] == "false"
    assert 'class="updating"' not in first_map.text
    first = client.get(path, headers=editor).json()
    assert first["stale"] is False

    # both recomputes held until the stale answers are checked
    release = threading.Event()
    state = api_server.app.state.graphsvc
    real_map, real_analysis = state.graphsvc.map_html, Workshops.analysis

    def held_map(*args: Any, **kwargs: Any) -> str:
        assert release.wait(60)
        return real_map(*args, **kwargs)

    def held_analysis(self: Workshops, *args: Any, **kwargs: Any) -> dict[str, Any]:
        assert release.wait(60)
        return real_analysis(self, *args, **kwargs)

    monkeypatch.setattr(state.graphsvc, "map_html", held_map)
    monkeypatch.setattr(Workshops, "analysis", held_analysis)
    core.update_item("actors", "trygfonden", {"name": "TrygFonden (ny)"})
    shown = client.get("/maps/network", params={"lang": "da"}, headers=editor)
    assert shown.headers["X-Analysis-Stale"] == "true"
    assert '<span class="updating" role="status">Kortet bliver opdateret' in shown.text
    assert "TrygFonden (ny)" not in shown.text
    analysis = client.get(path, headers=editor).json()
    assert analysis["stale"] is True and analysis["actors"] == first["actors"]
    release.set()
    fresh_map = wait_for_fresh_page(client, editor)
    assert 'class="updating"' not in fresh_map and "TrygFonden (ny)" in fresh_map
    deadline = time.monotonic() + 60
    while client.get(path, headers=editor).json()["stale"]:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    # a change in the workshop itself is computed and waited for
    body = {"name": "Ny forening", "kind": "association", "sector": "civil_society"}
    added = client.post(f"/workshops/{wid}/actors", json=body, headers=editor)
    assert added.status_code == 201, added.text
    after = client.get(path, headers=editor).json()
    assert after["stale"] is False and len(after["actors"]) == len(first["actors"]) + 1


def wait_for_fresh_page(client: httpx.Client, headers: dict[str, str]) -> str:
    deadline = time.monotonic() + 60
    while True:
        page = client.get("/maps/network", params={"lang": "da"}, headers=headers)
        if page.headers["X-Analysis-Stale"] == "false":
            return page.text
        assert time.monotonic() < deadline, "the map was not redrawn"
        time.sleep(0.05)


def test_no_stale_map_after_consent_is_withdrawn(
    client: httpx.Client,
    keys: Keys,
    api_server: ServerThread,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A map drawn while a person consented names them; after the consent is withdrawn
    the old HTML (which is not redacted again) is never served, not even while the map
    is redrawn: the request waits for the new map, which shows a pseudonym."""
    editor, viewer = keys.headers("editor"), keys.headers("viewer")
    person, name = "mette-jensen", "Mette Jensen"
    given = client.patch(f"/actors/{person}", json={"consent_to_publish": True}, headers=editor)
    assert given.status_code == 200, given.text
    drawn = client.get("/maps/network", params={"lang": "da"}, headers=viewer)
    assert drawn.headers["X-Analysis-Stale"] == "false" and name in drawn.text

    # the redraw is slow: a stale map would come at once, the fresh one after it
    state = api_server.app.state.graphsvc
    real_map, draws = state.graphsvc.map_html, []

    def slow_map(*args: Any, **kwargs: Any) -> str:
        draws.append(args)
        time.sleep(0.5)
        return real_map(*args, **kwargs)

    monkeypatch.setattr(state.graphsvc, "map_html", slow_map)
    withdrawn = client.patch(f"/actors/{person}", json={"consent_to_publish": False},
                             headers=editor)  # fmt: skip
    assert withdrawn.status_code == 200, withdrawn.text
    for headers in (viewer, editor):  # one map for every role
        shown = client.get("/maps/network", params={"lang": "da"}, headers=headers)
        assert shown.status_code == 200
        assert shown.headers["X-Analysis-Stale"] == "false"
        assert name not in shown.text and "Mette" not in shown.text
        assert 'class="updating"' not in shown.text
    assert len(draws) == 1  # drawn once, waited for
    # an ordinary write afterwards still serves the (pseudonymised) map while it is redrawn
    client.patch("/actors/trygfonden", json={"name": "TrygFonden (ny)"}, headers=editor)
    stale = client.get("/maps/network", params={"lang": "da"}, headers=viewer)
    assert stale.headers["X-Analysis-Stale"] == "true" and name not in stale.text
    wait_for_fresh_page(client, viewer)
