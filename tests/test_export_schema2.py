"""Exports carry every schema-2 field (#12): written, read back, the same items.

The mini data set plus one item of each table with every new field set (dates of each
precision, money in NOK and EUR with its kind, inferred fields, a tie's projects and
proposer, a group with member counts, a successor, places, part of / follows).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from graphsvc.core import Graphsvc
from graphsvc.dates import format_date
from tests.export_items import NEW_ITEMS


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("csv", "csv"),
        ("xlsx", "g.xlsx"),
        ("graphml", "g.graphml"),
        ("gexf", "g.gexf"),
        ("json", "g.json"),
    ],
)
def test_every_new_field_round_trips(
    graphsvc: Graphsvc, mini_dir: Path, tmp_path: Path, fmt: str, name: str
) -> None:
    graphsvc.import_paths([mini_dir])
    for table in ("projects", "actors", "participations", "collaborations"):
        graphsvc.create_item(table, NEW_ITEMS[table])
    before = {t: graphsvc.get_item(t, item["id"]) for t, item in NEW_ITEMS.items()}
    whole = graphsvc.tables()
    graphsvc.export(fmt, tmp_path / name, personal_data=True)
    graphsvc.reset()
    graphsvc.import_paths([tmp_path / name])
    after = {t: graphsvc.get_item(t, item["id"]) for t, item in NEW_ITEMS.items()}
    assert after == before, fmt
    again = graphsvc.tables()
    for table in whole:
        assert whole[table].equals(again[table]), f"{fmt}: {table} differs"
    # by value, as written: a year stays a year, NOK stays NOK
    project, tie = after["projects"], after["collaborations"]
    assert project is not None and tie is not None
    assert format_date(project["start_date"], project["start_precision"], "da") == "2014"
    assert format_date(tie["end_date"], tie["end_precision"], "en") == "2014"
    part = after["participations"]
    assert part is not None and (part["amount"], part["currency"]) == (1500000.5, "NOK")
    assert format_date(part["start_date"], part["start_precision"], "da") == "marts 2016"
    assert tie["project_ids"] == ["hr-berg", "legepatruljen"]


def test_kumu_connections_carry_money_and_projects(
    graphsvc: Graphsvc, mini_dir: Path, tmp_path: Path
) -> None:
    """Kumu matches by label, so it is no id-exact round trip: the fields are free fields."""
    graphsvc.import_paths([mini_dir])
    for table in ("projects", "actors", "participations", "collaborations"):
        graphsvc.create_item(table, NEW_ITEMS[table])
    graphsvc.export("kumu", tmp_path / "k.xlsx", personal_data=True)
    sheet = openpyxl.load_workbook(tmp_path / "k.xlsx")["Connections"]
    rows = list(sheet.values)
    header = list(rows[0])
    by_id = {row[header.index("ID")]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    part = by_id["p-sund-by-berg"]
    assert (part["amount"], part["currency"], part["support"]) == (1500000.5, "NOK", "cash_grant")
    tie = by_id["c-sund-by-kommune"]
    assert (tie["project_ids"], tie["proposed_by"]) == ("hr-berg|legepatruljen", "Frivilligrådet")
