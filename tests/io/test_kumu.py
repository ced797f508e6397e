"""Kumu workbooks: one made with openpyxl after Kumu's import guide reads with its sheets'
roles; graphsvc's Kumu export opens in openpyxl with Kumu's columns and maps back."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from graphsvc.io.formats import DEFAULT_LIMITS, format_for, kumu
from graphsvc.io.mapping import map_tables, resolve_mapping
from graphsvc.io.tables import Tables, validate
from tests.io.graphhelpers import read_file


def _kumu_workbook(path: Path) -> Path:
    """Elements, Connections and an "(ignore)" sheet, as Kumu's guide lays them out."""
    book = openpyxl.Workbook()
    elements = book.active
    elements.title = "Elements"
    for row in [
        ["Label", "Type", "Description", "Tags", "Kommune"],
        ["Middelfart Kommune", "Kommune", "Projektejer", "jobcenter|beskæftigelse", "Middelfart"],
        ["Frivilligcenter Middelfart", "Frivilligcenter", None, "frivillige", "Middelfart"],
        ["TrygFonden", "Fond", None, None, "København"],
    ]:
        elements.append(row)
    connections = book.create_sheet("Connections")
    for row in [
        ["From", "To", "Type", "Direction", "Strength", "Siden"],
        ["Middelfart Kommune", "Frivilligcenter Middelfart", "Partnerskab", "mutual", 2, 2010],
        ["TrygFonden", "Frivilligcenter Middelfart", "Bevilling", "directed", 1, None],
    ]:
        connections.append(row)
    notes = book.create_sheet("Noter (ignore)")
    notes.append(["Label", "Note"])
    notes.append(["x", "arbejdsnoter, ikke data"])
    book.save(path)
    return path


def test_a_kumu_workbook_reads_with_roles(tmp_path: Path) -> None:
    tables = read_file(_kumu_workbook(tmp_path / "kumu.xlsx"))
    assert set(tables) == {"nodes", "edges"}  # the "(ignore)" sheet is skipped
    nodes, edges = tables["nodes"], tables["edges"]
    assert (nodes.name, edges.name) == ("Elements", "Connections")
    assert nodes.columns == ["Label", "Type", "Description", "Tags", "Kommune"]  # Kumu's names
    assert nodes.rows[0]["Tags"] == "jobcenter|beskæftigelse"  # split by the mapping
    assert [(r["From"], r["To"], r["Direction"], r["Strength"]) for r in edges.rows] == [
        ("Middelfart Kommune", "Frivilligcenter Middelfart", "mutual", "2"),
        ("TrygFonden", "Frivilligcenter Middelfart", "directed", "1"),
    ]


def test_a_kumu_workbook_maps_to_actors_and_collaborations(tmp_path: Path) -> None:
    sheets = read_file(_kumu_workbook(tmp_path / "kumu.xlsx"))
    raw = [sheets["nodes"], sheets["edges"]]
    mapped = map_tables(raw, resolve_mapping(raw, None))
    assert mapped.problems == []
    valid = validate(mapped.tables).to_frames()
    actors = valid["actors"].set_index("name")
    assert list(actors.index) == ["Middelfart Kommune", "Frivilligcenter Middelfart", "TrygFonden"]
    assert list(actors["kind"]) == ["municipality", "volunteer_centre", "foundation"]
    assert actors.loc["Middelfart Kommune", "tags"] == ["jobcenter", "beskæftigelse"]
    assert actors.loc["Middelfart Kommune", "locality"] == "DK-410"
    ties = valid["collaborations"]
    assert sorted(zip(ties["kind"], ties["directed"], ties["weight"], strict=True)) == [
        ("funding", True, 1.0),
        ("partnership", False, 2.0),
    ]


def test_an_ordinary_workbook_passes_through_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "kort.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Ark1"
    book.active.append(["Organisation", "Kommune"])
    book.active.append(["Æblehaven", "Ærø"])
    book.save(path)
    (table,) = format_for(path).read(path, DEFAULT_LIMITS)
    assert (table.name, table.role, table.rows) == (
        "Ark1",
        None,
        [{"Organisation": "Æblehaven", "Kommune": "Ærø"}],
    )


