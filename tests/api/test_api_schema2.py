"""The schema-2 fields (#12) through the API: created, read, changed and refused."""

from __future__ import annotations

import httpx

from tests.api.apihelpers import Keys


def test_new_fields_round_trip_through_the_api(client: httpx.Client, keys: Keys) -> None:
    editor = keys.headers("editor")
    network = {
        "id": "sund-by-netvaerket", "name": "Sund By Netværket", "kind": "network",
        "sector": "public", "scale": "national", "member_kind": "municipality",
        "member_counts": [{"on": "2012-01-01", "precision": "year", "count": 20},
                          {"on": "2015-12-31", "precision": "year", "count": 14,
                           "approximate": True}],
        "start_date": "1990-01-01", "start_precision": "year", "place": "landsdækkende",
        "place_level": "country", "inferred_fields": ["member_kind"],
    }  # fmt: skip
    created = client.post("/actors", json=network, headers=editor)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["member_counts"] == [
        {"on": "2012-01-01", "precision": "year", "count": 20, "approximate": False},
        {"on": "2015-12-31", "precision": "year", "count": 14, "approximate": True},
    ]
    assert (body["place"], body["place_level"], body["start_precision"]) == (
        "landsdækkende", "country", "year",
    )  # fmt: skip
    assert body["inferred_fields"] == ["member_kind"]

    project = {"id": "hr-berg", "name": "Hr. Berg", "theme": "socially_vulnerable",
               "part_of": "legepatruljen", "start_date": "2014-05-05",
               "start_precision": "year", "place": "Bispehaven",
               "place_level": "neighbourhood"}  # fmt: skip
    made = client.post("/projects", json=project, headers=editor)
    assert made.status_code == 201, made.text
    assert made.json()["start_date"] == "2014-01-01"  # a year starts on its first day

    part = {"id": "p-tryg-berg", "actor_id": "sund-by-netvaerket", "project_id": "hr-berg",
            "role": "funder", "amount": 300000, "currency": "NOK", "support": "cash_grant",
            "end_date": "2016-06-30", "end_precision": "approximate"}  # fmt: skip
    made = client.post("/participations", json=part, headers=editor)
    assert made.status_code == 201, made.text
    got = client.get("/participations/p-tryg-berg", headers=editor).json()
    assert (got["amount"], got["currency"], got["support"]) == (300000.0, "NOK", "cash_grant")
    assert (got["end_date"], got["end_precision"]) == ("2016-06-30", "approximate")
    changed = client.patch(
        "/participations/p-tryg-berg", json={"currency": "EUR", "support": "in_kind"},
        headers=editor,
    )  # fmt: skip
    assert changed.status_code == 200, changed.text
    assert (changed.json()["amount"], changed.json()["currency"]) == (300000.0, "EUR")

    tie = {"id": "c-sund-by-kommune", "source_id": "sund-by-netvaerket",
           "target_id": "middelfart-kommune", "kind": "coordination",
           "project_ids": ["hr-berg", "legepatruljen"], "status": "proposed",
           "proposed_by": "Frivilligrådet"}  # fmt: skip
    made = client.post("/collaborations", json=tie, headers=editor)
    assert made.status_code == 201, made.text
    assert made.json()["project_ids"] == ["hr-berg", "legepatruljen"]
    assert made.json()["proposed_by"] == "Frivilligrådet"

    moved = client.patch(
        "/projects/hr-berg", json={"part_of": None, "follows": "legepatruljen"}, headers=editor
    )
    assert moved.status_code == 200, moved.text
    assert (moved.json()["part_of"], moved.json()["follows"]) == (None, "legepatruljen")


def test_bad_new_fields_are_refused_with_their_place(client: httpx.Client, keys: Keys) -> None:
    editor = keys.headers("editor")
    part = {"id": "p-x", "actor_id": "middelfart-kommune", "project_id": "legepatruljen",
            "role": "funder", "amount": 100}  # fmt: skip
    refused = client.post("/participations", json=part, headers=editor)
    assert refused.status_code == 422
    assert "an amount needs a currency" in refused.text
    unknown = client.post(
        "/participations", json={**part, "currency": "DKK", "inferred_fields": ["colour"]},
        headers=editor,
    )  # fmt: skip
    assert unknown.status_code == 422 and "'colour'" in unknown.text
    tie = {"id": "c-x", "source_id": "middelfart-kommune", "target_id": "trygfonden",
           "kind": "volunteering", "project_ids": ["no-such-project"]}  # fmt: skip
    refused = client.post("/collaborations", json=tie, headers=editor)
    assert refused.status_code == 422, refused.text
    details = refused.json()["details"]
    assert [(d["column"], d["value"]) for d in details] == [("project_ids", "no-such-project")]
