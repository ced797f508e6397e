"""The schema-2 fields (#12) through the real FalkorDB: written, read back, analysed.

Schema-1 rows (a participation's ``funding_amount``) are written straight to the store
with the import's merge query, as 0.1.0 wrote them, and read as an amount in DKK.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphsvc.analysis.anchoring import funding_shares
from graphsvc.core import Graphsvc
from graphsvc.dates import format_date
from graphsvc.errors import ValidationError
from graphsvc.io.importer import write_row
from graphsvc.model import Actor, Collaboration, Participation, Project

MINI = Path(__file__).parent / "data" / "mini"


def test_a_schema_1_funding_amount_reads_as_dkk_everywhere(graphsvc: Graphsvc) -> None:
    graphsvc.import_paths([MINI])  # the mini files are schema 1: a funding_amount column
    assert graphsvc.get_item("participations", "p-legepatruljen-trygfonden") is not None
    legacy = {"id": "p-old", "role": "funder", "status": "existing", "funding_amount": 1000.0,
              "sources": [], "evidence": "documented"}  # fmt: skip
    graphsvc.store.run(
        "participations/merge_participations",
        rows=[{"id": "p-old", "actor_id": "middelfart-kommune", "project_id": "legepatruljen",
               "props": legacy}],
    )  # fmt: skip
    item = graphsvc.get_item("participations", "p-old")
    assert item is not None
    assert (item["amount"], item["currency"]) == (1000.0, "DKK")
    assert "funding_amount" not in item
    mini = graphsvc.get_item("participations", "p-legepatruljen-trygfonden")
    assert mini is not None and (mini["amount"], mini["currency"]) == (250000.0, "DKK")
    analysis = graphsvc.analysis_tables()["participations"].set_index("id")
    assert analysis.loc["p-old", "amount"] == 1000.0
    assert analysis.loc["p-old", "currency"] == "DKK"
    exported = graphsvc.tables()["participations"].set_index("id")
    assert (exported.loc["p-old", "amount"], exported.loc["p-old", "currency"]) == (1000.0, "DKK")
    # the two funders of Legepatruljen: 250,000 and 1,000 DKK
    rows = analysis[analysis["project_id"] == "legepatruljen"].reset_index().to_dict("records")
    parts: dict[str, list[dict]] = {}
    for row in rows:
        parts.setdefault(row["actor_id"], []).append(row)
    shares = funding_shares(parts)
    assert shares == pytest.approx({"trygfonden": 250 / 251, "middelfart-kommune": 1 / 251})


def test_every_new_field_is_stored_and_read_back(graphsvc: Graphsvc) -> None:
    graphsvc.import_paths([MINI])
    graphsvc.create_item(
        "projects",
        {"id": "hr-berg", "name": "Hr. Berg", "theme": "socially_vulnerable",
         "start_date": "2014", "end_date": "2016-06-30", "end_precision": "approximate",
         "part_of": "legepatruljen", "follows": "frivillige-mentorer", "place": "Bispehaven",
         "place_level": "neighbourhood", "inferred_fields": ["follows"]},
    )  # fmt: skip
    project = graphsvc.get_item("projects", "hr-berg")
    assert project is not None
    assert (project["start_date"], project["start_precision"]) == ("2014-01-01", "year")
    assert format_date(project["start_date"], project["start_precision"], "da") == "2014"
    assert format_date(project["end_date"], project["end_precision"], "da") == "ca. juni 2016"
    assert (project["part_of"], project["follows"]) == ("legepatruljen", "frivillige-mentorer")
    assert (project["place"], project["place_level"]) == ("Bispehaven", "neighbourhood")
    assert project["inferred_fields"] == ["follows"]

    graphsvc.create_item(
        "actors",
        {"id": "sund-by", "name": "Sund By Netværket", "kind": "network",
         "sector": "public", "scale": "national", "member_kind": "municipality",
         "member_counts": '[{"on": "2012-01-01", "precision": "year", "count": 20},'
                          ' {"on": "2015-01-01", "precision": "year", "count": 14}]',
         "start_date": "1990", "successor_id": "trygfonden", "place": "landsdækkende",
         "place_level": "country"},
    )  # fmt: skip
    actor = graphsvc.get_item("actors", "sund-by")
    assert actor is not None
    back = Actor.model_validate(actor)
    assert [(c.on.year, c.count) for c in back.member_counts] == [(2012, 20), (2015, 14)]
    assert (actor["member_kind"], actor["successor_id"]) == ("municipality", "trygfonden")
    assert (actor["start_date"], actor["start_precision"]) == ("1990-01-01", "year")

    graphsvc.create_item(
        "collaborations",
        {"id": "c-tryg-kommune", "source_id": "trygfonden", "target_id": "middelfart-kommune",
         "kind": "oversight", "amount": 125000.5, "currency": "NOK", "support": "in_kind",
         "project_ids": ["legepatruljen", "hr-berg"], "status": "proposed",
         "proposed_by": "frivilligcenter-middelfart", "inferred_fields": ["directed", "kind"]},
    )  # fmt: skip
    tie = graphsvc.get_item("collaborations", "c-tryg-kommune")
    assert tie is not None
    assert (tie["amount"], tie["currency"], tie["support"]) == (125000.5, "NOK", "in_kind")
    assert tie["project_ids"] == ["legepatruljen", "hr-berg"]
    assert tie["proposed_by"] == "frivilligcenter-middelfart" and tie["kind"] == "oversight"

    updated = graphsvc.update_item("collaborations", "c-tryg-kommune", {"currency": "SEK"})
    assert (updated.item["amount"], updated.item["currency"]) == (125000.5, "SEK")
    stored = graphsvc.tables()["collaborations"].set_index("id").loc["c-tryg-kommune"]
    assert stored["currency"] == "SEK" and list(stored["inferred_fields"]) == ["directed", "kind"]


def test_references_of_the_new_fields_are_checked(graphsvc: Graphsvc) -> None:
    graphsvc.import_paths([MINI])
    with pytest.raises(ValidationError) as caught:
        graphsvc.create_item(
            "collaborations",
            {"id": "c-x", "source_id": "trygfonden", "target_id": "middelfart-kommune",
             "kind": "coordination", "project_ids": ["legepatruljen", "no-such-project"]},
        )  # fmt: skip
    (problem,) = caught.value.details
    assert problem.column == "project_ids" and problem.value == "no-such-project"
    with pytest.raises(ValidationError) as caught:
        graphsvc.create_item(
            "projects", {"id": "x", "name": "X", "theme": "other", "part_of": "nowhere"}
        )
    assert caught.value.details[0].column == "part_of"


@pytest.mark.parametrize(
    ("item", "table", "fingerprint"),
    [
        (Project.model_validate({"id": "p", "name": "P", "theme": "other",
                                 "start_date": "2010-01-01", "localities": ["DK-410"]}),
         "projects", "04c429ebb4a13c7623990ca7"),
        (Collaboration.model_validate({"id": "c", "source_id": "x", "target_id": "y",
                                       "kind": "referral", "weight": 2.5}),
         "collaborations", "699bc7ad108d9d64b9b2e7ba"),
        (Participation.model_validate({"id": "q", "actor_id": "x", "project_id": "p",
                                       "role": "lead"}),
         "participations", "9696ccef31988c535ff95ca1"),
        (Actor.model_validate({"id": "x", "name": "Æble Ø", "kind": "association",
                               "sector": "civil_society", "scale": "local",
                               "locality": "DK-410", "tags": ["a"], "attributes": {"b": "ø"},
                               "description": "“quote” ünï"}),
         "actors", "614c0c2c8e6da0697ce2bd7c"),
    ],
)  # fmt: skip
def test_an_item_without_new_fields_keeps_its_schema_1_fingerprint(
    item: object, table: str, fingerprint: str
) -> None:
    """The fingerprints 0.1.0 computed for these items (so a re-import after the upgrade
    finds them unchanged)."""
    assert write_row(item, table)["fingerprint"] == fingerprint  # type: ignore[arg-type]