def test_export_has_kumus_sheets_and_columns(mini_tables: Tables, tmp_path: Path) -> None:
    (path,) = kumu.write(mini_tables, tmp_path / "kumu.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Elements", "Connections"]
    rows = list(book["Elements"].values)
    header = rows[0]
    assert header[:5] == ("Label", "Type", "Description", "Tags", "ID")
    elements = {row[header.index("ID")]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert len(elements) == 7
    kommune = elements["middelfart-kommune"]
    assert (kommune["Label"], kommune["Type"], kommune["Tags"]) == (
        "Middelfart Kommune",
        "actor",
        "kommune|jobcenter",
    )
    assert (kommune["kind"], kommune["locality"]) == ("municipality", "DK-410")
    assert elements["legepatruljen"]["Type"] == "project"
    assert elements["legepatruljen"]["localities"] == "DK-410|DK-492"
    assert elements["legepatruljen"]["start_date"] == "2008-01-01"
    rows = list(book["Connections"].values)
    header = rows[0]
    assert header[:5] == ("From", "To", "Type", "Direction", "Strength")
    connections = {row[header.index("ID")]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert len(connections) == 8
    funding = connections["c-trygfonden-forening"]
    assert (funding["From"], funding["To"], funding["Type"], funding["Direction"]) == (
        "TrygFonden",
        'Æblehavens "Gamle" Boldklub – Ærø',  # by label, as Kumu matches elements
        "funding",
        "directed",
    )
    assert connections["c-kommune-frivilligcenter"]["Strength"] == 2
    assert connections["p-legepatruljen-trygfonden"]["Type"] == "funder"
    assert connections["p-legepatruljen-trygfonden"]["amount"] == 250000
    assert connections["p-legepatruljen-trygfonden"]["currency"] == "DKK"


def test_a_shared_label_is_referred_to_by_id(mini_tables: Tables, tmp_path: Path) -> None:
    actors = mini_tables["actors"]
    actors.loc[actors["id"] == "trygfonden", "name"] = "Middelfart Kommune"
    (path,) = kumu.write(mini_tables, tmp_path / "kumu.xlsx")
    rows = list(openpyxl.load_workbook(path)["Connections"].values)
    header = rows[0]
    funding = next(r for r in rows if r[header.index("ID")] == "c-trygfonden-forening")
    assert funding[header.index("From")] == "trygfonden"


def test_export_maps_back_with_what_kumu_holds(mini_tables: Tables, tmp_path: Path) -> None:
    """Kumu keeps labels, types, descriptions, tags, ends, direction, strength and free
    fields: the import gets the same actors, projects and ties back from them."""
    (path,) = kumu.write(mini_tables, tmp_path / "kumu.xlsx")
    raw = format_for(path).read(path, DEFAULT_LIMITS)
    mapped = map_tables(raw, resolve_mapping(raw, None))
    assert mapped.problems == []
    back = validate(mapped.tables).to_frames()
    assert {name: len(frame) for name, frame in back.items()} == {
        "actors": 5, "projects": 2, "participations": 5, "collaborations": 3, "agreements": 0,
    }  # fmt: skip
    for column in ("name", "kind", "sector", "scale", "locality", "tags", "is_person"):
        assert sorted(map(str, back["actors"][column])) == sorted(
            map(str, mini_tables["actors"][column])
        )
    assert sorted(back["projects"]["theme"]) == sorted(mini_tables["projects"]["theme"])
    assert _participations(back) == _participations(mini_tables)
    assert _collaborations(back) == _collaborations(mini_tables)


def _names(tables: Tables) -> dict[str, str]:
    return {
        row["id"]: row["name"]
        for table in ("actors", "projects")
        for row in tables[table].to_dict("records")
    }


def _participations(tables: Tables) -> list[tuple[str, ...]]:
    """Each participation by the names of its ends (ids are made anew from names)."""
    name = _names(tables)
    return sorted(
        (name[r["actor_id"]], name[r["project_id"]], r["role"], str(r["start_date"]))
        for r in tables["participations"].to_dict("records")
    )


def _collaborations(tables: Tables) -> list[tuple[object, ...]]:
    name = _names(tables)
    out = []
    for r in tables["collaborations"].to_dict("records"):
        ends = (name[r["source_id"]], name[r["target_id"]])
        ends = ends if r["directed"] else tuple(sorted(ends))
        dates = (str(r["start_date"]), str(r["end_date"]))
        out.append((*ends, r["kind"], bool(r["directed"]), float(r["weight"]), *dates))
    return sorted(out)
