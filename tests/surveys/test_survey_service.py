"""Surveys through the Python API on a real FalkorDB: roster, tokens, pages, ties, apply.

The 4-actor example (:func:`world`): a project with the participants A (a municipality),
B (an association) and C (a foundation), and a hidden person P; D (a school) has a curated
funding collaboration with C. A, B and C are asked; D may be named. The ties and their
states in :func:`test_ties_apply_and_conflicts` are worked out by hand in its docstring.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from graphsvc import audit, gdpr
from graphsvc.api.app import create_app
from graphsvc.core import Graphsvc
from graphsvc.errors import (
    ConflictError,
    GraphsvcError,
    NotFoundError,
    SurveyClosedError,
    ValidationError,
)
from graphsvc.settings import get_settings
from graphsvc.store import EmbeddedServer
from graphsvc.surveys import Surveys
from graphsvc.surveys.apply import collaboration_id
from tests.api.apihelpers import ServerThread

ACTORS = [
    ("a-kommune", "A Kommune", "municipality", "public", "municipal", "DK-410"),
    ("b-forening", "B Forening", "association", "civil_society", "local", "DK-410"),
    ("c-fond", "C Fond", "foundation", "philanthropic", "national", "DK-101"),
    ("d-skole", "D Skole", "school", "public", "local", "DK-410"),
]


@pytest.fixture
def world(graphsvc: Graphsvc) -> Graphsvc:
    for actor_id, name, kind, sector, scale, locality in ACTORS:
        graphsvc.create_item(
            "actors",
            {
                "id": actor_id,
                "name": name,
                "kind": kind,
                "sector": sector,
                "scale": scale,
                "locality": locality,
            },
        )
    graphsvc.create_item(
        "actors",
        {
            "id": "p-person",
            "name": "Pia Person",
            "kind": "person",
            "sector": "citizen",
            "scale": "local",
            "locality": "DK-410",
            "is_person": True,
            "legal_basis": "legitimate_interests",
        },
    )
    graphsvc.create_item("projects", {"id": "proj", "name": "Projekt", "theme": "community"})
    for actor_id in ("a-kommune", "b-forening", "c-fond", "p-person"):
        graphsvc.create_item(
            "participations",
            {"id": f"p-{actor_id}", "actor_id": actor_id, "project_id": "proj", "role": "partner"},
        )
    graphsvc.create_item(
        "collaborations",
        {
            "id": "c-d-curated",
            "source_id": "c-fond",
            "target_id": "d-skole",
            "kind": "funding",
            "sources": ["test:curated"],
        },
    )
    return graphsvc


def _survey(surveys: Surveys, **extra: Any) -> dict[str, Any]:
    data = {
        "title": {"da": "Partnerskaber 2026", "en": "Partnerships 2026"},
        "scope_kind": "project",
        "scope_id": "proj",
        "asker": "A Kommune",
        **extra,
    }
    return surveys.create(data, by="test")


def _tokens(surveys: Surveys, survey_id: str) -> dict[str, str]:
    return {i["actor_id"]: i["token"] for i in surveys.invite(survey_id)}


def _rating(frequency: str, kinds: list[str], **scores: Any) -> dict[str, Any]:
    return {"frequency": frequency, "kinds": kinds, **scores}


def test_create_fills_the_roster_from_the_project_without_hidden_persons(world: Graphsvc) -> None:
    surveys = Surveys(world)
    survey = _survey(surveys)
    assert survey["id"] == "partnerskaber-2026" and survey["status"] == "draft"
    roster = {r["actor_id"]: r for r in surveys.roster(survey["id"])}
    # participants asked; D (C's collaborator) nameable only; the hidden person nowhere
    assert set(roster) == {"a-kommune", "b-forening", "c-fond", "d-skole"}
    assert [a for a, r in roster.items() if r["asked"]] == ["a-kommune", "b-forening", "c-fond"]
    assert all(r["nameable"] for r in roster.values())
    assert _survey(surveys)["id"] == "partnerskaber-2026-2"
    with pytest.raises(ValidationError) as refused:
        surveys.set_roster(
            survey["id"],
            [{"actor_id": "a-kommune"}, {"actor_id": "p-person"}, {"actor_id": "nobody"}],
        )
    assert {p.column for p in refused.value.details} == {
        "entries[1].actor_id",
        "entries[2].actor_id",
    }
    assert len(surveys.roster(survey["id"])) == 4  # nothing written


def test_roster_from_a_table_names_file_row_and_column(world: Graphsvc) -> None:
    surveys = Surveys(world)
    survey = surveys.create({"title": {"da": "Liste"}, "scope_kind": "roster"}, by="test")
    assert surveys.roster(survey["id"]) == []
    bad = pd.DataFrame(
        {"navn": ["A Kommune", "Ukendt Forening", "Pia Person"], "spørges": ["ja", "måske", "nej"]}
    )
    with pytest.raises(ValidationError) as refused:
        surveys.roster_from_table(survey["id"], bad, file="liste.csv")
    where = sorted((p.file, p.row, p.column) for p in refused.value.details)
    assert where == [
        ("liste.csv", 3, "navn"),
        ("liste.csv", 3, "spørges"),
        ("liste.csv", 4, "navn"),
    ]
    assert surveys.roster(survey["id"]) == []
    good = pd.DataFrame({"aktør-id": ["a-kommune", "d-skole"], "spørges": ["ja", "nej"]})
    roster = surveys.roster_from_table(survey["id"], good, file="liste.csv")
    assert [(r["actor_id"], r["asked"]) for r in roster] == [
        ("a-kommune", True),
        ("d-skole", False),
    ]


def test_tokens_are_hashed_and_checked(world: Graphsvc) -> None:
    surveys = Surveys(world)
    survey = _survey(surveys)
    tokens = _tokens(surveys, survey["id"])
    assert set(tokens) == {"a-kommune", "b-forening", "c-fond"}
    assert all(len(t) == 32 for t in tokens.values())
    assert surveys.invite(survey["id"]) == []  # live invitations are not made again
    stored = json.dumps(world.store.run("surveys/list_invitations", id=survey["id"]), default=str)
    assert not any(t in stored for t in tokens.values())
    # a draft takes no answers
    with pytest.raises(SurveyClosedError, match="not open"):
        surveys.form(tokens["a-kommune"])
    surveys.open(survey["id"])
    form = surveys.form(tokens["a-kommune"])
    assert [r["id"] for r in form["roster"]] == ["b-forening", "c-fond", "d-skole"]
    assert form["survey"]["title"] == {"da": "Partnerskaber 2026", "en": "Partnerships 2026"}
    for wrong in ("x" * 32, tokens["a-kommune"][:-1] + "?", ""):
        with pytest.raises(NotFoundError, match="unknown survey link"):
            surveys.form(wrong)
    # revoked
    inv = next(i for i in surveys.invitations(survey["id"]) if i["actor_id"] == "b-forening")
    surveys.revoke(survey["id"], inv["invitation_id"])
    with pytest.raises(SurveyClosedError, match="withdrawn"):
        surveys.form(tokens["b-forening"])
    new = surveys.reissue(survey["id"], "b-forening")
    assert surveys.form(new["token"])["respondent"]["id"] == "b-forening"
    # expired
    other = _survey(surveys)
    surveys.open(other["id"])
    past = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    expired = surveys.invite(other["id"], expires_at=past)[0]["token"]
    with pytest.raises(SurveyClosedError, match="expired"):
        surveys.form(expired)
    # closed survey
    surveys.close(survey["id"])
    with pytest.raises(SurveyClosedError, match="closed"):
        surveys.save_page(tokens["a-kommune"], "partners", {"partners": []})
    # a closed survey gives no new links (as invite), and the old ones stay as they were
    before = surveys.invitations(survey["id"])
    with pytest.raises(SurveyClosedError, match="closed"):
        surveys.reissue(survey["id"], "a-kommune")
    assert surveys.invitations(survey["id"]) == before


def test_bad_answers_are_refused_whole_with_field_paths(world: Graphsvc) -> None:
    surveys = Surveys(world)
    survey = _survey(surveys)
    surveys.open(survey["id"])
    token = _tokens(surveys, survey["id"])["a-kommune"]
    surveys.save_page(token, "partners", {"partners": [{"actor_id": "b-forening"}]})
    before = world.store.run("surveys/list_responses", id=survey["id"])

    def refused(page: str, body: Any) -> set[str | None]:
        with pytest.raises(ValidationError) as caught:
            surveys.save_page(token, page, body)
        assert world.store.run("surveys/list_responses", id=survey["id"]) == before
        return {p.column for p in caught.value.details}

    assert refused(
        "partners",
        {
            "partners": [
                {"actor_id": "b-forening"},
                {"actor_id": "nobody"},
                {"actor_id": "a-kommune"},
                {"actor_id": "p-person"},
            ]
        },
    ) == {"partners[1].actor_id", "partners[2].actor_id", "partners[3].actor_id"}
    assert refused("partners", {"partners": [{"actor_id": "c-fond", "other_name": "X"}]}) == {
        "partners[0]"
    }
    assert refused(
        "ratings",
        {"ratings": {"b-forening": _rating("weekly", ["partnership"], reliable=5, open=0)}},
    ) == {"ratings.b-forening.reliable", "ratings.b-forening.open"}
    assert refused("ratings", {"ratings": {"b-forening": _rating("sometimes", [])}}) == {
        "ratings.b-forening.frequency",
        "ratings.b-forening.kinds",
    }
    assert refused("ratings", {"ratings": {"c-fond": _rating("weekly", ["funding"])}}) == {
        "ratings.c-fond"
    }
    assert refused(
        "ratings", {"ratings": {"b-forening": _rating("weekly", ["funding"], since=1800)}}
    ) == {"ratings.b-forening.since"}
    assert refused("outcomes", {"outcomes": {"achieved": ["world_peace"]}}) == {
        "outcomes.achieved[0]"
    }
    with pytest.raises(ValidationError, match="missing"):
        surveys.submit(token)  # B named, not rated
    surveys.save_page(token, "ratings", {"ratings": {"b-forening": _rating("weekly", ["funding"])}})
    assert surveys.submit(token)["submitted"]
    with pytest.raises(ConflictError):
        surveys.submit(token)
    with pytest.raises(ConflictError):
        surveys.save_page(token, "outcomes", {"outcomes": {"achieved": []}})


def test_saving_partners_drops_ratings_of_partners_no_longer_named(world: Graphsvc) -> None:
    surveys = Surveys(world)
    survey = _survey(surveys)
    surveys.open(survey["id"])
    token = _tokens(surveys, survey["id"])["a-kommune"]
    surveys.save_page(
        token,
        "partners",
        {"partners": [{"actor_id": "b-forening"}, {"other_name": "Cykelklubben  Øst"}]},
    )
    surveys.save_page(
        token,
        "ratings",
        {
            "ratings": {
                "b-forening": _rating("weekly", ["partnership"]),
                "other:cykelklubben øst": _rating("yearly", ["volunteering"]),
            }
        },
        lang="en",
    )
    surveys.save_page(token, "partners", {"partners": [{"other_name": "cykelklubben øst"}]})
    form = surveys.form(token)
    assert list(form["answers"]["ratings"]) == ["other:cykelklubben øst"]
    assert form["pages_done"] == ["partners", "ratings"] and form["lang"] == "da"


def _answer_all(surveys: Surveys, survey_id: str) -> None:
    tokens = _tokens(surveys, survey_id)
    answers = {
        "a-kommune": {
            "partners": [{"actor_id": "b-forening"}, {"actor_id": "c-fond"}],
            "ratings": {
                "b-forening": _rating(
                    "weekly",
                    ["partnership"],
                    since=2019,
                    reliable=4,
                    mission=3,
                    open=3,
                    power=2,
                    involvement=3,
                    resources=2,
                ),
                "c-fond": _rating("monthly", ["funding"]),
            },
        },
        "b-forening": {
            "partners": [{"actor_id": "a-kommune"}],
            "ratings": {
                "a-kommune": _rating(
                    "daily",
                    ["partnership", "knowledge_exchange"],
                    since=2020,
                    reliable=3,
                    mission=3,
                    open=4,
                    involvement=3,
                    resources=3,
                )
            },
        },
        "c-fond": {
            "partners": [{"actor_id": "d-skole"}, {"other_name": "Cykelklubben Øst"}],
            "ratings": {
                "d-skole": _rating("yearly", ["funding"]),
                "other:cykelklubben øst": _rating("quarterly", ["volunteering"]),
            },
        },
    }
    for actor_id, pages in answers.items():
        for page in ("partners", "ratings"):
            surveys.save_page(tokens[actor_id], page, {page: pages[page]})
        surveys.submit(tokens[actor_id])


def test_ties_apply_and_conflicts(world: Graphsvc) -> None:
    """Worked out by hand:

    * A–B: both named each other → confirmed; weight mean(weekly 4, daily 5) = 4.5; kinds
      partnership ×2, knowledge_exchange ×1 → partnership; since min(2019, 2020) = 2019;
      trust mean(4,3,3, 3,3,4) = 20/6 = 3.33; value mean(2,3,2, 3,3) = 13/5 = 2.60.
    * A–C: A named C (monthly 3); C submitted without naming A → contradicted, weight 3.
    * C–D: C named D (yearly 1); D was not asked → one_sided, weight 1; a curated
      funding tie C–D exists → a conflict, not written until resolved.
    * B–C: nobody named → no tie. "Cykelklubben Øst" waits for review (1 pending).
    """
    surveys = Surveys(world)
    survey = _survey(surveys)
    surveys.open(survey["id"])
    _answer_all(surveys, survey["id"])
    status = surveys.status(survey["id"])
    assert (status["invited"], status["answered"], status["rate"]) == (3, 3, 1.0)
    assert status["by_sector"]["public"] == {"invited": 1, "answered": 1, "rate": 1.0}
    ties = {(t["a"], t["b"]): t for t in status["ties"]}
    assert set(ties) == {
        ("a-kommune", "b-forening"),
        ("a-kommune", "c-fond"),
        ("c-fond", "d-skole"),
    }
    ab = ties[("a-kommune", "b-forening")]
    assert (ab["state"], ab["weight"], ab["trust"], ab["value"]) == ("confirmed", 4.5, 3.33, 2.6)
    assert ties[("a-kommune", "c-fond")]["state"] == "contradicted"
    assert ties[("a-kommune", "c-fond")]["weight"] == 3
    assert ties[("c-fond", "d-skole")]["state"] == "one_sided"
    assert [r["name"] for r in status["review"]] == ["Cykelklubben Øst"]
    assert [c["pair"] for c in status["conflicts"]] == ["c-fond--d-skole"]

    version = world.graph_version()[1]
    dry = surveys.apply(survey["id"], dry_run=True)
    assert (dry["created"], dry["updated"], dry["unchanged"]) == (2, 0, 0)
    assert world.graph_version()[1] == version  # a dry run writes nothing
    first = surveys.apply(survey["id"])
    assert (first["created"], first["updated"], first["unchanged"]) == (2, 0, 0)
    assert first["skipped_pending_review"] == 1
    assert [c["pair"] for c in first["conflicts"]] == ["c-fond--d-skole"]
    tie = world.get_item(
        "collaborations", collaboration_id(survey["id"], "b-forening", "a-kommune")
    )
    assert tie is not None
    assert (tie["kind"], tie["weight"], tie["evidence"], tie["start_date"]) == (
        "partnership",
        4.5,
        "documented",
        "2019-01-01",
    )
    assert tie["sources"] == [f"survey:{survey['id']}"]
    attributes = json.loads(tie["attributes"])  # stored and written as one JSON text
    assert attributes["confirmation"] == "confirmed"
    assert attributes["respondents"] == "a-kommune;b-forening"
    assert (attributes["trust"], attributes["value"]) == ("3.33", "2.60")
    contradicted = world.get_item(
        "collaborations", collaboration_id(survey["id"], "a-kommune", "c-fond")
    )
    assert contradicted is not None and contradicted["evidence"] == "weak"
    assert json.loads(contradicted["attributes"])["confirmation"] == "contradicted"

    version = world.graph_version()[1]
    again = surveys.apply(survey["id"])
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)
    assert world.graph_version()[1] == version  # applying twice writes nothing

    curated = world.get_item("collaborations", "c-d-curated")
    with pytest.raises(ValidationError):
        surveys.apply(survey["id"], resolve={"a-kommune--b-forening": "survey"})
    kept = surveys.apply(survey["id"], resolve={"c-fond--d-skole": "keep"})
    assert (kept["created"], kept["conflicts"]) == (0, [])
    # the decision is remembered: a plain apply and the status no longer show the conflict
    assert surveys.status(survey["id"])["conflicts"] == []
    assert surveys.resolutions(survey["id"]) == {"c-fond--d-skole": "keep"}
    again = surveys.apply(survey["id"])
    assert (again["created"], again["conflicts"]) == (0, [])
    written = surveys.apply(survey["id"], resolve={"c-fond--d-skole": "survey"})
    assert written["created"] == 1
    plain = surveys.apply(survey["id"])
    assert (plain["created"], plain["removed"], plain["conflicts"]) == (0, 0, [])
    assert world.get_item("collaborations", "c-d-curated") == curated  # untouched

    surveys.review(survey["id"], "cykelklubben   ØST", "ignore")
    assert surveys.status(survey["id"])["review"] == []
    assert surveys.apply(survey["id"])["skipped_pending_review"] == 0


def test_ratings_and_respondents_for_the_analyses(world: Graphsvc) -> None:
    surveys = Surveys(world)
    survey = _survey(surveys)
    surveys.open(survey["id"])
    _answer_all(surveys, survey["id"])
    ratings = surveys.ratings(survey["id"])
    assert list(ratings.columns) == [
        "rater",
        "ratee",
        "frequency",
        "weight",
        "reliable",
        "mission",
        "open",
        "power",
        "involvement",
        "resources",
    ]
    assert len(ratings) == 4  # the unreviewed other name is dropped
    surveys.review(survey["id"], "Cykelklubben Øst", "actor", "b-forening")
    ratings = surveys.ratings(survey["id"])
    assert len(ratings) == 5
    row = ratings[(ratings.rater == "c-fond") & (ratings.ratee == "b-forening")].iloc[0]
    assert (row.frequency, row.weight) == ("quarterly", 2)
    respondents = surveys.respondents(survey["id"])
    assert respondents.set_index("actor_id")["answered"].to_dict() == {
        "a-kommune": True,
        "b-forening": True,
        "c-fond": True,
        "d-skole": False,
    }


def test_contacts_are_erasable_and_purged(world: Graphsvc) -> None:
    surveys = Surveys(world)
    survey = _survey(surveys, keep_answers_until="2030-01-31")
    made = surveys.invite(
        survey["id"],
        contacts={
            "a-kommune": {"name": "Anne Andersen", "email": "Anne@Example.dk"},
            "b-forening": {"name": "Bo Berg", "email": "bo@example.dk"},
        },
    )
    assert {m["contact_email"] for m in made} == {"Anne@Example.dk", "bo@example.dk", None}
    assert surveys.forget_contact("anne@example.DK ") == 1
    left = {i["actor_id"]: i["contact_email"] for i in surveys.invitations(survey["id"])}
    assert left == {"a-kommune": None, "b-forening": "bo@example.dk", "c-fond": None}
    surveys.open(survey["id"])
    token = next(m["token"] for m in made if m["actor_id"] == "c-fond")
    surveys.save_page(token, "partners", {"partners": [{"other_name": "Cykelklubben Øst"}]})
    surveys.review(survey["id"], "Cykelklubben Øst", "ignore")
    assert surveys.purge_expired(dt.date(2030, 1, 31)) == 0
    # one answer, one contact, one review decision (its name is free text)
    assert surveys.purge_expired(dt.date(2030, 2, 1)) == 3
    assert world.store.run("surveys/list_responses", id=survey["id"]) == []
    assert world.store.run("surveys/list_reviews", id=survey["id"]) == []
    assert surveys.reviews(survey["id"]) == {}
    assert all(i["contact_email"] is None for i in surveys.invitations(survey["id"]))


def test_answers_cannot_be_kept_shorter_than_the_survey_runs(world: Graphsvc) -> None:
    surveys = Surveys(world)
    with pytest.raises(ValidationError) as early:
        _survey(surveys, closes_at="2030-03-01T12:00:00+00:00", keep_answers_until="2030-02-28")
    assert [p.column for p in early.value.details] == ["keep_answers_until"]
    assert early.value.status_code == 422 and surveys.list_all() == []
    survey = _survey(
        surveys, closes_at="2030-03-01T12:00:00+00:00", keep_answers_until="2030-03-01"
    )
    with pytest.raises(ValidationError) as later:
        surveys.update(survey["id"], {"closes_at": "2030-04-01T12:00:00+00:00"})
    assert [p.column for p in later.value.details] == ["keep_answers_until"]
    assert surveys.get(survey["id"])["closes_at"].startswith("2030-03-01")


def test_the_api_purges_expired_answers_when_it_starts(world: Graphsvc) -> None:
    """A survey kept until a day long gone: its saved answers go when the app starts."""
    surveys = Surveys(world)
    survey = _survey(surveys, keep_answers_until="2020-01-01")
    surveys.open(survey["id"])
    token = _tokens(surveys, survey["id"])["a-kommune"]
    surveys.save_page(token, "partners", {"partners": [{"actor_id": "b-forening"}]})
    assert len(world.store.run("surveys/list_responses", id=survey["id"])) == 1
    server = ServerThread(create_app(world.settings)).start()
    try:
        assert world.store.run("surveys/list_responses", id=survey["id"]) == []
    finally:
        server.stop()


def test_delete_removes_everything_of_the_survey(world: Graphsvc) -> None:
    surveys = Surveys(world)
    survey = _survey(surveys)
    surveys.open(survey["id"])
    tokens = _tokens(surveys, survey["id"])
    surveys.save_page(tokens["a-kommune"], "partners", {"partners": []})
    gone = surveys.delete(survey["id"])
    assert (gone["invitations"], gone["responses"]) == (3, 1)
    with pytest.raises(NotFoundError):
        surveys.get(survey["id"])
    with pytest.raises(NotFoundError):
        surveys.form(tokens["a-kommune"])
    assert world.get_item("actors", "a-kommune") is not None


def test_saved_pages_survive_a_kill_of_the_store_mid_survey(tmp_path: Path) -> None:
    """A store of its own (the session's server is shared): answers saved, the server
    killed with SIGKILL, started again: the saved pages are there and the respondent
    continues where she left off."""
    data_dir = tmp_path / "data"
    server = EmbeddedServer(data_dir)
    info = server.start()
    settings = get_settings(data_dir=data_dir, graph_name="surveys")
    try:
        with Graphsvc.open(settings) as graphsvc:
            for actor_id, name, kind, sector, scale, locality in ACTORS[:2]:
                graphsvc.create_item(
                    "actors",
                    {
                        "id": actor_id,
                        "name": name,
                        "kind": kind,
                        "sector": sector,
                        "scale": scale,
                        "locality": locality,
                    },
                )
            surveys = Surveys(graphsvc)
            survey = surveys.create(
                {"title": {"da": "Genstart"}, "scope_kind": "roster"}, by="test"
            )
            surveys.set_roster(
                survey["id"], [{"actor_id": "a-kommune"}, {"actor_id": "b-forening"}]
            )
            surveys.open(survey["id"])
            token = _tokens(surveys, survey["id"])["a-kommune"]
            surveys.save_page(token, "partners", {"partners": [{"actor_id": "b-forening"}]})
            saved = surveys.form(token)["answers"]
        os.kill(info.pid, signal.SIGKILL)
        reopened = server.start()
        assert reopened.pid != info.pid
        with Graphsvc.open(settings) as graphsvc:
            surveys = Surveys(graphsvc)
            form = surveys.form(token)
            assert form["answers"] == saved and form["pages_done"] == ["partners"]
            surveys.save_page(
                token, "ratings", {"ratings": {"b-forening": _rating("monthly", ["partnership"])}}
            )
            assert surveys.submit(token)["submitted"]
    finally:
        server.stop()


def _karin_named(
    world: Graphsvc, ratings: dict[str, Any], comment: str
) -> tuple[Surveys, dict[str, Any], dict[str, str]]:
    """Karin Holm, a consenting person, on a roster survey with the kommune: she answers
    (naming the kommune), and the kommune names her by id and as a name not on the list,
    rates (``ratings``) and comments. Returns the service, the survey and the tokens."""
    world.create_item(
        "actors",
        {
            "id": "karin-holm",
            "name": "Karin Holm",
            "kind": "person",
            "sector": "citizen",
            "scale": "local",
            "is_person": True,
            "legal_basis": "consent",
            "consent_to_publish": True,
        },
    )
    surveys = Surveys(world)
    survey = surveys.create({"title": {"da": "Mentorer"}, "scope_kind": "roster"}, by="test")
    surveys.set_roster(survey["id"], [{"actor_id": "a-kommune"}, {"actor_id": "karin-holm"}])
    surveys.open(survey["id"])
    invited = surveys.invite(
        survey["id"], contacts={"karin-holm": {"name": "Karin Holm", "email": "karin@example.dk"}}
    )
    tokens = {i["actor_id"]: i["token"] for i in invited}
    surveys.save_page(tokens["karin-holm"], "partners", {"partners": [{"actor_id": "a-kommune"}]})
    token = tokens["a-kommune"]
    surveys.save_page(
        token, "partners", {"partners": [{"actor_id": "karin-holm"}, {"other_name": "karin holm"}]}
    )
    surveys.save_page(token, "ratings", {"ratings": ratings})
    surveys.save_page(token, "outcomes", {"outcomes": {"comment": comment}})
    return surveys, survey, tokens


def test_gdpr_erasure_takes_a_person_out_of_every_survey(world: Graphsvc) -> None:
    """A consenting person answers and is named (by id and as a name not on the list, and
    in a comment); erasing her leaves no trace of her in the surveys."""
    surveys, survey, tokens = _karin_named(
        world,
        {
            "karin-holm": _rating("weekly", ["mentoring"]),
            "other:karin holm": _rating("weekly", ["mentoring"]),
        },
        "Karin Holm hjalp os",
    )
    token = tokens["a-kommune"]
    report = gdpr.erase(world, "karin-holm")
    assert report["survey_records"] == 2  # her invitation (with answers), the kommune's answers
    stored = json.dumps(world.store.run("surveys/list_responses", id=survey["id"]))
    stored += json.dumps(world.store.run("surveys/list_invitations", id=survey["id"]))
    assert "karin" not in stored.lower()
    form = surveys.form(token)
    assert form["answers"]["partners"] == [] and form["answers"]["ratings"] == {}
    assert form["answers"]["outcomes"]["comment"].endswith("hjalp os")


class _PausedBefore:
    """The real store, but the first run of query ``name`` waits (in its thread) until the
    test lets it go: two windows' saves interleave exactly where a race would hurt."""

    def __init__(self, store: Any, name: str) -> None:
        self.store, self.name = store, name
        self.reached, self.go = threading.Event(), threading.Event()

    def run(self, name: str, **params: Any) -> Any:
        if name == self.name and not self.reached.is_set():
            self.reached.set()
            assert self.go.wait(30)
        return self.store.run(name, **params)

    def __getattr__(self, attr: str) -> Any:
        return getattr(self.store, attr)


def _early_in_a_second() -> None:
    # Times were kept to whole seconds: start early in one so the old check (same
    # updated_at) would have let the late write through; the revision does not care.
    while dt.datetime.now(dt.UTC).microsecond > 200_000:
        time.sleep(0.01)


def _interleave(
    world: Graphsvc, query: str, first: Callable[[Surveys], Any], second: Callable[[Surveys], Any]
) -> dict[str, Any]:
    """Run ``first`` in a thread until just before its ``query`` writes, run ``second``
    whole in another thread, then let ``first`` write; what each returned or raised."""
    slow = Surveys(world)
    paused = _PausedBefore(world.store, query)
    slow.store = paused
    outcome: dict[str, Any] = {}

    def run(key: str, call: Callable[[Surveys], Any], surveys: Surveys) -> None:
        try:
            outcome[key] = call(surveys)
        except GraphsvcError as exc:  # the outcome is what the test asserts on
            outcome[key] = exc

    one = threading.Thread(target=run, args=("first", first, slow))
    one.start()
    assert paused.reached.wait(30)
    two = threading.Thread(target=run, args=("second", second, Surveys(world)))
    two.start()
    two.join(30)
    paused.go.set()
    one.join(30)
    return outcome


def test_two_windows_saving_at_once_lose_nothing(world: Graphsvc) -> None:
    """Window 1 saves the ratings page from answers naming B and C; meanwhile window 2
    saves the partners page naming only B. In sequence that is: ratings of B (and C),
    then partners B (C's rating dropped) — or window 1's write is retried on the new
    answers. Either way the stored partners are window 2's, never window 1's stale B+C."""
    surveys = Surveys(world)
    survey = _survey(surveys)
    surveys.open(survey["id"])
    token = _tokens(surveys, survey["id"])["a-kommune"]
    _early_in_a_second()
    surveys.save_page(
        token, "partners", {"partners": [{"actor_id": "b-forening"}, {"actor_id": "c-fond"}]}
    )
    outcome = _interleave(
        world,
        "surveys/save_response",
        lambda s: s.save_page(
            token, "ratings", {"ratings": {"b-forening": _rating("daily", ["partnership"])}}
        ),
        lambda s: s.save_page(token, "partners", {"partners": [{"actor_id": "b-forening"}]}),
    )
    assert not isinstance(outcome["second"], Exception)
    first = outcome["first"]
    assert not isinstance(first, Exception) or isinstance(first, ConflictError)
    answers = surveys.form(token)["answers"]
    # window 2's save is not lost
    assert [p["actor_id"] for p in answers["partners"]] == ["b-forening"]
    assert set(answers["ratings"]) <= {"b-forening"}  # only named partners rated
    if not isinstance(first, Exception):
        assert answers["ratings"]["b-forening"]["frequency"] == "daily"
    surveys.submit(token)


def test_a_partner_named_while_submitting_stops_the_submit(world: Graphsvc) -> None:
    """Submit reads answers naming B (rated), then another window names C before the
    submit writes: the submit is refused (409), never handed in with C unrated."""
    surveys = Surveys(world)
    survey = _survey(surveys)
    surveys.open(survey["id"])
    token = _tokens(surveys, survey["id"])["a-kommune"]
    _early_in_a_second()
    surveys.save_page(token, "partners", {"partners": [{"actor_id": "b-forening"}]})
    surveys.save_page(
        token, "ratings", {"ratings": {"b-forening": _rating("weekly", ["partnership"])}}
    )
    outcome = _interleave(
        world,
        "surveys/submit_response",
        lambda s: s.submit(token),
        lambda s: s.save_page(
            token, "partners", {"partners": [{"actor_id": "b-forening"}, {"actor_id": "c-fond"}]}
        ),
    )
    assert not isinstance(outcome["second"], Exception)
    assert isinstance(outcome["first"], ConflictError)
    assert "another window" in str(outcome["first"])
    form = surveys.form(token)
    assert not form["submitted"] and len(form["answers"]["partners"]) == 2
    with pytest.raises(ValidationError) as missing:
        surveys.submit(token)
    assert [p.column for p in missing.value.details] == ["ratings.c-fond.frequency"]


def test_apply_removes_the_ties_it_wrote_that_the_answers_no_longer_give(
    world: Graphsvc,
) -> None:
    """A names "Cykelklubben Øst", reviewed as D: applying writes A–D. The review turns
    to "ignore": the dry run lists A–D as removed, applying deletes it (through the
    normal delete, so the change log sees it); A–B stays."""
    surveys = Surveys(world)
    survey = _survey(surveys)
    surveys.open(survey["id"])
    token = _tokens(surveys, survey["id"])["a-kommune"]
    surveys.save_page(
        token,
        "partners",
        {"partners": [{"actor_id": "b-forening"}, {"other_name": "Cykelklubben Øst"}]},
    )
    surveys.save_page(
        token,
        "ratings",
        {
            "ratings": {
                "b-forening": _rating("weekly", ["partnership"]),
                "other:cykelklubben øst": _rating("monthly", ["volunteering"]),
            }
        },
    )
    surveys.submit(token)
    surveys.review(survey["id"], "Cykelklubben Øst", "actor", "d-skole")
    tie = collaboration_id(survey["id"], "a-kommune", "d-skole")
    first = surveys.apply(survey["id"])
    assert (first["created"], first["removed"]) == (2, 0)
    assert world.get_item("collaborations", tie) is not None
    surveys.review(survey["id"], "Cykelklubben Øst", "ignore")
    version = world.graph_version()
    dry = surveys.apply(survey["id"], dry_run=True)
    assert (dry["removed"], dry["removed_ids"], dry["unchanged"]) == (1, [tie], 1)
    assert world.get_item("collaborations", tie) is not None  # a dry run writes nothing
    done = surveys.apply(survey["id"])
    assert (done["removed"], done["created"], done["unchanged"]) == (1, 0, 1)
    assert world.get_item("collaborations", tie) is None
    assert world.get_item(
        "collaborations", collaboration_id(survey["id"], "a-kommune", "b-forening")
    )
    assert world.graph_version() != version  # the change log saw the delete
    assert surveys.apply(survey["id"])["removed"] == 0


def test_gdpr_access_lists_what_the_surveys_hold_about_a_person(world: Graphsvc) -> None:
    """Her roster place, her invitation with her contact and her own answers, the
    kommune's answer naming her (twice: by id and as a name not on the list) with its
    ratings and its comment, but not who answered; no token or hash anywhere."""
    surveys, survey, tokens = _karin_named(
        world,
        {"karin-holm": _rating("weekly", ["mentoring"], reliable=4)},
        "Karin Holm hjalp os, sammen med Pia Person",  # Pia is a hidden person
    )
    surveys.review(survey["id"], "karin holm", "actor", "karin-holm")

    report = gdpr.access(world, "karin-holm")["surveys"]

    assert report["rosters"] == [
        {
            "survey_id": survey["id"],
            "title": {"da": "Mentorer", "en": None},
            "status": "open",
            "asked": True,
            "nameable": True,
        }
    ]
    [mine] = report["invitations"]
    assert (mine["survey_id"], mine["contact_email"]) == (survey["id"], "karin@example.dk")
    assert mine["answers"]["partners"] == [{"actor_id": "a-kommune", "other_name": None}]
    [named] = report["named_by_others"]
    assert named["survey_id"] == survey["id"]
    assert named["named_as"] == [{"actor_id": "karin-holm"}, {"other_name": "karin holm"}]
    assert [(r["frequency"], r["reliable"]) for r in named["ratings"]] == [("weekly", 4)]
    assert named["comment"].startswith("Karin Holm hjalp os, sammen med Person ")
    assert "Pia" not in named["comment"]
    text = json.dumps(report)
    assert "a-kommune" not in json.dumps(report["named_by_others"])  # not who named her
    assert not any(t in text for t in tokens.values())
    assert "token" not in text  # neither the links nor their hashes
    assert report["reviews"] == [
        {"survey_id": survey["id"], "name": "karin holm", "decision": "actor"}
    ]


def test_coordinator_actions_are_in_the_audit_log_without_names(world: Graphsvc) -> None:
    """Each write of the coordinator is one entry on the survey's id (a write made inside
    another, as the roster filled by ``create``, is part of it); no actor id, name or
    address is kept in the entries."""
    surveys = Surveys(world)
    audit.set_actor("key-coordinator")
    try:
        survey = _survey(surveys)
        surveys.update(survey["id"], {"asker": "Middelfart Kommune"})
        roster = [{"actor_id": "a-kommune"}, {"actor_id": "b-forening"}]
        surveys.set_roster(survey["id"], roster)
        surveys.open(survey["id"])
        [first, _second] = surveys.invite(
            survey["id"], contacts={"a-kommune": {"name": "Anna Ager", "email": "anna@example.dk"}}
        )
        surveys.revoke(survey["id"], first["invitation_id"])
        surveys.review(survey["id"], "Cykelklubben Øst", "ignore")
        surveys.close(survey["id"])
        assert surveys.forget_contact("anna@example.dk") == 1
        assert surveys.purge_expired() == 0  # nothing to purge: no entry
    finally:
        audit.set_actor(audit.CLI)

    _total, entries = audit.entries(world.store, who="key-coordinator", limit=None)
    done = [(e["operation"], e["item_id"], e.get("count")) for e in reversed(entries)]
    assert done == [
        ("survey_create", survey["id"], None),
        ("survey_update", survey["id"], None),
        ("survey_roster", survey["id"], 2),
        ("survey_open", survey["id"], None),
        ("survey_invite", survey["id"], 2),
        ("survey_revoke", survey["id"], None),
        ("survey_review", survey["id"], None),
        ("survey_close", survey["id"], None),
        ("survey_forget_contact", None, 1),
    ]
    assert [e["fields"] for e in entries if e["operation"] == "survey_update"] == [["asker"]]
    logged = json.dumps(entries).lower()
    for secret in ("a-kommune", "b-forening", "anna", "example.dk", "cykelklub"):
        assert secret not in logged
