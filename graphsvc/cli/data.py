"""``graphsvc seed``, ``import``, ``export`` and ``stats``: data in and out."""

# Heavy modules (graphsvc.core: pandas, networkx …) load when a command runs: fast --help (#14)

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from graphsvc.cli.common import console, err_console, opened, run
from graphsvc.errors import GraphsvcError

if TYPE_CHECKING:
    import pandas as pd

    from graphsvc.io.importer import ImportReport
    from graphsvc.io.mapping import MappingResult

# What graphsvc.io.exporter.export_formats() gives (a test checks), named here so that the
# help does not import pandas
EXPORT_FORMATS = ("csv", "kumu", "xlsx", "gexf", "graphml", "json")


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


def seed(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Validate only.")] = False,
) -> None:
    """Load the seed data set (seed/*.csv); running it again changes nothing."""
    _print_report(run(lambda g: g.seed(dry_run=dry_run)))


def _print_mapping(mapped: MappingResult) -> None:
    """The mapping used, one table per sheet (not for graphsvc's own tables: nothing to map)."""
    for sheet in mapped.mapping.sheets:
        if sheet.shape in ("tables", "graphsvc-nodes", "graphsvc-edges"):
            continue
        table = Table(title=f"{sheet.sheet}: {sheet.shape}", title_justify="left")
        for heading in ("column", "target", "decided by", "note"):
            table.add_column(heading)
        for column in sheet.columns:
            table.add_row(column.column, column.target, column.decided_by, column.note or "")
        console.print(table)
    for note in mapped.notes:
        err_console.print(f"note: {note}", markup=False, highlight=False)


def import_(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH...",
            help="Spreadsheets (CSV, XLSX), folders, graph files (GraphML, GEXF …).",
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Validate and report; write nothing.")
    ] = False,
    mapping: Annotated[
        Path | None,
        typer.Option(
            "--mapping",
            metavar="FILE",
            help="A mapping file (TOML) that overrides what is detected.",
        ),
    ] = None,
    save_mapping: Annotated[
        Path | None,
        typer.Option(
            "--save-mapping", metavar="FILE", help="Write the mapping used to this file (TOML)."
        ),
    ] = None,
) -> None:
    """Import a spreadsheet or graph file (all or nothing); prints the mapping it used."""
    from graphsvc.io.mapping import Mapping

    with opened() as graphsvc:
        given = None
        if mapping is not None:
            try:
                text = mapping.read_text("utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise GraphsvcError(f"{mapping}: cannot read the mapping file ({exc})") from exc
            given = Mapping.parse(text, mapping.name)
        mapped = graphsvc.map_paths(paths, given)
        _print_mapping(mapped)
        if save_mapping is not None:
            save_mapping.write_text(mapped.mapping.to_toml(), "utf-8")
            console.print(f"mapping written to {save_mapping}")
        validated = graphsvc.validate_mapped(mapped)
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


def export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help=f"One of: {', '.join(EXPORT_FORMATS)}."
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="PATH", help="File (or folder for csv).")
    ],
    personal_data: Annotated[
        bool,
        typer.Option(
            "--personal-data",
            help="Include the names and ids of persons who did not consent to publication "
            "(without it they are pseudonymised and their names removed from all text).",
        ),
    ] = False,
) -> None:
    """Export the whole graph as CSV (a folder), XLSX, GraphML, GEXF or JSON (node-link).

    Pseudonymised by default: persons who did not consent appear as "Person 1", "Person 2" …
    with a masked id, and their names are replaced in every other item's text.
    """
    for path in run(lambda g: g.export(fmt, out, personal_data=personal_data)):
        console.print(str(path))


def _series_table(title: str, series: pd.Series[Any]) -> Table:
    table = Table(title=title)
    table.add_column(title)
    table.add_column("actors", justify="right")
    for key, value in series.items():
        table.add_row(str(key) if key == key else "(none)", str(value))
    return table


def stats() -> None:
    """Counts of the graph's items, and of actors by kind, sector and municipality."""
    summary = run(lambda g: g.stats())
    console.print(", ".join(f"{n} {name}" for name, n in summary["counts"].items()))
    console.print(_series_table("kind", summary["by_kind"]))
    console.print(_series_table("sector", summary["by_sector"]))
    console.print(_series_table("municipality", summary["by_municipality"]))
