"""Persons without consent: pseudonymised for viewers everywhere, named for editors/admins."""

from __future__ import annotations

import io
import json
import re
import zipfile

import httpx
from apihelpers import Keys

PERSON = "mette-jensen"
NAME = "Mette Jensen"


def test_viewer_sees_a_pseudonym(client: httpx.Client, keys: Keys) -> None:
    viewer = keys.headers("viewer")
    got = client.get(f"/actors/{PERSON}", headers=viewer).json()
    assert got["name"].startswith("Person ") and got["pseudonymised"] is True
    assert got["description"] is None and got["sources"] == [] and got["website"] is None
    # her id is her name as a slug: a viewer gets a masked id, and can use it
    assert re.fullmatch(r"person-[0-9a-f]{8}", got["id"])
    assert client.get(f"/actors/{got['id']}", headers=viewer).json() == got
    listed = client.get("/actors", headers=viewer).json()["items"]
    mine = next(a for a in listed if a["id"] == got["id"])
    assert mine["name"] == got["name"]  # stable
    assert NAME not in json.dumps(listed) and PERSON not in json.dumps(listed)
    ties = client.get("/collaborations", params={"actor_id": got["id"]}, headers=viewer).json()
    assert ties["total"] == 1 and ties["items"][0]["source_id"] == got["id"]
    assert PERSON not in json.dumps(ties)
    # the name search does not find hidden persons for viewers
    assert client.get("/actors", params={"q": "Mette"}, headers=viewer).json()["total"] == 0
    # other actors are untouched
    assert next(a for a in listed if a["id"] == "trygfonden")["name"] == "TrygFonden"


def test_editors_and_admins_see_the_name(client: httpx.Client, keys: Keys) -> None:
    for role in ("editor", "admin"):
        got = client.get(f"/actors/{PERSON}", headers=keys.headers(role)).json()
        assert got["name"] == NAME and got["pseudonymised"] is False
        found = client.get("/actors", params={"q": "Mette"}, headers=keys.headers(role)).json()
        assert found["total"] == 1


def test_consent_shows_the_name(client: httpx.Client, keys: Keys) -> None:
    client.patch(f"/actors/{PERSON}", json={"consent_to_publish": True},
                 headers=keys.headers("editor"))  # fmt: skip
    assert client.get(f"/actors/{PERSON}", headers=keys.headers("viewer")).json()["name"] == NAME


def test_analyses_queries_and_maps_hide_the_name(client: httpx.Client, keys: Keys) -> None:
    viewer = keys.headers("viewer")
    for path in ("/analyses/bridging", "/analyses/anchoring", "/maps/network",
                 f"/maps/ego?id={PERSON}", "/"):  # fmt: skip
        response = client.get(path, headers=viewer)
        assert response.status_code == 200, (path, response.text)
        assert NAME not in response.text, path
    rows = client.post("/queries/actors/list_actors", json={"params": {}}, headers=viewer)
    assert rows.status_code == 200 and NAME not in rows.text
    assert "Person " in rows.text
    paths = client.get(
        "/analyses/introductions",
        params={"source": "frivilligcenter-middelfart", "target": PERSON},
        headers=viewer,
    )
    assert paths.status_code == 200 and NAME not in paths.text
    admin = client.get("/analyses/bridging", headers=keys.headers("admin"))
    assert NAME in admin.text


def _zip_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "".join(archive.read(n).decode() for n in archive.namelist())


def test_exports_hide_the_name_unless_an_admin_asks(client: httpx.Client, keys: Keys) -> None:
    for role in ("viewer", "editor", "admin"):
        for fmt in ("json", "graphml", "gexf"):
            text = client.get(f"/exports/{fmt}", headers=keys.headers(role)).text
            assert NAME not in text and "Mentorkoordinator" not in text, (role, fmt)
        csv = client.get("/exports/csv", headers=keys.headers(role))
        assert NAME not in _zip_text(csv.content)
    for role in ("viewer", "editor"):
        refused = client.get("/exports/json?personal_data=true", headers=keys.headers(role))
        assert refused.status_code == 403
    full = client.get("/exports/csv?personal_data=true", headers=keys.headers("admin"))
    assert NAME in _zip_text(full.content)
