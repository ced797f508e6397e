"""``graphsvc.cache.json_parts`` writes what ``json.dumps`` writes, in parts (the API's
analysis bodies and the cache's files: a national result is 100 MB of JSON)."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from graphsvc import cache
from graphsvc.cache import json_parts


def as_bytes(value: Any, ensure_ascii: bool) -> bytes:
    return b"".join(json_parts(value, ensure_ascii=ensure_ascii))


@pytest.mark.parametrize("ensure_ascii", [True, False])
def test_the_same_bytes_as_json_dumps(monkeypatch: pytest.MonkeyPatch, ensure_ascii: bool) -> None:
    monkeypatch.setattr(cache, "JSON_BLOCK", 3)  # every list of four or more goes in blocks
    rows = [{"id": f"aktør-{i}", "ei": i / 7, "roles": ["mægler"] * (i % 3)} for i in range(10)]
    body = {
        "analysis": "bridging",
        "tables": {"actors": rows, "empty": [], "four": [1, 2, 3, 4], "nested": [rows, rows]},
        "meta": {"stale": False, "n": None, 3: "a number as key"},  # not all keys text
        "list of lists": [[1], [2], [3], [4, [5, 6, 7, 8]]],
    }
    expected = json.dumps(body, allow_nan=False, ensure_ascii=ensure_ascii).encode()
    assert as_bytes(body, ensure_ascii) == expected
    assert json.loads(as_bytes(body, ensure_ascii))["tables"]["actors"][9]["id"] == "aktør-9"


def test_what_json_refuses_it_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "JSON_BLOCK", 2)
    with pytest.raises(ValueError, match="not JSON compliant"):
        as_bytes({"rows": [1.0, 2.0, math.nan, 4.0]}, True)
    with pytest.raises(TypeError, match="not JSON serializable"):
        as_bytes({"rows": [1, 2, {3}, 4]}, True)
