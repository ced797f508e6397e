"""Uploads: dry run, every problem with file/row/column, nothing written on error, 413."""

from __future__ import annotations

from pathlib import Path

import httpx
import pandas as pd
from apihelpers import UPLOAD_LIMIT, Keys

from graphsvc.core import Graphsvc
from graphsvc.keys import create_key


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
    assert core.counts() == {"actors": 5, "projects": 2, "participations": 5, "collaborations": 3}
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
