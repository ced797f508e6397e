"""Parameters reach FalkorDB intact: quotes, backslashes, newlines, Danish letters, injections."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphsvc.store.catalogue import Catalogue
from graphsvc.store.falkor import FalkorStore
from graphsvc.store.server import ServerInfo

TRICKY = [
    'quote " inside',
    "back\\slash at the end\\",
    "\\u0041 written out",
    "new\nline, tab\tand CR\r",
    "æøå ÆØÅ and 🎉",
    "x'}) DETACH DELETE n //",
    '","b":1',
    "",
]


@pytest.fixture
def echo_store(tmp_path: Path, falkordb_server: ServerInfo):
    (tmp_path / "echo_value.cypher").write_text(
        "// Return the parameter (write mode: a read needs an existing graph).\n"
        "// @param value anything\n// @mode write\nRETURN $value AS value\n"
    )
    store = FalkorStore(
        Catalogue(tmp_path),
        host=falkordb_server.host,
        port=falkordb_server.port,
        password=falkordb_server.password,
        graph="echo",
    )
    yield store
    store.close()


@pytest.mark.parametrize("value", TRICKY)
def test_strings_round_trip(echo_store: FalkorStore, value: str) -> None:
    assert echo_store.run("echo_value", value=value) == [{"value": value}]


def test_nested_values_round_trip(echo_store: FalkorStore) -> None:
    value = [
        {"id": "a", "props": {"name": TRICKY[0], "weight": 1.5, "ok": True, "tags": TRICKY}},
        {"id": "b", "props": {"big": 10**15, "small": 1e-7, "none": None, "empty": []}},
    ]
    assert echo_store.run("echo_value", value=value) == [{"value": value}]


def test_map_keys_that_are_not_names(echo_store: FalkorStore) -> None:
    value = {"weird key": 1, "x": {"a-b": "c"}}
    assert echo_store.run("echo_value", value=value) == [{"value": value}]
