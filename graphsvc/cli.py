"""The ``graphsvc`` command line: a thin layer over :class:`graphsvc.core.Graphsvc`."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

import pandas as pd
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from graphsvc.core import Graphsvc
from graphsvc.errors import GraphsvcError
from graphsvc.io.exporter import FORMATS
from graphsvc.io.importer import ImportReport
from graphsvc.settings import get_settings
from graphsvc.store import EmbeddedServer

app = typer.Typer(
    help="graphsvc: partnership maps for co-creation (samskabelse) in the welfare sector.",
    no_args_is_help=True,
    add_completion=False,
)
db_app = typer.Typer(help="Start, stop and inspect the embedded FalkorDB server.", no_args_is_help=True)
app.add_typer(db_app, name="db")

console = Console()
err_console = Console(stderr=True)
T = TypeVar("T")


def _fail(error: GraphsvcError) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {error.message}")
    for problem in error.details:
        err_console.print(f"  - {problem}", markup=False, highlight=False)
    return typer.Exit(code=2 if error.status_code < 500 else 1)


@contextmanager
def _errors() -> Iterator[None]:
    try:
        yield
    except GraphsvcError as error:
        raise _fail(error) from error


@contextmanager
def _open() -> Iterator[Graphsvc]:
    with _errors(), Graphsvc.open() as graphsvc:
        yield graphsvc


def _run(action: Callable[[Graphsvc], T]) -> T:
    with _open() as graphsvc:
        return action(graphsvc)


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


# ---------------------------------------------------------------- db


def _server() -> EmbeddedServer:
    settings = get_settings()
    if settings.neo4j_uri:
        raise _fail(GraphsvcError("GRAPHSVC_NEO4J_URI is set: the embedded server is not used"))
    return EmbeddedServer(settings.data_dir, start_timeout=settings.server_start_timeout)


@db_app.command("start")
def db_start() -> None:
    """Start the embedded FalkorDB server (or report the one already running)."""
    with _errors():
        info = _server().start()
    console.print(f"FalkorDB running on 127.0.0.1:{info.port} (pid {info.pid}), data in {info.data_dir}")


@db_app.command("stop")
def db_stop() -> None:
    """Stop the embedded FalkorDB server; its data stays on disk."""
    with _errors():
        stopped = _server().stop()
    console.print("FalkorDB stopped" if stopped else "FalkorDB was not running")


@db_app.command("status")
def db_status() -> None:
    """Say whether the embedded server runs, and what the graph holds."""
    settings = get_settings()
    if settings.neo4j_uri:
        with _open() as graphsvc:
            console.print(f"{graphsvc.store.describe()}: {graphsvc.counts()}")
        return
    info = _server().status()
    if info is None:
        console.print(f"FalkorDB is not running (data dir {settings.data_dir})")
        raise typer.Exit(code=3)
    counts = _run(lambda g: g.counts())
    console.print(f"FalkorDB running on 127.0.0.1:{info.port} (pid {info.pid}), data in {info.data_dir}")
    console.print(", ".join(f"{n} {name}" for name, n in counts.items()))


@db_app.command("reset")
def db_reset(
    yes: Annotated[bool, typer.Option("--yes", help="Confirm deleting every item.")] = False,
) -> None:
    """Delete every actor, project and tie in the graph."""
    if not yes:
        raise _fail(GraphsvcError("this deletes the whole graph: add --yes to confirm"))
    _run(lambda g: g.reset())
    console.print("graph emptied")


# ---------------------------------------------------------------- data


def _print_report(report: ImportReport) -> None:
    table = Table(title="dry run: nothing written" if report.dry_run else "import")
    for column in ("table", "created", "updated", "unchanged"):
        table.add_column(column, justify="left" if column == "table" else "right")
    for name in report.created:
        table.add_row(
            name,
            str(report.created[name]),
            str(report.updated[name]),
            str(report.unchanged[name]),
        )
    console.print(table)


@app.command("seed")
def seed(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Validate only.")] = False,
) -> None:
    """Load the seed data set (seed/*.csv); running it again changes nothing."""
    _print_report(_run(lambda g: g.seed(dry_run=dry_run)))


@app.command("import")
def import_(
    paths: Annotated[list[Path], typer.Argument(help="CSV files, XLSX workbooks, folders, GraphML/GEXF/JSON.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Validate and report; write nothing.")] = False,
) -> None:
    """Import actors, projects, participations and collaborations (validated first, all or nothing)."""
    with _open() as graphsvc:
        validated = graphsvc.validate_paths(paths)
        total = sum(validated.count().values())
        with Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            console=err_console, transient=True, disable=dry_run or total < 5000,
        ) as progress:  # fmt: skip
            task = progress.add_task("importing", total=total)
            report = graphsvc.import_validated(
                validated,
                dry_run=dry_run,
                progress=lambda _table, n: progress.advance(task, n),
            )
    _print_report(report)


@app.command("export")
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="File (or folder for csv).")],
) -> None:
    """Export the whole graph as CSV (a folder), XLSX, GraphML, GEXF or JSON (node-link)."""
    for path in _run(lambda g: g.export(fmt, out)):
        console.print(str(path))


def _series_table(title: str, series: pd.Series[Any]) -> Table:
    table = Table(title=title)
    table.add_column(title)
    table.add_column("actors", justify="right")
    for key, value in series.items():
        table.add_row(str(key) if key == key else "(none)", str(value))
    return table


@app.command("stats")
def stats() -> None:
    """Counts of the graph's items, and of actors by kind, sector and municipality."""
    summary = _run(lambda g: g.stats())
    console.print(", ".join(f"{n} {name}" for name, n in summary["counts"].items()))
    console.print(_series_table("kind", summary["by_kind"]))
    console.print(_series_table("sector", summary["by_sector"]))
    console.print(_series_table("municipality", summary["by_municipality"]))


if __name__ == "__main__":
    app()
