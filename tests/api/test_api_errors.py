"""One JSON error shape everywhere; named queries; maps."""

from __future__ import annotations

import httpx
import pytest

from tests.api.apihelpers import Keys, sign_in

SHAPE = {"status", "code", "message", "details"}


def _error(response: httpx.Response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == SHAPE and body["status"] == status and body["code"] == code
    return body


def test_unknown_route_and_method(client: httpx.Client, keys: Keys) -> None:
    _error(client.get("/nowhere", headers=keys.headers("viewer")), 404, "not_found")
    _error(client.get("/nowhere"), 404, "not_found")
    _error(client.put("/actors/trygfonden", headers=keys.headers("admin")), 405,
           "method_not_allowed")  # fmt: skip
    _error(client.get("/actors/nobody", headers=keys.headers("viewer")), 404, "not_found")


def test_request_validation_uses_the_shape(client: httpx.Client, keys: Keys) -> None:
    body = _error(client.get("/actors", params={"limit": 0, "kind": "castle"},
                             headers=keys.headers("viewer")), 422, "validation_error")  # fmt: skip
    columns = {d["column"] for d in body["details"]}
    assert columns == {"limit", "kind"}
    assert all(d["file"] == "query" and d["message"] for d in body["details"])
    broken = client.post("/actors", content=b"{not json", headers={
        **keys.headers("editor"), "Content-Type": "application/json"})  # fmt: skip
    _error(broken, 422, "validation_error")
    missing = _error(client.post("/actors", json={"id": "x"}, headers=keys.headers("editor")),
                     422, "validation_error")  # fmt: skip
    assert {"name", "kind", "sector", "scale"} <= {d["column"] for d in missing["details"]}


def test_named_queries(client: httpx.Client, keys: Keys) -> None:
    viewer = keys.headers("viewer")
    listed = client.get("/queries", headers=viewer).json()
    names = {q["name"] for q in listed}
    assert "graph/count_items" in names and "actors/merge_actors" not in names
    assert "keys/get_key" not in names and "actors/find_actors" not in names
    counts = client.post("/queries/graph/count_items", json={"params": {}}, headers=viewer)
    assert counts.status_code == 200
    assert counts.json()["rows"] == [
        {"name": "actors", "value": 5},
        {"name": "projects", "value": 2},
        {"name": "participations", "value": 5},
        {"name": "collaborations", "value": 3},
    ]
    _error(client.post("/queries/graph/nothing", json={}, headers=viewer), 400, "query_error")
    # an existing but non-public (write) query is not runnable
    _error(client.post("/queries/graph/delete_everything", json={}, headers=viewer), 400,
           "query_error")  # fmt: skip
    _error(client.post("/queries/keys/get_key", json={"params": {"id": "x"}}, headers=viewer),
           400, "query_error")  # fmt: skip
    extra = _error(
        client.post("/queries/graph/count_items", json={"params": {"x": 1}}, headers=viewer),
        400, "query_error",
    )  # fmt: skip
    assert extra["details"][0]["column"] == "x"
    assert client.get("/actors", headers=viewer).json()["total"] == 5


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"lang": "da", "as_of": "2012-01-01", "size_by": "degree"},
    ],
)
@pytest.mark.parametrize(
    ("lens", "focus"),
    [("network", None), ("municipality", "DK-410"), ("project", "legepatruljen"),
     ("ego", "trygfonden")],
)  # fmt: skip
def test_maps(client: httpx.Client, keys: Keys, lens: str, focus: str | None, query: dict) -> None:
    params = {**query, **({"id": focus} if focus else {})}
    page = client.get(f"/maps/{lens}", params=params, headers=keys.headers("viewer"))
    assert page.status_code == 200, page.text
    assert page.headers["content-type"].startswith("text/html")
    assert page.text.lstrip().lower().startswith("<!doctype html")


def test_map_errors_and_whatif_map(client: httpx.Client, keys: Keys) -> None:
    viewer = keys.headers("viewer")
    ok = client.get("/maps/whatif", params={"remove": ["trygfonden"]}, headers=viewer)
    assert ok.status_code == 200
    _error(client.get("/maps/whatif", headers=viewer), 422, "validation_error")
    _error(client.get("/maps/ego", headers=viewer), 422, "validation_error")
    _error(client.get("/maps/sideways", headers=viewer), 422, "validation_error")
    assert client.get("/maps/brokers", headers=viewer).status_code in (200, 422)


def test_browser_page(client: httpx.Client, keys: Keys) -> None:
    page = client.get("/", headers=keys.headers("viewer"))
    assert page.status_code == 200 and "/maps" in page.text
    session, _csrf = sign_in(str(client.base_url), keys.viewer)
    with httpx.Client(base_url=str(client.base_url), cookies={"graphsvc_session": session}) as c:
        assert c.get("/").status_code == 200
        assert c.get("/maps/network").status_code == 200
