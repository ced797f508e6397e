"""Workshops over real HTTP: scope, edits, grid, roles, privacy, live events, analyses,
snapshots and their comparison, exports, sign-in.

The mini data set: project ``frivillige-mentorer`` has three participants (Middelfart
Kommune, Frivilligcenter Middelfart and the person Mette Jensen, who did not consent to
publication); two collaborations join them.
"""

from __future__ import annotations

import io
import json
import re
import threading
import time

import httpx
import openpyxl
import pytest

from graphsvc.core import Graphsvc
from tests.api.apihelpers import Keys

ORGANISATIONS = ["frivilligcenter-middelfart", "middelfart-kommune"]


def _person(state: dict) -> dict:
    """The one person of a state; her id and name are masks, never "mette-jensen"."""
    (person,) = [a for a in state["actors"] if a["is_person"]]
    assert person["pseudonymised"] and re.fullmatch(r"person-[0-9a-f]{8}", person["id"])
    assert person["name"] == "Person 1"  # the one hidden person (graphsvc.privacy.pseudonyms)
    assert "mette" not in json.dumps(state).lower()
    return person


def _create(client: httpx.Client, keys: Keys, **body: object) -> dict:
    answer = client.post("/workshops", json=body, headers=keys.headers("editor"))
    assert answer.status_code == 201, answer.text
    return answer.json()


def _state(client: httpx.Client, keys: Keys, wid: str, role: str = "editor") -> dict:
    answer = client.get(f"/workshops/{wid}/state", headers=keys.headers(role))
    assert answer.status_code == 200, answer.text
    return answer.json()


def _add(client: httpx.Client, keys: Keys, wid: str, **body: object) -> httpx.Response:
    return client.post(f"/workshops/{wid}/actors", json=body, headers=keys.headers("editor"))


def _tie(
    client: httpx.Client,
    keys: Keys,
    wid: str,
    source: str,
    target: str,
    kind: str = "partnership",
    **extra: object,
) -> httpx.Response:
    body = {"source_id": source, "target_id": target, "kind": kind, **extra}
    return client.post(f"/workshops/{wid}/ties", json=body, headers=keys.headers("editor"))


def test_start_from_a_project(client: httpx.Client, keys: Keys) -> None:
    made = _create(
        client,
        keys,
        name="Mentorer i Middelfart",
        municipality="DK-410",
        date="2026-11-23",
        start_from="project",
        start_id="frivillige-mentorer",
    )
    assert made["id"] == "mentorer-i-middelfart"
    assert (made["n_actors"], made["n_ties"]) == (3, 2)
    state = _state(client, keys, made["id"])
    person = _person(state)
    assert sorted(a["id"] for a in state["actors"]) == sorted([*ORGANISATIONS, person["id"]])
    assert sorted(t["id"] for t in state["ties"]) == [
        "c-kommune-frivilligcenter",
        "c-koordinator-frivilligcenter",
    ]
    assert not any(
        a["added_here"] or t["added_here"] for a in state["actors"] for t in state["ties"]
    )
    assert state["projects"] == [
        {
            "id": "frivillige-mentorer",
            "name": "Frivillige sociale mentorer",
            "theme": "employment",
            "actor_ids": sorted([*ORGANISATIONS, person["id"]]),
        }
    ]
    # the same name again gets a fresh id
    assert _create(client, keys, name="Mentorer i Middelfart")["id"] == "mentorer-i-middelfart-2"


def test_start_from_an_actor_and_bad_starts(client: httpx.Client, keys: Keys) -> None:
    # trygfonden's neighbourhood: the association it funds (tie and shared project)
    made = _create(client, keys, name="Fonden", start_from="actor", start_id="trygfonden")
    assert [a["id"] for a in _state(client, keys, made["id"])["actors"]] == [
        "aeblehaven-forening",
        "trygfonden",
    ]
    for body, column in (
        ({"name": "x", "start_from": "project", "start_id": "no-such"}, "start_id"),
        ({"name": "x", "start_from": "actor"}, "start_id"),
    ):
        answer = client.post("/workshops", json=body, headers=keys.headers("editor"))
        assert answer.status_code == 422, answer.text
        assert answer.json()["details"][0]["column"] == column


