"""Problems of an import said in Danish from their code (graphsvc.error_words): the one
rendering the command line and the import page share.

The problems are made by the real readers and the model from files written here, so
their codes and params are the ones an import gives.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphsvc.error_words import error_lines, problem_said, problem_text, say
from graphsvc.errors import Problem, ValidationError
from graphsvc.io.mapping import map_tables, resolve_mapping
from graphsvc.io.reading import read_sheets
from graphsvc.io.tables import validate


def problems_of(folder: Path) -> list[Problem]:
    """Every problem an import of ``folder``'s CSV files finds (nothing is stored)."""
    sheets = read_sheets(sorted(folder.glob("*.csv")))
    mapped = map_tables(sheets, resolve_mapping(sheets, None), None)
    if mapped.problems:
        return list(mapped.problems)
    with pytest.raises(ValidationError) as raised:
        validate(mapped.tables, existing=lambda _table, _ids: set())
    return raised.value.details


def test_cells_the_model_refuses_are_said_with_the_planners_words(tmp_path: Path) -> None:
    (tmp_path / "actors.csv").write_text(
        "id,name,kind,sector,scale,locality,start_date\n"
        "a1,,association,civil_society,local,DK-410,\n"
        "a2,Rumfolket,spaceship,civil_society,local,DK-410,\n"
        "a3,Klubben,association,civil_society,local,DK-410,2020-13-01\n"
        "a4,Banden,association,civil_society,local,DK-999,\n",
        encoding="utf-8",
    )
    (tmp_path / "collaborations.csv").write_text(
        "id,source_id,target_id,kind,weight\nc1,a2,a3,partnership,tung\n", encoding="utf-8"
    )
    said = [problem_text("da", p) for p in problems_of(tmp_path)]
    assert said == [
        "actors.csv, række 2, kolonne 'name': navn skal udfyldes",
        "actors.csv, række 3, kolonne 'kind': 'spaceship' kendes ikke som type; skriv en af "
        "'municipality', 'region', 'state_agency', 'association', 'national_ngo', "
        "'volunteer_centre', 'foundation', 'company', 'school', 'university', "
        "'research_institute', 'hospital', 'housing_organisation', 'network', "
        "'citizen_group', 'person' eller 'other'",
        "actors.csv, række 4, kolonne 'start_date': '2020-13-01' er ikke en gyldig startdato "
        "(måneden skal være 1-12)",
        "actors.csv, række 5, kolonne 'locality': ukendt kommunekode 'DK-999' (forventet "
        "f.eks. DK-101 eller NO-4203)",
        "collaborations.csv, række 2, kolonne 'weight': vægt skal være et tal, ikke 'tung'",
    ]
    # English stays exactly pydantic's and graphsvc's message
    assert problem_text("en", problems_of(tmp_path)[0]) == (
        "actors.csv, row 2, column 'name': Field required"
    )


def test_duplicate_ids_and_ties_to_unknown_actors(tmp_path: Path) -> None:
    (tmp_path / "actors.csv").write_text(
        "id,name,kind,sector,scale\n"
        "a1,A,association,civil_society,local\n"
        "a1,B,association,civil_society,local\n",
        encoding="utf-8",
    )
    (tmp_path / "collaborations.csv").write_text(
        "id,source_id,target_id,kind\nc1,a1,zz,partnership\n", encoding="utf-8"
    )
    problems = problems_of(tmp_path)
    assert [(p.code, p.params) for p in problems] == [
        ("duplicate_id", {"id": "a1", "first_file": "actors.csv", "first_row": 2}),
        ("unknown_reference", {"table": "actors", "id": "zz", "field": "target_id"}),
    ]
    assert [problem_text("da", p) for p in problems] == [
        "actors.csv, række 3, kolonne 'id': id'et 'a1' findes to gange (første gang i "
        "actors.csv række 2)",
        "collaborations.csv, række 2, kolonne 'target_id': ukendt aktør 'zz': hverken i denne "
        "import eller i grafen",
    ]


def test_a_planners_sheet_bad_date_and_municipality(tmp_path: Path) -> None:
    (tmp_path / "partnere.csv").write_text(
        "Navn;Type;Kommune;Start\n"
        "Middelfart Kommune;Kommune;Middelfart;2023-02-01\n"
        "TrygFonden;Fond;København;31-13-2023\n"
        "Klubben;Forening;Atlantis;2023\n"
        "Banden;Forening;Middelfart;snart\n",
        encoding="utf-8",
    )
    problems = problems_of(tmp_path)
    assert [p.code for p in problems] == ["bad_date", "unknown_municipality", "bad_date"]
    assert problems[0].params["field"] == "start_date"
    assert [problem_said("da", p) for p in problems] == [
        ("'31-13-2023' er ikke en dato (måneden skal være 1-12)", "da"),
        ("ukendt kommune 'Atlantis'", "da"),
        ("'snart' er ikke en dato; skriv f.eks. 31-12-2014, 2014 eller aug. 2022", "da"),
    ]
    assert [p.column for p in problems] == ["Start", "Kommune", "Start"]  # as in the file


def test_singular_and_plural() -> None:
    one = ValidationError(
        "1 problem(s) in the input; nothing was written", details=[Problem("x", "a.csv", 2)]
    )
    assert error_lines("da", one)[0] == "1 problem i data; intet er skrevet"
    assert say("da", "3 problem(s) in the input; nothing was written") == (
        "3 problemer i data; intet er skrevet"
    )
    short = "kort.csv: 1 row(s) do not have as many cells as the header"
    assert say("da", short) == "kort.csv: 1 række har ikke lige så mange celler som overskriften"
    assert say("da", short.replace(": 1 ", ": 2 ")) == (
        "kort.csv: 2 rækker har ikke lige så mange celler som overskriften"
    )


def test_a_problem_without_danish_words_stays_english_and_says_so() -> None:
    problem = Problem("something new went wrong", "a.csv", 2, "name", code="new_code")
    assert problem_said("da", problem) == ("something new went wrong", "en")
    assert problem_said("en", problem) == ("something new went wrong", "en")


def test_a_planners_sheet_notes_and_a_first_row_without_a_name(tmp_path: Path) -> None:
    """What the reader inferred (notes) is said in Danish too, values as the page says them."""
    (tmp_path / "partnere.csv").write_text(
        "Navn;Type;Kommune\n"
        ";Forening;Middelfart\n"
        "Middelfart Kommune;Kommune;Middelfart\n"
        ";Forening;Middelfart\n"
        "Rumfolket;Rumskib;Middelfart\n",
        encoding="utf-8",
    )
    sheets = read_sheets([tmp_path / "partnere.csv"])
    mapped = map_tables(sheets, resolve_mapping(sheets, None), None)
    assert [problem_text("da", p) for p in mapped.problems] == [
        "partnere.csv, række 2, kolonne 'Navn': navn skal udfyldes"
    ]
    assert [problem_text("da", n) for n in mapped.notes] == [
        "partnere.csv, række 4, kolonne 'Navn': rækker uden navn hører til aktøren nævnt over "
        "dem (flettede celler)",
        "partnere.csv, række 4: aktøren 'middelfart-kommune' står i flere rækker med forskellig "
        "type: beholdt «Kommune» (række 3), ikke «Forening»",
        "partnere.csv, række 5, kolonne 'Type': 'Rumskib' er ikke en type, graphsvc kender: "
        "gemt som «Anden aktør», med teksten som egenskab",
    ]
