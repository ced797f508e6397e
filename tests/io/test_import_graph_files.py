"""Other tools' graph files through the whole import (read → map → validate → store), and
hostile graph files refused by the core, the CLI and ``POST /imports`` with nothing written.

The files are made in the tests by the tools' own writers (networkx, igraph, openpyxl) or
written by hand after the format's documentation; the counts are the data sets' own
(Davis: 18 women, 14 events, 89 attendances; Zachary's karate club: 34 members, 78 ties).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import networkx as nx
import pytest

from graphsvc.api import create_app
from graphsvc.core import Graphsvc
from graphsvc.errors import ValidationError
from graphsvc.keys import create_key
from graphsvc.settings import Settings
from tests.api.apihelpers import ServerThread
from tests.io.graphhelpers import billion_laughs

EMPTY = {"actors": 0, "projects": 0, "participations": 0, "collaborations": 0, "agreements": 0}


def davis_gexf(folder: Path) -> Path:
    nx.write_gexf(nx.davis_southern_women_graph(), folder / "davis.gexf")
    return folder / "davis.gexf"


def davis_node_link_links(folder: Path) -> Path:
    data = nx.node_link_data(nx.davis_southern_women_graph(), edges="links")
    (folder / "davis.json").write_text(json.dumps(data), "utf-8")
    return folder / "davis.json"


def karate_graphml(folder: Path) -> Path:
    nx.write_graphml(nx.karate_club_graph(), folder / "karate.graphml")
    return folder / "karate.graphml"


def karate_edgelist(folder: Path) -> Path:
    nx.write_edgelist(nx.karate_club_graph(), folder / "karate.edgelist")
    return folder / "karate.edgelist"


def two_mode_dl(folder: Path) -> Path:
    (folder / "deltagelse.dl").write_text(
        "DL NR=3, NC=2\nFORMAT = FULLMATRIX\nROW LABELS:\nKommunen\nFonden\nForeningen\n"
        "COLUMN LABELS:\nLegepatruljen\nMentorer\nDATA:\n1 1\n1 0\n0 1\n",
        "utf-8",
    )
    return folder / "deltagelse.dl"


def gephi_lite_json(folder: Path) -> Path:
    data = {
        "attributes": {},
        "options": {"type": "mixed", "multi": False},
        "nodes": [{"key": k, "attributes": {"label": k, "x": 0, "y": 0}} for k in "ABCD"],
        "edges": [
            {"source": "A", "target": "B", "undirected": True},
            {"source": "B", "target": "C", "attributes": {"weight": 2}},
            {"source": "C", "target": "D", "undirected": True},
        ],
    }
    (folder / "gephi-lite.json").write_text(json.dumps(data), "utf-8")
    return folder / "gephi-lite.json"


NONE = {"actors": 0, "projects": 0, "participations": 0, "collaborations": 0, "agreements": 0}
DAVIS = {**NONE, "actors": 18, "projects": 14, "participations": 89}
FILES: dict[Callable[[Path], Path], dict[str, int]] = {
    davis_gexf: DAVIS,
    davis_node_link_links: DAVIS,
    karate_graphml: {**NONE, "actors": 34, "collaborations": 78},
    karate_edgelist: {**NONE, "actors": 34, "collaborations": 78},
    two_mode_dl: {**NONE, "actors": 3, "projects": 2, "participations": 4},
    gephi_lite_json: {**NONE, "actors": 4, "collaborations": 3},
}


@pytest.mark.parametrize("maker", FILES, ids=[m.__name__ for m in FILES])
def test_other_tools_files_import_without_hand_work(
    graphsvc: Graphsvc, tmp_path: Path, maker: Callable[[Path], Path]
) -> None:
    path = maker(tmp_path)
    report = graphsvc.import_paths([path])
    assert report.created == FILES[maker]
    assert graphsvc.counts() == FILES[maker]
    again = graphsvc.import_paths([path])  # idempotent: nothing changes the second time
    assert again.created == EMPTY and again.updated == EMPTY


def test_davis_women_are_actors_and_events_projects(graphsvc: Graphsvc, tmp_path: Path) -> None:
    graphsvc.import_paths([davis_gexf(tmp_path)])
    tables = graphsvc.tables()
    assert "Evelyn Jefferson" in set(tables["actors"]["name"])
    assert set(tables["projects"]["name"]) == {f"E{i}" for i in range(1, 15)}


def test_mixed_directions_and_weights_survive(graphsvc: Graphsvc, tmp_path: Path) -> None:
    graphsvc.import_paths([gephi_lite_json(tmp_path)])
    ties = graphsvc.tables()["collaborations"]
    names = dict(
        zip(graphsvc.tables()["actors"]["id"], graphsvc.tables()["actors"]["name"], strict=True)
    )
    found = {
        (names[r["source_id"]], names[r["target_id"]]): (bool(r["directed"]), float(r["weight"]))
        for r in ties.to_dict("records")
    }
    assert found == {("A", "B"): (False, 1.0), ("B", "C"): (True, 2.0), ("C", "D"): (False, 1.0)}


# ---------------------------------------------------------------- hostile graph files

GEXF_HEAD = '<?xml version="1.0"?>\n<gexf xmlns="http://gexf.net/1.3" version="1.3">\n<graph>\n'
HOSTILE: dict[str, tuple[bytes, str, int | None]] = {
    "bomb.gexf": (billion_laughs("gexf").encode(), "declares entities", None),
    "xxe.graphml": (
        b'<?xml version="1.0"?>\n<!DOCTYPE g [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        b'<graphml><graph><node id="&x;"/></graph></graphml>',
        "declares entities",
        None,
    ),
    "cut.gexf": ((GEXF_HEAD + '<nodes>\n<node id="a"').encode(), "not well-formed XML", 5),
    "list.json": (b"[1, 2, 3]", "found an array", None),
    "deep.json": (b'{"nodes": ' + b"[" * 5000 + b"]" * 5000 + b"}", "nested deeper", None),
    "nul.dl": (b"DL N=2\nDATA:\n0 1\n\x00 0\n", "NUL bytes", 4),
    "latin1.edgelist": ("Kommunen Æblehaven\n".encode("latin-1"), "not UTF-8", 1),
}


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile-graphs")
    for name, (content, _words, _row) in HOSTILE.items():
        (folder / name).write_bytes(content)
    return {name: folder / name for name in HOSTILE}


@pytest.mark.parametrize("name", HOSTILE)
def test_core_refuses_and_writes_nothing(
    graphsvc: Graphsvc, hostile_files: dict[str, Path], name: str
) -> None:
    _content, words, row = HOSTILE[name]
    with pytest.raises(ValidationError) as caught:
        graphsvc.import_paths([hostile_files[name]])
    assert caught.value.message.startswith(f"{name}: ") and words in caught.value.message
    (problem,) = caught.value.details
    assert (problem.file, problem.row) == (name, row)
    assert graphsvc.counts() == EMPTY


@pytest.mark.parametrize("name", ["bomb.gexf", "cut.gexf", "list.json", "nul.dl"])
def test_cli_exits_with_the_message(
    graphsvc: Graphsvc, hostile_files: dict[str, Path], name: str
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "graphsvc.cli", "import", str(hostile_files[name])],
        capture_output=True, text=True, timeout=120, env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert name in result.stderr and HOSTILE[name][1] in result.stderr, result.stderr
    assert graphsvc.counts() == EMPTY


@pytest.fixture(scope="module")
def api(settings: Settings) -> Iterator[httpx.Client]:
    server = ServerThread(create_app(settings)).start()
    try:
        with httpx.Client(base_url=server.url, timeout=120) as client:
            yield client
    finally:
        server.stop()


@pytest.mark.parametrize("name", ["bomb.gexf", "xxe.graphml", "deep.json", "latin1.edgelist"])
def test_api_answers_422(
    graphsvc: Graphsvc, api: httpx.Client, hostile_files: dict[str, Path], name: str
) -> None:
    editor = {"Authorization": f"Bearer {create_key(graphsvc.store, 'editor')[1]}"}
    path = hostile_files[name]
    response = api.post(
        "/imports",
        files=[("files", (name, path.read_bytes(), "application/octet-stream"))],
        headers=editor,
    )
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["code"] == "validation_error" and body["message"].startswith(f"{name}: ")
    [detail] = body["details"]
    assert detail["file"] == name and HOSTILE[name][1] in detail["message"]
    assert graphsvc.counts() == EMPTY


_MEASURE = """
import json, sys, time
from pathlib import Path
from graphsvc.errors import ValidationError
from graphsvc.io.formats import DEFAULT_LIMITS, format_for

def peak_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024

before = peak_mb()
path = Path(sys.argv[1])
start = time.perf_counter()
try:
    format_for(path).read(path, DEFAULT_LIMITS)
    outcome = "read"
except ValidationError as error:
    outcome = error.message
print(json.dumps({"seconds": time.perf_counter() - start, "outcome": outcome,
                  "growth_mb": peak_mb() - before}))
"""


def test_an_entity_bomb_is_refused_at_once(hostile_files: dict[str, Path]) -> None:
    """The billion laughs (a thousand million "lol"s, ~3 GB expanded) is refused before any
    entity is expanded: in moments, with no memory growth to speak of."""
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(hostile_files["bomb.gexf"])],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    measured = json.loads(result.stdout)
    assert measured["outcome"].startswith("bomb.gexf: the XML declares entities"), measured
    # expanding it would take minutes and gigabytes; 5 s leaves room for a loaded machine
    assert measured["seconds"] < 5.0 and measured["growth_mb"] < 16, measured
