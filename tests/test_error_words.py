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
from graphsvc.io.mapping import detect_mapping, map_tables, resolve_mapping
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
        "partnere.csv, række 4: aktøren 'middelfart-kommune' står i flere rækker med "
        "forskellige værdier i feltet «Type»: beholdt «Kommune» (række 3), ikke «Forening»",
        "partnere.csv, række 5, kolonne 'Type': 'Rumskib' er ikke en type, som graphsvc kender; "
        "gemt som «Anden aktør» med teksten som egenskab",
    ]


def mapped_as_detected(tmp_path: Path, text: str) -> tuple[list[Problem], list[Problem]]:
    """The problems and notes of one planner's CSV sheet, its columns detected (no mapping
    given), as the import page's preview finds them."""
    (tmp_path / "ark.csv").write_text(text, encoding="utf-8")
    sheets = read_sheets([tmp_path / "ark.csv"])
    mapped = map_tables(sheets, detect_mapping(sheets), None)
    return list(mapped.problems), list(mapped.notes)


def test_a_weight_or_an_amount_that_is_no_number(tmp_path: Path) -> None:
    """A number that is none is no date (the code was bad_date, said "er ikke en dato")."""
    problems, _notes = mapped_as_detected(tmp_path, "Kilde,Mål,Vægt\nA,B,tre\n")
    assert [(p.code, p.params, p.column) for p in problems] == [
        ("bad_number", {"field": "weight"}, "Vægt")
    ]
    assert problem_text("da", problems[0]) == (
        "ark.csv, række 2, kolonne 'Vægt': 'tre' er ikke et tal (skriv f.eks. 3 eller 2,5)"
    )
    assert problem_text("en", problems[0]) == (  # English as it was
        "ark.csv, row 2, column 'Vægt': 'tre' is not an amount (write e.g. 50000 or 50.000 kr.)"
    )
    problems, _notes = mapped_as_detected(tmp_path, "Navn,Projekt,Beløb\nA,P,mange penge\n")
    assert [(p.code, p.params) for p in problems] == [("bad_number", {"field": "amount"})]
    assert problem_text("da", problems[0]) == (
        "ark.csv, række 2, kolonne 'Beløb': 'mange penge' er ikke et beløb (skriv f.eks. "
        "50000 eller 50.000 kr.)"
    )


def test_rows_that_disagree_need_no_adjective_and_say_booleans(tmp_path: Path) -> None:
    """ "forskellig navn" was wrong (neuter); the field is named as the page's column title."""
    _problems, notes = mapped_as_detected(
        tmp_path, "Navn,Type\nRøde Kors,Forening\nRØDE KORS,Forening\n"
    )
    assert [problem_text("da", n) for n in notes] == [
        "ark.csv, række 3: aktøren 'roede-kors' står i flere rækker med forskellige værdier i "
        "feltet «Navn»: beholdt 'Røde Kors' (række 2), ikke 'RØDE KORS'"
    ]
    _problems, notes = mapped_as_detected(tmp_path, "Fra,Til,Retning\nA,B,urettet\nA,B,rettet\n")
    assert [(n.params["kept"], n.params["dropped"]) for n in notes] == [(False, True)]
    assert [problem_text("da", n) for n in notes] == [
        "ark.csv, række 3: forbindelsen 'c-a-b-partnership' står i flere rækker med "
        "forskellige værdier i feltet «Rettet»: beholdt nej (række 2), ikke ja"
    ]
    assert [problem_text("en", n) for n in notes] == [
        "ark.csv, row 3: collaboration 'c-a-b-partnership' is in several rows with different "
        "directed: kept no (row 2), not yes"
    ]


def test_unknown_words_list_the_pages_labels_which_the_reader_takes(tmp_path: Path) -> None:
    problems, notes = mapped_as_detected(
        tmp_path,
        "Navn,Samarbejdspartner,Relation,Sektor\n"
        "A,B,Rumfart,Viden og uddannelse\n"
        "C,D,Videndeling,Filantropisk\n",
    )
    assert [problem_text("da", p) for p in problems] == [
        "ark.csv, række 2, kolonne 'Relation': 'Rumfart' kendes ikke som samarbejdsform; skriv "
        "en af «Partnerskab», «Finansiering», «Medlemskab», «Videndeling», «Henvisning», "
        "«Mentorordning», «Aftale», «Koordinering», «Regulering eller tilsyn», «Ansættelse» "
        "eller «Frivilligt arbejde»"
    ]
    assert problems[0].params["known"][:2] == ["agreement", "coordination"]  # stored codes
    assert notes == []
    # the labels the sentence lists are values the reader takes
    sheets = read_sheets([tmp_path / "ark.csv"])
    mapped = map_tables(sheets, detect_mapping(sheets), None)
    ties = {
        row["id"]: row["kind"]
        for t in mapped.tables
        if t.name == "collaborations"
        for row in t.rows
    }
    assert ties["c-c-d-knowledge_exchange"] == "knowledge_exchange"
    sectors = {
        row["id"]: row.get("sector") for t in mapped.tables if t.name == "actors" for row in t.rows
    }
    assert (sectors["a"], sectors["c"]) == ("knowledge", "philanthropic")
    # an edge list's kind of tie too; an unknown one is kept as an attribute, said so
    _problems, notes = mapped_as_detected(
        tmp_path, "Source,Target,Relation\nA,B,Rumfart\nC,D,Videndeling\n"
    )
    assert [problem_text("da", n) for n in notes] == [
        "ark.csv, række 2, kolonne 'Relation': 'Rumfart' er ikke en samarbejdsform, som "
        "graphsvc kender; gemt som «Partnerskab» med teksten som egenskab"
    ]
