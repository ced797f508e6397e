"""The mapping step: files as planners and other tools write them, made here with openpyxl,
csv and networkx, imported into a real store; the stored actors and ties are checked."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import openpyxl
import pytest

from graphsvc.core import Graphsvc
from graphsvc.errors import ValidationError
from graphsvc.io import values
from graphsvc.io.mapping import Mapping, detect_mapping
from graphsvc.io.tables import RawTable

# ---------------------------------------------------------------- values people type


@pytest.mark.parametrize(
    ("text", "locality"),
    [
        ("Middelfart", "DK-410"),
        ("Middelfart Kommune", "DK-410"),
        ("middelfart kommune ", "DK-410"),
        ("Københavns Kommune", "DK-101"),
        ("Århus", "DK-751"),
        ("Nordfyns Kommune", "DK-480"),
        ("Bornholms Regionskommune", "DK-400"),
        ("Arendal kommune", "NO-4203"),
        ("DK-410", "DK-410"),
        ("410", "DK-410"),
        ("Midtfyn", None),
    ],
)
def test_municipalities_by_name(text: str, locality: str | None) -> None:
    assert values.locality_from_text(text) == locality


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("31-12-2014", "2014-12-31", "2014-12-31", "day"),
        ("31.12.2014", "2014-12-31", "2014-12-31", "day"),
        ("1/2/2015", "2015-02-01", "2015-02-01", "day"),
        ("2014", "2014-01-01", "2014-12-31", "year"),
        ("aug. 2022", "2022-08-01", "2022-08-31", "month"),
        ("februar 2024", "2024-02-01", "2024-02-29", "month"),
        ("3. maj 2021", "2021-05-03", "2021-05-03", "day"),
        ("2014-12-31", "2014-12-31", "2014-12-31", "day"),
        ("41640", "2014-01-01", "2014-01-01", "day"),  # Excel's serial of 1 January 2014
    ],
)
def test_danish_dates(text: str, start: str, end: str, precision: str) -> None:
    assert values.parse_date(text) == (start, precision)
    assert values.parse_date(text, end=True) == (end, precision)


def test_dates_that_are_no_dates() -> None:
    for text in ("snart", "31-02-2014", "13.13.2013"):
        with pytest.raises(ValueError, match="not a date"):
            values.parse_date(text)


def test_amounts_kinds_roles_and_slugs() -> None:
    assert values.parse_amount("50.000 kr.") == 50_000
    assert values.parse_amount("1.250.000,50") == 1_250_000.5
    assert values.parse_amount("1,5 mio.") == 1_500_000
    assert values.kind_from_text("Frivilligcenter") == "volunteer_centre"
    assert values.kind_from_text("Egmont Fonden") == "foundation"
    assert values.kind_from_text("Boligorganisation") == "housing_organisation"
    assert values.kind_from_text("Gymnasium") == "school"
    assert values.kind_from_text("Uddannelsesinstitution") == "school"
    assert values.word("Bevillingsgiver", values.ROLE_WORDS) == "funder"
    assert values.word("Projektejer", values.ROLE_WORDS) == "lead"
    assert values.slugify("Æblehaven Frivilligcenter") == "aeblehaven-frivilligcenter"
    assert values.slugify("Ørbæk Idrætsforening") == "oerbaek-idraetsforening"
    assert values.name_key("Middelfart") == values.name_key(" MIDDELFART  kommune")


def test_several_names_in_a_cell() -> None:
    assert values.split_names("DGI; Egmont Fonden | TrygFonden") == [
        "DGI",
        "Egmont Fonden",
        "TrygFonden",
    ]
    known = {values.name_key("DGI"), values.name_key("TrygFonden")}
    assert values.split_names("DGI og TrygFonden", known) == ["DGI", "TrygFonden"]
    # "og" inside a name stays when the halves are no known names
    assert values.split_names("Børn og Unge", known) == ["Børn og Unge"]


# ---------------------------------------------------------------- detection


def _sheet(columns: list[str], rows: list[list[str]], name: str = "Ark1") -> RawTable:
    return RawTable(
        name, f"kort.xlsx[{name}]", columns, [dict(zip(columns, r, strict=True)) for r in rows]
    )


def test_english_headers_and_values_decide() -> None:
    sheet = _sheet(
        ["Name", "Kind", "Municipality", "Partners", "Project", "Role", "From", "To", "Phone"],
        [["DGI", "Association", "Vejle", "", "Mentors", "Lead", "2014", "2015", "12345678"]],
    )
    [mapped] = detect_mapping([sheet]).sheets
    assert mapped.shape == "rows"
    assert [(c.target, c.decided_by) for c in mapped.columns] == [
        ("name", "header"),
        ("kind", "header"),
        ("locality", "header"),
        ("partner", "header"),
        ("project", "header"),
        ("role", "header"),
        ("start", "header"),
        ("end", "header"),
        ("attribute", "default"),
    ]


def test_from_to_of_names_are_an_edge_list() -> None:
    sheet = _sheet(["Fra", "Til", "Type"], [["DGI", "Middelfart", "Partnerskab"]])
    [mapped] = detect_mapping([sheet]).sheets
    assert mapped.shape == "edges"
    assert [c.target for c in mapped.columns] == ["source", "target", "tie_kind"]


def test_a_mapping_survives_toml() -> None:
    sheet = _sheet(["Organisation", "Kommune"], [["DGI", "Vejle"]])
    mapping = detect_mapping([sheet])
    again = Mapping.parse(mapping.to_toml())
    assert again.sheets[0].columns[1].target == "locality"
    assert again.sheets[0].columns[1].decided_by == "mapping"
    with pytest.raises(ValidationError, match="not a TOML or JSON mapping"):
        Mapping.parse("[[sheets", "kort.toml")


# ---------------------------------------------------------------- files into the store


def _stored(graphsvc: Graphsvc) -> dict[str, dict[str, dict[str, object]]]:
    tables = graphsvc.tables()
    return {
        name: {row["id"]: row for row in frame.to_dict("records")} for name, frame in tables.items()
    }


def _planner_workbook(path: Path) -> Path:
    """A planner's sheet as Excel keeps it: a group's name in merged cells, a blank row, a
    duplicate row, real dates and Danish date texts, several partners in a cell, an extra
    sheet of notes."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Partnere 2024"
    sheet.append(
        ["Organisation", "Aktørtype", "Kommune", "Samarbejdspartner", "Projekt", "Rolle",
         "Fra", "Til", "Beløb", "Bemærkninger", "Kontaktperson"]
    )  # fmt: skip
    sheet.append(
        ["Middelfart Kommune", "Kommune", "Middelfart", "Frivilligcenter Middelfart; DGI",
         "Mentorordningen", "Projektejer", "01-08-2012", "2014", "", "Jobcenteret", "Ulla"]
    )  # fmt: skip
    sheet.append(["", "", "", "", "Lektiecafé", "Partner", "aug. 2015", "", "", "", ""])
    sheet.merge_cells("A2:A3")
    sheet.append([])  # a blank row
    sheet.append(
        ["Frivilligcenter Middelfart", "Frivilligcenter", "Middelfart Kommune", "",
         "Mentorordningen", "Koordinator", "2012", "31.12.2014", "", "", ""]
    )  # fmt: skip
    sheet.append(
        ["Egmont Fonden", "Fond", "Københavns Kommune", "", "Lektiecafé", "Bevillingsgiver",
         "2015", "", "250.000 kr.", "", ""]
    )  # fmt: skip
    sheet.append(
        ["Egmont Fonden", "Fond", "Københavns Kommune", "", "Lektiecafé", "Bevillingsgiver",
         "2015", "", "250.000 kr.", "", ""]
    )  # fmt: skip  # the same row twice
    notes = book.create_sheet("Noter")
    notes.append(["Husk at ringe til DGI"])
    notes.append(["Opdateret af planlægger"])
    book.save(path)
    return path


