"""The CLI in Danish (#14): run as a subprocess whose output is not a terminal, with
``--lang da``: titles, column titles, values, bands and messages in Danish, singular and
plural right, names instead of ids in sentences, no id broken over lines; English stays
English."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from graphsvc.core import Graphsvc

#: English words that must not be left in Danish output: enum values, bands, titles,
#: column titles and message words (each matched as a whole word).
ENGLISH = (
    "civil_society", "philanthropic", "knowledge", "citizen", "public", "private",
    "low", "medium", "high", "insufficient", "funder", "lead", "coordinator", "volunteer",
    "foundation", "municipality", "association", "national_ngo", "actors", "ties",
    "participations", "wrote", "anchoring", "bridging", "score", "band", "name", "sector",
    "explanation", "reason", "exact", "sampled", "partners for", "only link",
)  # fmt: skip
#: "1 aktør(er)"-style hedges instead of a singular or a plural.
HEDGED = re.compile(r"\w\((?:er|e|s)\)")


def cli(*args: str) -> str:
    """Run the CLI as a subprocess (a pipe: not a terminal, no COLUMNS)."""
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    result = subprocess.run(
        [sys.executable, "-m", "graphsvc.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def english_words(text: str) -> list[str]:
    return [w for w in ENGLISH if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]


@pytest.fixture
def seeded(graphsvc: Graphsvc) -> Graphsvc:
    graphsvc.seed()
    return graphsvc


def test_analyses_speak_danish(seeded: Graphsvc) -> None:
    anchoring = cli("analyse", "anchoring", "--lang", "da", "--top", "40")
    assert "lokal forankring" in anchoring and "niveau" in anchoring
    assert re.search(r"│ lav +│", anchoring) and "for lidt data" in anchoring
    # every id whole on one line, though the table is wider than 80 columns
    assert "netvaerk-for-sundhed-og-lokalsamfund" in anchoring
    assert max(len(line) for line in anchoring.splitlines()) > 80

    bridging = cli("analyse", "bridging", "--lang", "da", "--top", "10")
    assert "mæglerroller (grupper: sektor)" in bridging
    assert "civilsamfund" in bridging and "mellemplacering eksakt" in bridging
    assert re.search(r"\d+ aktører, \d+ forbindelser;", bridging)

    whatif = cli("analyse", "whatif", "--remove", "trygfonden", "--lang", "da")
    assert "fjern TrygFonden" in whatif and "trygfonden" not in whatif
    assert re.search(r"Fjernet: 1 aktør, \d+ forbindelser?, \d+ deltagelser?\.", whatif)
    two = cli("analyse", "whatif", "--remove", "trygfonden", "--remove", "dgi", "--lang", "da")
    assert "Fjernet: 2 aktører, " in two and "fjern TrygFonden, DGI" in two

    suggest = cli("analyse", "suggest", "legepatruljen", "--lang", "da")
    assert "partnere til Legepatruljen" in suggest

    for text in (anchoring, bridging, whatif, two, suggest):
        # ids and names are not words to translate: the first two cells of a table's rows
        body = "\n".join(
            "│".join(line.split("│")[3:]) if line.count("│") > 3 else line
            for line in text.splitlines()
        )
        assert not english_words(body), english_words(body)
        assert not HEDGED.search(text), HEDGED.search(text)


def test_csv_output_and_english_stays_english(seeded: Graphsvc) -> None:
    table = cli("analyse", "anchoring", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(table)))
    assert len(rows) == len(seeded.anchoring()) > 20  # every row, not the first 30
    by_id = {row["project"]: row for row in rows}
    expected = seeded.anchoring().loc["legepatruljen"]
    assert by_id["legepatruljen"]["band"] == expected["band"]
    assert float(by_id["legepatruljen"]["score"]) == expected["score"]  # every digit
    danish = list(csv.DictReader(io.StringIO(cli("analyse", "anchoring", "--format", "csv",
                                                 "--lang", "da"))))  # fmt: skip
    assert {"projekt", "navn", "point", "niveau", "forklaring"} == set(danish[0])
    english = cli("analyse", "whatif", "--remove", "trygfonden")
    assert re.search(r"Removed: 1 actor, \d+ ties?, \d+ participations?\.", english)
    assert "Legepatruljen (TrygFonden: funder" in english


def test_the_main_command_never_ranks_projects_without_data(
    graphsvc: Graphsvc, tmp_path: Path
) -> None:
    out = cli("up", "--no-serve", "--out", str(tmp_path / "maps"))
    assert "0 af 0" not in out and "0/100" not in out.split("For lidt data")[0]
    table = out.split("lokal forankring")[1].split("For lidt data")[0]
    assert "Projekt Frivillig" not in table  # no participants: not among the least anchored
    assert re.search(r"For lidt data til at vurdere: .*Projekt Frivillig \(ingen deltagere", out)
    assert re.search(r"netværk: \d+ aktører, \d+ projekter", out)
    assert not HEDGED.search(out)


#: English words of error messages that must not be left in Danish errors.
ENGLISH_ERRORS = (
    "error", "row", "column", "problem", "problems", "nothing was written", "Field required",
    "Input should", "no actor", "no project", "is taken by", "Usage", "Try", "Invalid value",
    "No such command", "Missing argument",
)  # fmt: skip


def cli_error(*args: str, env: dict[str, str] | None = None) -> str:
    """Run the CLI, expecting it to refuse (exit code 2: the user's fault); its stderr."""
    environ = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "GRAPHSVC_LANG")}
    result = subprocess.run(
        [sys.executable, "-m", "graphsvc.cli", *args],
        capture_output=True,
        text=True,
        env={**environ, **(env or {})},
        timeout=180,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    return " ".join(result.stderr.replace("│", " ").split())  # the panel's lines as one


def english_error_words(text: str) -> list[str]:
    return [w for w in ENGLISH_ERRORS if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]


def test_validation_errors_speak_danish(graphsvc: Graphsvc, tmp_path: Path) -> None:
    """File, row and column in Danish, and pydantic's and graphsvc's own messages."""
    (tmp_path / "actors.csv").write_text(
        "id,name,kind,sector,scale,locality\n"
        "a1,Foreningen,association,civil_society,local,DK-410\n"
        "a2,,association,civil,local,DK-999\n"
        "a1,Igen,association,civil_society,local,DK-410\n",
        encoding="utf-8",
    )
    (tmp_path / "collaborations.csv").write_text(
        "id,source_id,target_id,kind,start_date\nc1,a1,a1,partnership,2020-13-01\n",
        encoding="utf-8",
    )
    text = cli_error("--lang", "da", "import", str(tmp_path))
    assert text.startswith("fejl: 5 problemer i data; intet er skrevet"), text
    # the field as a planner says it ("navn", "sektor", "startdato"): the same words as
    # the import page's (graphsvc.error_words.problem_text)
    assert "actors.csv, række 3, kolonne 'name': navn skal udfyldes" in text
    assert (
        "actors.csv, række 3, kolonne 'sector': 'civil' kendes ikke som sektor; skriv en af "
        "'public', 'civil_society', 'private', 'philanthropic', 'knowledge' eller 'citizen'"
    ) in text
    assert "kolonne 'locality': ukendt kommunekode 'DK-999' (forventet f.eks. DK-101" in text
    assert "række 4, kolonne 'id': id'et 'a1' findes to gange (første gang i actors.csv" in text
    assert (
        "kolonne 'start_date': '2020-13-01' er ikke en gyldig startdato (måneden skal være 1-12)"
    ) in text
    assert not english_error_words(text), english_error_words(text)
    assert graphsvc.counts()["actors"] == 0  # nothing was written

    # an id the graph holds for a project: refused whole, in Danish (GRAPHSVC_LANG too)
    graphsvc.seed()
    (tmp_path / "actors.csv").write_text(
        "id,name,kind,sector,scale,locality\n"
        "legepatruljen,Klub,association,civil_society,local,DK-410\n",
        encoding="utf-8",
    )
    (tmp_path / "collaborations.csv").unlink()
    text = cli_error("import", str(tmp_path), env={"GRAPHSVC_LANG": "da"})
    assert "fejl: 1 id er både en aktørs og et projekts; intet er skrevet" in text, text
    assert "actors, kolonne 'id': id'et er brugt af et projekt i grafen" in text, text
    # English stays English
    english = cli_error("import", str(tmp_path))
    assert "error: 1 id(s) name both an actor and a project; nothing was written" in english
    assert "actors, column 'id': this id is taken by a project in the graph" in english


def test_not_found_and_usage_errors_speak_danish(seeded: Graphsvc) -> None:
    text = cli_error("analyse", "whatif", "--remove", "ingen-saadan", "--lang", "da")
    assert text == "fejl: ingen aktør 'ingen-saadan' i netværket", text
    english = cli_error("analyse", "whatif", "--remove", "ingen-saadan")
    assert english == "error: no actor with id 'ingen-saadan' in the network", english
    # a report speaks Danish unless told otherwise: its errors too ("intet", neuter)
    assert cli_error("report", "project", "findes-ikke") == "fejl: intet projekt 'findes-ikke'"
    assert cli_error("report", "municipality", "DK-999", "--lang", "en") == (
        "error: no actor or project in the municipality 'DK-999'"
    )
    # the command line's own usage errors: the message, the usage line, the hint, the panel
    text = cli_error("analyse", "anchoring", "--lang", "da", "--top", "mange")
    assert "Ugyldig værdi for '--top': skal være et helt tal" in text, text
    assert "Brug: python -m graphsvc.cli analyse anchoring" in text
    assert "Prøv 'python -m graphsvc.cli analyse anchoring --help' for hjælp." in text
    assert "╭─ Fejl ─" in text
    text = cli_error("--lang", "da", "analyse", "anchorin")
    assert "Kommandoen 'anchorin' findes ikke. Mente du 'anchoring'?" in text, text
    assert "Argumentet 'ID' mangler." in cli_error("report", "project")
    for text in (
        cli_error("analyse", "anchoring", "--lang", "da", "--top", "mange"),
        cli_error("report", "project"),
    ):
        assert not english_error_words(text), english_error_words(text)
    assert "No such command 'anchorin'" in cli_error("analyse", "anchorin")