def test_add_actors_ties_and_undo_them(client: httpx.Client, keys: Keys, core: Graphsvc) -> None:
    wid = _create(client, keys, name="Uldum", start_from="project", start_id="frivillige-mentorer")[
        "id"
    ]
    answer = _add(
        client,
        keys,
        wid,
        name="Uldum Idrætsforening",
        kind="association",
        sector="civil_society",
        locality="DK-766",
    )
    assert answer.status_code == 201, answer.text
    added = answer.json()
    assert added["created"] is True
    assert added["actor"]["id"] == "uldum-idraetsforening"
    assert added["actor"]["scale"] == "local"  # from the kind
    stored = core.get_item("actors", "uldum-idraetsforening")
    assert stored is not None and stored["sources"] == [f"workshop:{wid}"]

    # no duplicates: the same name (other case, spaces) is refused and the id offered
    twin = _add(
        client,
        keys,
        wid,
        name="  uldum idrætsforening ",
        kind="association",
        sector="civil_society",
    )
    assert twin.status_code == 409
    assert twin.json()["details"][0]["value"] == "uldum-idraetsforening"

    # an existing actor by id
    existing = _add(client, keys, wid, id="trygfonden")
    assert existing.status_code == 201 and existing.json()["created"] is False

    tie = _tie(client, keys, wid, "uldum-idraetsforening", "trygfonden", "funding")
    assert tie.status_code == 201, tie.text
    tie_id = tie.json()["tie"]["id"]
    assert tie.json()["tie"]["added_here"] is True
    outside = _tie(client, keys, wid, "trygfonden", "aeblehaven-forening", "funding")
    assert outside.status_code == 422
    assert outside.json()["details"][0]["column"] == "target_id"
    # ties of the graph are not the workshop's to delete
    kept = client.delete(
        f"/workshops/{wid}/ties/c-kommune-frivilligcenter", headers=keys.headers("editor")
    )
    assert kept.status_code == 409

    state = _state(client, keys, wid)
    assert len(state["actors"]) == 5 and len(state["ties"]) == 3
    version = state["version"]

    # undo of the new actor: its tie goes, and the actor itself (nothing else uses it)
    removed = client.delete(
        f"/workshops/{wid}/actors/uldum-idraetsforening", headers=keys.headers("editor")
    ).json()
    assert removed == {
        "removed": "uldum-idraetsforening",
        "deleted_actor": True,
        "deleted_ties": [tie_id],
        "version": version + 1,
    }
    assert core.get_item("actors", "uldum-idraetsforening") is None
    assert core.get_item("collaborations", tie_id) is None
    # an actor of the graph only leaves the workshop
    out = client.delete(f"/workshops/{wid}/actors/trygfonden", headers=keys.headers("editor"))
    assert out.json()["deleted_actor"] is False
    assert core.get_item("actors", "trygfonden") is not None
    after = _state(client, keys, wid)
    assert sorted(a["id"] for a in after["actors"]) == sorted(
        [*ORGANISATIONS, _person(after)["id"]]
    )


def test_grid_places_are_stored(client: httpx.Client, keys: Keys) -> None:
    wid = _create(client, keys, name="Grid", start_from="project", start_id="frivillige-mentorer")[
        "id"
    ]
    put = client.put(
        f"/workshops/{wid}/grid/middelfart-kommune",
        json={"power": 0.9, "interest": 0.25, "attitude": "supporter"},
        headers=keys.headers("editor"),
    )
    assert put.status_code == 200, put.text
    actor = next(a for a in _state(client, keys, wid)["actors"] if a["id"] == "middelfart-kommune")
    assert actor["grid"] == {"power": 0.9, "interest": 0.25, "attitude": "supporter"}
    for bad in ({"power": 1.5}, {"attitude": "enemy"}):
        answer = client.put(
            f"/workshops/{wid}/grid/middelfart-kommune", json=bad, headers=keys.headers("editor")
        )
        assert answer.status_code == 422
    missing = client.put(
        f"/workshops/{wid}/grid/trygfonden", json={"power": 0.5}, headers=keys.headers("editor")
    )
    assert missing.status_code == 404