def test_a_planners_workbook(graphsvc: Graphsvc, tmp_path: Path) -> None:
    path = _planner_workbook(tmp_path / "kort.xlsx")
    report = graphsvc.import_paths([path])
    assert report.created == {
        "actors": 4, "projects": 2, "participations": 4, "collaborations": 2, "agreements": 0,
    }  # fmt: skip
    stored = _stored(graphsvc)
    actors = stored["actors"]
    assert sorted(actors) == [
        "dgi", "egmont-fonden", "frivilligcenter-middelfart", "middelfart-kommune",
    ]  # fmt: skip
    kommune = actors["middelfart-kommune"]
    assert (kommune["name"], kommune["kind"], kommune["sector"], kommune["scale"]) == (
        "Middelfart Kommune", "municipality", "public", "municipal",
    )  # fmt: skip
    assert kommune["locality"] == "DK-410" and kommune["evidence"] == "inferred"
    assert json.loads(str(kommune["attributes"])) == {"Kontaktperson": "Ulla"}
    fond = actors["egmont-fonden"]
    assert (fond["kind"], fond["sector"], fond["locality"]) == (
        "foundation", "philanthropic", "DK-101",
    )  # fmt: skip
    # DGI is only named as a partner: an actor of unknown kind, marked as inferred.
    assert (actors["dgi"]["kind"], actors["dgi"]["evidence"]) == ("other", "inferred")
    ties = stored["participations"]
    lead = ties["p-mentorordningen-middelfart-kommune-lead"]
    assert (lead["start_date"], lead["end_date"], lead["description"]) == (
        "2012-08-01", "2014-12-31", "Jobcenteret",
    )  # fmt: skip
    merged = ties["p-lektiecafe-middelfart-kommune-partner"]  # the row below the merged cell
    assert merged["start_date"] == "2015-08-01"
    funder = ties["p-lektiecafe-egmont-fonden-funder"]
    assert (funder["amount"], funder["currency"]) == (250_000.0, "DKK")
    assert funder["start_date"] == "2015-01-01"
    coordinator = ties["p-mentorordningen-frivilligcenter-middelfart-coordinator"]
    assert (coordinator["start_date"], coordinator["end_date"]) == ("2012-01-01", "2014-12-31")
    assert sorted(stored["collaborations"]) == [
        "c-dgi-middelfart-kommune-partnership",
        "c-frivilligcenter-middelfart-middelfart-kommune-partnership",
    ]
    assert stored["projects"]["lektiecafe"]["name"] == "Lektiecafé"

    # The same file again changes nothing.
    again = graphsvc.import_paths([path])
    assert again.changed == 0

    # A corrected file updates what changed: DGI now has its own row.
    book = openpyxl.load_workbook(path)
    book["Partnere 2024"].append(["DGI", "Landsorganisation", "Vejle"])
    book.save(path)
    corrected = graphsvc.import_paths([path])
    assert corrected.updated["actors"] == 1 and corrected.created == dict.fromkeys(
        corrected.created, 0
    )
    dgi = _stored(graphsvc)["actors"]["dgi"]
    assert (dgi["kind"], dgi["scale"], dgi["locality"]) == ("national_ngo", "national", "DK-630")


