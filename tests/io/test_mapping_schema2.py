"""The mapping learns the schema-2 fields (#12): money with its currency and kind, dates
that keep their precision, group sizes, places, inferred fields, a tie's projects.

The files are written here as a planner's spreadsheet would hold them (Danish headers and
values), imported into a real store, and the stored items checked field by field.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graphsvc.core import Graphsvc
from graphsvc.dates import format_date
from graphsvc.errors import ValidationError
from graphsvc.io import values
from graphsvc.model import Actor


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("2014", True, ("2014-12-31", "year")),
        ("2014", False, ("2014-01-01", "year")),
        ("i 2010", False, ("2010-01-01", "year")),
        ("marts 2016", False, ("2016-03-01", "month")),
        ("marts 2016", True, ("2016-03-31", "month")),
        ("midten af 2016", False, ("2016-07-01", "approximate")),
        ("midten af 2016", True, ("2016-06-30", "approximate")),
        ("ca. juli 2016", False, ("2016-07-01", "approximate")),
        ("primo 2012", False, ("2012-01-01", "approximate")),
        ("ultimo 2012", True, ("2012-12-31", "approximate")),
        ("ca. 2016", False, ("2016-01-01", "year")),
        ("15-03-2016", False, ("2016-03-15", "day")),
    ],
)
def test_dates_keep_their_precision(text: str, end: bool, expected: tuple[str, str]) -> None:
    assert values.parse_date(text, end=end) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("250.000 kr.", (250000.0, "DKK")),
        ("1,5 mio. NOK", (1500000.0, "NOK")),
        ("SEK 20.000", (20000.0, "SEK")),
        ("€ 4.500,50", (4500.5, "EUR")),
        ("12000", (12000.0, None)),
        ("1,5 mio. kr.", (1500000.0, "DKK")),
        ("2 mio. kr.", (2000000.0, "DKK")),
        ("3 mia. kr.", (3000000000.0, "DKK")),
        ("kr. 1,5 mio.", (1500000.0, "DKK")),
        ("1,5 mio. DKK", (1500000.0, "DKK")),
        ("50 t.kr.", (50000.0, "DKK")),
        ("2 mio. kroner", (2000000.0, "DKK")),
    ],
)
def test_money_as_people_write_it(text: str, expected: tuple[float, str | None]) -> None:
    assert values.parse_money(text) == expected


def test_member_counts_as_the_documents_give_them() -> None:
    counts, kind = values.parse_member_counts("20 kommuner (14 i 2015)")
    assert kind == "municipality"
    assert counts == [
        {"count": 20, "approximate": False},
        {"count": 14, "approximate": False, "on": "2015-01-01", "precision": "year"},
    ]
    counts, _ = values.parse_member_counts("ca. 80 fællesskabsagenter")
    assert counts == [{"count": 80, "approximate": True}]
    with pytest.raises(ValueError, match="no member count"):
        values.parse_member_counts("mange")


PLANNER = (
    "Organisation;Aktørtype;Projekt;Rolle;Fra;Til;Beløb;Valuta;Støtteform;Udledt;Sted;"
    "Antal medlemmer;Blev til\n"
    "Sund By Netværket;Netværk;Sundhedsprojekt;Partner;i 2010;midten af 2016;;;;rolle;"
    "landsdækkende;20 kommuner (14 i 2015);\n"
    "Norsk Fond;Fond;Sundhedsprojekt;Bevillingsgiver;marts 2016;2018;1,5 mio.;NOK;"
    "kontant tilskud;;;;\n"
    "Metropol;Professionshøjskole;Sundhedsprojekt;Partner;2014;;250.000 kr.;;naturalier;;;;"
    "Københavns Professionshøjskole\n"
)


def test_a_planners_sheet_with_the_new_columns(graphsvc: Graphsvc, tmp_path: Path) -> None:
    path = tmp_path / "kort.csv"
    path.write_text(PLANNER, encoding="utf-8")
    graphsvc.import_paths([path])
    tables = {name: frame.set_index("id") for name, frame in graphsvc.tables().items()}
    parts = tables["participations"]
    network = parts.loc["p-sundhedsprojekt-sund-by-netvaerket-partner"]
    assert (network["start_date"], network["start_precision"]) == ("2010-01-01", "year")
    assert (network["end_date"], network["end_precision"]) == ("2016-06-30", "approximate")
    assert format_date(network["start_date"], network["start_precision"], "da") == "2010"
    assert list(network["inferred_fields"]) == ["role"]
    fund = parts.loc["p-sundhedsprojekt-norsk-fond-funder"]
    assert (fund["amount"], fund["currency"], fund["support"]) == (1.5e6, "NOK", "cash_grant")
    assert (fund["start_date"], fund["start_precision"]) == ("2016-03-01", "month")
    assert (fund["end_date"], fund["end_precision"]) == ("2018-12-31", "year")
    assert format_date(fund["start_date"], fund["start_precision"], "en") == "March 2016"
    metropol = parts.loc["p-sundhedsprojekt-metropol-partner"]
    assert (metropol["amount"], metropol["currency"], metropol["support"]) == (
        250000.0, "DKK", "in_kind",
    )  # fmt: skip

    actors = tables["actors"]
    sund_by = Actor.model_validate(graphsvc.get_item("actors", "sund-by-netvaerket"))
    assert (sund_by.place, sund_by.place_level) == ("landsdækkende", "country")
    assert sund_by.member_kind == "municipality"
    assert [(c.count, c.on) for c in sund_by.member_counts] == [
        (20, None), (14, dt.date(2015, 1, 1)),
    ]  # fmt: skip
    assert sund_by.inferred_fields == []  # "rolle" is the participation's field
    assert actors.loc["metropol", "successor_id"] == "koebenhavns-professionshoejskole"
    assert actors.loc["koebenhavns-professionshoejskole", "name"] == (
        "Københavns Professionshøjskole"
    )


def test_bad_new_cells_are_named_by_file_row_and_column(graphsvc: Graphsvc, tmp_path: Path) -> None:
    path = tmp_path / "fejl.csv"
    path.write_text(
        "Organisation;Projekt;Beløb;Valuta;Udledt;Antal medlemmer\n"
        "A;P;100;USD;;\n"
        "B;P;100 NOK;EUR;farve;\n"
        "C;P;;;;mange\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as caught:
        graphsvc.import_paths([path])
    found = {(p.file, p.row, p.column): p.message for p in caught.value.details}
    assert "no currency" in found[("fejl.csv", 2, "Valuta")]
    assert "in NOK, the currency column says EUR" in found[("fejl.csv", 3, "Beløb")]
    assert "names no field" in found[("fejl.csv", 3, "Udledt")]
    assert "no member count" in found[("fejl.csv", 4, "Antal medlemmer")]


def test_an_edge_list_with_projects_money_and_a_proposer(
    graphsvc: Graphsvc, tmp_path: Path
) -> None:
    path = tmp_path / "baand.csv"
    path.write_text(
        "Source,Target,Type,Projekter,Beløb,Støtteform,Status,Foreslået af,Fra,Til\n"
        "TrygFonden,Børns Vilkår,partnerskab,Børnerådgiveruddannelsen,,,,,2012,2014\n"
        "Ministeriet,Kommunen,tilsyn,,,,,,,\n"
        "TrygFonden,Skolen,finansiering,Legepatruljen,50.000 kr.,pulje,forslag,Kommunen,,\n",
        encoding="utf-8",
    )
    graphsvc.import_paths([path])
    ties = graphsvc.tables()["collaborations"].set_index("id")
    partnership = ties.loc["c-boerns-vilkaar-trygfonden-partnership"]
    assert list(partnership["project_ids"]) == ["boerneraadgiveruddannelsen"]
    assert (partnership["start_date"], partnership["end_date"]) == ("2012-01-01", "2014-12-31")
    assert partnership["end_precision"] == "year"
    assert ties.loc["c-kommunen-ministeriet-oversight", "kind"] == "oversight"
    funding = ties.loc["c-skolen-trygfonden-funding"]
    assert (funding["amount"], funding["currency"], funding["support"]) == (
        50000.0, "DKK", "public_pool",
    )  # fmt: skip
    assert (funding["status"], funding["proposed_by"]) == ("proposed", "Kommunen")
    assert graphsvc.get_item("projects", "legepatruljen") is not None
