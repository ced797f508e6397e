"""Persons without consent: pseudonymised for viewers everywhere, named for editors/admins."""

from __future__ import annotations

import io
import json
import re
import zipfile

import httpx

from tests.api.apihelpers import Keys

PERSON = "mette-jensen"
NAME = "Mette Jensen"


def test_viewer_sees_a_pseudonym(client: httpx.Client, keys: Keys) -> None:
    viewer = keys.headers("viewer")
    got = _masked_person(client, viewer)
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


def _masked_person(client: httpx.Client, viewer: dict[str, str]) -> dict[str, object]:
    listed = client.get("/actors", params={"kind": "person"}, headers=viewer).json()["items"]
    assert len(listed) == 1
    return dict(listed[0])


def test_analyses_queries_and_maps_hide_the_name(client: httpx.Client, keys: Keys) -> None:
    viewer = keys.headers("viewer")
    masked = _masked_person(client, viewer)["id"]
    for path in ("/analyses/bridging", "/analyses/anchoring", "/maps/network",
                 f"/maps/ego?id={masked}", "/"):  # fmt: skip
        response = client.get(path, headers=viewer)
        assert response.status_code == 200, (path, response.text)
        assert NAME not in response.text, path
    rows = client.post("/queries/actors/list_actors", json={"params": {}}, headers=viewer)
    assert rows.status_code == 200 and NAME not in rows.text
    assert "Person " in rows.text
    paths = client.get(
        "/analyses/introductions",
        params={"source": "frivilligcenter-middelfart", "target": masked},
        headers=viewer,
    )
    assert paths.status_code == 200 and NAME not in paths.text
    assert paths.json()["tables"]["paths"][0]["actors"][-1] == masked  # the masked id works
    admin = client.get("/analyses/bridging", headers=keys.headers("admin"))
    assert NAME in admin.text


def test_whatif_removing_a_hidden_person_names_her_nowhere(
    client: httpx.Client, keys: Keys
) -> None:
    """removed_roles was keyed by real actor ids: the mapping's keys leaked her id."""
    viewer = keys.headers("viewer")
    masked = _masked_person(client, viewer)["id"]
    response = client.post("/analyses/whatif", json={"remove_actors": [masked]}, headers=viewer)
    assert response.status_code == 200, response.text
    assert PERSON not in response.text and NAME not in response.text
    roles = [r["removed_roles"] for r in response.json()["tables"]["projects"]]
    assert any(masked in r for r in roles)  # her roles are there, under her mask


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


def _same_as_unknown(response: httpx.Response, unknown: httpx.Response, given: str) -> None:
    """A hidden person's real id answers exactly as an id that does not exist."""
    assert response.status_code == unknown.status_code
    assert response.text == unknown.text.replace("nobody-at-all", given)


def test_a_hidden_persons_real_id_is_no_way_in(client: httpx.Client, keys: Keys) -> None:
    """Reproduces #11: GET /actors/mette-jensen gave the pseudonymised record while a
    made-up slug gave 404, so the real id confirmed whom the pseudonym stands for."""
    viewer = keys.headers("viewer")
    masked = _masked_person(client, viewer)["id"]
    ghost = "nobody-at-all"

    def both(path: str, **params: str) -> tuple[httpx.Response, httpx.Response]:
        real = {k: v.replace("{}", PERSON) for k, v in params.items()}
        made_up = {k: v.replace("{}", ghost) for k, v in params.items()}
        return (
            client.get(path.replace("{}", PERSON), params=real, headers=viewer),
            client.get(path.replace("{}", ghost), params=made_up, headers=viewer),
        )

    _same_as_unknown(*both("/actors/{}"), PERSON)
    assert client.get(f"/actors/{masked}", headers=viewer).status_code == 200
    for path in ("/participations", "/collaborations"):
        real, unknown = both(path, actor_id="{}")
        _same_as_unknown(real, unknown, PERSON)
        assert real.json()["total"] == 0
        assert client.get(path, params={"actor_id": masked}, headers=viewer).json()["total"] == 1
    _same_as_unknown(*both("/analyses/introductions", source="trygfonden", target="{}"), PERSON)
    real, unknown = (
        client.post("/analyses/whatif", json={"remove_actors": [x]}, headers=viewer)
        for x in (PERSON, ghost)
    )
    _same_as_unknown(real, unknown, PERSON)
    assert real.status_code == 404
    ok = client.post("/analyses/whatif", json={"remove_actors": [masked]}, headers=viewer)
    assert ok.status_code == 200
    real, unknown = both("/maps/ego", id="{}")
    assert real.status_code == unknown.status_code != 200
    assert client.get("/maps/ego", params={"id": masked}, headers=viewer).status_code == 200
    # a tie whose id holds hers: the masked tie id works, the real one does not
    made = client.post(
        "/collaborations",
        json={"id": "c-mette-jensen-trygfonden", "source_id": PERSON,
              "target_id": "trygfonden", "kind": "referral"},
        headers=keys.headers("editor"),
    )  # fmt: skip
    assert made.status_code == 201, made.text
    ties = client.get("/collaborations", params={"actor_id": masked}, headers=viewer).json()
    tie = next(t["id"] for t in ties["items"] if t["target_id"] == "trygfonden")
    assert tie.startswith("tie-") and PERSON not in json.dumps(ties)
    assert client.get(f"/collaborations/{tie}", headers=viewer).json()["id"] == tie
    real, unknown = both("/collaborations/c-{}-trygfonden")
    _same_as_unknown(real, unknown, PERSON)
    assert real.status_code == 404
    # editors see names: for them the real id is a way in
    assert client.get(f"/actors/{PERSON}", headers=keys.headers("editor")).status_code == 200
    editor_map = client.get("/maps/ego", params={"id": PERSON}, headers=keys.headers("editor"))
    assert editor_map.status_code == 200 and NAME not in editor_map.text


def test_a_viewer_sorts_by_the_pseudonym(client: httpx.Client, keys: Keys) -> None:
    """Reproduces #11: sorting by name placed the pseudonym where the real name sorts."""
    viewer = keys.headers("viewer")
    for sort in ("name", "id"):
        for order in ("asc", "desc"):
            items = client.get(
                "/actors", params={"sort": sort, "order": order}, headers=viewer
            ).json()["items"]
            keys_shown = [item[sort].casefold() for item in items]
            expected = sorted(keys_shown, reverse=order == "desc")
            assert keys_shown == expected, (sort, order, keys_shown)
    # "Person …" sorts between "Middelfart Kommune" and "TrygFonden", "Mette Jensen" not
    names = [a["name"] for a in client.get("/actors", params={"sort": "name"},
                                            headers=viewer).json()["items"]]  # fmt: skip
    person = next(i for i, n in enumerate(names) if n.startswith("Person "))
    assert names[person - 1] == "Middelfart Kommune" and names[person + 1] == "TrygFonden"
