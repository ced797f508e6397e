"""Imports: every error names file, row and column and writes nothing; re-imports change nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from graphsvc.core import Graphsvc
from graphsvc.errors import ValidationError

EMPTY = {"actors": 0, "projects": 0, "participations": 0, "collaborations": 0, "agreements": 0}
MINI_COUNTS = {
    "actors": 5,
    "projects": 2,
    "participations": 5,
    "collaborations": 3,
    "agreements": 0,
}


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def _problems(graphsvc: Graphsvc, *paths: Path) -> list[tuple]:
    with pytest.raises(ValidationError) as caught:
        graphsvc.import_paths(list(paths))
    assert "nothing was written" in caught.value.message or caught.value.details
    assert graphsvc.counts() == EMPTY, "a failed import must write nothing"
    return [(p.file, p.row, p.column, p.message) for p in caught.value.details]


def test_import_creates_everything_and_reports_it(graphsvc: Graphsvc, mini_dir: Path) -> None:
    report = graphsvc.import_paths([mini_dir])
    assert report.created == MINI_COUNTS
    assert graphsvc.counts() == MINI_COUNTS


def test_reimport_changes_nothing(graphsvc: Graphsvc, mini_dir: Path) -> None:
    graphsvc.import_paths([mini_dir])
    before = graphsvc.tables()
    report = graphsvc.import_paths([mini_dir])
    assert report.changed == 0
    assert report.unchanged == MINI_COUNTS
    after = graphsvc.tables()
    for table in before:
        assert before[table].equals(after[table]), table


def test_an_edited_row_is_an_update(graphsvc: Graphsvc, mini_dir: Path) -> None:
    graphsvc.import_paths([mini_dir])
    _replace(mini_dir / "actors.csv", "TrygFonden,foundation", "TrygFonden (ny),foundation")
    report = graphsvc.import_paths([mini_dir])
    assert report.updated["actors"] == 1 and report.changed == 1
    names = graphsvc.tables()["actors"].set_index("id")["name"]
    assert names["trygfonden"] == "TrygFonden (ny)"


def test_a_tie_moved_to_other_actors_is_not_duplicated(graphsvc: Graphsvc, mini_dir: Path) -> None:
    graphsvc.import_paths([mini_dir])
    _replace(
        mini_dir / "collaborations.csv",
        "c-trygfonden-forening,trygfonden,aeblehaven-forening",
        "c-trygfonden-forening,trygfonden,middelfart-kommune",
    )
    report = graphsvc.import_paths([mini_dir])
    assert report.updated["collaborations"] == 1
    ties = graphsvc.tables()["collaborations"].set_index("id")
    assert len(ties) == 3
    assert ties.loc["c-trygfonden-forening", "target_id"] == "middelfart-kommune"


def test_dry_run_writes_nothing(graphsvc: Graphsvc, mini_dir: Path) -> None:
    report = graphsvc.import_paths([mini_dir], dry_run=True)
    assert report.dry_run and report.created == MINI_COUNTS
    assert graphsvc.counts() == EMPTY


def test_danish_letters_and_quotes_survive(graphsvc: Graphsvc, mini_dir: Path) -> None:
    graphsvc.import_paths([mini_dir])
    actor = graphsvc.tables()["actors"].set_index("id").loc["aeblehaven-forening"]
    assert actor["name"] == 'Æblehavens "Gamle" Boldklub – Ærø'
    assert actor["description"] == 'Navn med æ, ø, å og "citater"'
    assert actor["tags"] == ["idræt", "børn"]
    assert actor["source_passage"] == '"Lokale idrætsforeninger"'


def test_injection_attempt_in_a_name_is_stored_as_text(graphsvc: Graphsvc, mini_dir: Path) -> None:
    evil = "x'}) DETACH DELETE n //"
    _replace(mini_dir / "actors.csv", "TrygFonden,foundation", f'"{evil}",foundation')
    graphsvc.import_paths([mini_dir])
    assert graphsvc.counts() == MINI_COUNTS
    assert evil in set(graphsvc.tables()["actors"]["name"])


def test_tie_to_an_unknown_actor(graphsvc: Graphsvc, mini_dir: Path) -> None:
    _replace(
        mini_dir / "collaborations.csv",
        "mette-jensen,frivilligcenter",
        "mette-hansen,frivilligcenter",
    )
    assert _problems(graphsvc, mini_dir) == [
        (
            "collaborations.csv",
            3,
            "source_id",
            "unknown actor 'mette-hansen': not in this import nor in the graph",
        )
    ]


def test_ties_may_refer_to_actors_imported_earlier(graphsvc: Graphsvc, mini_dir: Path) -> None:
    graphsvc.import_paths([mini_dir / "actors.csv", mini_dir / "projects.csv"])
    report = graphsvc.import_paths(
        [mini_dir / "participations.csv", mini_dir / "collaborations.csv"]
    )
    assert report.created["participations"] == 5 and report.created["collaborations"] == 3


def test_duplicate_ids(graphsvc: Graphsvc, mini_dir: Path) -> None:
    with (mini_dir / "projects.csv").open("a", encoding="utf-8") as handle:
        handle.write("legepatruljen,Legepatruljen igen,health_prevention,,,,,,,,,\n")
    assert _problems(graphsvc, mini_dir) == [
        (
            "projects.csv",
            4,
            "id",
            "duplicate id 'legepatruljen' (first in projects.csv row 3)",
        )
    ]


def test_bad_dates(graphsvc: Graphsvc, mini_dir: Path) -> None:
    _replace(mini_dir / "projects.csv", "2010-01-01,,active", "2010-13-01,,active")
    _replace(mini_dir / "projects.csv", "2008-01-01,2014-12-31", "2015-01-01,2014-12-31")
    problems = _problems(graphsvc, mini_dir)
    assert problems[0][:3] == ("projects.csv", 2, "start_date")
    assert "valid date" in problems[0][3]
    assert problems[1] == (
        "projects.csv",
        3,
        None,
        "start_date 2015-01-01 is after end_date 2014-12-31",
    )


def test_unknown_municipality_code(graphsvc: Graphsvc, mini_dir: Path) -> None:
    _replace(mini_dir / "actors.csv", "municipal,DK-410", "municipal,DK-999")
    assert _problems(graphsvc, mini_dir) == [
        (
            "actors.csv",
            2,
            "locality",
            "unknown municipality code 'DK-999' (expected e.g. DK-101 or NO-4203)",
        )
    ]


def test_wrong_enum_value(graphsvc: Graphsvc, mini_dir: Path) -> None:
    _replace(mini_dir / "participations.csv", "legepatruljen,funder", "legepatruljen,sponsor")
    [(file, row, column, message)] = _problems(graphsvc, mini_dir)
    assert (file, row, column) == ("participations.csv", 5, "role")
    assert message.startswith("Input should be 'lead', 'process_owner'")


def test_wrong_boolean(graphsvc: Graphsvc, mini_dir: Path) -> None:
    _replace(mini_dir / "collaborations.csv", "mentoring,true", "mentoring,maybe")
    assert _problems(graphsvc, mini_dir) == [
        ("collaborations.csv", 3, "directed", "'maybe' is not a boolean (use true or false)")
    ]


def test_every_problem_is_reported_at_once(graphsvc: Graphsvc, mini_dir: Path) -> None:
    _replace(mini_dir / "actors.csv", "municipal,DK-410", "municipal,DK-999")
    _replace(mini_dir / "collaborations.csv", "mentoring,true", "mentoring,maybe")
    assert [p[:3] for p in _problems(graphsvc, mini_dir)] == [
        ("actors.csv", 2, "locality"),
        ("collaborations.csv", 3, "directed"),
    ]


def test_empty_file(graphsvc: Graphsvc, mini_dir: Path) -> None:
    (mini_dir / "projects.csv").write_text("", "utf-8")
    assert _problems(graphsvc, mini_dir / "projects.csv") == [
        ("projects.csv", None, None, "the file is empty (no header, no rows)")
    ]


def test_header_without_rows(graphsvc: Graphsvc, mini_dir: Path) -> None:
    (mini_dir / "projects.csv").write_text("id,name,theme\n", "utf-8")
    assert _problems(graphsvc, mini_dir / "projects.csv") == [
        ("projects.csv", None, None, "the file has a header but no rows")
    ]


def test_wrong_columns(graphsvc: Graphsvc, mini_dir: Path) -> None:
    _replace(mini_dir / "actors.csv", "id,name,kind,sector", "id,navn,kind,sector")
    problems = _problems(graphsvc, mini_dir / "actors.csv")
    assert [p[:3] for p in problems] == [("actors.csv", None, None)] * 2
    assert problems[0][3].startswith("unknown column(s) 'navn'; the actors columns are: id, name,")
    assert problems[1][3] == "missing required column(s) 'name'"


def test_a_sheet_of_any_name_is_mapped(graphsvc: Graphsvc, tmp_path: Path) -> None:
    # Not one of the four tables: the mapping reads it as a sheet of actors.
    path = tmp_path / "partners.csv"
    path.write_text("id,name\nx,X\n", "utf-8")
    report = graphsvc.import_paths([path])
    assert report.created["actors"] == 1
    actor = graphsvc.get_item("actors", "x")
    assert actor is not None and actor["name"] == "X"


def test_xlsx_errors_name_the_sheet(graphsvc: Graphsvc, mini_dir: Path, tmp_path: Path) -> None:
    graphsvc.import_paths([mini_dir])
    workbook_path = tmp_path / "graph.xlsx"
    graphsvc.export("xlsx", workbook_path)
    graphsvc.reset()
    workbook = load_workbook(workbook_path)
    workbook["actors"]["E3"] = "planetary"  # the scale of the second actor
    workbook.save(workbook_path)
    [(file, row, column, message)] = _problems(graphsvc, workbook_path)
    assert (file, row, column) == ("graph.xlsx[actors]", 3, "scale")
    assert "'local', 'municipal'" in message


def test_control_characters_are_refused(graphsvc: Graphsvc, mini_dir: Path) -> None:
    # FalkorDB stops reading a parameter at NUL; XLSX and GraphML cannot hold \x0b.
    _replace(mini_dir / "actors.csv", "TrygFonden,foundation", '"Tryg\x0bFonden",foundation')
    assert _problems(graphsvc, mini_dir) == [
        (
            "actors.csv",
            4,
            "name",
            "contains a control character (U+000B) at character 5, which cannot be stored",
        )
    ]


def test_row_with_more_cells_than_columns(graphsvc: Graphsvc, mini_dir: Path) -> None:
    with (mini_dir / "projects.csv").open("a", encoding="utf-8") as handle:
        handle.write("extra,Extra,education,,,,,,,,,,surplus\n")
    [(file, row, column, message)] = _problems(graphsvc, mini_dir / "projects.csv")
    assert (file, row, column) == ("projects.csv", 4, "M")  # the 13th cell: "surplus"
    assert message.startswith("the row has 13 cells but the header has 12 columns")


def test_duplicate_column(graphsvc: Graphsvc, mini_dir: Path) -> None:
    _replace(mini_dir / "actors.csv", "id,name,kind,sector,scale", "id,name,kind,sector,name")
    [(file, row, column, message)] = _problems(graphsvc, mini_dir / "actors.csv")
    assert (file, row, column) == ("actors.csv", 1, "name")
    assert message.startswith("column 'name' appears 2 times in the header")
