"""Analyses: the CLI's parameters, JSON records with NaN as null, cached per graph version."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest

from graphsvc.core import Graphsvc
from tests.api.apihelpers import Keys, wait_for_fresh
from tests.test_cli import graphsvc_cli


def test_bridging_and_anchoring(client: httpx.Client, keys: Keys) -> None:
    viewer = keys.headers("viewer")
    bridging = client.get("/analyses/bridging", headers=viewer)
    assert bridging.status_code == 200
    body = bridging.json()
    assert body["analysis"] == "bridging" and body["cached"] is False
    ids = {row["id"] for row in body["tables"]["actors"]}
    assert "middelfart-kommune" in ids
    # every measure column is named and explained in both languages (the maps' table)
    words = body["meta"]["measures"]
    columns = set(body["tables"]["actors"][0]) - {"id", "name", "kind", "sector", "scale",
                                                  "locality", "role_en", "role_da"}  # fmt: skip
    assert columns <= set(words)
    assert words["cut_off"]["da"]["name"] == "Afskårne aktører"
    assert words["betweenness_weighted"]["en"]["explanation"]
    assert "NaN" not in bridging.text and "Infinity" not in bridging.text
    json.loads(bridging.text)  # strict JSON
    again = client.get("/analyses/bridging", headers=viewer).json()
    assert again["cached"] is True and again["tables"] == body["tables"]
    by_kind = client.get("/analyses/bridging", params={"attribute": "kind"}, headers=viewer)
    assert by_kind.json()["cached"] is False
    anchoring = client.get("/analyses/anchoring", headers=viewer).json()
    projects = {row["project"]: row for row in anchoring["tables"]["projects"]}
    assert (
        set(projects) == {"legepatruljen", "frivillige-mentorer"}
        or "frivillige-mentorer" in projects
    )
    filtered = client.get(
        "/analyses/anchoring",
        params={"municipality": ["DK-410"], "sector": ["public", "civil_society"],
                "as_of": "2012-01-01", "proposed": True},
        headers=viewer,
    )  # fmt: skip
    assert filtered.status_code == 200
    bad = client.get("/analyses/anchoring", params={"sector": "pirates"}, headers=viewer)
    assert bad.status_code == 422 and bad.json()["details"][0]["column"] == "sector.0"


def test_a_write_invalidates_the_cache(client: httpx.Client, keys: Keys) -> None:
    viewer, editor = keys.headers("viewer"), keys.headers("editor")
    first = client.get("/analyses/bridging", headers=viewer).json()
    assert client.get("/analyses/bridging", headers=viewer).json()["cached"] is True
    degree = {r["id"]: r["degree"] for r in first["tables"]["actors"]}
    made = client.post(
        "/collaborations",
        json={"id": "c-trygfonden-kommune", "source_id": "trygfonden",
              "target_id": "middelfart-kommune", "kind": "funding"},
        headers=editor,
    )  # fmt: skip
    assert made.status_code == 201
    # the previous result at once, marked stale, while one recompute runs (test_api_stale)
    served = client.get("/analyses/bridging", headers=viewer).json()
    if served["meta"]["stale"]:
        assert served["graph_version"] == first["graph_version"]
        assert served["tables"] == first["tables"]
    after = wait_for_fresh(client, viewer)
    assert after["graph_version"] > first["graph_version"]
    new_degree = {r["id"]: r["degree"] for r in after["tables"]["actors"]}
    assert new_degree["trygfonden"] == degree["trygfonden"] + 1


def test_writes_outside_the_api_are_noticed(
    client: httpx.Client, keys: Keys, core: Graphsvc, mini_copy: Path
) -> None:
    """Another process (``graphsvc import``, ``db reset``, another API worker) writes
    through the core object, which bumps the version the cache is keyed on."""
    viewer = keys.headers("viewer")
    client.get("/analyses/anchoring", headers=viewer)
    core.delete_item("participations", "p-mentorer-kommune")
    assert client.get("/analyses/anchoring", headers=viewer).json()["cached"] is False
    assert client.get("/analyses/anchoring", headers=viewer).json()["cached"] is True
    core.import_paths([mini_copy])  # puts the participation back
    assert client.get("/analyses/anchoring", headers=viewer).json()["cached"] is False
    core.reset()
    assert client.get("/analyses/anchoring", headers=viewer).json()["tables"]["projects"] == []


def test_what_if(client: httpx.Client, keys: Keys) -> None:
    viewer = keys.headers("viewer")
    result = client.post("/analyses/whatif", json={"remove_actors": ["trygfonden"]},
                         headers=viewer)  # fmt: skip
    assert result.status_code == 200, result.text
    body = result.json()
    rows = {r.get("project", r.get("id")): r for r in body["tables"]["projects"]}
    assert rows["legepatruljen"]["lost_funder"] is True
    assert body["meta"]["summary"]["removed_actors"] == ["trygfonden"] and body["meta"]["text"]
    groups = client.post(
        "/analyses/whatif",
        json={"remove_groups": [{"kind": "foundation", "scale": "national"}],
              "end_ties_before": "2015-01-01"},
        params={"lang": "da"},
        headers=viewer,
    )  # fmt: skip
    assert groups.status_code == 200
    bad = client.post("/analyses/whatif", json={"remove": ["x"]}, headers=viewer)
    assert bad.status_code == 422


def test_introductions_and_suggestions(client: httpx.Client, keys: Keys) -> None:
    viewer = keys.headers("viewer")
    paths = client.get(
        "/analyses/introductions",
        params={"source": "mette-jensen", "target": "middelfart-kommune", "k": 2},
        headers=keys.headers("editor"),
    )
    assert paths.status_code == 200
    found = paths.json()["tables"]["paths"]
    # a viewer sees the person's masked id (her id is her name), and asks with it; her
    # real id is no way in for a viewer (#11)
    (person,) = client.get("/actors", params={"kind": "person"}, headers=viewer).json()["items"]
    masked = person["id"]
    assert re.fullmatch(r"person-[0-9a-f]{8}", masked)
    again = client.get(
        "/analyses/introductions",
        params={"source": masked, "target": "middelfart-kommune", "k": 2},
        headers=viewer,
    )
    shown = again.json()["tables"]["paths"]
    assert [p["actors"][0] for p in shown] == [masked] * len(found) and "mette" not in again.text
    assert [p["actors"][1:] for p in shown] == [p["actors"][1:] for p in found]
    real = client.get(
        "/analyses/introductions",
        params={"source": "mette-jensen", "target": "middelfart-kommune", "k": 2},
        headers=viewer,
    )
    assert real.status_code == 404
    missing = client.get(
        "/analyses/introductions", params={"source": "nobody", "target": "trygfonden"},
        headers=viewer,
    )  # fmt: skip
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    same = client.get(
        "/analyses/introductions", params={"source": "trygfonden", "target": "trygfonden"},
        headers=viewer,
    )  # fmt: skip
    assert same.status_code == 422
    suggest = client.get("/analyses/suggestions", params={"project": "frivillige-mentorer"},
                         headers=viewer)  # fmt: skip
    assert suggest.status_code == 200 and "suggestions" in suggest.json()["tables"]
    nope = client.get("/analyses/suggestions", params={"project": "nope"}, headers=viewer)
    assert nope.status_code == 404


def test_the_cli_refuses_bad_filters_with_the_apis_words(client: httpx.Client, keys: Keys) -> None:
    """One declaration of the filters (graphsvc.filters): ``--sector nonsense`` used to
    match nothing in the CLI while the API refused it."""
    viewer = keys.headers("viewer")
    api = client.get("/analyses/bridging", params={"sector": "nonsense"}, headers=viewer)
    assert api.status_code == 422
    [detail] = api.json()["details"]
    assert detail["message"].startswith("unknown sector 'nonsense'; choose one of: public, ")
    cli = graphsvc_cli("analyse", "bridging", "--sector", "nonsense", check=False)
    assert cli.returncode == 2 and not cli.stdout
    assert " ".join(cli.stderr.split()) == f"error: {detail['message']}"

    bad = {"as_of": "2013-13-01", "municipality": "DK-999", "region": "Fyn", "theme": "x",
           "kind": "pirate", "tie_kind": "gossip"}  # fmt: skip
    api = client.get("/analyses/anchoring", params=bad, headers=viewer)
    assert api.status_code == 422
    words = [d["message"] for d in api.json()["details"]]
    assert len(words) == len(bad) and "not a date (YYYY-MM-DD): '2013-13-01'" in words
    options = [arg for name, value in bad.items() for arg in (f"--{name.replace('_', '-')}", value)]
    cli = graphsvc_cli("analyse", "anchoring", *options, check=False)
    assert cli.returncode == 2
    assert " ".join(cli.stderr.split()) == " ".join(
        [f"error: {len(bad)} bad filters", *(f"- {message}" for message in words)]
    )


def test_a_large_body_is_sent_in_slices_as_it_would_be_whole(
    client: httpx.Client, keys: Keys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A national result (100 MB of JSON) is streamed from the cached body a slice at a
    time: the same bytes, with their length, as when it is sent in one piece."""
    from graphsvc.api.routers import analyses  # noqa: PLC0415

    viewer = keys.headers("viewer")
    whole = client.get("/analyses/bridging", headers=viewer)
    assert whole.json()["cached"] is False and len(whole.content) > 10_000
    monkeypatch.setattr(analyses, "STREAM_ABOVE", 1000)
    monkeypatch.setattr(analyses, "SLICE", 999)
    streamed = client.get("/analyses/bridging", headers=viewer)
    assert streamed.status_code == 200
    assert "chunked" not in streamed.headers.get("transfer-encoding", "")
    assert streamed.headers["content-length"] == str(len(streamed.content))
    assert streamed.content == whole.content.replace(b'{"cached":false,', b'{"cached":true,', 1)
    assert streamed.headers["x-analysis-stale"] == "false"
