"""The survey analyses on a real survey: the service's tables, its tie states, the map.

A survey runs through the public ``Surveys`` API in the session's FalkorDB; then
``graphsvc.analysis.partner`` reads ``Surveys.ratings`` / ``Surveys.respondents`` and must
agree with the status page's tie states, and the applied ties must be drawn on the map as
``graphsvc/maps/survey_ties.py`` says (dashes, trust colours, words).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from graphsvc.analysis.partner import survey_analysis, tie_states
from graphsvc.core import Graphsvc
from graphsvc.maps.payload import read_payload
from graphsvc.maps.survey_ties import STATE_DASHES, TRUST_COLOURS
from graphsvc.surveys import Surveys

ACTORS = ("anker-kommune", "bakke-forening", "cedergaarden", "dalens-skole")


@pytest.fixture
def surveys(graphsvc: Graphsvc) -> Surveys:
    for actor in ACTORS:
        graphsvc.create_item(
            "actors",
            {
                "id": actor,
                "name": actor.replace("-", " ").title(),
                "kind": "association",
                "sector": "civil_society",
                "scale": "local",
                "locality": "DK-410",
            },
        )
    graphsvc.create_item("projects", {"id": "haven", "name": "Haven", "theme": "community"})
    for actor in ACTORS:
        graphsvc.create_item(
            "participations",
            {"id": f"p-{actor}", "actor_id": actor, "project_id": "haven", "role": "partner"},
        )
    return Surveys(graphsvc)


def rating(frequency: str, **scores: Any) -> dict[str, Any]:
    return {"frequency": frequency, "kinds": ["partnership"], **scores}


def answer(surveys: Surveys, token: str, ratings: dict[str, dict[str, Any]]) -> None:
    surveys.save_page(token, "partners", {"partners": [{"actor_id": a} for a in ratings]})
    surveys.save_page(token, "ratings", {"ratings": ratings})
    surveys.submit(token)


def test_analyses_agree_with_the_service_and_the_map_draws_the_applied_ties(surveys, graphsvc):
    survey = surveys.create(
        {
            "title": {"da": "Haven 2026", "en": "Haven 2026"},
            "scope_kind": "project",
            "scope_id": "haven",
            "asker": "Anker Kommune",
        },
        by="test",
    )
    sid = survey["id"]
    surveys.open(sid)
    tokens = {i["actor_id"]: i["token"] for i in surveys.invite(sid)}
    assert set(tokens) == set(ACTORS)
    # anker ↔ bakke named both ways (confirmed); anker → cedergaarden, who answered
    # "never" about anker (contradicted); bakke → dalens-skole, who never submits
    # (one-sided).
    answer(surveys, tokens["anker-kommune"], {
        "bakke-forening": rating("weekly", reliable=4, mission=4, open=3,
                                 power=3, involvement=3, resources=2),
        "cedergaarden": rating("monthly", reliable=2, mission=2, open=2),
    })  # fmt: skip
    answer(surveys, tokens["bakke-forening"], {
        "anker-kommune": rating("daily", reliable=4, mission=3, open=4,
                                power=4, involvement=4, resources=3),
        "dalens-skole": rating("yearly", reliable=1, mission=1, open=2),
    })  # fmt: skip
    answer(surveys, tokens["cedergaarden"], {"anker-kommune": rating("never")})

    ratings, respondents = surveys.ratings(sid), surveys.respondents(sid)
    ours = tie_states(ratings, respondents).set_index(["a", "b"])["state"].to_dict()
    theirs = {(t["a"], t["b"]): t["state"] for t in surveys.status(sid)["ties"]}
    assert (
        ours
        == theirs
        == {
            ("anker-kommune", "bakke-forening"): "confirmed",
            ("anker-kommune", "cedergaarden"): "contradicted",
            ("bakke-forening", "dalens-skole"): "one_sided",
        }
    )

    result = survey_analysis(ratings, respondents)
    json.dumps(result, allow_nan=False)
    metrics = result["metrics"]
    # 4 asked, 3 answered; N = 4, M = 1 (dalens-skole). Arcs: anker→bakke, bakke→anker,
    # anker→cedergaarden, bakke→dalens + dalens→bakke mirrored = 5 over 4·3 − 0 = 12.
    assert (metrics["asked"], metrics["answered"], metrics["response_rate"]) == (4, 3, 0.75)
    assert metrics["density"]["value"] == pytest.approx(5 / 12)
    # among the three respondents: 1 mutual pair, 1 asymmetric arc → 2/3
    assert metrics["reciprocity"]["value"] == pytest.approx(2 / 3)
    actors = {a["id"]: a for a in result["actors"]}
    # anker rated by bakke only (cedergaarden said "never"): trust (4 + 3 + 4)/3
    assert actors["anker-kommune"]["trust"] == pytest.approx(11 / 3)
    assert actors["anker-kommune"]["raters"] == 1

    surveys.apply(sid)
    page = graphsvc.map_html("network", lang="da")
    edges = [e for e in read_payload(page)["edges"] if str(e["id"]).startswith("survey-")]
    by_state = {}
    for edge in edges:
        line = next(t for t in edge["tip"] if t in ("bekræftet af begge", "nævnt af én", "modsagt"))
        by_state[line] = edge
    assert set(by_state) == {"bekræftet af begge", "nævnt af én", "modsagt"}
    assert "dashes" not in by_state["bekræftet af begge"]
    assert by_state["nævnt af én"]["dashes"] == STATE_DASHES["one_sided"]
    assert by_state["modsagt"]["dashes"] == STATE_DASHES["contradicted"]
    # confirmed: trust of the pair (4+4+3 + 4+3+4)/6 = 3.67 → the darkest step;
    # one-sided bakke → dalens: (1+1+2)/3 = 1.33 → the lightest.
    assert by_state["bekræftet af begge"]["color"]["color"] == TRUST_COLOURS[3]
    assert by_state["nævnt af én"]["color"]["color"] == TRUST_COLOURS[0]
    assert "tillid 3,7 af 4" in by_state["bekræftet af begge"]["tip"]
    assert "Spørgeskema: modsagt" in page
