"""XLSX workbooks as planners keep them, written in the test with openpyxl (and, where
openpyxl cannot write what Excel does, with the sheet XML as Excel writes it)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from graphsvc.errors import ValidationError
from graphsvc.io.formats import Limits, format_for
from graphsvc.io.formats import kumu as kumu_format
from graphsvc.io.formats import xlsx as xlsx_format
from graphsvc.io.tables import COLUMNS, TABLES, empty_tables


def _book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def _replace_member(path: Path, member: str, old: bytes, new: bytes) -> None:
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    assert old in parts[member], (member, old)
    parts[member] = parts[member].replace(old, new)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def test_any_sheet_names_and_extra_sheets(tmp_path: Path) -> None:
    path = _book(
        tmp_path / "kort.xlsx",
        {
            "Aktører 2024": [["Navn", "Type"], ["Æblehaven", "Forening"]],
            "Noter (ignore)": [["Kladde"], ["skal ikke med"]],
            "Tom": [],
            "Samarbejder": [["Fra", "Til"], ["Æblehaven", "Ærø Kommune"]],
        },
    )
    tables = xlsx_format.read(path)
    assert [(t.name, t.file) for t in tables] == [
        ("Aktører 2024", "kort.xlsx[Aktører 2024]"),
        ("Samarbejder", "kort.xlsx[Samarbejder]"),
    ]
    assert tables[0].rows == [{"Navn": "Æblehaven", "Type": "Forening"}]
    assert tables[1].columns == ["Fra", "Til"] and tables[1].role is None


def test_values_as_text(tmp_path: Path) -> None:
    path = _book(
        tmp_path / "værdier.xlsx",
        {
            "Ark1": [
                ["Navn", "Start", "Tidspunkt", "Antal", "Beløb", "Aktiv", "CVR"],
                ["A", dt.date(2014, 12, 31), dt.datetime(2022, 8, 1, 9, 30), 3, 1500.5, True,
                 12345678],
                ["B", dt.datetime(2020, 1, 1), None, 3.0, -2, False, "01234567"],
            ]
        },
    )  # fmt: skip
    [table] = xlsx_format.read(path)
    assert table.rows == [
        {"Navn": "A", "Start": "2014-12-31", "Tidspunkt": "2022-08-01 09:30:00", "Antal": "3",
         "Beløb": "1500.5", "Aktiv": "true", "CVR": "12345678"},
        {"Navn": "B", "Start": "2020-01-01", "Tidspunkt": "", "Antal": "3", "Beløb": "-2",
         "Aktiv": "false", "CVR": "01234567"},
    ]  # fmt: skip


def test_danish_date_format_and_1904_epoch(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.epoch = openpyxl.utils.datetime.MAC_EPOCH
    sheet = workbook.active
    sheet.append(["Navn", "Start"])
    sheet.append(["A", dt.date(2014, 12, 31)])
    sheet["B2"].number_format = "dd-mm-yyyy"
    workbook.save(tmp_path / "mac.xlsx")
    [table] = xlsx_format.read(tmp_path / "mac.xlsx")
    assert table.rows == [{"Navn": "A", "Start": "2014-12-31"}]


def test_blank_rows_and_real_row_numbers(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["B3"], sheet["C3"] = "Navn", "Kommune"
    sheet["B4"], sheet["C4"] = "A", "Ærø"
    sheet["B7"] = "B"
    sheet["C8"] = "   "  # only spaces: blank
    sheet["C9"] = "Køge"
    workbook.save(tmp_path / "huller.xlsx")
    [table] = xlsx_format.read(tmp_path / "huller.xlsx")
    assert table.header_row == 3 and table.columns == ["Navn", "Kommune"]
    assert table.rows == [
        {"Navn": "A", "Kommune": "Ærø"},
        {"Navn": "B", "Kommune": ""},
        {"Navn": "", "Kommune": "Køge"},
    ]
    assert table.row_numbers == [4, 7, 9] and table.first_row == 4


def test_merged_cells_fill_each_row_of_the_group(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Projekt", "Partner", "Rolle", None])
    sheet.append(["Legepatruljen", "Middelfart Kommune", "Projektejer"])
    sheet.append([None, "TrygFonden", "Bevillingsgiver"])
    sheet.append([None, "Æblehaven", "Partner"])
    sheet.append(["Mentorer", "Frivilligcenter", "Partner"])
    sheet.append([None, "Jobcenter", None])
    sheet.merge_cells("A2:A4")  # a project merged down its group of partners
    sheet.merge_cells("A5:A9")  # past the last row with data
    sheet.merge_cells("C5:C6")
    sheet["E1"] = "Periode"
    sheet.merge_cells("E1:F1")  # a header merged across: only E keeps the name
    sheet["E2"], sheet["F3"] = "2014", "2015"
    sheet.merge_cells("E2:F2")
    workbook.save(tmp_path / "grupper.xlsx")
    [table] = xlsx_format.read(tmp_path / "grupper.xlsx")
    assert table.columns == ["Projekt", "Partner", "Rolle", "Periode", "column F"]
    assert [(r["Projekt"], r["Partner"], r["Rolle"]) for r in table.rows] == [
        ("Legepatruljen", "Middelfart Kommune", "Projektejer"),
        ("Legepatruljen", "TrygFonden", "Bevillingsgiver"),
        ("Legepatruljen", "Æblehaven", "Partner"),
        ("Mentorer", "Frivilligcenter", "Partner"),
        ("Mentorer", "Jobcenter", "Partner"),
    ]
    assert [(r["Periode"], r["column F"]) for r in table.rows[:2]] == [
        ("2014", "2014"),
        ("", "2015"),
    ]
    assert table.row_numbers is None and table.first_row == 2


def test_formulas_give_the_value_excel_saved(tmp_path: Path) -> None:
    path = _book(tmp_path / "formler.xlsx", {"Ark1": [["Navn", "Antal"], ["A", 3]]})
    # Excel stores a formula with its last value; openpyxl cannot write one, so the sheet
    # XML is written as Excel writes it.
    _replace_member(
        path,
        "xl/worksheets/sheet1.xml",
        b'<c r="B2" t="n"><v>3</v></c>',
        b'<c r="B2"><f>1+2</f><v>3</v></c><c r="C2" t="str"><f>A2&amp;"!"</f><v>A!</v></c>',
    )
    [table] = xlsx_format.read(path)
    assert table.rows == [{"Navn": "A", "Antal": "3", "column C": "A!"}]


def test_duplicate_header_names(tmp_path: Path) -> None:
    path = _book(tmp_path / "dubletter.xlsx", {"Ark1": [["Navn", "Partner", "Partner"],
                                                         ["A", "B", "C"]]})  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        xlsx_format.read(path)
    [problem] = caught.value.details
    assert (problem.file, problem.row, problem.column) == ("dubletter.xlsx[Ark1]", 1, "Partner")


def test_a_workbook_without_data(tmp_path: Path) -> None:
    path = _book(tmp_path / "tom.xlsx", {"Ark1": [], "Ark2 (ignore)": [["x"]]})
    with pytest.raises(ValidationError, match=r"tom\.xlsx: the workbook has no sheet with data"):
        xlsx_format.read(path)


def test_limits_stop_the_reader(tmp_path: Path) -> None:
    rows = [["Navn", "Nr"]] + [[f"a{i}", i] for i in range(20)]
    path = _book(tmp_path / "mange.xlsx", {"Ark1": rows})
    assert len(xlsx_format.read(path, Limits(max_rows=20))[0].rows) == 20
    with pytest.raises(ValidationError, match="the limit is 19 rows") as caught:
        xlsx_format.read(path, Limits(max_rows=19))
    assert caught.value.details[0].file == "mange.xlsx[Ark1]"
    with pytest.raises(ValidationError, match="the limit is 1 columns"):
        xlsx_format.read(path, Limits(max_columns=1))
    with pytest.raises(ValidationError, match="more than 30 cells"):
        xlsx_format.read(path, Limits(max_cells=30))


def test_registered_by_suffix() -> None:
    # .xlsx passes through the Kumu module, which reads with this reader and only marks
    # the roles of Kumu's Elements and Connections sheets (tests/io/test_kumu.py).
    assert format_for(Path("kort.XLSX")) is kumu_format
    assert format_for(Path("kort.xlsm")) is xlsx_format


def test_export_stores_formula_like_text_as_text(tmp_path: Path) -> None:
    tables = empty_tables()
    evil = '=HYPERLINK("http://evil.example","klik")'
    tables["actors"] = pd.DataFrame(
        [{c: None for c in COLUMNS["actors"]} | {"id": "a", "name": evil}],
        columns=COLUMNS["actors"],
    )
    [path] = xlsx_format.write(tables, tmp_path / "ud.xlsx")
    sheet = openpyxl.load_workbook(path)["actors"]
    assert (sheet["B2"].value, sheet["B2"].data_type) == (evil, "s")
    read_back = {t.name: t for t in xlsx_format.read(path)}
    # the agreements sheet is written only when it has rows
    assert list(read_back) == [name for name in TABLES if name != "agreements"]
    assert read_back["actors"].rows[0]["name"] == evil
