"""``graphsvc survey …`` end to end on the mini graph (#13): create from a roster file,
invite (mail-merge list and .eml files), three respondents answer, status with the tie
states, remind, apply (dry run, conflicts, resolved, twice), export without contacts,
forget a contact, close.

The commands run in-process (typer's CliRunner) against the session's FalkorDB; the
respondents answer through :class:`graphsvc.surveys.Surveys`, as the answer page does.

The answers (four organisations on the roster; Æblehaven does not answer):

- Middelfart Kommune names Frivilligcenter (weekly) and TrygFonden (yearly);
- Frivilligcenter names Middelfart Kommune (monthly);
- TrygFonden names Æblehaven (quarterly, funding).

So by hand: Kommune–Frivilligcenter is **confirmed** (both named each other), Kommune–
TrygFonden is **contradicted** (TrygFonden answered without naming the kommune),
TrygFonden–Æblehaven is **one-sided** (Æblehaven did not answer). The mini graph has
curated ties Kommune–Frivilligcenter and TrygFonden–Æblehaven: two conflicts; applying
writes only Kommune–TrygFonden until they are resolved.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner, Result

from graphsvc.cli import app
from graphsvc.core import Graphsvc
from graphsvc.errors import SurveyClosedError
from graphsvc.surveys import Surveys
from graphsvc.surveys.apply import collaboration_id

BASE = "https://netvaerk.middelfart.dk"
KOMMUNE, CENTER, TRYG, AEBLE = (
    "middelfart-kommune", "frivilligcenter-middelfart", "trygfonden", "aeblehaven-forening",
)  # fmt: skip
CONTACTS = {
    KOMMUNE: ("Søren Ødegård", "soren@middelfart.dk"),
    CENTER: ("Åse Lund", "aase@frivilligcenter.dk"),
    TRYG: ("Jane Smith", "jane@tryg.dk"),
    AEBLE: ("Bjørn Æbelø", "bjoern@aeblehaven.dk"),
}


def cli(*args: str, code: int = 0) -> Result:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == code, result.output + repr(result.exception)
    return result


def rating(frequency: str, kind: str = "partnership") -> dict[str, Any]:
    return {"frequency": frequency, "kinds": [kind], "reliable": 4, "mission": 3, "open": 3}


def answer(surveys: Surveys, token: str, ratings: dict[str, dict[str, Any]]) -> None:
    partners = [{"actor_id": actor} for actor in ratings]
    surveys.save_page(token, "partners", {"partners": partners}, lang="da")
    surveys.save_page(token, "ratings", {"ratings": ratings}, lang="da")
    surveys.submit(token)


@pytest.fixture
def survey_files(graphsvc: Graphsvc, mini_dir: Path, tmp_path: Path) -> dict[str, Path]:
    graphsvc.import_paths([mini_dir])
    roster = tmp_path / "deltagere.csv"
    roster.write_text(
        "aktør-id;spørges\n" + "".join(f"{a};ja\n" for a in (KOMMUNE, CENTER, TRYG, AEBLE)),
        "utf-8",
    )
    contacts = tmp_path / "kontakter.csv"
    contacts.write_text(
        "aktør-id,kontaktperson,e-mail\n"
        + "".join(f"{a},{name},{email}\n" for a, (name, email) in CONTACTS.items()),
        "utf-8",
    )
    return {"roster": roster, "contacts": contacts}


def links(folder: Path, name: str = "adresseliste.csv") -> dict[str, str]:
    rows = list(csv.DictReader(io.StringIO((folder / name).read_text("utf-8-sig"))))
    return {row["organisation"]: row["link"] for row in rows}


def test_a_coordinator_runs_a_survey_from_the_command_line(
    graphsvc: Graphsvc, survey_files: dict[str, Path], tmp_path: Path
) -> None:
    created = cli(
        "survey", "create", "--title-da", "Samarbejde i Middelfart", "--title-en",
        "Working together in Middelfart", "--roster", str(survey_files["roster"]),
        "--asker", "Middelfart Kommune", "--asker-contact", "netvaerk@middelfart.dk",
        "--closes", "2030-12-31", "--open", "--lang", "da",
    )  # fmt: skip
    assert created.output.splitlines() == [
        "oprettede undersøgelsen samarbejde-i-middelfart (4 aktører)",
        "undersøgelsen er åben",
    ]
    survey_id = "samarbejde-i-middelfart"
    listed = cli("survey", "list", "--lang", "da").output
    assert "samarbejde-i-middelfart" in listed and "åben" in listed
    assert "Samarbejde i Middelfart" in cli("survey", "show", survey_id, "--lang", "da").output

    # invite: the mail-merge list and one .eml per respondent, contacts from a sheet
    out = tmp_path / "invitationer"
    invited = cli(
        "survey", "invite", survey_id, "--out", str(out), "--contacts",
        str(survey_files["contacts"]), "--base-url", BASE, "--lang", "da",
    )  # fmt: skip
    assert "skrev 5 filer i" in invited.output and "Linkene vises kun nu" in invited.output
    rows = list(csv.reader(io.StringIO((out / "adresseliste.csv").read_text("utf-8-sig"))))
    assert rows[0] == ["organisation", "kontaktperson", "e-mail", "link", "udløber"]
    assert sorted((r[0], r[1], r[2], r[4]) for r in rows[1:]) == [
        ("Frivilligcenter Middelfart", "Åse Lund", "aase@frivilligcenter.dk", "2030-12-31"),
        ("Middelfart Kommune", "Søren Ødegård", "soren@middelfart.dk", "2030-12-31"),
        ("TrygFonden", "Jane Smith", "jane@tryg.dk", "2030-12-31"),
        ('Æblehavens "Gamle" Boldklub – Ærø', "Bjørn Æbelø", "bjoern@aeblehaven.dk",
         "2030-12-31"),
    ]  # fmt: skip
    tokens = {name: link.removeprefix(f"{BASE}/s/") for name, link in links(out).items()}
    eml = message_from_bytes((out / f"{TRYG}.eml").read_bytes(), policy=policy.default)
    assert eml["To"] == "Jane Smith <jane@tryg.dk>" and eml["X-Unsent"] == "1"
    assert f"{BASE}/s/{tokens['TrygFonden']}" in eml.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    again = cli("survey", "invite", survey_id, "--out", str(tmp_path / "igen"),
                "--base-url", BASE, "--lang", "da")  # fmt: skip
    assert "ingen at invitere" in again.output  # everyone has a live invitation

    surveys = Surveys(graphsvc)
    answer(surveys, tokens["Middelfart Kommune"],
           {CENTER: rating("weekly"), TRYG: rating("yearly", "funding")})  # fmt: skip
    answer(surveys, tokens["Frivilligcenter Middelfart"], {KOMMUNE: rating("monthly")})
    answer(surveys, tokens["TrygFonden"], {AEBLE: rating("quarterly", "funding")})

    status = cli("survey", "status", survey_id, "--lang", "da").output
    assert "3 af 4 har svaret (75 %)" in status
    assert "3 forbindelser: bekræftet af begge 1, nævnt af én 1, modsagt 1" in status
    assert "Middelfart Kommune ↔ TrygFonden" in status and "civilsamfund" in status
    english = cli("survey", "status", survey_id).output
    assert "3 of 4 answered (75%)" in english and "confirmed by both 1" in english

    # remind: Æblehaven alone, with a new link; the old one stops working
    reminded = cli("survey", "remind", survey_id, "--out", str(tmp_path / "p"), "--format",
                   "eml", "--base-url", BASE, "--lang", "da")  # fmt: skip
    assert "aeblehaven-forening" in reminded.output and KOMMUNE not in reminded.output
    reminder = message_from_bytes(
        (tmp_path / "p" / f"{AEBLE}.eml").read_bytes(), policy=policy.default
    )
    assert reminder["Subject"] == "Påmindelse: Samarbejde i Middelfart"
    assert reminder["To"] == "Bjørn Æbelø <bjoern@aeblehaven.dk>"
    with pytest.raises(SurveyClosedError):
        surveys.resolve_token(tokens['Æblehavens "Gamle" Boldklub – Ærø'])

    # apply: a dry run first, conflicts with the curated ties shown, nothing written
    before = graphsvc.counts()["collaborations"]
    dry = cli("survey", "apply", survey_id, "--lang", "da").output
    assert "prøvekørsel: intet skrevet" in dry
    assert "1 oprettet, 0 opdateret, 0 uændret" in dry
    assert f"{CENTER}--{KOMMUNE}" in dry and f"{AEBLE}--{TRYG}" in dry
    assert graphsvc.counts()["collaborations"] == before
    written = cli("survey", "apply", survey_id, "--yes", "--resolve",
                  f"{CENTER}--{KOMMUNE}=survey", "--resolve", f"{AEBLE}--{TRYG}=keep")  # fmt: skip
    assert "2 created, 0 updated, 0 unchanged" in written.output
    assert graphsvc.counts()["collaborations"] == before + 2
    tie = graphsvc.get_item("collaborations", collaboration_id(survey_id, KOMMUNE, TRYG))
    assert tie is not None and '"confirmation": "contradicted"' in str(tie["attributes"])
    twice = cli("survey", "apply", survey_id, "--yes", "--resolve", f"{CENTER}--{KOMMUNE}=survey",
                "--resolve", f"{AEBLE}--{TRYG}=keep")  # fmt: skip
    assert "0 created, 0 updated, 2 unchanged" in twice.output
    bad = cli("survey", "apply", survey_id, "--resolve", "a--b=maybe", code=2)
    assert "PAIR=survey or PAIR=keep" in bad.output

    # export: the answers without contact persons
    book = tmp_path / "svar.xlsx"
    cli("survey", "export", survey_id, "--out", str(book), "--lang", "da")
    sheets = openpyxl.load_workbook(book)
    assert sheets.sheetnames == ["svar", "deltagere"]
    cells = [str(c) for ws in sheets for row in ws.iter_rows(values_only=True) for c in row]
    assert sum(1 for _ in sheets["svar"].iter_rows(min_row=2)) == 4  # four named partners
    assert not [c for c in cells if "@" in c or "Søren" in c or "Jane" in c]
    flat = tmp_path / "svar.csv"
    cli("survey", "export", survey_id, "--out", str(flat))
    assert flat.read_text("utf-8").count("\n") == 5 and "@" not in flat.read_text("utf-8")

    # a contact asks to be forgotten; the survey closes
    forgot = cli("survey", "forget-contact", "JANE@tryg.dk", "--yes", "--lang", "da")
    assert forgot.output.strip() == "slettede 1 kontaktoplysninger"
    assert all(i["contact_email"] != "jane@tryg.dk" for i in surveys.invitations(survey_id))
    cli("survey", "forget-contact", "jane@tryg.dk", code=2)  # needs --yes
    cli("survey", "close", survey_id)
    assert surveys.get(survey_id)["status"] == "closed"


def test_errors_say_what_is_wrong(graphsvc: Graphsvc, survey_files: dict[str, Path]) -> None:
    missing = cli("survey", "show", "no-such-survey", code=2)
    assert "no survey 'no-such-survey'" in missing.output
    nowhere = cli("survey", "invite", "no-such-survey", code=2)
    assert "give --out FOLDER, --send, or both" in nowhere.output
    scope = cli("survey", "create", "--title-da", "X", code=2)
    assert "exactly one of --project, --municipality, --workshop, --roster" in scope.output
    bad = survey_files["roster"]
    bad.write_text("aktør-id\nmiddelfart-kommune\nno-such-actor\n", "utf-8")
    refused = cli("survey", "create", "--title-da", "X", "--roster", str(bad), code=2)
    assert "deltagere.csv, row 3, column 'aktør-id'" in refused.output
    assert Surveys(graphsvc).list_all() == []  # nothing half-written


def test_survey_help_loads_no_heavy_module() -> None:
    """`graphsvc survey invite --help` loads neither pandas nor the database (#14)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "graphsvc.cli", "survey", "invite", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    imported = {line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines()
                if line.startswith("import time:")}  # fmt: skip
    heavy = ("pandas", "networkx", "fastapi", "redis", "falkordb", "graphsvc.core")
    assert not sorted(m for m in imported if m.split(".")[0] in heavy or m == "graphsvc.core")


def test_the_export_never_writes_a_formula(
    graphsvc: Graphsvc, survey_files: dict[str, Path], tmp_path: Path
) -> None:
    """OWASP CSV injection: a respondent's other_name starting with = @ or - is text in
    both the .csv (a leading apostrophe) and the .xlsx (a string cell, not a formula)."""
    cli("survey", "create", "--title-da", "Formler", "--roster", str(survey_files["roster"]),
        "--closes", "2030-12-31", "--open")  # fmt: skip
    out = tmp_path / "invitationer"
    cli("survey", "invite", "formler", "--out", str(out), "--base-url", BASE)
    token = links(out)["Middelfart Kommune"].rsplit("/", 1)[1]
    names = ['=HYPERLINK("http://x","y")', "@SUM(1)", "-2+3"]
    surveys = Surveys(graphsvc)
    partners = [{"other_name": name} for name in names]
    surveys.save_page(token, "partners", {"partners": partners}, lang="da")
    ratings = {f"other:{name.casefold()}": rating("monthly") for name in names}
    surveys.save_page(token, "ratings", {"ratings": ratings}, lang="da")
    surveys.submit(token)
    flat = tmp_path / "svar.csv"
    cli("survey", "export", "formler", "--out", str(flat))
    rows = list(csv.DictReader(io.StringIO(flat.read_text("utf-8"))))
    assert sorted(r["other_name"] for r in rows) == [
        "'-2+3", "'=HYPERLINK(\"http://x\",\"y\")", "'@SUM(1)",
    ]  # fmt: skip
    assert {r["reliable"] for r in rows} == {"4"}
    book = tmp_path / "svar.xlsx"
    cli("survey", "export", "formler", "--out", str(book))
    sheet = openpyxl.load_workbook(book)["answers"]
    header = [c.value for c in sheet[1]]
    cells = [row[header.index("other_name")] for row in sheet.iter_rows(min_row=2)]
    assert sorted(str(c.value) for c in cells) == sorted(names)
    assert {c.data_type for c in cells} == {"s"}


def test_purge_deletes_answers_past_their_keep_date(graphsvc: Graphsvc) -> None:
    surveys = Surveys(graphsvc)
    graphsvc.create_item(
        "actors",
        {
            "id": "a",
            "name": "A",
            "kind": "association",
            "sector": "civil_society",
            "scale": "local",
        },
    )
    survey = surveys.create(
        {"title": {"da": "Gammel"}, "keep_answers_until": "2020-01-01"}, by="test"
    )
    surveys.set_roster(survey["id"], [{"actor_id": "a"}])
    surveys.open(survey["id"])
    (made,) = surveys.invite(survey["id"])
    surveys.save_page(made["token"], "partners", {"partners": [{"other_name": "Holdet"}]})
    surveys.review(survey["id"], "Holdet", "ignore")
    result = cli("survey", "purge", "--lang", "da")
    assert "slettede 2 svar, kontaktoplysninger og afgørelser" in result.output
    assert graphsvc.store.run("surveys/list_responses", id=survey["id"]) == []
    assert surveys.reviews(survey["id"]) == {}
