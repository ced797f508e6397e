"""Surveys over real HTTP against the real app and FalkorDB: roles, tokens, pages, headers.

The data is the mini set (``tests/data/mini``): the project ``frivillige-mentorer`` has
the participants Middelfart Kommune and Frivilligcenter Middelfart and the hidden person
Mette Jensen (no consent), so a survey of it asks the two organisations and never shows her.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import openpyxl
import pytest

from graphsvc.core import Graphsvc
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


def test_roster_upload_csv_and_xlsx(client: httpx.Client, keys: Keys, tmp_path: Path) -> None:
    """Files written by other tools: the csv module and openpyxl."""
    editor = keys.headers("editor")
    survey = client.post("/surveys", json={"title": {"da": "Liste"}}, headers=editor).json()["id"]
    bad = io.StringIO()
    writer = csv.writer(bad)
    writer.writerows(
        [
            ["navn", "spørges"],
            ["Middelfart Kommune", "ja"],
            ["Ingen Sådan", "nej"],
            ["Mette Jensen", "ja"],
        ]
    )
    refused = client.post(
        f"/surveys/{survey}/roster",
        headers=editor,
        files={"file": ("liste.csv", bad.getvalue().encode(), "text/csv")},
    )
    assert refused.status_code == 422, refused.text
    where = [(d["file"], d["row"], d["column"]) for d in refused.json()["details"]]
    assert where == [("liste.csv", 3, "navn"), ("liste.csv", 4, "navn")]
    assert client.get(f"/surveys/{survey}/roster", headers=editor).json() == []
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["aktør-id", "spørges"], [KOMMUNE, "ja"], ["trygfonden", "nej"]):
        sheet.append(row)
    path = tmp_path / "liste.xlsx"
    book.save(path)
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    done = client.post(
        f"/surveys/{survey}/roster",
        headers=editor,
        files={"file": ("liste.xlsx", path.read_bytes(), xlsx)},
    )
    assert done.status_code == 200, done.text
    assert [(r["actor_id"], r["asked"]) for r in done.json()] == [
        (KOMMUNE, True),
        ("trygfonden", False),
    ]


def test_a_contact_address_with_a_second_address_is_refused(
    client: httpx.Client, keys: Keys, core: Graphsvc
) -> None:
    """Only "@" was checked: "a@b.dk>, evil@x.dk" was stored and made every later mail
    export and send fail with a 500."""
    editor = keys.headers("editor")
    survey = _create(client, keys)["id"]
    contacts = {KOMMUNE: {"name": "Kim", "email": "a@b.dk>, evil@x.dk"}}
    made = client.post(
        f"/surveys/{survey}/invitations", json={"contacts": contacts}, headers=editor
    )
    assert made.status_code == 422, made.text
    assert f"contacts.{KOMMUNE}.email" in made.text
    assert client.get(f"/surveys/{survey}/invitations", headers=editor).json() == []


def test_answers_csv_cells_never_run_as_formulas(client: httpx.Client, keys: Keys) -> None:
    """OWASP CSV injection: an anonymous respondent's other_name starting with = @ or -
    gets a leading apostrophe in the export; the numbers stay numbers."""
    editor = keys.headers("editor")
    survey, tokens = _open_with_links(client, keys)
    token = tokens[KOMMUNE]
    names = ['=HYPERLINK("http://x","y")', "@SUM(1)", "-2+3"]
    partners = [{"other_name": name} for name in names]
    assert client.put(f"/s/{token}/pages/partners", json={"partners": partners}).status_code == 200
    rating = {"frequency": "monthly", "kinds": ["knowledge_exchange"], "since": 2015}
    ratings = {f"other:{name.casefold()}": rating for name in names}
    saved = client.put(f"/s/{token}/pages/ratings", json={"ratings": ratings})
    assert saved.status_code == 200, saved.text
    assert client.post(f"/s/{token}/submit").status_code == 200
    table = client.get(f"/surveys/{survey}/answers.csv", headers=editor)
    rows = list(csv.DictReader(io.StringIO(table.content.decode("utf-8-sig"))))
    assert sorted(r["other_name"] for r in rows) == [
        "'-2+3",
        '\'=HYPERLINK("http://x","y")',
        "'@SUM(1)",
    ]
    assert {r["since"] for r in rows} == {"2015"}


def test_contacts_stay_apart_and_are_erased(
    client: httpx.Client, keys: Keys, core: Graphsvc
) -> None:
    editor, admin = keys.headers("editor"), keys.headers("admin")
    survey = _create(client, keys)["id"]
    contacts = {KOMMUNE: {"name": "Kirsten Kontaktsen", "email": "kirsten@example.dk"}}
    made = client.post(
        f"/surveys/{survey}/invitations", json={"contacts": contacts}, headers=editor
    )
    assert made.status_code == 201
    assert (
        client.get(f"/surveys/{survey}/invitations", headers=keys.headers("viewer")).status_code
        == 403
    )
    listed = client.get(f"/surveys/{survey}/invitations", headers=editor).json()
    assert {i["contact_email"] for i in listed} == {"kirsten@example.dk", None}
    for role in ("viewer", "editor", "admin"):
        for fmt in ("json", "csv", "graphml"):
            params = {"personal_data": "true"} if role == "admin" else {}
            export = client.get(f"/exports/{fmt}", params=params, headers=keys.headers(role))
            assert export.status_code == 200, (role, fmt)
            assert b"Kontaktsen" not in export.content and b"kirsten@" not in export.content
    answers = client.get(f"/surveys/{survey}/answers.csv", headers=editor)
    assert answers.status_code == 200 and "kirsten" not in answers.text
    erased = client.delete(
        "/surveys/contacts", params={"email": "KIRSTEN@example.dk"}, headers=admin
    )
    assert erased.status_code == 200 and erased.json() == {"erased": 1}
    listed = client.get(f"/surveys/{survey}/invitations", headers=editor).json()
    assert {i["contact_email"] for i in listed} == {None}
    assert not core.store.run("surveys/delete_contacts_by_email", email_key="kirsten@example.dk")[
        0
    ]["deleted"]


def test_analysis_and_compare(client: httpx.Client, keys: Keys) -> None:
    editor = keys.headers("editor")
    first, tokens = _open_with_links(client, keys)
    rating = {
        "frequency": "weekly",
        "kinds": ["partnership"],
        "reliable": 4,
        "mission": 3,
        "open": 2,
        "power": 3,
        "involvement": 3,
        "resources": 3,
    }
    for me, other in ((KOMMUNE, CENTER), (CENTER, KOMMUNE)):
        client.put(f"/s/{tokens[me]}/pages/partners", json={"partners": [{"actor_id": other}]})
        client.put(f"/s/{tokens[me]}/pages/ratings", json={"ratings": {other: rating}})
        assert client.post(f"/s/{tokens[me]}/submit").status_code == 200
    analysis = client.get(f"/surveys/{first}/analysis", headers=editor)
    assert analysis.status_code == 200, analysis.text
    assert analysis.json()["states"] == {"confirmed": 1, "one_sided": 0, "contradicted": 0}
    second = _create(client, keys, wave=2, baseline_id=first)["id"]
    compared = client.get(f"/surveys/{second}/compare/{first}", headers=editor)
    assert compared.status_code == 200, compared.text
    body = compared.json()
    assert (body["first_id"], body["second_id"]) == (first, second)
    # nobody answered the second wave: the first wave's tie could not be seen there
    assert body["counts"]["kept"] == 0
    assert (
        client.get(f"/surveys/{first}/analysis", headers=keys.headers("viewer")).status_code == 403
    )


def test_review_apply_and_answers_csv_over_http(client: httpx.Client, keys: Keys) -> None:
    """The kommune names the center and "Cykelklubben Øst" (reviewed as TrygFonden); the
    center does not answer: two one-sided ties. The mini set's curated partnership
    kommune–center is a conflict: not written until resolved, and never changed."""
    editor = keys.headers("editor")
    survey, tokens = _open_with_links(client, keys)
    token = tokens[KOMMUNE]
    rating = {"frequency": "monthly", "kinds": ["knowledge_exchange"], "since": 2015}
    partners = [{"actor_id": CENTER}, {"other_name": "Cykelklubben Øst"}]
    assert client.put(f"/s/{token}/pages/partners", json={"partners": partners}).status_code == 200
    ratings = {CENTER: rating, "other:cykelklubben øst": {**rating, "frequency": "yearly"}}
    assert client.put(f"/s/{token}/pages/ratings", json={"ratings": ratings}).status_code == 200
    version = client.get(f"/surveys/{survey}", headers=editor).json()["version"]
    assert client.post(f"/s/{token}/submit").status_code == 200
    assert client.get(f"/surveys/{survey}", headers=editor).json()["version"] > version
    reminders = client.get(f"/surveys/{survey}/reminders", headers=editor).json()
    assert [r["actor_id"] for r in reminders] == [CENTER]
    status = client.get(f"/surveys/{survey}/status", headers=editor).json()
    assert status["review"] == [
        {"name_key": "cykelklubben øst", "name": "Cykelklubben Øst", "named_by": [KOMMUNE]}
    ]
    reviewed = client.post(
        f"/surveys/{survey}/review",
        headers=editor,
        json={"name": "Cykelklubben Øst", "decision": "actor", "actor_id": "trygfonden"},
    )
    assert reviewed.status_code == 200, reviewed.text
    curated = client.get("/collaborations/c-kommune-frivilligcenter", headers=editor).json()
    first = client.post(f"/surveys/{survey}/apply", json={}, headers=editor)
    assert first.status_code == 200, first.text
    body = first.json()
    assert (body["created"], body["unchanged"], body["skipped_pending_review"]) == (1, 0, 0)
    assert [c["pair"] for c in body["conflicts"]] == [f"{CENTER}--{KOMMUNE}"]
    again = client.post(f"/surveys/{survey}/apply", json={}, headers=editor).json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 1)
    resolved = client.post(
        f"/surveys/{survey}/apply",
        headers=editor,
        json={"resolve": {f"{CENTER}--{KOMMUNE}": "survey"}},
    ).json()
    assert resolved["created"] == 1 and resolved["conflicts"] == []
    assert client.get("/collaborations/c-kommune-frivilligcenter", headers=editor).json() == curated
    table = client.get(f"/surveys/{survey}/answers.csv", headers=editor)
    rows = list(csv.DictReader(io.StringIO(table.content.decode("utf-8-sig"))))
    assert [(r["respondent"], r["partner"], r["other_name"], r["frequency"]) for r in rows] == [
        (KOMMUNE, CENTER, "", "monthly"),
        (KOMMUNE, "", "Cykelklubben Øst", "yearly"),
    ]
    assert (
        client.post(f"/surveys/{survey}/apply", json={}, headers=keys.headers("viewer")).status_code
        == 403
    )