def test_a_danish_csv_with_semicolons_in_cp1252(graphsvc: Graphsvc, tmp_path: Path) -> None:
    text = (
        "Navn;Type;Kommune;Partnere;Start\r\n"
        "Ørbæk Idrætsforening;Forening;Nyborg;Nyborg Kommune og Ørbæk Skole;2019\r\n"
        ";;;;\r\n"
        "Ørbæk Skole;Skole;Nyborg;;\r\n"
        "ØRBÆK IDRÆTSFORENING ;Forening;Nyborg;;\r\n"
    )
    path = tmp_path / "foreninger.csv"
    path.write_bytes(text.encode("cp1252"))
    graphsvc.import_paths([path])
    stored = _stored(graphsvc)
    assert sorted(stored["actors"]) == [
        "nyborg-kommune", "oerbaek-idraetsforening", "oerbaek-skole",
    ]  # fmt: skip
    assert stored["actors"]["oerbaek-idraetsforening"]["name"] == "Ørbæk Idrætsforening"
    assert stored["actors"]["oerbaek-skole"]["kind"] == "school"
    # "A og B" split because both are known names (one from its own row, one a municipality)
    ties = stored["collaborations"].values()
    assert {(c["source_id"], c["target_id"], c["start_date"]) for c in ties} == {
        ("nyborg-kommune", "oerbaek-idraetsforening", "2019-01-01"),
        ("oerbaek-idraetsforening", "oerbaek-skole", "2019-01-01"),
    }  # fmt: skip