def test_roles_and_pseudonyms(client: httpx.Client, keys: Keys) -> None:
    wid = _create(client, keys, name="Roles", start_from="project", start_id="frivillige-mentorer")[
        "id"
    ]
    assert client.get(f"/workshops/{wid}/state").status_code == 401
    viewer_state = _state(client, keys, wid, "viewer")
    person = _person(viewer_state)
    assert person["pseudonymised"] is True and person["name"].startswith("Person ")
    editor_person = _person(_state(client, keys, wid))
    # the workshop page is a shared screen: the pseudonym for editors too, as on maps
    assert editor_person["name"] == person["name"] and editor_person["pseudonymised"]
    for method, path, body in (
        ("POST", f"/workshops/{wid}/actors", {"id": "trygfonden"}),
        ("PUT", f"/workshops/{wid}/grid/middelfart-kommune", {"power": 0.5}),
        ("POST", f"/workshops/{wid}/snapshots", {"note": "x"}),
        ("POST", "/workshops", {"name": "x"}),
    ):
        answer = client.request(method, path, json=body, headers=keys.headers("viewer"))
        assert answer.status_code == 403, (method, path)
    assert client.delete(f"/workshops/{wid}", headers=keys.headers("editor")).status_code == 403
    assert client.delete(f"/workshops/{wid}", headers=keys.headers("admin")).status_code == 200
    assert client.get(f"/workshops/{wid}", headers=keys.headers("viewer")).status_code == 404


def test_live_events_follow_every_change(client: httpx.Client, keys: Keys) -> None:
    wid = _create(client, keys, name="Live")["id"]
    seen: list[tuple[float, int]] = []
    ready = threading.Event()

    def listen() -> None:
        with (
            httpx.Client(base_url=str(client.base_url), timeout=10) as own,
            own.stream("GET", f"/workshops/{wid}/events", headers=keys.headers("viewer")) as s,
        ):
            assert s.headers["content-type"].startswith("text/event-stream")
            for line in s.iter_lines():
                if line.startswith("data: "):
                    seen.append((time.monotonic(), json.loads(line[6:])["version"]))
                    ready.set()
                    if len(seen) == 3:
                        return

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    assert ready.wait(5)
    written = []
    for name in ("Anna Forening", "Bo Forening"):
        answer = _add(client, keys, wid, name=name, kind="association", sector="civil_society")
        written.append((time.monotonic(), answer.json()["version"]))
        time.sleep(0.8)
    listener.join(5)
    assert [v for _t, v in seen] == [0, 1, 2]
    for (at, version), (heard, heard_version) in zip(written, seen[1:], strict=True):
        assert heard_version == version
        # pushed, not polled: heard long before the 10 s read timeout; how fast (the issue's
        # 2 s bound) is measured by bench/workshop_bench.py, since a loaded CI machine is not
        assert heard - at < 5.0


