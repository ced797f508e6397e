"""Surveys over real HTTP against the real app and FalkorDB: roles, tokens, pages, headers.

The data is the mini set (``tests/data/mini``): the project ``frivillige-mentorer`` has
the participants Middelfart Kommune and Frivilligcenter Middelfart and the hidden person
Mette Jensen (no consent), so a survey of it asks the two organisations and never shows her.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.api.apihelpers import Keys, ServerThread

PROJECT = "frivillige-mentorer"
KOMMUNE, CENTER = "middelfart-kommune", "frivilligcenter-middelfart"


def _create(client: httpx.Client, keys: Keys, **extra: Any) -> dict[str, Any]:
    body = {
        "title": {"da": "Mentorpartnerskaber", "en": "Mentor partnerships"},
        "scope_kind": "project",
        "scope_id": PROJECT,
        **extra,
    }
    made = client.post("/surveys", json=body, headers=keys.headers("editor"))
    assert made.status_code == 201, made.text
    return made.json()


def _open_with_links(client: httpx.Client, keys: Keys) -> tuple[str, dict[str, str]]:
    editor = keys.headers("editor")
    survey = _create(client, keys)["id"]
    assert client.post(f"/surveys/{survey}/open", headers=editor).status_code == 200
    made = client.post(f"/surveys/{survey}/invitations", json={}, headers=editor)
    assert made.status_code == 201, made.text
    return survey, {i["actor_id"]: i["token"] for i in made.json()}


def test_roles(client: httpx.Client, keys: Keys) -> None:
    survey = _create(client, keys)["id"]
    viewer, editor, admin = (keys.headers(r) for r in ("viewer", "editor", "admin"))
    for method, path in [
        ("GET", "/surveys"),
        ("GET", f"/surveys/{survey}"),
        ("GET", f"/surveys/{survey}/roster"),
        ("GET", f"/surveys/{survey}/status"),
        ("POST", f"/surveys/{survey}/open"),
    ]:
        assert client.request(method, path, headers=viewer).status_code == 403, path
    assert client.get(f"/surveys/{survey}", headers={}).status_code == 401
    assert client.post("/surveys", json={"title": {"da": "x"}}, headers=viewer).status_code == 403
    assert client.get(f"/surveys/{survey}/roster", headers=editor).status_code == 200
    assert client.delete(f"/surveys/{survey}", headers=editor).status_code == 403
    assert client.delete("/surveys/contacts?email=a@b.dk", headers=editor).status_code == 403
    gone = client.delete(f"/surveys/{survey}", headers=admin)
    assert gone.status_code == 200 and gone.json()["id"] == survey
    assert client.get(f"/surveys/{survey}", headers=editor).status_code == 404


def test_roster_never_holds_a_hidden_person(client: httpx.Client, keys: Keys) -> None:
    editor = keys.headers("editor")
    survey = _create(client, keys)["id"]
    roster = client.get(f"/surveys/{survey}/roster", headers=editor).json()
    assert {r["actor_id"] for r in roster} == {KOMMUNE, CENTER}
    put = client.put(
        f"/surveys/{survey}/roster",
        headers=editor,
        json={"entries": [{"actor_id": KOMMUNE}, {"actor_id": "mette-jensen"}]},
    )
    assert put.status_code == 422
    assert [d["field"] for d in put.json()["details"]] == ["entries[1].actor_id"]
    assert "Mette" not in put.text


def test_a_respondent_answers_by_token(client: httpx.Client, keys: Keys) -> None:
    survey, tokens = _open_with_links(client, keys)
    token = tokens[KOMMUNE]
    form = client.get(f"/s/{token}/form")  # no key
    assert form.status_code == 200, form.text
    assert form.headers["cache-control"] == "no-store"
    assert form.headers["referrer-policy"] == "no-referrer"
    assert "default-src 'none'" in form.headers["content-security-policy"]
    body = form.json()
    assert [r["id"] for r in body["roster"]] == [CENTER]  # not itself, not the hidden person
    assert body["answers"]["partners"] == [] and body["submitted"] is False
    saved = client.put(f"/s/{token}/pages/partners", json={"partners": [{"actor_id": CENTER}]})
    assert saved.status_code == 200, saved.text
    rating = {"frequency": "weekly", "kinds": ["partnership"], "reliable": 4}
    saved = client.put(f"/s/{token}/pages/ratings?lang=en", json={"ratings": {CENTER: rating}})
    assert saved.status_code == 200, saved.text
    assert client.post(f"/s/{token}/submit").status_code == 200
    assert client.post(f"/s/{token}/submit").status_code == 409
    again = client.put(f"/s/{token}/pages/outcomes", json={"outcomes": {"achieved": []}})
    assert again.status_code == 409
    status = client.get(f"/surveys/{survey}/status", headers=keys.headers("editor")).json()
    assert (status["invited"], status["answered"], status["rate"]) == (2, 1, 0.5)
    assert status["ties"] == [
        {
            "a": CENTER,
            "b": KOMMUNE,
            "state": "one_sided",
            "named_by": [KOMMUNE],
            "weight": 4.0,
            "trust": 4.0,
            "value": None,
        }
    ]


def test_bad_answers_name_the_field_and_change_nothing(client: httpx.Client, keys: Keys) -> None:
    _survey, tokens = _open_with_links(client, keys)
    token = tokens[CENTER]
    ok = client.put(f"/s/{token}/pages/partners", json={"partners": [{"actor_id": KOMMUNE}]})
    assert ok.status_code == 200
    before = client.get(f"/s/{token}/form").json()["answers"]
    cases = [
        (
            "partners",
            {"partners": [{"actor_id": KOMMUNE}, {"actor_id": "trygfonden"}]},
            "partners[1].actor_id",
        ),
        ("partners", {"partners": [{"actor_id": CENTER}]}, "partners[0].actor_id"),
        ("partners", {"partners": [{"actor_id": "mette-jensen"}]}, "partners[0].actor_id"),
        (
            "ratings",
            {"ratings": {KOMMUNE: {"frequency": "weekly", "kinds": ["partnership"], "power": 7}}},
            f"ratings.{KOMMUNE}.power",
        ),
        (
            "ratings",
            {"ratings": {"trygfonden": {"frequency": "weekly", "kinds": ["funding"]}}},
            "ratings.trygfonden",
        ),
    ]
    for page, body, field in cases:
        refused = client.put(f"/s/{token}/pages/{page}", json=body)
        assert refused.status_code == 422, (body, refused.text)
        assert field in [d["field"] for d in refused.json()["details"]], refused.text
        assert client.get(f"/s/{token}/form").json()["answers"] == before
    assert client.put(f"/s/{token}/pages/nothing", json={}).status_code == 422
    missing = client.post(f"/s/{token}/submit")
    assert missing.status_code == 422
    assert missing.json()["details"][0]["field"] == f"ratings.{KOMMUNE}.frequency"


def test_tokens_wrong_expired_revoked_closed_and_another_surveys(
    client: httpx.Client, keys: Keys
) -> None:
    editor = keys.headers("editor")
    survey, tokens = _open_with_links(client, keys)
    wrong = client.get("/s/" + "A" * 32 + "/form")
    assert wrong.status_code == 404 and wrong.headers["cache-control"] == "no-store"
    other, other_tokens = _open_with_links(client, keys)
    # a token opens only its own survey: another survey's token shows that survey
    assert client.get(f"/s/{other_tokens[KOMMUNE]}/form").json()["survey"]["id"] == other
    assert client.get(f"/s/{tokens[KOMMUNE]}/form").json()["survey"]["id"] == survey
    invitations = client.get(f"/surveys/{survey}/invitations", headers=editor).json()
    assert all("token" not in i for i in invitations)
    revoked = next(i["invitation_id"] for i in invitations if i["actor_id"] == CENTER)
    assert (
        client.post(f"/surveys/{survey}/invitations/{revoked}/revoke", headers=editor).status_code
        == 200
    )
    assert client.get(f"/s/{tokens[CENTER]}/form").status_code == 410
    reissued = client.post(f"/surveys/{survey}/invitations/{revoked}/reissue", headers=editor)
    assert reissued.status_code == 201, reissued.text
    assert client.get(f"/s/{reissued.json()['token']}/form").status_code == 200
    # expired
    third = _create(client, keys)["id"]
    client.post(f"/surveys/{third}/open", headers=editor)
    past = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)).isoformat()
    made = client.post(f"/surveys/{third}/invitations", json={"expires_at": past}, headers=editor)
    expired = client.get(f"/s/{made.json()[0]['token']}/form")
    assert expired.status_code == 410 and expired.json()["code"] == "survey_closed"
    # closed
    assert client.post(f"/surveys/{survey}/close", headers=editor).status_code == 200
    closed = client.put(f"/s/{tokens[KOMMUNE]}/pages/partners", json={"partners": []})
    assert closed.status_code == 410


def test_a_write_from_another_site_is_refused(client: httpx.Client, keys: Keys) -> None:
    _survey, tokens = _open_with_links(client, keys)
    path = f"/s/{tokens[KOMMUNE]}/pages/partners"
    refused = client.put(path, json={"partners": []}, headers={"Origin": "https://evil.example"})
    assert refused.status_code == 403
    assert refused.headers["referrer-policy"] == "no-referrer"
    own = client.put(path, json={"partners": []}, headers={"Origin": str(client.base_url)})
    assert own.status_code == 200, own.text


@pytest.fixture
def fresh_limits(api_server: ServerThread) -> Iterator[None]:
    """The limits count from zero, and the other tests are not limited after."""
    api_server.app.state.graphsvc.extra.pop("survey_limiters", None)
    yield
    api_server.app.state.graphsvc.extra.pop("survey_limiters", None)


@pytest.mark.parametrize("kind", ["unknown", "known"])
def test_rate_limits(client: httpx.Client, keys: Keys, kind: str, fresh_limits: None) -> None:
    """30 unknown links per address and minute; 120 requests per link and minute."""
    _survey, tokens = _open_with_links(client, keys)
    if kind == "unknown":
        codes = [client.get(f"/s/{'B' * 31}{n % 10}/form").status_code for n in range(31)]
        assert codes[:30] == [404] * 30 and codes[30] == 429
        limited = client.get(f"/s/{tokens[KOMMUNE]}/form")
        assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0
    else:
        codes = [client.get(f"/s/{tokens[CENTER]}/form").status_code for _ in range(121)]
        assert codes[:120] == [200] * 120 and codes[120] == 429