def test_names_find_the_actors_already_stored(graphsvc: Graphsvc, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("Organisation;Samarbejdspartner\nÆblehaven;Middelfart\n", "utf-8")
    graphsvc.import_paths([path])
    # Stored data of an actor only named as a partner is left as it is.
    later = tmp_path / "b.csv"
    later.write_text("Organisation;Samarbejdspartner\nDGI;æblehaven\n", "utf-8")
    report = graphsvc.import_paths([later])
    assert report.created["actors"] == 1  # DGI; "æblehaven" is the stored "Æblehaven"
    assert report.updated["actors"] == 0
    assert set(_stored(graphsvc)["collaborations"]) == {
        "c-aeblehaven-middelfart-kommune-partnership",
        "c-aeblehaven-dgi-partnership",
    }


def test_problems_name_file_row_and_column(graphsvc: Graphsvc, tmp_path: Path) -> None:
    path = tmp_path / "kort.csv"
    path.write_text(
        "Organisation;Kommune;Start;Rolle;Projekt\n"
        "DGI;Vejel;2014;Partner;Mentor\n"
        "Egmont Fonden;København;snart;Kasserer;Mentor\n",
        "utf-8",
    )
    with pytest.raises(ValidationError) as caught:
        graphsvc.import_paths([path])
    where = [(p.file, p.row, p.column) for p in caught.value.details]
    assert where == [
        ("kort.csv", 2, "Kommune"),
        ("kort.csv", 3, "Start"),
        ("kort.csv", 3, "Rolle"),
    ]
    assert "did you mean Vejle" in caught.value.details[0].message
    assert graphsvc.counts()["actors"] == 0


def test_a_sheet_nothing_can_be_read_from_stops_the_import(
    graphsvc: Graphsvc, tmp_path: Path
) -> None:
    path = tmp_path / "noter.csv"
    path.write_text("Husk;Hvem\nRing til DGI;Ulla\n", "utf-8")
    with pytest.raises(ValidationError) as caught:
        graphsvc.import_paths([path])
    [problem] = caught.value.details
    assert problem.file == "noter.csv" and "target 'name'" in problem.message
    given = Mapping.parse(
        '[[sheets]]\nsheet = "noter.csv"\nshape = "rows"\n'
        '[[sheets.columns]]\ncolumn = "Hvem"\ntarget = "name"\n'
    )
    graphsvc.import_paths([path], mapping=given)
    ulla = _stored(graphsvc)["actors"]["ulla"]
    assert json.loads(str(ulla["attributes"])) == {"Husk": "Ring til DGI"}


def test_gephi_nodes_and_edges_csv_pair(graphsvc: Graphsvc, tmp_path: Path) -> None:
    (tmp_path / "nodes.csv").write_text(
        "Id,Label,Kommune,Modularity Class\n0,Middelfart Kommune,Middelfart,1\n"
        "1,Frivilligcenter Middelfart,Middelfart,1\n2,TrygFonden,Lyngby-Taarbæk,2\n",
        "utf-8",
    )
    (tmp_path / "edges.csv").write_text(
        "Source,Target,Type,Id,Weight\n0,1,Undirected,0,2.0\n2,1,Directed,1,1.0\n", "utf-8"
    )
    report = graphsvc.import_paths([tmp_path / "nodes.csv", tmp_path / "edges.csv"])
    assert report.created["actors"] == 3 and report.created["collaborations"] == 2
    stored = _stored(graphsvc)
    assert stored["actors"]["trygfonden"]["kind"] == "foundation"
    assert json.loads(str(stored["actors"]["trygfonden"]["attributes"])) == {
        "Modularity Class": "2"
    }
    mutual = stored["collaborations"]["c-frivilligcenter-middelfart-middelfart-kommune-partnership"]
    assert (mutual["directed"], mutual["weight"]) == (False, 2.0)
    funding = stored["collaborations"]["c-trygfonden-frivilligcenter-middelfart-partnership"]
    assert (funding["source_id"], funding["directed"]) == ("trygfonden", True)


def test_kumu_workbook(graphsvc: Graphsvc, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    elements = book.active
    elements.title = "Elements"
    elements.append(["Label", "Type", "Description", "Tags", "Kommune", "Website"])
    elements.append(["Hedensted Kommune", "Kommune", "Ejer af indsatsen", "offentlig|sundhed",
                     "Hedensted", "https://hedensted.dk"])  # fmt: skip
    elements.append(["Uldum IF", "Forening", "", "idræt", "Hedensted", ""])
    elements.append(["Alle børn er lige forskellige", "Projekt", "Samskabelse", "", "", ""])
    connections = book.create_sheet("Connections")
    connections.append(["From", "To", "Type", "Direction", "Strength"])
    connections.append(["Hedensted Kommune", "Uldum IF", "Partnerskab", "mutual", "3"])
    connections.append(["Uldum IF", "Alle børn er lige forskellige", "Partner", "directed", ""])
    book.create_sheet("Layout (ignore)").append(["x", "y"])
    path = tmp_path / "kumu.xlsx"
    book.save(path)
    graphsvc.import_paths([path])
    stored = _stored(graphsvc)
    assert sorted(stored["actors"]) == ["hedensted-kommune", "uldum-if"]
    hedensted = stored["actors"]["hedensted-kommune"]
    assert hedensted["tags"] == ["offentlig", "sundhed"]
    assert hedensted["website"] == "https://hedensted.dk"
    assert hedensted["description"] == "Ejer af indsatsen"
    assert list(stored["projects"]) == ["alle-boern-er-lige-forskellige"]
    [tie] = stored["collaborations"].values()
    assert (tie["kind"], tie["weight"], tie["directed"]) == ("partnership", 3.0, False)
    [part] = stored["participations"].values()
    assert (part["actor_id"], part["role"]) == ("uldum-if", "partner")


def test_networkx_bipartite_node_link(graphsvc: Graphsvc, tmp_path: Path) -> None:
    graph = nx.davis_southern_women_graph()
    path = tmp_path / "davis.json"
    path.write_text(json.dumps(nx.node_link_data(graph, edges="edges")), "utf-8")
    report = graphsvc.import_paths([path])
    # Reference: networkx's own graph has 18 women, 14 events and 89 ties.
    assert report.created == {
        "actors": 18, "projects": 14, "participations": 89, "collaborations": 0, "agreements": 0,
    }  # fmt: skip
    stored = _stored(graphsvc)
    assert stored["actors"]["evelyn-jefferson"]["name"] == "Evelyn Jefferson"
    assert stored["projects"]["e1"]["name"] == "E1"
    assert graphsvc.import_paths([path]).changed == 0


def test_plain_edge_list_without_header(graphsvc: Graphsvc, tmp_path: Path) -> None:
    path = tmp_path / "kanter.csv"
    path.write_text("Middelfart Kommune,DGI\nDGI,Frivilligcenter Middelfart\n", "utf-8")
    report = graphsvc.import_paths([path])
    assert report.created["actors"] == 3 and report.created["collaborations"] == 2
    assert set(_stored(graphsvc)["collaborations"]) == {
        "c-dgi-middelfart-kommune-partnership",
        "c-dgi-frivilligcenter-middelfart-partnership",
    }


def test_organisations_by_projects_matrix(graphsvc: Graphsvc, tmp_path: Path) -> None:
    path = tmp_path / "matrix.csv"
    path.write_text(
        "Organisation;Lektiecafé;Mentorordningen;Legepatruljen\n"
        "DGI;x;;Partner\nEgmont Fonden;Bevillingsgiver;;\nMiddelfart Kommune;;x;x\n",
        "utf-8",
    )
    report = graphsvc.import_paths([path])
    assert report.created["participations"] == 5 and report.created["projects"] == 3
    roles = {
        (p["actor_id"], p["project_id"], p["role"])
        for p in _stored(graphsvc)["participations"].values()
    }
    assert ("egmont-fonden", "lektiecafe", "funder") in roles
    assert ("dgi", "legepatruljen", "partner") in roles
    assert ("middelfart-kommune", "mentorordningen", "participant") in roles


def test_a_row_for_a_stored_actor_adds_to_it(graphsvc: Graphsvc, mini_dir: Path) -> None:
    graphsvc.import_paths([mini_dir])
    before = _stored(graphsvc)["actors"]
    stored_id, actor = next(iter(before.items()))
    sheet = mini_dir.parent / "kort.csv"
    sheet.write_text(f"Organisation;Kontaktperson\n{actor['name']};Ulla\n", "utf-8")
    report = graphsvc.import_paths([sheet])
    assert report.updated["actors"] == 1 and report.created["actors"] == 0
    after = _stored(graphsvc)["actors"][stored_id]
    # What the sheet does not say stays as stored (kind, sector, description, sources …).
    for column in ("kind", "sector", "scale", "locality", "description", "sources", "evidence"):
        assert after[column] == actor[column], column
    assert json.loads(str(after["attributes"])) == {"Kontaktperson": "Ulla"}
    assert graphsvc.import_paths([sheet]).changed == 0
