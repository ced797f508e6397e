"""One rule for text the database can store (graphsvc.store.text), on every way in.

The same hostile strings go through an item write over HTTP, an import over HTTP and an
import through the core object (the CLI's path); each is refused with the same reason,
naming the field (and the file and row for an import), and nothing is written. Text the
rule lets through is stored and read back unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import networkx as nx
import pytest

from graphsvc.core import Graphsvc
from graphsvc.errors import ValidationError
from graphsvc.store.text import MAX_TEXT_LENGTH, text_problem
from tests.api.apihelpers import Keys

HOSTILE = {
    "NUL": "nul\x00here",  # FalkorDB's parser stops at it
    "bell": "bell\x07here",
    "vertical tab": "Tryg\x0bFonden",
    "escape sequence": "\x1b[31mred\x1b[0m",
    "lone surrogate": "half \ud83d a smiley",  # no UTF-8 for it
    "U+FFFE": "odd\ufffe",  # no XML 1.0 for it: the XLSX export would not open
    "U+FFFF": "odd\uffff",
    "longer than a cell": "x" * (MAX_TEXT_LENGTH + 1),
}
FINE = {
    "tab, line feed, carriage return": "a\tb\nc\r\nd",
    "DEL and C1 controls": "a\x7fb\x85c",
    "Danish and an emoji": "Ærø Fond 😀",
    "exactly a cell": "y" * MAX_TEXT_LENGTH,
}


def _json(body: object) -> str:
    # ensure_ascii: a lone surrogate travels as its \\ud83d escape, as a client may send it
    return json.dumps(body)


def _nodelink(folder: Path, description: str) -> Path:
    graph = nx.Graph()
    graph.add_node(
        "trygfonden",
        name="TrygFonden",
        kind="foundation",
        sector="civil_society",
        scale="national",
        description=description,
    )
    graph.add_node("aeblehaven", name="Æblehaven", kind="foundation",
                   sector="civil_society", scale="national")  # fmt: skip
    graph.add_edge("trygfonden", "aeblehaven", kind="funding")
    path = folder / "network.json"
    path.write_text(json.dumps(nx.node_link_data(graph)), "utf-8")  # escapes, as JSON may
    return path


def test_the_rule_refuses_the_hostile_and_passes_the_rest() -> None:
    for name, text in HOSTILE.items():
        assert text_problem(text) is not None, name
    for name, text in FINE.items():
        assert text_problem(text) is None, name
    assert "U+0000" in str(text_problem(HOSTILE["NUL"]))
    assert "U+D83D" in str(text_problem(HOSTILE["lone surrogate"]))
    assert "32,767" in str(text_problem(HOSTILE["longer than a cell"]))


def test_item_writes_over_http_refuse_them(client: httpx.Client, keys: Keys) -> None:
    editor = keys.headers("editor")
    sending = {**editor, "Content-Type": "application/json"}
    before = client.get("/actors/trygfonden", headers=editor).json()
    for name, text in HOSTILE.items():
        body = _json({"description": text})
        patch = client.patch("/actors/trygfonden", content=body, headers=sending)
        assert patch.status_code == 422, (name, patch.text)
        [detail] = patch.json()["details"]
        assert detail["column"] == "description", name
        assert detail["message"] == text_problem(text), name
        new = {"id": "new-actor", "name": text, "kind": "foundation",
               "sector": "civil_society", "scale": "national"}  # fmt: skip
        post = client.post("/actors", content=_json(new), headers=sending)
        assert post.status_code == 422, (name, post.text)
        assert any(d["column"] == "name" for d in post.json()["details"]), name
    assert client.get("/actors/trygfonden", headers=editor).json() == before
    assert client.get("/actors/new-actor", headers=editor).status_code == 404


def test_imports_refuse_them_over_http_and_through_the_core(
    client: httpx.Client, keys: Keys, core: Graphsvc, tmp_path: Path
) -> None:
    editor = keys.headers("editor")
    counts = core.counts()
    for name, text in HOSTILE.items():
        path = _nodelink(tmp_path, text)
        expected = ("network.json[nodes]", 2, "description", text_problem(text))
        with pytest.raises(ValidationError) as raised:
            core.import_paths([path])
        found = [(p.file, p.row, p.column, p.message) for p in raised.value.details]
        assert found == [expected], name
        upload = [("files", (path.name, path.read_bytes(), "application/json"))]
        response = client.post("/imports", files=upload, headers=editor)
        assert response.status_code == 422, (name, response.text)
        details = [(d["file"], d["row"], d["column"], d["message"])
                   for d in response.json()["details"]]  # fmt: skip
        assert details == [expected], name
    assert core.counts() == counts, "a refused import writes nothing"


def test_the_rest_is_stored_as_given(client: httpx.Client, keys: Keys, core: Graphsvc) -> None:
    editor = keys.headers("editor")
    sending = {**editor, "Content-Type": "application/json"}
    for name, text in FINE.items():
        body = _json({"description": text})
        patch = client.patch("/actors/trygfonden", content=body, headers=sending)
        assert patch.status_code == 200, (name, patch.text)
        assert client.get("/actors/trygfonden", headers=editor).json()["description"] == text
        assert core.get_item("actors", "trygfonden")["description"] == text, name
