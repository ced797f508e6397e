"""Uploads: dry run, every problem with file/row/column, nothing written on error, 413."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pandas as pd

from graphsvc.core import Graphsvc
from graphsvc.keys import create_key
from tests.api.apihelpers import UPLOAD_LIMIT, Keys


def _files(folder: Path) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [
        ("files", (path.name, path.read_bytes(), "text/csv"))
        for path in sorted(folder.glob("*.csv"))
    ]


def test_import_dry_run_then_write(
    client: httpx.Client, keys: Keys, core: Graphsvc, mini_copy: Path
) -> None:
    core.reset()
    # reset removed the keys too: make a fresh editor key
    editor = {"Authorization": f"Bearer {create_key(core.store, 'editor')[1]}"}
    dry = client.post("/imports", params={"dry_run": "true"}, files=_files(mini_copy),
                      headers=editor)  # fmt: skip
    assert dry.status_code == 200, dry.text
    assert dry.json()["dry_run"] is True and dry.json()["created"]["actors"] == 5
    assert core.counts()["actors"] == 0
    done = client.post("/imports", files=_files(mini_copy), headers=editor)
    assert done.status_code == 200 and done.json()["created"]["collaborations"] == 3
    assert core.counts() == {
        "actors": 5,
        "projects": 2,
        "participations": 5,
        "collaborations": 3,
        "agreements": 0,
    }
    again = client.post("/imports", files=_files(mini_copy), headers=editor).json()
    assert sum(again["created"].values()) == 0 and again["unchanged"]["actors"] == 5


def test_import_reports_every_problem(
    client: httpx.Client, keys: Keys, core: Graphsvc, mini_copy: Path
) -> None:
    actors = pd.read_csv(mini_copy / "actors.csv", dtype=str, keep_default_na=False)
    actors.loc[1, "locality"] = "DK-999"
    actors.loc[len(actors)] = {**actors.loc[0].to_dict(), "id": "ny-kommune", "kind": "castle"}
    actors.to_csv(mini_copy / "actors.csv", index=False)
    ties = pd.read_csv(mini_copy / "collaborations.csv", dtype=str, keep_default_na=False)
    ties.loc[0, "directed"] = "maybe"
    ties.to_csv(mini_copy / "collaborations.csv", index=False)
    before = core.counts()
    response = client.post("/imports", files=_files(mini_copy), headers=keys.headers("editor"))
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error" and "nothing was written" in body["message"]
    where = {(d["file"], d["row"], d["column"]) for d in body["details"]}
    assert ("actors.csv", 3, "locality") in where
    assert ("actors.csv", 7, "kind") in where
    assert ("collaborations.csv", 2, "directed") in where
    assert all(d["message"] for d in body["details"])
    assert core.counts() == before
    assert client.get("/actors/ny-kommune", headers=keys.headers("editor")).status_code == 404


def test_import_xlsx_and_refuses_odd_files(
    client: httpx.Client, keys: Keys, core: Graphsvc, mini_copy: Path, tmp_path: Path
) -> None:
    book = tmp_path / "book.xlsx"
    with pd.ExcelWriter(book) as writer:
        for name in ("actors", "projects"):
            pd.read_csv(mini_copy / f"{name}.csv", dtype=str, keep_default_na=False).to_excel(
                writer, sheet_name=name, index=False
            )
    editor = keys.headers("editor")
    sheet = client.post(
        "/imports",
        params={"dry_run": True},
        files=[("files", ("book.xlsx", book.read_bytes(), "application/octet-stream"))],
        headers=editor,
    )
    assert sheet.status_code == 200, sheet.text
    assert sheet.json()["unchanged"]["actors"] == 5
    odd = client.post("/imports", files=[("files", ("notes.txt", b"hi", "text/plain"))],
                      headers=editor)  # fmt: skip
    assert odd.status_code == 422 and odd.json()["details"][0]["file"] == "notes.txt"
    unknown = client.post("/imports", files=[("files", ("people.csv", b"id\nx\n", "text/csv"))],
                          headers=editor)  # fmt: skip
    assert unknown.status_code == 422
    nothing = client.post("/imports", headers=editor)
    assert nothing.status_code == 422


def test_too_large_upload_is_413(client: httpx.Client, keys: Keys, core: Graphsvc) -> None:
    big = b"id,name\n" + b"x" * (UPLOAD_LIMIT + 10)
    response = client.post(
        "/imports", files=[("files", ("actors.csv", big, "text/csv"))],
        headers=keys.headers("editor"),
    )  # fmt: skip
    assert response.status_code == 413
    body = response.json()
    assert body["code"] == "payload_too_large" and f"{UPLOAD_LIMIT:,}" in body["message"]

    def chunks():  # type: ignore[no-untyped-def]
        yield b'--b\r\nContent-Disposition: form-data; name="files"; filename="actors.csv"\r\n\r\n'
        for _ in range(UPLOAD_LIMIT // 4096 + 2):
            yield b"y" * 4096
        yield b"\r\n--b--\r\n"

    streamed = client.post(
        "/imports",
        content=chunks(),
        headers={**keys.headers("editor"), "Content-Type": "multipart/form-data; boundary=b"},
    )
    assert streamed.status_code == 413 and streamed.json()["code"] == "payload_too_large"
    assert core.counts()["actors"] == 5


PLANNER_CSV = (
    "Organisation;Type;Kommune;Samarbejdspartner;Projekt;Rolle;Start;Kontaktperson\n"
    "Æblehavens Frivilligcenter;Frivilligcenter;Middelfart Kommune;Ørbæk Idrætsforening;"
    "Lektiecafé Vest;Projektejer;31-12-2014;Hanne\n"
    "Ørbæk Idrætsforening;Forening;Nyborg;;Lektiecafé Vest;Frivillig;aug. 2015;\n"
).encode("cp1252")


def test_preview_shows_the_mapping_rows_and_problems(
    client: httpx.Client, keys: Keys, core: Graphsvc
) -> None:
    editor = keys.headers("editor")
    before = core.counts()
    upload = [("files", ("kort.csv", PLANNER_CSV, "text/csv"))]
    response = client.post("/imports/preview", files=upload, headers=editor)
    assert response.status_code == 200, response.text
    body = response.json()
    [sheet] = body["mapping"]["sheets"]
    assert sheet["shape"] == "rows"
    targets = {c["column"]: (c["target"], c["decided_by"]) for c in sheet["columns"]}
    assert targets == {
        "Organisation": ("name", "header"),
        "Type": ("kind", "header"),
        "Kommune": ("locality", "header"),
        "Samarbejdspartner": ("partner", "header"),
        "Projekt": ("project", "header"),
        "Rolle": ("role", "header"),
        "Start": ("start", "header"),
        "Kontaktperson": ("attribute", "default"),
    }
    assert "ignore" in sheet["columns"][0]["choices"]
    assert body["counts"] == {
        "actors": 2, "projects": 1, "participations": 2, "collaborations": 1, "agreements": 0,
    }  # fmt: skip
    first = body["rows"]["actors"][0]
    assert first == {
        "id": "aeblehavens-frivilligcenter",
        "name": "Æblehavens Frivilligcenter",
        "kind": "volunteer_centre",
        "sector": "civil_society",
        "scale": "local",
        "locality": "DK-410",
        "evidence": "inferred",
        "attributes": '{"Kontaktperson": "Hanne"}',
    }
    assert body["rows"]["participations"][1]["start_date"] == "2015-08-01"
    assert body["valid"] is True and body["problems"] == []
    assert body["report"]["created"]["actors"] == 2
    assert 'target = "attribute"' in body["mapping_toml"]
    assert core.counts() == before  # a preview writes nothing

    # The page sends the mapping back with one column changed: the attribute is gone.
    sheet["columns"][-1]["target"] = "ignore"
    again = client.post(
        "/imports/preview",
        files=upload,
        data={"mapping": json.dumps(body["mapping"])},
        headers=editor,
    ).json()
    assert "attributes" not in again["rows"]["actors"][0]

    # The same mapping as TOML, on the import itself; a second import changes nothing.
    toml_mapping = body["mapping_toml"].replace('target = "attribute"', 'target = "ignore"')
    done = client.post("/imports", files=upload, data={"mapping": toml_mapping}, headers=editor)
    assert done.status_code == 200, done.text
    assert done.json()["created"] == {
        "actors": 2, "projects": 1, "participations": 2, "collaborations": 1, "agreements": 0,
    }  # fmt: skip
    repeat = client.post("/imports", files=upload, data={"mapping": toml_mapping}, headers=editor)
    assert repeat.json()["created"] == dict.fromkeys(before, 0)
    assert repeat.json()["updated"] == dict.fromkeys(before, 0)


def test_preview_lists_problems_with_file_row_and_column(
    client: httpx.Client, keys: Keys, core: Graphsvc
) -> None:
    text = PLANNER_CSV.decode("cp1252").replace("Nyborg", "Nyborrg").replace("aug. 2015", "snart")
    upload = [("files", ("kort.csv", text.encode("utf-8"), "text/csv"))]
    body = client.post("/imports/preview", files=upload, headers=keys.headers("editor")).json()
    assert body["valid"] is False and body["report"] is None
    where = [(p["file"], p["row"], p["column"]) for p in body["problems"]]
    assert where == [("kort.csv", 3, "Kommune"), ("kort.csv", 3, "Start")]
    assert "did you mean Nyborg" in body["problems"][0]["message"]
    refused = client.post("/imports", files=upload, headers=keys.headers("editor"))
    assert refused.status_code == 422
    bad_mapping = client.post(
        "/imports/preview", files=upload, data={"mapping": "[[sheets"},
        headers=keys.headers("editor"),
    )  # fmt: skip
    assert bad_mapping.status_code == 422 and bad_mapping.json()["details"][0]["file"] == "mapping"


#: Actors in graphsvc's own layout with three bad rows: a missing name (row 3), an unknown
#: kind (row 4), a date with a 13th month (row 5).
BAD_ACTORS = (
    "id,name,kind,sector,scale,locality,start_date\n"
    "a1,Foreningen,association,civil_society,local,DK-410,2020-01-01\n"
    "a2,,association,civil_society,local,DK-410,\n"
    "a3,Rumfolket,spaceship,civil_society,local,DK-410,\n"
    "a4,Klubben,association,civil_society,local,DK-410,2020-13-01\n"
)


def test_problems_carry_code_params_and_danish_text(
    client: httpx.Client, keys: Keys, core: Graphsvc
) -> None:
    """Each detail keeps its English ``message`` and gains pydantic's error type as
    ``code``, its context as ``params``, and ``text`` in the asked ``lang``."""
    files = [("files", ("actors.csv", BAD_ACTORS.encode(), "text/csv"))]
    before = core.counts()
    english = client.post("/imports", files=files, headers=keys.headers("editor"))
    assert english.status_code == 422, english.text
    by_row = {d["row"]: d for d in english.json()["details"]}
    assert sorted(by_row) == [3, 4, 5]
    missing, kind, date = by_row[3], by_row[4], by_row[5]
    assert (missing["code"], missing["params"]) == ("missing", {"field": "name"})
    assert missing["message"] == "Field required"  # English stays as it was
    assert (missing["text"], missing["lang"]) == ("Field required", "en")
    assert kind["code"] == "enum" and kind["params"]["field"] == "kind"
    assert kind["params"]["expected"].endswith("'person' or 'other'")
    assert date["code"] == "date_from_datetime_parsing"
    assert date["params"] == {
        "field": "start_date",
        "error": "month value is outside expected range of 1-12",
    }
    danish = client.post(
        "/imports", params={"lang": "da"}, files=files, headers=keys.headers("editor")
    )
    said = {d["row"]: (d["text"], d["lang"]) for d in danish.json()["details"]}
    assert said[3] == ("navn skal udfyldes", "da")
    assert said[4][0].startswith("'spaceship' kendes ikke som type; skriv en af 'municipality'")
    assert said[5] == ("'2020-13-01' er ikke en gyldig startdato (måneden skal være 1-12)", "da")
    # the preview says the same, in the same words
    preview = client.post(
        "/imports/preview", params={"lang": "da"}, files=files, headers=keys.headers("editor")
    )
    assert preview.status_code == 200, preview.text
    problems = preview.json()["problems"]
    assert [(p["row"], p["column"], p["code"]) for p in problems] == [
        (3, "name", "missing"),
        (4, "kind", "enum"),
        (5, "start_date", "date_from_datetime_parsing"),
    ]
    assert [p["text"] for p in problems] == [said[3][0], said[4][0], said[5][0]]
    assert core.counts() == before  # nothing was written