def test_analysis_on_the_workshop_scope(client: httpx.Client, keys: Keys) -> None:
    """A path a – b – c of new actors: by hand, b's normalised betweenness is 1, a's and
    c's 0; b is the only cut point."""
    wid = _create(client, keys, name="Path")["id"]
    for name in ("Aa", "Bb", "Cc"):
        _add(client, keys, wid, name=name, kind="association", sector="civil_society")
    for source, target in (("aa", "bb"), ("bb", "cc")):
        _tie(client, keys, wid, source, target)
    first = client.get(f"/workshops/{wid}/analysis", headers=keys.headers("viewer")).json()
    assert first["cached"] is False
    by_id = {a["id"]: a for a in first["actors"]}
    assert by_id["bb"]["betweenness"] == pytest.approx(1.0)
    assert by_id["aa"]["betweenness"] == by_id["cc"]["betweenness"] == 0.0
    assert [a["id"] for a in first["actors"] if a["is_articulation"]] == ["bb"]
    assert (
        client.get(f"/workshops/{wid}/analysis", headers=keys.headers("viewer")).json()["cached"]
        is True
    )
    _add(client, keys, wid, name="Dd", kind="association", sector="civil_society")
    again = client.get(f"/workshops/{wid}/analysis", headers=keys.headers("viewer")).json()
    assert again["cached"] is False and len(again["actors"]) == 4
    # a proposed tie a – c closes the triangle: b brokers nothing in the plan, but still
    # does in the network as it is (the pair a, c of three pairs without b, as d stands
    # alone: 1/3)
    _tie(client, keys, wid, "aa", "cc", status="proposed")
    for proposed, expected in (("true", 0.0), ("false", 1 / 3)):
        answer = client.get(
            f"/workshops/{wid}/analysis",
            params={"proposed": proposed},
            headers=keys.headers("viewer"),
        ).json()
        by_id = {a["id"]: a["betweenness"] for a in answer["actors"]}
        assert by_id["bb"] == pytest.approx(expected)

    mentors = _create(
        client, keys, name="Anchoring", start_from="project", start_id="frivillige-mentorer"
    )["id"]
    projects = client.get(f"/workshops/{mentors}/analysis", headers=keys.headers("viewer"))
    # the anchoring sentence names the owners: a viewer reads the person's pseudonym
    assert "Mette Jensen" not in projects.text and "Person " in projects.text
    as_editor = client.get(f"/workshops/{mentors}/analysis", headers=keys.headers("editor"))
    assert "Mette Jensen" not in as_editor.text  # a shared screen: for every role
    whole = client.get("/analyses/anchoring", headers=keys.headers("viewer")).json()
    rows = whole["tables"]["projects"]
    expected = next(p for p in rows if p["project"] == "frivillige-mentorer")
    assert projects.json()["projects"][0]["score"] == expected["score"]


def test_snapshots_compare_on_values(client: httpx.Client, keys: Keys) -> None:
    """Path a – b – c, then d joins c: by hand (normalised betweenness, n = 4: divide by
    3), b goes from 1 to 2/3 and c from 0 to 2/3; c's degree from 1 to 2."""
    wid = _create(client, keys, name="Compare")["id"]
    for name in ("Aa", "Bb", "Cc"):
        _add(client, keys, wid, name=name, kind="association", sector="civil_society")
    for source, target in (("aa", "bb"), ("bb", "cc")):
        _tie(client, keys, wid, source, target)
    client.put(
        f"/workshops/{wid}/grid/aa",
        json={"power": 0.2, "interest": 0.8},
        headers=keys.headers("editor"),
    )
    first = client.post(
        f"/workshops/{wid}/snapshots", json={"note": "før"}, headers=keys.headers("editor")
    ).json()
    assert (first["n_actors"], first["n_ties"], first["note"]) == (3, 2, "før")

    _add(client, keys, wid, name="Dd", kind="association", sector="civil_society")
    _tie(client, keys, wid, "cc", "dd", "mentoring", id="c-d")
    client.put(
        f"/workshops/{wid}/grid/aa",
        json={"power": 0.9, "interest": 0.8},
        headers=keys.headers("editor"),
    )
    second = client.post(
        f"/workshops/{wid}/snapshots", json={"note": "efter"}, headers=keys.headers("editor")
    ).json()
    listed = client.get(f"/workshops/{wid}/snapshots", headers=keys.headers("viewer")).json()
    assert [s["note"] for s in listed] == ["før", "efter"]

    diff = client.get(
        f"/workshops/{wid}/compare",
        params={"a": first["id"], "b": second["id"]},
        headers=keys.headers("viewer"),
    ).json()
    assert diff["actors_added"] == [{"id": "dd", "name": "Dd"}]
    assert diff["actors_removed"] == [] and diff["ties_removed"] == []
    assert diff["ties_added"] == [
        {"id": "c-d", "source_id": "cc", "target_id": "dd", "kind": "mentoring"}
    ]
    changes = {(c["id"], c["measure"]): (c["before"], c["after"]) for c in diff["measures_changed"]}
    assert changes[("bb", "betweenness")] == pytest.approx((1.0, 2 / 3), abs=1e-6)
    assert changes[("cc", "betweenness")] == pytest.approx((0.0, 2 / 3), abs=1e-6)
    assert changes[("cc", "degree")] == (1, 2)
    assert ("aa", "betweenness") not in changes  # a stays an end of the path
    assert diff["grid_changed"] == [
        {
            "id": "aa",
            "name": "Aa",
            "before": {"power": 0.2, "interest": 0.8, "attitude": None},
            "after": {"power": 0.9, "interest": 0.8, "attitude": None},
        }
    ]
    # against now: one more actor
    _add(client, keys, wid, name="Ee", kind="association", sector="civil_society")
    now = client.get(
        f"/workshops/{wid}/compare", params={"a": second["id"]}, headers=keys.headers("viewer")
    ).json()
    assert [a["id"] for a in now["actors_added"]] == ["ee"] and now["b"] == "current"
    missing = client.get(
        f"/workshops/{wid}/compare", params={"a": "nope"}, headers=keys.headers("viewer")
    )
    assert missing.status_code == 404


