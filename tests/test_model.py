"""The data model's validation (pydantic), checked on values a user would type."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from graphsvc.model import Actor, Collaboration, Participation, Project
from graphsvc.reference import municipalities, municipality

ACTOR = {
    "id": "middelfart-kommune",
    "name": "Middelfart Kommune",
    "kind": "municipality",
    "sector": "public",
    "scale": "municipal",
    "locality": "DK-410",
}


def test_reference_data_has_all_98_danish_municipalities() -> None:
    danish = [m for m in municipalities().values() if m.country == "DK"]
    assert len(danish) == 98
    assert len({m.code for m in danish}) == 98
    regions = {m.region for m in danish}
    assert regions == {"Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland"}
    assert municipality("DK-101").name == "København"
    assert municipality("DK-410").name == "Middelfart"
    assert municipality("DK-766").name == "Hedensted"
    assert municipality("NO-4203").name == "Arendal"
    assert municipality("NO-5006").name == "Steinkjer"


def test_a_valid_actor() -> None:
    actor = Actor.model_validate(ACTOR)
    assert actor.kind == "municipality"
    assert actor.tags == [] and actor.is_person is False


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"id": "Middelfart Kommune"}, "id", "should match pattern"),
        ({"id": "a--b"}, "id", "should match pattern"),
        ({"kind": "kommune"}, "kind", "Input should be"),
        ({"sector": "offentlig"}, "sector", "Input should be"),
        ({"locality": "DK-999"}, "locality", "unknown municipality code 'DK-999'"),
        ({"locality": "Middelfart"}, "locality", "should match pattern"),
        ({"cvr": "1234"}, "cvr", "should match pattern"),
        ({"name": ""}, "name", "at least 1 character"),
        ({"colour": "red"}, "colour", "Extra inputs are not permitted"),
    ],
)
def test_actor_errors_name_the_field(change: dict, field: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Actor.model_validate({**ACTOR, **change})
    errors = caught.value.errors()
    assert errors[0]["loc"] == (field,)
    assert message in errors[0]["msg"]


def test_persons_must_be_marked_and_have_a_legal_basis() -> None:
    with pytest.raises(ValidationError, match="must have is_person = true"):
        Actor.model_validate({**ACTOR, "kind": "person", "sector": "citizen"})
    with pytest.raises(ValidationError, match="needs a legal_basis"):
        Actor.model_validate({**ACTOR, "kind": "person", "is_person": True})
    person = Actor.model_validate(
        {**ACTOR, "kind": "person", "is_person": True, "legal_basis": "consent"}
    )
    assert person.consent_to_publish is False
    with pytest.raises(ValidationError, match="applies to persons only"):
        Actor.model_validate({**ACTOR, "consent_to_publish": True})


def test_project_dates_and_localities() -> None:
    project = Project.model_validate(
        {
            "id": "velux",
            "name": "Velfærdsinnovation",
            "theme": "social_innovation",
            "localities": ["DK-330"],
            "start_date": "2019-01-15",
            "end_date": "2022-12-31",
        }
    )
    assert project.start_date == dt.date(2019, 1, 15)
    assert project.active_on(dt.date(2020, 6, 1))
    assert not project.active_on(dt.date(2023, 1, 1))
    with pytest.raises(ValidationError, match="is after end_date"):
        Project.model_validate({**project.model_dump(), "end_date": "2018-01-01"})
    with pytest.raises(ValidationError, match="valid date"):
        Project.model_validate({**project.model_dump(), "start_date": "2019-02-30"})


def test_ties() -> None:
    tie = Collaboration.model_validate(
        {"id": "c1", "source_id": "a", "target_id": "b", "kind": "funding", "directed": True}
    )
    assert tie.weight == 1.0 and tie.status == "existing"
    with pytest.raises(ValidationError, match="two different actors"):
        Collaboration.model_validate(
            {"id": "c2", "source_id": "a", "target_id": "a", "kind": "referral"}
        )
    with pytest.raises(ValidationError, match="greater than 0"):
        Collaboration.model_validate(
            {"id": "c3", "source_id": "a", "target_id": "b", "kind": "referral", "weight": 0}
        )
    with pytest.raises(ValidationError, match="greater than or equal to 0"):
        Participation.model_validate(
            {"id": "p1", "actor_id": "a", "project_id": "b", "role": "funder", "funding_amount": -5}
        )
