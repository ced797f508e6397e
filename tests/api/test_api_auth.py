"""API keys and roles over real HTTP: 401 without a valid key, 403 for a too-low role."""

from __future__ import annotations

import time

import httpx
import pytest
from typer.testing import CliRunner

from graphsvc.api import create_app
from graphsvc.cli import app as cli_app
from graphsvc.cli.serve import is_loopback
from graphsvc.settings import Settings
from tests.api.apihelpers import Keys, ServerThread

NEW_ACTOR = {
    "id": "ny-forening",
    "name": "Ny Forening",
    "kind": "association",
    "sector": "civil_society",
    "scale": "local",
    "locality": "DK-410",
}

# (method, path, json body or None, lowest role allowed)
WRITES = [
    ("POST", "/actors", NEW_ACTOR, "editor"),
    ("PATCH", "/actors/trygfonden", {"tags": ["fond", "national"]}, "editor"),
    ("POST", "/projects", {"id": "nyt-projekt", "name": "Nyt", "theme": "community"}, "editor"),
    ("PATCH", "/projects/legepatruljen", {"tags": ["leg"]}, "editor"),
    (
        "POST",
        "/participations",
        {"id": "p-ny", "actor_id": "trygfonden", "project_id": "frivillige-mentorer",
         "role": "funder"},
        "editor",
    ),
    ("PATCH", "/participations/p-mentorer-kommune", {"role": "coordinator"}, "editor"),
    (
        "POST",
        "/collaborations",
        {"id": "c-ny", "source_id": "trygfonden", "target_id": "middelfart-kommune",
         "kind": "funding"},
        "editor",
    ),
    ("PATCH", "/collaborations/c-kommune-frivilligcenter", {"weight": 3}, "editor"),
    ("DELETE", "/collaborations/c-kommune-frivilligcenter", None, "admin"),
    ("DELETE", "/participations/p-mentorer-kommune", None, "admin"),
    ("DELETE", "/actors/trygfonden?confirm=true", None, "admin"),
    ("DELETE", "/projects/legepatruljen?confirm=true", None, "admin"),
    ("GET", "/keys", None, "admin"),
    ("POST", "/keys", {"role": "viewer"}, "admin"),
    ("GET", "/exports/csv?personal_data=true", None, "admin"),
]  # fmt: skip

READS = [
    "/actors",
    "/actors/trygfonden",
    "/projects",
    "/projects/legepatruljen",
    "/participations",
    "/participations/p-mentorer-kommune",
    "/collaborations",
    "/collaborations/c-kommune-frivilligcenter",
    "/analyses/anchoring",
    "/queries",
    "/exports/json",
    "/maps/network",
    "/",
]


