"""Reading a planner's spreadsheet of 100,000 rows: graphsvc's CSV and XLSX readers.

Writes a Danish spreadsheet (eight columns: Organisation, Type, Kommune, Partner with two
partners a cell, Projekt, Rolle, Start as 31-12-2014, Bemærkninger with æøå) as a
cp1252 ``;`` CSV, as Danish Excel saves it, and as an XLSX with shared strings (as Excel
writes them), then times:

- ``formats.csv.read`` next to the standard library's ``csv.DictReader`` on the same file
  (what the four-table path read with before);
- ``formats.xlsx.read`` next to ``pandas.read_excel`` (openpyxl; the four-table path's
  XLSX reader before) with ``--pandas`` (slow: minutes).

    python bench/sheets_bench.py [--rows 100000] [--pandas]
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
import zipfile
from pathlib import Path

import pandas as pd

from graphsvc.io.formats import csv as csv_format
from graphsvc.io.formats import xlsx as xlsx_format

HEADER = ["Organisation", "Type", "Kommune", "Partner", "Projekt", "Rolle", "Start",
          "Bemærkninger"]  # fmt: skip
KINDS = ["Kommune", "Forening", "Fond", "Frivilligcenter", "Skole", "Boligorganisation"]


def rows(count: int) -> list[list[str]]:
    pick = random.Random(0)
    return [
        [f"Forening nr. {i} Æblø", pick.choice(KINDS), "Middelfart",
         f"Partner {pick.randrange(5000)}; Partner {pick.randrange(5000)}",
         f"Projekt {pick.randrange(2000)}", "Partner", "31-12-2014", "Søndag, børn & unge"]
        for i in range(count)
    ]  # fmt: skip


def write_xlsx(path: Path, table: list[list[str]]) -> None:
    """An XLSX as Excel writes it: text in the shared strings, cells by reference."""
    strings: dict[str, int] = {}
    lines = []
    for number, row in enumerate([HEADER, *table], start=1):
        cells = "".join(
            f'<c r="{chr(65 + i)}{number}" t="s"><v>{strings.setdefault(v, len(strings))}</v></c>'
            for i, v in enumerate(row)
        )
        lines.append(f'<row r="{number}">{cells}</row>')
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    escaped = (s.replace("&", "&amp;").replace("<", "&lt;") for s in strings)
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.sharedStrings+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
            '<sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        ),
        "xl/sharedStrings.xml": (
            f'<sst xmlns="{main}">' + "".join(f"<si><t>{s}</t></si>" for s in escaped) + "</sst>"
        ),
        "xl/worksheets/sheet1.xml": (
            f'<worksheet xmlns="{main}"><sheetData>' + "".join(lines) + "</sheetData></worksheet>"
        ),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)


def timed(label: str, count: int, action) -> None:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    action()
    seconds = time.perf_counter() - start
    print(f"{label:<42} {seconds:7.2f} s  {count / seconds:>9,.0f} rows/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--pandas", action="store_true", help="also time pandas.read_excel")
    args = parser.parse_args()
    table = rows(args.rows)
    with tempfile.TemporaryDirectory(prefix="graphsvc-sheets-") as tmp:
        sheet_csv = Path(tmp) / "kort.csv"
        with sheet_csv.open("w", encoding="cp1252", newline="") as handle:
            csv.writer(handle, delimiter=";", lineterminator="\r\n").writerows([HEADER, *table])
        sheet_xlsx = Path(tmp) / "kort.xlsx"
        write_xlsx(sheet_xlsx, table)

        def dict_reader() -> None:
            with sheet_csv.open(encoding="cp1252", newline="") as handle:
                list(csv.DictReader(handle, delimiter=";"))

        print(f"{args.rows:,} rows of {len(HEADER)} columns")
        timed("csv.DictReader (cp1252 and ; given)", args.rows, dict_reader)
        timed("formats.csv.read (sniffed)", args.rows, lambda: csv_format.read(sheet_csv))
        timed("formats.xlsx.read", args.rows, lambda: xlsx_format.read(sheet_xlsx))
        if args.pandas:
            timed("pandas.read_excel (openpyxl)", args.rows,
                  lambda: pd.read_excel(sheet_xlsx, dtype=object))  # fmt: skip


if __name__ == "__main__":
    main()
