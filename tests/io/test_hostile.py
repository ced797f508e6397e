"""Broken and hostile graph files: one ValidationError naming the file (and the line where the
parser knows it), never a traceback of another kind, and quickly."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from graphsvc.errors import ValidationError
from graphsvc.io.formats import DEFAULT_LIMITS, Limits, format_for
from tests.io.graphhelpers import billion_laughs, read_file

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE graphml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<graphml><graph><node id="&secret;"/></graph></graphml>
"""
GEXF = '<?xml version="1.0"?>\n<gexf xmlns="http://gexf.net/1.3" version="1.3">\n<graph>\n<nodes>\n'

CASES = {
    "entity bomb": ("bomb.gexf", billion_laughs("gexf").encode(), "declares entities", None),
    "external entity": ("ext.graphml", EXTERNAL.encode(), "declares entities", None),
    "truncated GEXF": (
        "cut.gexf",
        (GEXF + '<node id="a"').encode(),
        "not well-formed XML at line 5",
        5,
    ),
    "truncated GraphML": (
        "cut.graphml",
        b"<graphml><graph><node id='a'>",
        "not well-formed XML",
        1,
    ),
    "NUL in XML": ("nul.gexf", GEXF.encode() + b"\x00</nodes>", "not well-formed XML", 5),
    "not GEXF": ("html.gexf", b"<html><body/></html>", "not a GEXF file", None),
    "no graph": ("empty.gexf", b"<gexf version='1.3'/>", "no <graph> element", None),
    "Latin-1 XML without a declaration": (
        "latin.graphml",
        "<graphml><graph><node id='Ærø'/></graph></graphml>".encode("latin-1"),
        "not well-formed XML",
        1,
    ),
    "JSON array": (
        "list.json",
        b"[1, 2, 3]",
        "expected a JSON object with nodes and edges, found an array",
        None,
    ),
    "truncated JSON": ("cut.json", b'{"nodes": [{"id": 1},\n', "not valid JSON at line 2", 2),
    "deep JSON": ("deep.json", b"[" * 100 + b"]" * 100, "nested deeper than 64 levels", None),
    "very deep JSON": ("deeper.json", b"[" * 100_000 + b"]" * 100_000, "nested deeper than", None),
    "JSON not a graph": ("other.json", b'{"name": "kort"}', "not node-link JSON", None),
    "JSON node without id": (
        "noid.json",
        b'{"nodes": [{"name": "a"}], "edges": []}',
        "node 1 is not an object with an 'id'",
        None,
    ),
    "NUL in JSON": ("nul.json", b'{"nodes": []}\n\x00', "NUL bytes", 2),
    "cp1252 edge list": ("partnere.txt", "Kommunen\tÆblehaven\n".encode("cp1252"), "not UTF-8", 1),
    "NUL in DL": ("nul.dl", b"DL N=2\nDATA:\n0 \x00\n", "NUL bytes", 3),
}


@pytest.mark.parametrize("case", CASES)
def test_one_clear_error_naming_the_file(tmp_path: Path, case: str) -> None:
    name, content, message, row = CASES[case]
    path = tmp_path / name
    path.write_bytes(content)
    started = time.monotonic()
    with pytest.raises(ValidationError) as caught:
        read_file(path)
    assert time.monotonic() - started < 5
    error = caught.value
    assert error.message.startswith(f"{name}: ") and message in error.message, error.message
    (problem,) = error.details
    assert problem.file == name and problem.row == row


def test_a_file_over_the_size_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"nodes": [{"id": i} for i in range(1000)], "edges": []}))
    with pytest.raises(ValidationError, match=r"big.json: the file is .* bytes; the limit is 100"):
        format_for(path).read(path, Limits(max_file_bytes=100))


def test_more_nodes_than_the_row_limit(tmp_path: Path) -> None:
    path = tmp_path / "many.edgelist"
    path.write_text("".join(f"a{i} b{i}\n" for i in range(20)))
    with pytest.raises(ValidationError, match=r"many.edgelist: more than 10 nodes"):
        format_for(path).read(path, Limits(max_rows=10))
    assert len(format_for(path).read(path, DEFAULT_LIMITS)[1].rows) == 20


def test_more_attributes_than_the_column_limit(tmp_path: Path) -> None:
    path = tmp_path / "wide.json"
    node = {"id": "a", **{f"felt {i}": i for i in range(20)}}
    path.write_text(json.dumps({"nodes": [node], "edges": []}))
    with pytest.raises(
        ValidationError, match=r"wide\.json: the node list has 22 columns; the limit is 10"
    ):
        format_for(path).read(path, Limits(max_columns=10))
