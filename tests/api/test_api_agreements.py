"""``/agreements`` over real HTTP: roles, ETags, and 4xx for parties that cannot be."""

from __future__ import annotations

import httpx

from graphsvc.core import Graphsvc
from tests.api.apihelpers import Keys

AGREEMENT = {
    "id": "legepatruljen-aftale",
    "name": "Aftale om Legepatruljen",
    "party_ids": ["trygfonden", "middelfart-kommune", "frivilligcenter-middelfart"],
    "project_ids": ["legepatruljen"],
    "start_date": "2008-01-01",
    "end_date": "2014-12-31",
}


def test_create_read_update_delete(client: httpx.Client, keys: Keys, core: Graphsvc) -> None:
    viewer, editor, admin = (keys.headers(r) for r in ("viewer", "editor", "admin"))
    assert client.post("/agreements", json=AGREEMENT, headers=viewer).status_code == 403
    created = client.post("/agreements", json=AGREEMENT, headers=editor)
    assert created.status_code == 201, created.text
    assert created.json()["party_ids"] == sorted(AGREEMENT["party_ids"])
    assert created.json()["kind"] == "agreement"
    again = client.post("/agreements", json=AGREEMENT, headers=editor)
    assert again.status_code == 409
    got = client.get(f"/agreements/{AGREEMENT['id']}", headers=viewer)
    assert got.status_code == 200 and got.headers["ETag"] == created.headers["ETag"]
    listed = client.get("/agreements", params={"actor_id": "trygfonden"}, headers=viewer).json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == AGREEMENT["id"]
    none = client.get("/agreements", params={"as_of": "2015-01-01"}, headers=viewer).json()
    assert none["total"] == 0
    # a stale ETag: 412, nothing written
    changed = client.patch(
        f"/agreements/{AGREEMENT['id']}",
        json={"party_ids": ["trygfonden", "aeblehaven-forening"]},
        headers={**editor, "If-Match": got.headers["ETag"]},
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["party_ids"] == ["aeblehaven-forening", "trygfonden"]
    stale = client.patch(
        f"/agreements/{AGREEMENT['id']}",
        json={"name": "X"},
        headers={**editor, "If-Match": got.headers["ETag"]},
    )
    assert stale.status_code == 412
    assert client.delete(f"/agreements/{AGREEMENT['id']}", headers=editor).status_code == 403
    done = client.delete(f"/agreements/{AGREEMENT['id']}", headers=admin)
    assert done.status_code == 200 and done.json()["deleted"] == AGREEMENT["id"]
    assert client.get(f"/agreements/{AGREEMENT['id']}", headers=viewer).status_code == 404
    assert core.get_item("actors", "trygfonden") is not None  # the parties stay


def test_unknown_and_too_few_parties_are_refused(
    client: httpx.Client, keys: Keys, core: Graphsvc
) -> None:
    editor = keys.headers("editor")
    unknown = client.post(
        "/agreements", json={**AGREEMENT, "party_ids": ["trygfonden", "nobody"]}, headers=editor
    )
    assert unknown.status_code == 422
    (detail,) = unknown.json()["details"]
    assert (detail["column"], detail["value"]) == ("party_ids", "nobody")
    one = client.post(
        "/agreements", json={**AGREEMENT, "party_ids": ["trygfonden"]}, headers=editor
    )
    assert one.status_code == 422 and "party_ids" in one.text
    twice = client.post(
        "/agreements", json={**AGREEMENT, "party_ids": ["trygfonden", "trygfonden"]}, headers=editor
    )
    assert twice.status_code == 422 and "more than once" in twice.text
    client.post("/agreements", json=AGREEMENT, headers=editor)
    bad = client.patch(
        f"/agreements/{AGREEMENT['id']}", json={"party_ids": ["trygfonden"]}, headers=editor
    )
    assert bad.status_code == 422
    assert core.counts()["agreements"] == 1


def test_deleting_a_party_needs_confirm(client: httpx.Client, keys: Keys) -> None:
    editor, admin = keys.headers("editor"), keys.headers("admin")
    client.post("/agreements", json=AGREEMENT, headers=editor)
    refused = client.delete("/actors/trygfonden", headers=admin)
    assert refused.status_code == 409
    named = {(d["file"], d["value"]) for d in refused.json()["details"]}
    assert ("agreements", AGREEMENT["id"]) in named
    done = client.delete("/actors/trygfonden", params={"confirm": "true"}, headers=admin)
    assert done.json()["also_deleted"]["party_to"] == [AGREEMENT["id"]]
    left = client.get(f"/agreements/{AGREEMENT['id']}", headers=admin).json()
    assert left["party_ids"] == ["frivilligcenter-middelfart", "middelfart-kommune"]


def test_a_viewer_sees_a_hidden_party_masked(client: httpx.Client, keys: Keys) -> None:
    editor, viewer = keys.headers("editor"), keys.headers("viewer")
    secret = {**AGREEMENT, "party_ids": ["mette-jensen", "trygfonden"],
              "description": "Mette Jensen og TrygFonden"}  # fmt: skip
    assert client.post("/agreements", json=secret, headers=editor).status_code == 201
    shown = client.get(f"/agreements/{AGREEMENT['id']}", headers=viewer).json()
    assert "mette-jensen" not in shown["party_ids"] and "trygfonden" in shown["party_ids"]
    assert shown["description"] is None
    assert "Mette" not in client.get("/agreements", headers=viewer).text
