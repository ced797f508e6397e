"""Actors, projects, participations, collaborations: list, get, create, update, delete."""

from __future__ import annotations

import httpx
import pytest

from tests.api.apihelpers import Keys


def test_list_actors_filters_sorts_and_pages(client: httpx.Client, keys: Keys) -> None:
    h = keys.headers("editor")  # real ids: a viewer sees the person's masked id
    everything = client.get("/actors", headers=h).json()
    assert everything["total"] == 5 and len(everything["items"]) == 5
    assert [a["id"] for a in everything["items"]] == sorted(a["id"] for a in everything["items"])
    page = client.get("/actors", params={"limit": 2, "offset": 1}, headers=h).json()
    assert page["total"] == 5 and [a["id"] for a in page["items"]] == [
        a["id"] for a in everything["items"][1:3]
    ]
    desc = client.get("/actors", params={"sort": "id", "order": "desc"}, headers=h).json()
    assert [a["id"] for a in desc["items"]] == [a["id"] for a in everything["items"]][::-1]
    by = {
        "kind": ("foundation", {"trygfonden"}),
        "sector": ("civil_society", {"frivilligcenter-middelfart", "aeblehaven-forening"}),
        "scale": ("national", {"trygfonden"}),
        "municipality": ("DK-492", {"aeblehaven-forening"}),
        "tag": ("fond", {"trygfonden"}),
        "q": ("middelfart", {"middelfart-kommune", "frivilligcenter-middelfart"}),
        "theme": ("health_prevention", {"trygfonden", "aeblehaven-forening"}),
    }
    for name, (value, expected) in by.items():
        found = client.get("/actors", params={name: value}, headers=h).json()
        assert {a["id"] for a in found["items"]} == expected, name
        assert found["total"] == len(expected)
    # ties active on 2016-01-01: the Legepatruljen ties ended in 2014
    active = client.get("/actors", params={"as_of": "2016-01-01"}, headers=h).json()
    assert "trygfonden" not in {a["id"] for a in active["items"]}
    assert "middelfart-kommune" in {a["id"] for a in active["items"]}


def test_list_other_resources(client: httpx.Client, keys: Keys) -> None:
    h = keys.headers("viewer")
    projects = client.get("/projects", params={"as_of": "2016-01-01"}, headers=h).json()
    assert [p["id"] for p in projects["items"]] == ["frivillige-mentorer"]
    themed = client.get("/projects", params={"theme": "health_prevention"}, headers=h).json()
    assert [p["id"] for p in themed["items"]] == ["legepatruljen"]
    local = client.get("/projects", params={"municipality": "DK-492", "q": "lege"}, headers=h)
    assert [p["id"] for p in local.json()["items"]] == ["legepatruljen"]
    parts = client.get("/participations", params={"project_id": "legepatruljen"}, headers=h)
    assert parts.json()["total"] == 2
    funders = client.get("/participations", params={"role": "funder"}, headers=h).json()
    assert [p["actor_id"] for p in funders["items"]] == ["trygfonden"]
    ties = client.get("/collaborations", params={"actor_id": "trygfonden"}, headers=h).json()
    assert [c["id"] for c in ties["items"]] == ["c-trygfonden-forening"]
    heavy = client.get(
        "/collaborations", params={"sort": "weight", "order": "desc", "limit": 1}, headers=h
    ).json()
    assert heavy["items"][0]["weight"] == max(
        c["weight"] for c in client.get("/collaborations", headers=h).json()["items"]
    )


@pytest.mark.parametrize(
    ("path", "item", "change"),
    [
        (
            "/actors",
            {"id": "spejderne-middelfart", "name": "Spejderne", "kind": "association",
             "sector": "civil_society", "scale": "local", "locality": "DK-410"},
            {"name": "Spejderne i Middelfart", "tags": ["spejder"]},
        ),
        (
            "/projects",
            {"id": "sommerlejr", "name": "Sommerlejr", "theme": "children_youth",
             "localities": ["DK-410"], "start_date": "2020-06-01"},
            {"end_date": "2020-08-31", "status": "ended"},
        ),
        (
            "/participations",
            {"id": "p-kommune-legepatruljen", "actor_id": "middelfart-kommune",
             "project_id": "legepatruljen", "role": "host"},
            {"role": "partner", "amount": 1000.0, "currency": "NOK", "support": "in_kind"},
        ),
        (
            "/collaborations",
            {"id": "c-fc-forening", "source_id": "frivilligcenter-middelfart",
             "target_id": "aeblehaven-forening", "kind": "referral"},
            {"weight": 2.5, "directed": True},
        ),
    ],
)  # fmt: skip
def test_create_get_update_delete(
    client: httpx.Client, keys: Keys, path: str, item: dict, change: dict
) -> None:
    editor, admin = keys.headers("editor"), keys.headers("admin")
    created = client.post(path, json=item, headers=editor)
    assert created.status_code == 201, created.text
    assert {k: created.json()[k] for k in item} == item
    again = client.post(path, json=item, headers=editor)
    assert again.status_code == 409 and again.json()["code"] == "conflict"
    got = client.get(f"{path}/{item['id']}", headers=keys.headers("viewer"))
    assert got.status_code == 200 and got.json()["id"] == item["id"]
    updated = client.patch(f"{path}/{item['id']}", json=change, headers=editor)
    assert updated.status_code == 200, updated.text
    body = updated.json()
    assert all(body[k] == v for k, v in change.items())
    assert all(body[k] == v for k, v in item.items() if k not in change)
    deleted = client.delete(f"{path}/{item['id']}", headers=admin)
    assert deleted.status_code == 200 and deleted.json()["deleted"] == item["id"]
    assert client.get(f"{path}/{item['id']}", headers=admin).status_code == 404
    assert client.patch(f"{path}/{item['id']}", json=change, headers=editor).status_code == 404
    assert client.delete(f"{path}/{item['id']}", headers=admin).status_code == 404


