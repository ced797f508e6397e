"""The data model's validation (pydantic), checked on values a user would type."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pydantic import ValidationError

from graphsvc.dates import DatePrecision, format_date
from graphsvc.model import (
    Actor,
    Collaboration,
    Currency,
    Participation,
    PlaceLevel,
    Project,
    SupportKind,
)
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


# ---------------------------------------------------------------- schema 2 (#12)

PART = {"id": "p-tryg-lege", "actor_id": "trygfonden", "project_id": "legepatruljen",
        "role": "funder"}  # fmt: skip
TIE = {"id": "c-tryg-bv", "source_id": "trygfonden", "target_id": "boerns-vilkaar",
       "kind": "partnership"}  # fmt: skip


def test_format_date_shows_a_date_as_the_source_wrote_it() -> None:
    assert format_date("2014-12-31", "year", "da") == "2014"
    assert format_date(dt.date(2014, 1, 1), DatePrecision.YEAR, "en") == "2014"
    assert format_date("2016-03-01", "month", "da") == "marts 2016"
    assert format_date("2016-03-31", "month", "en") == "March 2016"
    assert format_date("2016-07-01", "approximate", "da") == "ca. juli 2016"
    assert format_date("2016-07-01", "approximate", "en") == "about July 2016"
    assert format_date("2016-05-12", None, "da") == "12. maj 2016"
    assert format_date("2016-05-12", "day", "en") == "12 May 2016"
    assert format_date(None, "year", "da") == ""
    with pytest.raises(ValueError, match="century"):
        format_date("2016-05-12", "century", "da")


def test_a_year_or_month_end_is_the_last_day_of_its_period_whatever_day_is_given() -> None:
    project = Project.model_validate(
        {"id": "lege", "name": "Legepatruljen", "theme": "health_prevention",
         "start_date": "2008-06-15", "start_precision": "year",
         "end_date": "2014-03-03", "end_precision": "year"}
    )  # fmt: skip
    assert project.start_date == dt.date(2008, 1, 1)
    assert project.end_date == dt.date(2014, 12, 31)
    assert project.active_on(dt.date(2014, 12, 31))  # "2014": active through 2014
    assert not project.active_on(dt.date(2015, 1, 1))
    tie = Collaboration.model_validate(
        {**TIE, "start_date": "2016-02-10", "start_precision": "month",
         "end_date": "2016-02-10", "end_precision": "month"}
    )  # fmt: skip
    assert (tie.start_date, tie.end_date) == (dt.date(2016, 2, 1), dt.date(2016, 2, 29))
    middle = Participation.model_validate(
        {**PART, "start_date": "2016-07-01", "start_precision": "approximate"}
    )
    assert middle.start_date == dt.date(2016, 7, 1)  # approximate days are kept
    stored = middle.model_dump(mode="json")
    assert stored["start_precision"] == "approximate" and stored["end_precision"] is None
    with pytest.raises(ValidationError, match="end_precision is set but end_date is empty"):
        Participation.model_validate({**PART, "end_precision": "year"})
    with pytest.raises(ValidationError, match="start_precision"):
        Participation.model_validate(
            {**PART, "start_date": "2016-01-01", "start_precision": "week"}
        )


def test_money_has_an_amount_a_currency_and_a_kind_of_support() -> None:
    part = Participation.model_validate(
        {**PART, "amount": 250000, "currency": "NOK", "support": "cash_grant"}
    )
    assert (part.amount, part.currency, part.support) == (250000.0, "NOK", "cash_grant")
    assert part.currency == Currency.NOK and part.support == SupportKind.CASH_GRANT
    funding = Collaboration.model_validate(
        {**TIE, "kind": "funding", "amount": 1.5e6, "currency": "EUR", "support": "public_pool"}
    )
    assert funding.model_dump(mode="json")["currency"] == "EUR"
    with pytest.raises(ValidationError, match="an amount needs a currency"):
        Participation.model_validate({**PART, "amount": 100})
    with pytest.raises(ValidationError, match="currency"):
        Participation.model_validate({**PART, "amount": 100, "currency": "USD"})
    with pytest.raises(ValidationError, match="support"):
        Participation.model_validate({**PART, "support": "loan"})


def test_a_schema_1_funding_amount_reads_as_an_amount_in_dkk() -> None:
    old = Participation.model_validate({**PART, "funding_amount": 250000.0})
    assert (old.amount, old.currency) == (250000.0, "DKK")
    assert "funding_amount" not in old.model_dump()
    assert Participation.model_validate({**PART, "funding_amount": None}).amount is None
    same = Participation.model_validate({**PART, "funding_amount": 5.0, "amount": 5.0})
    assert same.currency == "DKK"
    with pytest.raises(ValidationError, match="funding_amount and amount differ"):
        Participation.model_validate({**PART, "funding_amount": 5.0, "amount": 6.0})
    with pytest.raises(ValidationError, match="greater than or equal to 0"):
        Participation.model_validate({**PART, "funding_amount": -5})


def test_inferred_fields_name_fields_of_the_item() -> None:
    part = Participation.model_validate({**PART, "inferred_fields": ["role", "start_date"]})
    assert part.inferred_fields == ["role", "start_date"]
    assert Collaboration.model_validate({**TIE, "inferred_fields": ["directed"]}).inferred_fields
    with pytest.raises(ValidationError, match="names no field of the participation: 'colour'"):
        Participation.model_validate({**PART, "inferred_fields": ["role", "colour"]})
    with pytest.raises(ValidationError, match="'kind'"):  # a tie's field, not a project's
        Project.model_validate(
            {"id": "x", "name": "X", "theme": "other", "inferred_fields": ["kind"]}
        )


def test_new_kinds_of_tie_and_a_tie_serving_projects() -> None:
    for kind in ("coordination", "oversight", "employment", "volunteering"):
        assert Collaboration.model_validate({**TIE, "kind": kind}).kind == kind
    tie = Collaboration.model_validate(
        {**TIE, "project_ids": ["boerneraadgiveruddannelsen"], "status": "proposed",
         "proposed_by": "kommunen"}
    )  # fmt: skip
    assert tie.project_ids == ["boerneraadgiveruddannelsen"] and tie.proposed_by == "kommunen"
    with pytest.raises(ValidationError, match="project_ids"):
        Collaboration.model_validate({**TIE, "project_ids": ["Not A Slug"]})


def test_an_actor_has_a_life_a_successor_members_and_a_place() -> None:
    metropol = Actor.model_validate(
        {**ACTOR, "id": "metropol", "name": "Metropol", "kind": "university",
         "sector": "knowledge", "scale": "regional", "start_date": "2008",
         "start_precision": "year", "end_date": "2018-01-01", "end_precision": "year",
         "successor_id": "kp", "place": "København", "place_level": "town"}
    )  # fmt: skip
    assert metropol.start_date == dt.date(2008, 1, 1) and metropol.end_date == dt.date(2018, 12, 31)
    assert metropol.successor_id == "kp" and metropol.place_level == PlaceLevel.TOWN
    assert not metropol.active_on(dt.date(2019, 1, 1))
    network = Actor.model_validate(
        {**ACTOR, "id": "sund-by", "name": "Sund By Netværket", "kind": "network",
         "member_kind": "municipality",
         "member_counts": [{"on": "2015-01-01", "precision": "year", "count": 14},
                           {"on": "2012-01-01", "count": 20}]}
    )  # fmt: skip
    assert network.member_kind == "municipality"
    assert [c.count for c in network.member_counts] == [14, 20]
    stored = network.model_dump(mode="json")["member_counts"]
    assert isinstance(stored, str)  # one JSON text, like attributes
    assert json.loads(stored) == [{"count": 14, "on": "2015-01-01", "precision": "year"},
                                  {"count": 20, "on": "2012-01-01"}]  # fmt: skip
    again = Actor.model_validate({**network.model_dump(mode="json")})
    assert again.member_counts == network.member_counts
    about = Actor.model_validate(
        {**ACTOR, "member_counts": '[{"on": "2016-01-01", "count": 80, "approximate": true}]'}
    )
    assert about.member_counts[0].approximate is True
    with pytest.raises(ValidationError, match="greater than or equal to 0"):
        Actor.model_validate({**ACTOR, "member_counts": [{"on": "2016-01-01", "count": -1}]})
    with pytest.raises(ValidationError, match="member_counts must be a JSON list"):
        Actor.model_validate({**ACTOR, "member_counts": "[{"})
    with pytest.raises(ValidationError, match="own successor"):
        Actor.model_validate({**ACTOR, "successor_id": ACTOR["id"]})
    with pytest.raises(ValidationError, match="place_level"):
        Actor.model_validate({**ACTOR, "place": "Uldum", "place_level": "village"})


def test_a_project_belongs_to_or_follows_another() -> None:
    berg = Project.model_validate(
        {"id": "hr-berg", "name": "Hr. Berg", "theme": "socially_vulnerable",
         "part_of": "vaek-fra-kanten", "place": "Bispehaven", "place_level": "neighbourhood"}
    )  # fmt: skip
    assert berg.part_of == "vaek-fra-kanten" and berg.place == "Bispehaven"
    follows = Project.model_validate(
        {"id": "netvaerk-sundhed", "name": "N", "theme": "community",
         "follows": "netvaerk-faellesskabsagenter"}
    )  # fmt: skip
    assert follows.follows == "netvaerk-faellesskabsagenter"
    with pytest.raises(ValidationError, match="cannot be part of itself"):
        Project.model_validate({"id": "x", "name": "X", "theme": "other", "part_of": "x"})


def test_schema_1_items_still_validate_with_every_new_field_empty() -> None:
    actor = Actor.model_validate(ACTOR)
    assert actor.start_date is None and actor.member_counts == [] and actor.inferred_fields == []
    dumped = actor.model_dump(mode="json")
    assert dumped["member_counts"] is None and dumped["place"] is None
    tie = Collaboration.model_validate(TIE)
    assert tie.project_ids == [] and tie.amount is None and tie.proposed_by is None


def test_a_year_or_a_month_typed_as_a_date_keeps_its_precision() -> None:
    tie = Collaboration.model_validate({**TIE, "start_date": "2011", "end_date": "2014"})
    assert (tie.start_date, tie.start_precision) == (dt.date(2011, 1, 1), "year")
    assert (tie.end_date, tie.end_precision) == (dt.date(2014, 12, 31), "year")
    part = Participation.model_validate({**PART, "end_date": "2016-02"})
    assert (part.end_date, part.end_precision) == (dt.date(2016, 2, 29), "month")
    # a precision given wins: "2016" approximate stays the day the text gives
    about = Participation.model_validate(
        {**PART, "start_date": "2016", "start_precision": "approximate"}
    )
    assert (about.start_date, about.start_precision) == (dt.date(2016, 1, 1), "approximate")
