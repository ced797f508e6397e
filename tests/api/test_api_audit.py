"""The audit log: every write through the API, the CLI and workshops, by whom and when."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import httpx

from graphsvc import audit
from graphsvc.api import create_app
from graphsvc.core import Graphsvc
from graphsvc.settings import Settings
from tests.api.apihelpers import MINI, Keys, ServerThread

NEW_ACTOR = {
    "id": "ny-forening",
    "name": "Ny Forening",
    "kind": "association",
    "sector": "civil_society",
    "scale": "local",
    "locality": "DK-410",
}


def _key_id(keys: Keys, role: str) -> str:
    """The id of a test key (``gsk_<id>_<secret>``), as the log names it."""
    return str(getattr(keys, role).split("_")[1])


def _log(client: httpx.Client, keys: Keys, **params: object) -> list[dict[str, object]]:
    page = client.get("/audit", params={"limit": 1000, **params}, headers=keys.headers("admin"))
    assert page.status_code == 200, page.text
    items: list[dict[str, object]] = page.json()["items"]
    return items


def test_every_api_write_is_recorded_by_key(
    client: httpx.Client, keys: Keys, core: Graphsvc
) -> None:
    editor, admin = keys.headers("editor"), keys.headers("admin")
    editor_id, admin_id = _key_id(keys, "editor"), _key_id(keys, "admin")
    before = len(_log(client, keys))
    assert client.post("/actors", json=NEW_ACTOR, headers=editor).status_code == 201
    changed = client.patch(
        "/actors/ny-forening",
        json={"description": "Hemmelig tekst", "tags": ["x"]},
        headers=editor,
    )
    assert changed.status_code == 200
    made = client.post(
        "/collaborations",
        json={"id": "c-ny", "source_id": "ny-forening", "target_id": "trygfonden",
              "kind": "funding"},
        headers=editor,
    )  # fmt: skip
    assert made.status_code == 201
    gone = client.delete("/actors/ny-forening", params={"confirm": "true"}, headers=admin)
    assert gone.status_code == 200
    upload = client.post(
        "/imports",
        files={"files": ("actors.csv", (MINI / "actors.csv").read_bytes(), "text/csv")},
        headers=editor,
    )
    assert upload.status_code == 200, upload.text  # nothing changed: no entry
    entries = _log(client, keys)
    assert len(entries) == before + 4
    newest = [(e["who"], e["operation"], e["table"], e["item_id"]) for e in entries[:4]]
    assert newest == [
        (admin_id, "delete", "actors", "ny-forening"),
        (editor_id, "create", "collaborations", "c-ny"),
        (editor_id, "update", "actors", "ny-forening"),
        (editor_id, "create", "actors", "ny-forening"),
    ]
    update = entries[2]
    assert update["fields"] == ["description", "tags"]
    assert entries[0]["count"] == 1  # the collaboration went with the actor
    # no values: the description written is nowhere in the log
    assert "Hemmelig" not in json.dumps(entries)
    assert [e["at"] for e in entries] == sorted((e["at"] for e in entries), reverse=True)


def test_the_log_pages_filters_and_exports(
    client: httpx.Client, keys: Keys, core: Graphsvc
) -> None:
    editor = keys.headers("editor")
    for n in range(3):
        body = {**NEW_ACTOR, "id": f"forening-{n}", "name": f"Forening {n}"}
        assert client.post("/actors", json=body, headers=editor).status_code == 201
    editor_id = _key_id(keys, "editor")
    mine = _log(client, keys, who=editor_id)
    assert [e["item_id"] for e in mine] == ["forening-2", "forening-1", "forening-0"]
    page = client.get(
        "/audit", params={"who": editor_id, "limit": 1, "offset": 1}, headers=keys.headers("admin")
    ).json()
    assert page["total"] == 3 and [e["item_id"] for e in page["items"]] == ["forening-1"]
    assert _log(client, keys, item_id="forening-0", operation="create")[0]["who"] == editor_id
    assert _log(client, keys, operation="erase", who=editor_id) == []
    assert _log(client, keys, since="2000-01-01", until="2000-12-31") == []
    assert len(_log(client, keys, who=editor_id, since="2000-01-01")) == 3
    as_csv = client.get("/audit/export/csv", params={"who": editor_id},
                        headers=keys.headers("admin"))  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert [r["item_id"] for r in rows] == ["forening-2", "forening-1", "forening-0"]
    assert rows[0]["operation"] == "create" and rows[0]["who"] == editor_id
    as_json = client.get("/audit/export/json", params={"table": "actors"},
                         headers=keys.headers("admin")).json()  # fmt: skip
    assert {e["item_id"] for e in as_json} >= {"forening-0", "forening-1", "forening-2"}
    for role in ("viewer", "editor"):
        assert client.get("/audit", headers=keys.headers(role)).status_code == 403
        assert client.get("/audit/export/csv", headers=keys.headers(role)).status_code == 403


def test_keys_workshops_cli_and_demo_writes_are_recorded(
    client: httpx.Client, keys: Keys, core: Graphsvc, settings: Settings
) -> None:
    admin, editor = keys.headers("admin"), keys.headers("editor")
    admin_id, editor_id = _key_id(keys, "admin"), _key_id(keys, "editor")
    made = client.post("/keys", json={"role": "viewer", "name": "ny"}, headers=admin).json()
    assert client.delete(f"/keys/{made['id']}", headers=admin).status_code == 200
    keyed = _log(client, keys, table="keys", who=admin_id)
    assert [(e["operation"], e["item_id"]) for e in keyed[:2]] == [
        ("key_revoke", made["id"]),
        ("key_create", made["id"]),
    ]
    assert keyed[1]["fields"] == ["role=viewer"]
    # a workshop: create, include, place, snapshot, each recorded with the editor's key
    workshop = client.post(
        "/workshops",
        json={"name": "Audit", "start_from": "project", "start_id": "frivillige-mentorer"},
        headers=editor,
    ).json()["id"]
    client.post(f"/workshops/{workshop}/actors", json={"id": "trygfonden"}, headers=editor)
    grid = {"power": 0.5, "interest": 0.5, "attitude": "neutral"}
    client.put(f"/workshops/{workshop}/grid/trygfonden", json=grid, headers=editor)
    client.post(f"/workshops/{workshop}/snapshots", json={"note": "x"}, headers=editor)
    ops = [e["operation"] for e in _log(client, keys, item_id=workshop)]
    assert ops == ["workshop_snapshot", "workshop_place", "workshop_include", "workshop_create"]
    assert {e["who"] for e in _log(client, keys, item_id=workshop)} == {editor_id}
    # the command line: an import, as "cli"
    folder = MINI.parent / "mini"
    before = len(_log(client, keys, who="cli"))
    core.reset()
    result = subprocess.run(
        [sys.executable, "-m", "graphsvc.cli", "import", str(folder)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    cli = _log(client, keys, who="cli")
    assert len(cli) == before + 2  # the reset (core), the import (subprocess)
    assert cli[0]["operation"] == "import" and cli[0]["count"] == 15
    assert cli[0]["fields"] == ["actors", "collaborations", "participations", "projects"]
    assert cli[1]["operation"] == "reset"
    # the command's own view of the log
    shown = subprocess.run(
        [sys.executable, "-m", "graphsvc.cli", "audit", "--who", "cli", "--format", "json"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)[0]["operation"] == "import"
    # demo mode: "demo"
    server = ServerThread(create_app(settings, demo=True)).start()
    try:
        # a page of the app itself (demo mode refuses writes from other origins)
        with httpx.Client(base_url=server.url, timeout=60, headers={"Origin": server.url}) as demo:
            assert demo.post("/actors", json=NEW_ACTOR).status_code == 201
    finally:
        server.stop()
    assert _log(client, keys, item_id="ny-forening")[0]["who"] == audit.DEMO