def test_exports(client: httpx.Client, keys: Keys) -> None:
    wid = _create(
        client, keys, name="Export", start_from="project", start_id="frivillige-mentorer"
    )["id"]
    _add(
        client, keys, wid, name='=HYPERLINK("http://x")', kind="association", sector="civil_society"
    )
    client.put(
        f"/workshops/{wid}/grid/middelfart-kommune",
        json={"power": 0.9, "interest": 0.8, "attitude": "critic"},
        headers=keys.headers("editor"),
    )
    answer = client.get(
        f"/workshops/{wid}/export.xlsx", params={"lang": "da"}, headers=keys.headers("editor")
    )
    assert answer.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    assert book.sheetnames == ["workshop", "actors", "ties", "grid"]
    names = [row[1].value for row in book["actors"].iter_rows(min_row=2)]
    assert "Mette Jensen" not in names  # an editor's export is pseudonymised
    formula = next(
        row[1] for row in book["actors"].iter_rows(min_row=2) if str(row[1].value).startswith("=")
    )
    assert formula.data_type == "s"  # stored as text, never run
    grid = [[c.value for c in row] for row in book["grid"].iter_rows(min_row=2)]
    assert grid == [
        ["middelfart-kommune", "Middelfart Kommune", 0.9, 0.8, "Inddrag tæt", "Kritiker"]
    ]
    assert len(list(book["ties"].iter_rows(min_row=2))) == 2
    personal = client.get(
        f"/workshops/{wid}/export.xlsx",
        params={"personal_data": "true"},
        headers=keys.headers("editor"),
    )
    assert personal.status_code == 403
    admin = client.get(
        f"/workshops/{wid}/export.xlsx",
        params={"personal_data": "true"},
        headers=keys.headers("admin"),
    )
    book = openpyxl.load_workbook(io.BytesIO(admin.content))
    assert "Mette Jensen" in [row[1].value for row in book["actors"].iter_rows(min_row=2)]

    page = client.get(f"/workshops/{wid}/export.html", headers=keys.headers("viewer"))
    assert page.status_code == 200 and "Middelfart Kommune" in page.text
    assert "Mette Jensen" not in page.text
    picture = client.get(f"/workshops/{wid}/export.png", headers=keys.headers("viewer"))
    assert picture.status_code == 200
    assert picture.content[:8] == b"\x89PNG\r\n\x1a\n" and len(picture.content) > 10_000


