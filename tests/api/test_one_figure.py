"""One anchoring figure per project on every surface (#12): the API, the CLI, the map's
project panel and the workshop show the same score; the workshop's score with the
proposed ties is a second figure, labelled apart."""

from __future__ import annotations

import httpx

from graphsvc.core import Graphsvc
from graphsvc.maps.payload import read_payload
from tests.api.apihelpers import Keys
from tests.test_cli import graphsvc_cli

PROJECT = "legepatruljen"


def _panel_fact(html: str, project: str, label: str) -> str:
    """The value of a fact (``label``) in a project's side panel, from the map's data."""
    info = read_payload(html)["info"][project]
    return next(value for name, value in info["facts"] if name == label)


def test_the_same_score_on_every_surface(client: httpx.Client, keys: Keys, core: Graphsvc) -> None:
    core.reset()
    core.seed()
    core.bump_version()
    viewer = keys.headers("viewer")

    rows = client.get("/analyses/anchoring", headers=viewer).json()["tables"]["projects"]
    api = next(r for r in rows if r["project"] == PROJECT)
    # 0.2.0's seed by hand: 7 recorded participants, 3 of them local (41.4); the map used
    # to count the 8 proposed ones too (11/15) and the workshop to score them (46)
    n, n_local = api["n_participants"], api["n_local"]
    score = round(api["score"])

    cli = graphsvc_cli("analyse", "anchoring", "--format", "csv")
    line = next(r for r in cli.stdout.splitlines() if r.startswith(PROJECT + ","))
    assert f",{api['score']}," in line

    html = client.get("/maps/project", params={"id": PROJECT, "lang": "da"}, headers=viewer).text
    fact = _panel_fact(html, PROJECT, "Lokal forankring")
    band = {"low": "lav", "medium": "middel", "high": "høj"}[api["band"]]
    assert fact == f"{score}/100 ({band}) · {n_local} af {n} deltagere er lokale", fact

    made = client.post(
        "/workshops",
        json={"name": "Legepatruljen", "start_from": "project", "start_id": PROJECT},
        headers=keys.headers("editor"),
    )
    assert made.status_code == 201, made.text
    wid = made.json()["id"]
    workshop = client.get(f"/workshops/{wid}/analysis", headers=viewer).json()
    (project,) = [p for p in workshop["projects"] if p["id"] == PROJECT]
    assert project["score"] == api["score"]
    # the plans (proposed participations) give another figure, which the page labels
    assert project["score_with_proposed"] != project["score"]
    plain = client.get(
        f"/workshops/{wid}/analysis", params={"proposed": "false"}, headers=viewer
    ).json()
    assert plain["projects"][0]["score"] == api["score"]
    assert plain["projects"][0]["score_with_proposed"] is None