def _assert_error(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["status"] == status and body["code"] == code
    assert isinstance(body["message"], str) and isinstance(body["details"], list)


@pytest.mark.parametrize("path", READS)
def test_reads_need_a_key(client: httpx.Client, keys: Keys, path: str) -> None:
    _assert_error(client.get(path), 401, "unauthorized")
    assert client.get(path).headers["www-authenticate"] == "Bearer"
    _assert_error(client.get(path, headers=keys.headers("revoked")), 401, "unauthorized")
    _assert_error(
        client.get(path, headers={"Authorization": "Bearer gsk_000000000000_" + "x" * 43}),
        401,
        "unauthorized",
    )
    _assert_error(client.get(path, headers={"Authorization": "Basic abc"}), 401, "unauthorized")
    assert client.get(path, headers=keys.headers("viewer")).status_code == 200


def test_a_key_with_a_tampered_secret_is_refused(client: httpx.Client, keys: Keys) -> None:
    tampered = keys.viewer[:-4] + ("aaaa" if not keys.viewer.endswith("aaaa") else "bbbb")
    _assert_error(
        client.get("/actors", headers={"Authorization": f"Bearer {tampered}"}), 401, "unauthorized"
    )


@pytest.mark.parametrize(("method", "path", "body", "role"), WRITES, ids=[
    f"{m} {p}" for m, p, _b, _r in WRITES])  # fmt: skip
def test_writes_need_their_role(
    client: httpx.Client, keys: Keys, method: str, path: str, body: object, role: str
) -> None:
    _assert_error(client.request(method, path, json=body), 401, "unauthorized")
    too_low = ["viewer"] if role == "editor" else ["viewer", "editor"]
    for low in too_low:
        response = client.request(method, path, json=body, headers=keys.headers(low))
        _assert_error(response, 403, "forbidden")
    response = client.request(method, path, json=body, headers=keys.headers(role))
    assert response.status_code in (200, 201), response.text


def test_health_needs_no_key(client: httpx.Client, keys: Keys) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["demo"] is False


def test_keys_are_stored_hashed(client: httpx.Client, keys: Keys, core) -> None:  # type: ignore[no-untyped-def]
    rows = core.store.run("keys/list_keys")
    assert rows and all("hash" not in row for row in rows)
    listed = client.get("/keys", headers=keys.headers("admin")).json()
    assert all("key" not in k and "hash" not in k for k in listed)
    for key in (keys.viewer, keys.editor, keys.admin):
        key_id = key.split("_")[1]
        stored = core.store.run("keys/get_key", id=key_id)[0]
        assert stored["hash"] != key and key not in str(stored)


def test_key_lifecycle_through_the_api(client: httpx.Client, keys: Keys) -> None:
    admin = keys.headers("admin")
    made = client.post("/keys", json={"role": "editor", "name": "workshop"}, headers=admin)
    assert made.status_code == 201
    key = made.json()["key"]
    assert key.startswith(made.json()["prefix"])
    bearer = {"Authorization": f"Bearer {key}"}
    assert (
        client.patch("/actors/trygfonden", json={"tags": ["x"]}, headers=bearer).status_code == 200
    )
    revoked = client.delete(f"/keys/{made.json()['id']}", headers=admin)
    assert revoked.status_code == 200 and revoked.json()["revoked"] is True
    _assert_error(client.get("/actors", headers=bearer), 401, "unauthorized")
    _assert_error(client.delete("/keys/000000000000", headers=admin), 404, "not_found")


def test_keys_cli(client: httpx.Client, keys: Keys) -> None:
    runner = CliRunner()
    created = runner.invoke(cli_app, ["keys", "create", "--role", "viewer", "--name", "cli"])
    assert created.exit_code == 0, created.output
    key = created.stdout.strip().splitlines()[-1]
    assert key.startswith("gsk_")
    bearer = {"Authorization": f"Bearer {key}"}
    assert client.get("/actors", headers=bearer).status_code == 200
    listed = runner.invoke(cli_app, ["keys", "list"])
    assert listed.exit_code == 0 and key.split("_")[1] in listed.stdout
    assert key not in listed.stdout
    revoked = runner.invoke(cli_app, ["keys", "revoke", key.split("_")[1]])
    assert revoked.exit_code == 0, revoked.output
    # revoked in another process: refused within key_cache_seconds (2 s)
    time.sleep(2.1)
    assert client.get("/actors", headers=bearer).status_code == 401
    bad = runner.invoke(cli_app, ["keys", "create", "--role", "king"])
    assert bad.exit_code != 0


def test_demo_refuses_a_public_host() -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--demo", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "loopback" in result.output
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")


def test_demo_mode_acts_as_an_editor(settings: Settings, keys: Keys) -> None:
    server = ServerThread(create_app(settings, demo=True)).start()
    try:
        # a page of the app itself (the Origin a browser sends; other origins get 403)
        with httpx.Client(base_url=server.url, timeout=60, headers={"Origin": server.url}) as demo:
            assert demo.get("/health").json()["demo"] is True
            assert demo.get("/actors").status_code == 200
            assert demo.post("/actors", json=NEW_ACTOR).status_code == 201
            # editors see names
            assert demo.get("/actors/mette-jensen").json()["name"] == "Mette Jensen"
            _assert_error(demo.delete("/actors/ny-forening?confirm=true"), 403, "forbidden")
            _assert_error(demo.get("/keys"), 403, "forbidden")
    finally:
        server.stop()