def test_sign_in_and_pages(client: httpx.Client, keys: Keys) -> None:
    wid = _create(client, keys, name="Pages")["id"]
    to_login = client.get(f"/workshop/{wid}", follow_redirects=False)
    assert to_login.status_code == 303
    assert to_login.headers["location"] == f"/login?next=%2Fworkshop%2F{wid}"
    same_site = {"Origin": str(client.base_url)}
    assert client.post("/session", json={"key": keys.revoked}, headers=same_site).status_code == 401
    signed = client.post("/session", json={"key": keys.viewer}, headers=same_site)
    assert signed.status_code == 200 and signed.json()["role"] == "viewer"
    cookie = signed.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    page = client.get(f"/workshop/{wid}", headers={"Accept-Language": "da-DK,da;q=0.9"})
    assert page.status_code == 200 and '<html lang="da"' in page.text
    english = client.get(f"/workshop/{wid}", headers={"Accept-Language": "en-GB,da;q=0.5"})
    assert '<html lang="en"' in english.text
    assert client.get("/workshop/no-such-workshop").status_code == 404
    client.delete("/session", headers=same_site)
    client.cookies.clear()
    assert client.get(f"/workshops/{wid}/state").status_code == 401


def test_masked_person_ids_work_both_ways(client: httpx.Client, keys: Keys) -> None:
    """The page only ever sees the person's mask; moves, removal and undo use it."""
    wid = _create(client, keys, name="Masks", start_from="project", start_id="frivillige-mentorer")[
        "id"
    ]
    alias = _person(_state(client, keys, wid))["id"]
    placed = client.put(
        f"/workshops/{wid}/grid/{alias}",
        json={"power": 0.7, "interest": 0.3},
        headers=keys.headers("editor"),
    )
    assert placed.status_code == 200 and placed.json()["actor_id"] == alias
    assert _person(_state(client, keys, wid))["grid"]["power"] == 0.7
    first = client.post(
        f"/workshops/{wid}/snapshots", json={"note": "a"}, headers=keys.headers("editor")
    ).json()
    tie = _tie(client, keys, wid, alias, "middelfart-kommune", "mentoring")
    assert tie.status_code == 201 and tie.json()["tie"]["source_id"] == alias
    removed = client.delete(f"/workshops/{wid}/actors/{alias}", headers=keys.headers("editor"))
    assert removed.json()["removed"] == alias
    assert removed.json()["deleted_ties"] == [tie.json()["tie"]["id"]]
    diff = client.get(
        f"/workshops/{wid}/compare", params={"a": first["id"]}, headers=keys.headers("editor")
    )
    assert diff.json()["actors_removed"][0]["id"] == alias
    assert "mette" not in diff.text.lower()
    back = client.post(
        f"/workshops/{wid}/actors", json={"id": alias}, headers=keys.headers("editor")
    )
    assert back.status_code == 201 and back.json()["actor"]["id"] == alias
    analysis = client.get(f"/workshops/{wid}/analysis", headers=keys.headers("editor"))
    assert alias in analysis.text and "mette" not in analysis.text.lower()


def test_a_search_for_a_shared_screen_does_not_find_persons_by_name(
    client: httpx.Client, keys: Keys
) -> None:
    params = {"q": "Mette"}
    found = client.get("/actors", params=params, headers=keys.headers("editor")).json()
    assert [a["id"] for a in found["items"]] == ["mette-jensen"]  # the editor's own view
    shared = client.get(
        "/actors", params={**params, "shared_screen": "true"}, headers=keys.headers("editor")
    ).json()
    assert shared["items"] == []


def test_a_recreated_workshop_is_a_new_one(client: httpx.Client, keys: Keys) -> None:
    wid = _create(client, keys, name="Again", start_from="project", start_id="frivillige-mentorer")[
        "id"
    ]
    assert (
        len(
            client.get(f"/workshops/{wid}/analysis", headers=keys.headers("viewer")).json()[
                "actors"
            ]
        )
        == 3
    )
    client.delete(f"/workshops/{wid}", headers=keys.headers("admin"))
    _create(client, keys, name="Again", id=wid)
    fresh = client.get(f"/workshops/{wid}/analysis", headers=keys.headers("viewer")).json()
    assert fresh["cached"] is False and fresh["actors"] == []


