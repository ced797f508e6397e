"""Writes under concurrency, over real HTTP against the session FalkorDB.

ETags and If-Match (412 on a stale version), ids unique across actors and projects
(409, never a duplicate or a 500), and eight concurrent writers for a bounded time.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import httpx

from graphsvc.core import Graphsvc
from tests.api.apihelpers import Keys, ServerThread

WRITERS = 8
SECONDS = 10.0
# The four actors of the mini data set that are not persons: ends of the racing ties.
ENDS = ["middelfart-kommune", "frivilligcenter-middelfart", "trygfonden", "aeblehaven-forening"]
# Two shared actors, four fields each: one writer owns each field.
FIELDS = [(actor, field) for actor in ENDS[2:] for field in ("name", "website", "cvr", "tags")]
ALLOWED = {200, 201, 404, 409, 412}


def _tag(response: httpx.Response) -> str:
    tag = response.headers["ETag"]
    assert tag.startswith('"') and tag.endswith('"') and len(tag) > 2
    return tag


def test_etag_on_get_post_patch_and_if_match(client: httpx.Client, keys: Keys) -> None:
    editor, admin = keys.headers("editor"), keys.headers("admin")
    made = client.post(
        "/actors",
        json={"id": "ny-forening", "name": "Ny forening", "kind": "association",
              "sector": "civil_society", "scale": "local"},
        headers=editor,
    )  # fmt: skip
    assert made.status_code == 201
    first = _tag(made)
    got = client.get("/actors/ny-forening", headers=editor)
    assert _tag(got) == first  # the same version reads back with the same tag
    assert _tag(client.get("/actors/ny-forening", headers=keys.headers("viewer"))) == first

    changed = client.patch(
        "/actors/ny-forening", json={"name": "Ny forening A"}, headers={**editor, "If-Match": first}
    )
    assert changed.status_code == 200 and changed.json()["name"] == "Ny forening A"
    second = _tag(changed)
    assert second != first

    # another client still holds the first version: refused, and nothing is written
    stale = client.patch(
        "/actors/ny-forening", json={"name": "Ny forening B"}, headers={**editor, "If-Match": first}
    )
    assert stale.status_code == 412
    assert stale.json()["code"] == "precondition_failed"
    stored = client.get("/actors/ny-forening", headers=editor)
    assert stored.json()["name"] == "Ny forening A" and _tag(stored) == second

    # a weak tag never matches; `*` and a list with the current tag do
    weak = client.patch(
        "/actors/ny-forening", json={"name": "X"}, headers={**editor, "If-Match": f"W/{second}"}
    )
    assert weak.status_code == 412
    listed = client.patch(
        "/actors/ny-forening", json={"website": "https://ny.dk"},
        headers={**editor, "If-Match": f'"nope", {second}'},
    )  # fmt: skip
    assert listed.status_code == 200
    third = _tag(listed)
    # a PATCH that changes nothing writes nothing: the tag stays
    same = client.patch("/actors/ny-forening", json={"website": "https://ny.dk"}, headers=editor)
    assert same.status_code == 200 and _tag(same) == third

    gone = client.delete("/actors/ny-forening", headers={**admin, "If-Match": second})
    assert gone.status_code == 412
    assert client.get("/actors/ny-forening", headers=editor).status_code == 200
    deleted = client.delete("/actors/ny-forening", headers={**admin, "If-Match": third})
    assert deleted.status_code == 200
    assert client.get("/actors/ny-forening", headers=editor).status_code == 404
    again = client.delete("/actors/ny-forening", headers={**admin, "If-Match": third})
    assert again.status_code == 404


def test_ties_and_projects_have_etags(client: httpx.Client, keys: Keys) -> None:
    editor, admin = keys.headers("editor"), keys.headers("admin")
    for path, change in (
        ("/collaborations/c-kommune-frivilligcenter", {"weight": 3.0}),
        ("/participations/p-mentorer-kommune", {"role": "partner"}),
        ("/projects/legepatruljen", {"name": "Legepatruljen 2"}),
    ):
        tag = _tag(client.get(path, headers=editor))
        fresh = client.patch(path, json=change, headers={**editor, "If-Match": tag})
        assert fresh.status_code == 200, fresh.text
        assert _tag(fresh) != tag
        stale = client.patch(path, json=change, headers={**editor, "If-Match": tag})
        assert stale.status_code == 412, path
        assert client.delete(path, headers={**admin, "If-Match": tag}).status_code == 412
    # a tie moved to other actors keeps its id, gets a new tag, and the old one is stale
    path = "/collaborations/c-kommune-frivilligcenter"
    tag = _tag(client.get(path, headers=editor))
    moved = client.patch(
        path, json={"target_id": "trygfonden"}, headers={**editor, "If-Match": tag}
    )
    assert moved.status_code == 200 and moved.json()["target_id"] == "trygfonden"
    ties = client.get("/collaborations", params={"limit": 100}, headers=editor).json()["items"]
    assert [t["id"] for t in ties].count("c-kommune-frivilligcenter") == 1


def test_an_actor_cannot_take_a_projects_id(
    client: httpx.Client, keys: Keys, core: Graphsvc
) -> None:
    """Before, this was a 201, and then every analysis answered 422 for every user."""
    editor = keys.headers("editor")
    before = core.counts()
    clash = client.post(
        "/actors",
        json={"id": "legepatruljen", "name": "Legepatruljen (forening)", "kind": "association",
              "sector": "civil_society", "scale": "local"},
        headers=editor,
    )  # fmt: skip
    assert clash.status_code == 409
    body = clash.json()
    assert "legepatruljen" in body["message"] and "project" in body["message"]
    assert body["details"][0]["value"] == "legepatruljen"
    other_way = client.post(
        "/projects",
        json={"id": "trygfonden", "name": "Tryg", "theme": "employment", "status": "active"},
        headers=editor,
    )
    assert other_way.status_code == 409 and "actor" in other_way.json()["message"]
    same_kind = client.post(
        "/collaborations",
        json={"id": "c-kommune-frivilligcenter", "source_id": "trygfonden",
              "target_id": "aeblehaven-forening", "kind": "funding"},
        headers=editor,
    )  # fmt: skip
    assert (
        same_kind.status_code == 409 and "c-kommune-frivilligcenter" in same_kind.json()["message"]
    )
    assert core.counts() == before
    assert client.get("/analyses/bridging", headers=editor).status_code == 200


def test_an_import_cannot_give_an_actor_a_projects_id(
    client: httpx.Client, keys: Keys, core: Graphsvc, tmp_path: Path
) -> None:
    table = tmp_path / "actors.csv"
    table.write_text(
        "id,name,kind,sector,scale\n"
        "ny-forening,Ny forening,association,civil_society,local\n"
        "frivillige-mentorer,Mentorforeningen,association,civil_society,local\n",
        encoding="utf-8",
    )
    with table.open("rb") as handle:
        answer = client.post(
            "/imports", files={"files": ("actors.csv", handle, "text/csv")},
            headers=keys.headers("editor"),
        )  # fmt: skip
    assert answer.status_code == 422, answer.text
    detail = answer.json()["details"][0]
    assert detail["value"] == "frivillige-mentorer" and "project" in detail["message"]
    assert core.get_item("actors", "ny-forening") is None  # nothing was written


def test_eight_concurrent_writers(
    api_server: ServerThread, keys: Keys, core: Graphsvc, tmp_path: Path
) -> None:
    """Eight clients for ten seconds: PATCHes (half with If-Match), creates of actors and
    projects with colliding ids, creates of ties with colliding ids, deletes with If-Match.

    Every answer is one the API documents (never a 500); every field ends at its last
    acknowledged value; the database holds no duplicate id, and per id the 201s minus
    the successful deletes say whether it exists; the export re-imports.
    """
    editor, admin = keys.headers("editor"), keys.headers("admin")
    statuses: Counter[int] = Counter()
    unexpected: list[str] = []
    last_acked: dict[tuple[str, str], Any] = {}
    created: Counter[str] = Counter()
    deleted: Counter[str] = Counter()
    lock = threading.Lock()
    deadline = time.monotonic() + SECONDS

    def note(response: httpx.Response, what: str) -> int:
        with lock:
            statuses[response.status_code] += 1
            if response.status_code not in ALLOWED:
                unexpected.append(f"{what}: {response.status_code} {response.text[:300]}")
        return response.status_code

    def patch_field(http: httpx.Client, writer: int, n: int) -> None:
        actor, field = FIELDS[writer]
        value: Any = {
            "name": f"Navn {writer}-{n}",
            "website": f"https://w{writer}.dk/{n}",
            "cvr": f"{writer}{n:07d}"[-8:],
            "tags": [f"t{writer}-{n}"],
        }[field]
        with_if_match = writer % 2 == 0
        while time.monotonic() < deadline + 5:  # a stale tag is read again and retried
            headers = dict(editor)
            if with_if_match:
                current = http.get(f"/actors/{actor}", headers=editor)
                if note(current, "get") != 200:
                    return
                headers["If-Match"] = current.headers["ETag"]
            answer = http.patch(f"/actors/{actor}", json={field: value}, headers=headers)
            status = note(answer, f"patch {actor}.{field}")
            if status == 200:
                assert answer.json()[field] == value
                with lock:
                    last_acked[(actor, field)] = value
                return
            if status != 412:
                return

    def create_node(http: httpx.Client, rng: random.Random) -> None:
        item_id = f"race-{rng.randrange(12)}"
        if rng.random() < 0.5:
            body = {"id": item_id, "name": f"Kapløb {item_id}", "kind": "association",
                    "sector": "civil_society", "scale": "local"}  # fmt: skip
            answer = http.post("/actors", json=body, headers=editor)
        else:
            body = {"id": item_id, "name": f"Kapløb {item_id}", "theme": "employment",
                    "status": "active"}  # fmt: skip
            answer = http.post("/projects", json=body, headers=editor)
        if note(answer, f"create {item_id}") == 201:
            with lock:
                created[item_id] += 1

    def create_tie(http: httpx.Client, rng: random.Random) -> None:
        tie_id = f"tie-{rng.randrange(12)}"
        source, target = rng.sample(ENDS, 2)
        body = {"id": tie_id, "source_id": source, "target_id": target, "kind": "partnership"}
        if note(http.post("/collaborations", json=body, headers=editor), f"tie {tie_id}") == 201:
            with lock:
                created[tie_id] += 1

    def delete_one(http: httpx.Client, rng: random.Random) -> None:
        n = rng.randrange(12)
        kind, item_id = rng.choice(
            [
                ("actors", f"race-{n}"),
                ("projects", f"race-{n}"),
                ("collaborations", f"tie-{n}"),
            ]
        )
        current = http.get(f"/{kind}/{item_id}", headers=editor)
        if note(current, f"get {item_id}") != 200:
            return
        answer = http.delete(
            f"/{kind}/{item_id}", headers={**admin, "If-Match": current.headers["ETag"]}
        )
        if note(answer, f"delete {item_id}") == 200:
            with lock:
                deleted[item_id] += 1

    def writer(number: int) -> None:
        rng = random.Random(number)
        with httpx.Client(base_url=api_server.url, timeout=60) as http:
            n = 0
            while time.monotonic() < deadline:
                n += 1
                patch_field(http, number, n)
                rng.choice([create_node, create_node, create_tie, delete_one])(http, rng)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=SECONDS + 120)
    assert not any(thread.is_alive() for thread in threads), "a writer hung"

    assert not unexpected, unexpected[:10]
    assert statuses[200] > WRITERS and statuses[201] > 0 and statuses[409] > 0, statuses
    # no lost update: each field holds the last value its writer was told was stored
    with httpx.Client(base_url=api_server.url, timeout=60) as http:
        for (actor, field), value in last_acked.items():
            assert http.get(f"/actors/{actor}", headers=editor).json()[field] == value
    assert len(last_acked) == len(FIELDS)
    # no duplicate id, and every acknowledged create and delete is accounted for
    assert core.store.run("graph/find_duplicate_ids") == []
    exists: dict[str, int] = defaultdict(int)
    for n in range(12):
        exists[f"race-{n}"] = int(core.id_taken(f"race-{n}"))
        exists[f"tie-{n}"] = int(core.get_item("collaborations", f"tie-{n}") is not None)
    for item_id, there in exists.items():
        assert created[item_id] - deleted[item_id] == there, item_id
    # the export re-imports into an empty graph, unchanged
    before = core.counts()
    out = tmp_path / "export"
    core.export("csv", out)
    core.reset()
    core.import_paths([out])
    assert core.counts() == before


def test_the_workshop_removes_a_tie_only_as_it_was_shown(client: httpx.Client, keys: Keys) -> None:
    """The workshop page sends the tie's ETag when it removes it: 412 if changed since."""
    editor = keys.headers("editor")
    made = client.post(
        "/workshops",
        json={"name": "Kapløb", "municipality": "DK-410", "start_from": "project",
              "start_id": "frivillige-mentorer"},
        headers=editor,
    )  # fmt: skip
    assert made.status_code == 201, made.text
    wid = made.json()["id"]
    added = client.post(
        f"/workshops/{wid}/ties",
        json={"source_id": "middelfart-kommune", "target_id": "frivilligcenter-middelfart",
              "kind": "funding"},
        headers=editor,
    )  # fmt: skip
    assert added.status_code == 201, added.text
    tie = added.json()["tie"]
    state = client.get(f"/workshops/{wid}/state", headers=editor).json()
    (shown,) = [t for t in state["ties"] if t["id"] == tie["id"]]
    assert shown["etag"] == tie["etag"] and tie["etag"].startswith('"')
    # someone changes the tie in the data meanwhile
    changed = client.patch(f"/collaborations/{tie['id']}", json={"weight": 5.0}, headers=editor)
    assert changed.status_code == 200
    stale = client.delete(
        f"/workshops/{wid}/ties/{tie['id']}", headers={**editor, "If-Match": tie["etag"]}
    )
    assert stale.status_code == 412
    assert client.get(f"/collaborations/{tie['id']}", headers=editor).status_code == 200
    fresh = client.get(f"/workshops/{wid}/state", headers=editor).json()
    (now,) = [t for t in fresh["ties"] if t["id"] == tie["id"]]
    assert now["etag"] == changed.headers["ETag"]
    gone = client.delete(
        f"/workshops/{wid}/ties/{tie['id']}", headers={**editor, "If-Match": now["etag"]}
    )
    assert gone.status_code == 200