def test_create_is_validated_like_an_import(client: httpx.Client, keys: Keys) -> None:
    editor = keys.headers("editor")
    bad = client.post(
        "/actors",
        json={"id": "x", "name": "X", "kind": "association", "sector": "civil_society",
              "scale": "local", "locality": "DK-999"},
        headers=editor,
    )  # fmt: skip
    assert bad.status_code == 422
    assert any("DK-999" in d["message"] or "municipality" in d["message"]
               for d in bad.json()["details"])  # fmt: skip
    unknown_ref = client.post(
        "/collaborations",
        json={"id": "c-x", "source_id": "trygfonden", "target_id": "nobody", "kind": "funding"},
        headers=editor,
    )
    assert unknown_ref.status_code == 422
    detail = unknown_ref.json()["details"][0]
    assert detail["column"] == "target_id" and "nobody" in detail["message"]
    person = client.post(
        "/actors",
        json={"id": "anna", "name": "Anna", "kind": "person", "sector": "citizen",
              "scale": "local", "is_person": True},
        headers=editor,
    )  # fmt: skip
    assert person.status_code == 422 and "legal_basis" in person.text
    for text in ("nul\x00here", "bell\x07here"):
        control = client.patch("/actors/trygfonden", json={"description": text}, headers=editor)
        assert control.status_code == 422, control.text
        assert control.json()["details"][0]["column"] == "description"
    patch = client.patch("/actors/trygfonden", json={"kind": "banana"}, headers=editor)
    assert patch.status_code == 422
    extra = client.patch("/actors/trygfonden", json={"colour": "red"}, headers=editor)
    assert extra.status_code == 422
    dates = client.patch("/projects/legepatruljen", json={"start_date": "2020-01-01"},
                         headers=editor)  # fmt: skip
    assert dates.status_code == 422 and "after" in dates.text
    assert (
        client.get("/projects/legepatruljen", headers=editor).json()["start_date"] == "2008-01-01"
    )


def test_patch_clears_and_moves(client: httpx.Client, keys: Keys) -> None:
    editor = keys.headers("editor")
    cleared = client.patch("/actors/middelfart-kommune", json={"website": None}, headers=editor)
    assert cleared.status_code == 200 and cleared.json()["website"] is None
    moved = client.patch(
        "/collaborations/c-kommune-frivilligcenter",
        json={"target_id": "aeblehaven-forening"},
        headers=editor,
    )
    assert moved.status_code == 200 and moved.json()["target_id"] == "aeblehaven-forening"
    ties = client.get("/collaborations", params={"actor_id": "frivilligcenter-middelfart"},
                      headers=editor).json()  # fmt: skip
    assert "c-kommune-frivilligcenter" not in {c["id"] for c in ties["items"]}


def test_deleting_an_actor_needs_confirmation(client: httpx.Client, keys: Keys) -> None:
    admin = keys.headers("admin")
    refused = client.delete("/actors/middelfart-kommune", headers=admin)
    assert refused.status_code == 409
    body = refused.json()
    assert body["code"] == "conflict" and "confirm=true" in body["message"]
    named = {(d["file"], d["message"]) for d in body["details"]}
    assert ("participations", "would also delete participation 'p-mentorer-kommune'") in named
    assert any(f == "collaborations" and "c-kommune-frivilligcenter" in m for f, m in named)
    assert client.get("/actors/middelfart-kommune", headers=admin).status_code == 200
    done = client.delete("/actors/middelfart-kommune", params={"confirm": "true"}, headers=admin)
    assert done.status_code == 200
    assert done.json()["also_deleted"] == {
        "participations": ["p-mentorer-kommune"],
        "collaborations": ["c-kommune-frivilligcenter"],
    }
    assert client.get("/participations/p-mentorer-kommune", headers=admin).status_code == 404
    # an actor without ties goes without confirmation
    client.post("/actors", json={"id": "alone", "name": "Alone", "kind": "other",
                                 "sector": "private", "scale": "local"}, headers=admin)  # fmt: skip
    assert client.delete("/actors/alone", headers=admin).status_code == 200


def test_deleting_a_project_needs_confirmation(client: httpx.Client, keys: Keys) -> None:
    admin = keys.headers("admin")
    refused = client.delete("/projects/legepatruljen", headers=admin)
    assert refused.status_code == 409 and len(refused.json()["details"]) == 2
    done = client.delete("/projects/legepatruljen?confirm=true", headers=admin)
    assert sorted(done.json()["also_deleted"]["participations"]) == [
        "p-legepatruljen-forening", "p-legepatruljen-trygfonden"]  # fmt: skip