def test_workshops_made_at_the_same_moment_are_distinct(client: httpx.Client, keys: Keys) -> None:
    """A double-clicked form: every request gets its own workshop, none twice."""
    answers: list[httpx.Response] = []

    def make() -> None:
        with httpx.Client(base_url=str(client.base_url), timeout=60) as own:
            answers.append(
                own.post(
                    "/workshops",
                    headers=keys.headers("editor"),
                    json={
                        "name": "Twice",
                        "start_from": "project",
                        "start_id": "frivillige-mentorer",
                    },
                )
            )

    threads = [threading.Thread(target=make) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ids = sorted(a.json()["id"] for a in answers)
    assert ids == ["twice", *(f"twice-{n}" for n in range(2, 7))]
    listed = [w["id"] for w in client.get("/workshops", headers=keys.headers("viewer")).json()]
    assert sorted(i for i in listed if i.startswith("twice")) == ids
    for wid in ids:
        assert len(_state(client, keys, wid)["actors"]) == 3


def test_a_proposed_project_in_the_scope(client: httpx.Client, keys: Keys) -> None:
    editor = keys.headers("editor")
    client.post(
        "/projects",
        headers=editor,
        json={"id": "plan", "name": "Planen", "theme": "employment", "status": "proposed"},
    )
    for actor in ("middelfart-kommune", "frivilligcenter-middelfart"):
        made = client.post(
            "/participations",
            headers=editor,
            json={
                "id": f"plan-{actor}",
                "actor_id": actor,
                "project_id": "plan",
                "role": "partner",
                "status": "proposed",
            },
        )
        assert made.status_code == 201, made.text
    wid = _create(client, keys, name="Plan", start_from="project", start_id="plan")["id"]
    for proposed in ("true", "false"):
        answer = client.get(
            f"/workshops/{wid}/analysis",
            params={"proposed": proposed},
            headers=keys.headers("viewer"),
        )
        assert answer.status_code == 200, answer.text


def test_signing_out_clears_the_cookie(client: httpx.Client, keys: Keys) -> None:
    same_site = {"Origin": str(client.base_url)}
    client.post("/session", json={"key": keys.editor}, headers=same_site)
    answer = client.delete("/session", headers=same_site)
    assert answer.status_code == 200
    assert re.search(r'graphsvc_session="?"?;.*max-age=0', answer.headers["set-cookie"].lower())


def test_deleting_a_person_erases_her_from_snapshots(
    client: httpx.Client, keys: Keys, core: Graphsvc
) -> None:
    """GDPR art. 17: a snapshot must not keep the name of a person deleted since."""
    wid = _create(client, keys, name="Erase", start_from="project", start_id="frivillige-mentorer")[
        "id"
    ]
    snap = client.post(
        f"/workshops/{wid}/snapshots", json={"note": "før"}, headers=keys.headers("editor")
    ).json()
    stored = core.store.run("workshops/get_snapshot", id=wid, snapshot_id=snap["id"])
    assert "Mette Jensen" in stored[0]["props"]["data"]
    gone = client.delete(
        "/actors/mette-jensen", params={"confirm": "true"}, headers=keys.headers("admin")
    )
    assert gone.status_code == 200
    stored = core.store.run("workshops/get_snapshot", id=wid, snapshot_id=snap["id"])
    assert "Mette Jensen" not in stored[0]["props"]["data"]
    diff = client.get(
        f"/workshops/{wid}/compare", params={"a": snap["id"]}, headers=keys.headers("admin")
    ).json()
    (removed,) = diff["actors_removed"]
    assert removed["name"].startswith("Person ") and removed["id"].startswith("person-")
