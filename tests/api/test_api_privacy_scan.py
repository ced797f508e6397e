"""No viewer route and no default export carries a hidden person's name or real id.

The routes come from the app's OpenAPI document, so a route added later is scanned
without changing this test; a route that cannot be scanned must be listed in ``SKIP``
with the reason. Hidden persons are also named in other items' free text (descriptions,
source passages, tags, other actors' and projects' names, a workshop's purpose, a
snapshot note): see ``privacyhelpers``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from graphsvc.core import Graphsvc
from graphsvc.io.exporter import export_formats
from tests.api.apihelpers import Keys, ServerThread
from tests.api.privacyhelpers import HIDDEN, leaks, load_hidden_world, readable

SKIP = {
    "GET /workshops/{workshop_id}/events": "an endless stream of version numbers only",
    "GET /workshops/{workshop_id}/export.png": "a picture of export.html, which is scanned",
    "GET /reports/project/{project_id}": "a PDF drawn by Chromium (compressed text): "
    "tests/test_reports.py reads a viewer's report PDF and HTML for hidden persons",
    "GET /reports/municipality/{code}": "as the project report",
}


@pytest.fixture
def world(core: Graphsvc, keys: Keys, client: httpx.Client, tmp_path: Path) -> dict[str, Any]:
    """The hidden world, a workshop on it with a snapshot, and what a viewer can list."""
    load_hidden_world(core, tmp_path / "hidden")
    editor = keys.headers("editor")
    made = client.post(
        "/workshops",
        json={
            "name": "Mentorer i Middelfart",
            "purpose": "Hvordan hjælper vi Bjarne Ibsen og Ulla Sørensen?",
            "start_from": "project",
            "start_id": "mentornetvaerk",
        },
        headers=editor,
    )
    assert made.status_code == 201, made.text
    workshop = made.json()["id"]
    snap = client.post(
        f"/workshops/{workshop}/snapshots", json={"note": "Mette Jensen var med"}, headers=editor
    )
    assert snap.status_code == 201, snap.text
    survey = client.post(
        "/surveys",
        json={
            "id": "mentorundersoegelse",
            "title": {"da": "Mentorer og Mette Jensen"},
            "purpose": {"da": "Hvordan hjælper vi Bjarne Ibsen?"},
            "scope_kind": "project",
            "scope_id": "mentornetvaerk",
        },
        headers=editor,
    )
    assert survey.status_code == 201, survey.text
    client.post("/surveys/mentorundersoegelse/open", headers=editor)
    links = client.post("/surveys/mentorundersoegelse/invitations", json={}, headers=editor)
    # the respondent named after a hidden person sees the survey (its form is scanned)
    token = next(i["token"] for i in links.json() if i["actor_id"] == "ibsen-venner")
    viewer = keys.headers("viewer")

    def ids(path: str) -> list[str]:
        page = client.get(path, params={"limit": 1000}, headers=viewer).json()
        return [item["id"] for item in page["items"]]

    actors = ids("/actors")
    state = client.get(f"/workshops/{workshop}/state", headers=viewer).json()
    return {
        "actor_id": actors,
        "project_id": ids("/projects"),
        "participation_id": ids("/participations"),
        "collaboration_id": ids("/collaborations"),
        "agreement_id": ids("/agreements"),
        "workshop_id": [workshop],
        "tie_id": [t["id"] for t in state["ties"]],
        "key_id": ["nokey"],
        "snapshot": snap.json()["id"],
        "masked": [a for a in actors if a.startswith("person-")],
        "survey_id": ["mentorundersoegelse"],
        "other_id": ["mentorundersoegelse"],
        "invitation_id": ["0"],
        "token": [token],
    }


def _routes(app: Any) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, operations in app.openapi()["paths"].items()
        for method, operation in operations.items()
    ]


def _requests(path: str, operation: dict[str, Any], world: dict[str, Any]) -> list[str]:
    """URLs that exercise a GET route with ids a viewer knows (masked ids included)."""
    params = operation.get("parameters", [])
    path_names = [p["name"] for p in params if p["in"] == "path"]
    urls = [path]
    for name in path_names:
        values = _path_values(name, operation, world)
        urls = [u.replace("{" + name + "}", v) for u in urls for v in values]
    query = {p["name"] for p in params if p["in"] == "query"}
    out: list[str] = []
    for url in urls:
        extra: list[str] = [""]
        if "source" in query:
            masked = world["masked"]
            extra = [f"source={a}&target={b}" for a in masked for b in masked if a != b]
            extra += [f"source=ibsen-venner&target={masked[0]}"]
        elif "project" in query:
            extra = [f"project={p}" for p in world["project_id"]]
        elif "a" in query:
            extra = [f"a={world['snapshot']}"]
        elif url.startswith("/maps/"):
            lens = url.rsplit("/", 1)[-1]
            extra = {
                "ego": [f"id={a}&lang=da" for a in world["actor_id"]],
                "project": [f"id={p}" for p in world["project_id"]],
                "municipality": ["id=DK-410"],
                "whatif": [f"remove={a}" for a in world["masked"]],
            }.get(lens, ["lang=da", ""])
        elif "lang" in query:
            extra = ["lang=da", "lang=en"]
        if "shared_screen" in query:
            extra = [*extra, "shared_screen=true", "sort=name&q=Person"]
        out += [f"{url}?{e}" if e else url for e in extra]
    return out


def _path_values(name: str, operation: dict[str, Any], world: dict[str, Any]) -> list[str]:
    if name == "fmt":
        return list(export_formats())
    if name == "lens":
        schema = next(p for p in operation["parameters"] if p["name"] == "lens")["schema"]
        return list(schema["enum"])
    if name == "actor_id":
        return world["actor_id"]
    if name in world:
        return list(world[name])
    raise AssertionError(f"the scan does not know what to put in {{{name}}}: add it")


def test_no_get_route_shows_a_viewer_a_hidden_person(
    api_server: ServerThread, client: httpx.Client, keys: Keys, world: dict[str, Any]
) -> None:
    viewer = keys.headers("viewer")
    scanned: list[str] = []
    found: dict[str, list[str]] = {}
    for method, path, operation in _routes(api_server.app):
        route = f"{method} {path}"
        if method != "GET" or route in SKIP:
            continue
        for url in _requests(path, operation, world):
            response = client.get(url, headers=viewer)
            assert response.status_code in (200, 403), (url, response.text[:300])
            if response.status_code == 200:
                scanned.append(url)
            if bad := leaks(response.content):
                found[url] = bad
    assert not found, f"hidden persons shown to a viewer: {found}"
    assert len(scanned) > 60
    # the scan saw the hidden world: the pseudonyms are there, the free text too
    assert any(
        "Person " in readable(client.get(u, headers=viewer).content)
        for u in scanned
        if u.startswith("/projects")
    )
    text = readable(client.get("/projects/mentornetvaerk", headers=viewer).content)
    assert "Mentornetværk med Person " in text and "Koordineret af Person " in text
    assert re.search(r"se person-[0-9a-f]{8}", text)


def test_read_only_posts_show_a_viewer_no_hidden_person(
    client: httpx.Client, keys: Keys, world: dict[str, Any]
) -> None:
    viewer = keys.headers("viewer")
    for masked in world["masked"]:
        response = client.post("/analyses/whatif", json={"remove_actors": [masked]}, headers=viewer)
        assert response.status_code == 200 and not leaks(response.content), response.text
    queries = client.get("/queries", headers=viewer).json()
    assert queries
    for query in queries:
        params = {name: world["masked"][0] for name in query["params"]}
        response = client.post(f"/queries/{query['name']}", json={"params": params}, headers=viewer)
        if response.status_code == 200:
            assert not leaks(response.content), (query["name"], response.text[:300])


def test_default_exports_show_no_hidden_person(
    client: httpx.Client, keys: Keys, world: dict[str, Any], tmp_path: Path
) -> None:
    for role in ("viewer", "editor", "admin"):
        for fmt in export_formats():
            response = client.get(f"/exports/{fmt}", headers=keys.headers(role))
            assert response.status_code == 200
            assert not leaks(response.content), (role, fmt, leaks(response.content))
        xlsx = client.get(f"/workshops/{world['workshop_id'][0]}/export.xlsx",
                          headers=keys.headers(role))  # fmt: skip
        assert xlsx.status_code == 200 and not leaks(xlsx.content), role
    # the CLI pseudonymises by default too; --personal-data names them
    for fmt in export_formats():
        out = tmp_path / f"export-{fmt}"
        _cli("export", "--format", fmt, "--out", str(out))
        for path in [out] if out.is_file() else sorted(out.iterdir()):
            assert not leaks(path.read_bytes()), (fmt, path.name, leaks(path.read_bytes()))
    full = tmp_path / "full.json"
    _cli("export", "--format", "json", "--out", str(full), "--personal-data")
    assert set(leaks(full.read_bytes())) >= {"Bjarne Ibsen", *HIDDEN}
    admin = client.get("/exports/json?personal_data=true", headers=keys.headers("admin"))
    assert "Bjarne Ibsen" in readable(admin.content)


def _cli(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "graphsvc.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout
