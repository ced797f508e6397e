"""The CLI, run as a real subprocess against the session's FalkorDB server."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import get_args

import click
import pandas as pd
import pytest
import typer.main
from typer.testing import CliRunner

from graphsvc.cli import app
from graphsvc.cli.data import EXPORT_FORMATS
from graphsvc.cli.serve import RoleName
from graphsvc.core import Graphsvc
from graphsvc.io.exporter import export_formats
from graphsvc.keys import Role

ROOT = Path(__file__).resolve().parents[1]


def graphsvc_cli(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "graphsvc.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        timeout=120,
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def all_commands() -> list[str]:
    """Every leaf command, as typed: 'db start', 'seed', …"""
    root = typer.main.get_command(app)
    found: list[str] = []

    def walk(command: click.Command, prefix: str) -> None:
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                walk(sub, f"{prefix} {name}".strip())
        else:
            found.append(prefix)

    walk(root, "")
    return sorted(found)


def test_every_cli_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    missing = [c for c in all_commands() if not re.search(rf"graphsvc {re.escape(c)}\b", readme)]
    assert not missing, f"not in README.md: {missing}"


def test_db_status_and_start_reuse_the_running_server(graphsvc: Graphsvc) -> None:
    status = graphsvc_cli("db", "status")
    assert "FalkorDB running on 127.0.0.1:" in status.stdout
    assert "0 actors" in status.stdout
    again = graphsvc_cli("db", "start")
    assert again.stdout.strip().startswith("FalkorDB running")


def test_import_dry_run_then_import_then_stats(graphsvc: Graphsvc, mini_dir: Path) -> None:
    dry = graphsvc_cli("import", str(mini_dir), "--dry-run")
    assert "dry run: nothing written" in dry.stdout
    assert graphsvc.counts()["actors"] == 0
    graphsvc_cli("import", str(mini_dir))
    assert graphsvc.counts() == {
        "actors": 5,
        "projects": 2,
        "participations": 5,
        "collaborations": 3,
        "agreements": 0,
    }
    again = graphsvc_cli("import", str(mini_dir))
    assert re.search(r"actors\s+│\s+0 │\s+0 │\s+5", again.stdout), again.stdout
    stats = graphsvc_cli("stats")
    assert "5 actors, 2 projects, 5 participations, 3 collaborations" in stats.stdout
    assert re.search(r"DK-410 Middelfart\s+│\s+3", stats.stdout), stats.stdout


def test_import_error_names_file_row_column(graphsvc: Graphsvc, mini_dir: Path) -> None:
    path = mini_dir / "actors.csv"
    path.write_text(
        path.read_text("utf-8").replace("municipal,DK-410", "municipal,DK-999"), "utf-8"
    )
    result = graphsvc_cli("import", str(mini_dir), check=False)
    assert result.returncode == 2
    assert (
        "actors.csv, row 2, column 'locality': unknown municipality code 'DK-999'" in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert graphsvc.counts()["actors"] == 0


def test_export_writes_the_file(graphsvc: Graphsvc, mini_dir: Path, tmp_path: Path) -> None:
    graphsvc.import_paths([mini_dir])
    out = tmp_path / "graph.gexf"
    result = graphsvc_cli("export", "--format", "gexf", "--out", str(out))
    assert str(out) in result.stdout
    assert "<gexf" in out.read_text("utf-8")
    bad = graphsvc_cli("export", "--format", "pdf", "--out", str(tmp_path / "x"), check=False)
    assert bad.returncode == 2 and "unknown export format 'pdf'" in bad.stderr


def test_db_reset_needs_confirmation(graphsvc: Graphsvc, mini_dir: Path) -> None:
    graphsvc.import_paths([mini_dir])
    refused = graphsvc_cli("db", "reset", check=False)
    assert refused.returncode != 0 and graphsvc.counts()["actors"] == 5
    graphsvc_cli("db", "reset", "--yes")
    assert graphsvc.counts()["actors"] == 0


@pytest.mark.parametrize("command", ["seed", "import", "export", "stats", "db start"])
def test_help_works(command: str) -> None:
    assert "Usage" in graphsvc_cli(*command.split(), "--help").stdout


@pytest.mark.parametrize(
    ("command", "filters"),
    [
        ("analyse bridging", "all"),
        ("analyse anchoring", "all"),
        ("analyse whatif", "--as-of --proposed"),
        ("analyse paths", "--as-of"),
        ("analyse suggest", "--as-of --proposed"),
        ("map", "--as-of"),
    ],
)
def test_the_network_filters_are_shared_options(command: str, filters: str) -> None:
    """One declaration (graphsvc.filters.NetworkFilters), the options each command takes of
    it, their choices in the help and no type placeholders such as <list[str]>."""
    shown = CliRunner().invoke(app, [*command.split(), "--help"], env={"COLUMNS": "250"})
    assert shown.exit_code == 0, shown.output
    every = ["--as-of", "--municipality", "--region", "--sector", "--kind", "--theme",
             "--tie-kind", "--proposed"]  # fmt: skip
    expected = every if filters == "all" else filters.split()
    assert [o for o in every if re.search(rf"{o}\b", shown.output)] == expected
    assert "<list[" not in shown.output
    if filters == "all":
        assert "One of: public, civil_society, private, philanthropic, knowledge, citizen." in (
            shown.output
        )


def test_analyse_commands_on_the_seed(graphsvc: Graphsvc, tmp_path: Path) -> None:
    graphsvc.seed()
    out = tmp_path / "bridging.csv"
    bridging = graphsvc_cli("analyse", "bridging", "--out", str(out))
    assert "bridging roles (groups: sector)" in bridging.stdout
    assert "betweenness exact" in bridging.stdout
    table = pd.read_csv(out, index_col="id")
    assert len(table) == graphsvc.counts()["actors"]
    assert {"betweenness", "constraint", "total", "z_total", "role_en", "role_da"} <= set(
        table.columns
    )

    anchoring = graphsvc_cli(
        "analyse", "anchoring", "--lang", "da", "--out", str(tmp_path / "a.xlsx")
    )
    assert "lokal forankring" in anchoring.stdout
    frame = pd.read_excel(tmp_path / "a.xlsx", index_col=0)
    # 002: Velux Fonden alone funds the Slagelse project; no local actor owns it.
    assert frame.loc["velfaerdsinnovation-kommune-civilsamfund", "score"] < 50

    whatif = graphsvc_cli("analyse", "whatif", "--remove", "trygfonden")
    assert "Legepatruljen" in whatif.stdout
    paths = graphsvc_cli(
        "analyse", "paths", "jobcenter-middelfart", "frivillige-mentorer-middelfart"
    )
    assert paths.stdout.startswith("1. Jobcenter Middelfart → ")
    suggest = graphsvc_cli("analyse", "suggest", "frivillige-sociale-mentorer-middelfart")
    assert "partners for Frivillige sociale mentorer i Middelfart" in suggest.stdout


def test_analyse_unknown_actor_is_a_clear_error(graphsvc: Graphsvc) -> None:
    graphsvc.seed()
    result = graphsvc_cli("analyse", "paths", "no-such-actor", "trygfonden", check=False)
    assert result.returncode == 2
    assert "no-such-actor" in result.stderr and "Traceback" not in result.stderr


def test_import_prints_saves_and_reuses_the_mapping(graphsvc: Graphsvc, tmp_path: Path) -> None:
    sheet = tmp_path / "kort.csv"
    sheet.write_bytes(
        "Organisation;Aktørtype;Kommune;Samarbejdspartner;Fra;Kontaktperson\n"
        "Æblehaven;Forening;Middelfart;DGI;2014;Ulla\n".encode("cp1252")
    )
    saved = tmp_path / "kort.toml"
    dry = graphsvc_cli("import", "--dry-run", "--save-mapping", str(saved), str(sheet))
    rows = {
        tuple(cell.strip() for cell in line.split("│")[1:4])
        for line in dry.stdout.splitlines()
        if line.startswith("│")
    }
    assert ("Organisation", "name", "header") in rows
    assert ("Kommune", "locality", "header") in rows
    assert ("Fra", "start", "header") in rows
    assert ("Kontaktperson", "attribute", "default") in rows
    assert "dry run: nothing written" in dry.stdout
    assert graphsvc.counts()["actors"] == 0
    text = saved.read_text("utf-8")
    assert '{ column = "Kontaktperson", target = "attribute"' in text
    saved.write_text(text.replace('target = "attribute"', 'target = "ignore"'), "utf-8")
    graphsvc_cli("import", "--mapping", str(saved), str(sheet))
    actor = graphsvc.get_item("actors", "aeblehaven")
    assert actor is not None and actor.get("attributes") is None
    assert actor["locality"] == "DK-410"
    broken = tmp_path / "broken.toml"
    broken.write_text("[[sheets", "utf-8")
    failed = graphsvc_cli("import", "--mapping", str(broken), str(sheet), check=False)
    assert failed.returncode == 2 and "broken.toml" in failed.stderr


HEAVY = ("pandas", "networkx", "scipy", "igraph", "openpyxl", "fastapi", "pyvis", "redis")


@pytest.mark.parametrize("command", ["", "analyse bridging", "import", "keys create"])
def test_help_imports_no_heavy_module(command: str) -> None:
    """`graphsvc --help` loads the command modules only (#14): the analyses, the data
    formats, the API and the database client load when a command runs. (Its speed is
    measured in bench/cli_bench.py, not here.)"""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "graphsvc.cli", *command.split(), "--help"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    imported = {
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "graphsvc.cli" in imported
    loaded = sorted(m for m in imported if m.split(".")[0] in HEAVY or m == "graphsvc.core")
    assert not loaded, f"`graphsvc {command} --help` imports {loaded}"


def all_groups_and_commands() -> list[str]:
    root = typer.main.get_command(app)
    groups = [""] + [n for n, c in root.commands.items() if isinstance(c, click.Group)]  # type: ignore[attr-defined]
    return groups + all_commands()


def test_no_type_placeholders_in_any_help() -> None:
    """Options name their value (PORT, FILE, N), flags and --help show none, and no
    argument or option shows a type such as <str>, <bool> or <list[Path]> (#14)."""
    placeholder = re.compile(r"<[A-Za-z][\w\[\]|,. -]*>")
    for command in all_groups_and_commands():
        shown = CliRunner().invoke(app, [*command.split(), "--help"], env={"COLUMNS": "250"})
        assert shown.exit_code == 0, shown.output
        found = placeholder.findall(shown.output)
        assert not found, f"`graphsvc {command} --help` shows {found}"
    serve = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "250"}).output
    assert re.search(r"--port\s+PORT", serve) and re.search(r"--demo\s+No API keys", serve)


def test_the_help_names_the_choices_the_modules_define() -> None:
    """The CLI names the export formats and key roles itself, so its help loads neither
    pandas nor the database client; they must stay what those modules accept."""
    assert EXPORT_FORMATS == export_formats()
    assert set(get_args(RoleName)) == {role.value for role in Role}
