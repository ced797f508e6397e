"""``graphsvc db …``: start, stop, back up, restore and inspect the embedded FalkorDB server."""

# Heavy modules (graphsvc.core: pandas, networkx …) load when a command runs: fast --help (#14)

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn

from graphsvc.cli.common import console, err_console, errors, fail, opened, run
from graphsvc.errors import ConflictError, GraphsvcError

if TYPE_CHECKING:
    from graphsvc.store import EmbeddedServer
    from graphsvc.store.server import LoadingProgress, ServerInfo

app = typer.Typer(
    help="Start, stop and inspect the embedded FalkorDB server.", no_args_is_help=True
)


def _server() -> EmbeddedServer:
    from graphsvc.settings import get_settings
    from graphsvc.store import EmbeddedServer

    settings = get_settings()
    if settings.neo4j_uri:
        raise fail(GraphsvcError("GRAPHSVC_NEO4J_URI is set: the embedded server is not used"))
    return EmbeddedServer(settings.data_dir, start_timeout=settings.server_start_timeout)


@app.command("start")
def db_start() -> None:
    """Start the embedded FalkorDB server (or report the one already running)."""
    with errors():
        info = _start_server(_server())
    console.print(
        f"FalkorDB running on 127.0.0.1:{info.port} (pid {info.pid}), data in {info.data_dir}"
    )


def _start_server(server: EmbeddedServer) -> ServerInfo:
    """Start, showing the loading progress of a large database; print warnings."""
    with Progress(
        TextColumn("loading the database"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f} %"),
        TextColumn("{task.fields[eta]}"),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task("loading", total=100, eta="", visible=False)

        def show(progress: LoadingProgress) -> None:
            left = "" if progress.eta_seconds is None else f"about {progress.eta_seconds} s left"
            bar.update(task, completed=progress.percent, eta=left, visible=True)

        info = server.start(progress=show)
    for warning in server.warnings:
        err_console.print(f"warning: {warning}")
    return info


@app.command("stop")
def db_stop() -> None:
    """Stop the embedded FalkorDB server; its data stays on disk (compacted first)."""
    with errors():
        stopped = _server().stop()
    console.print("FalkorDB stopped" if stopped else "FalkorDB was not running")


@app.command("repair")
def db_repair() -> None:
    """Repair a damaged append-only file: back it up, then cut it at the damage."""
    with errors():
        report = _server().repair()
    if report.backup is None:
        console.print("the append-only file is intact: nothing to repair")
        return
    console.print(
        f"repaired: {report.removed_bytes} bytes cut at the damage (the writes in them are "
        f"lost); the damaged files are kept in {report.backup}"
    )


@app.command("backup")
def db_backup(
    path: Annotated[
        str,
        typer.Argument(
            metavar="PATH",
            help="Archive to write, or a folder (existing, or ending in /) for a dated one.",
        ),
    ],
) -> None:
    """Write a consistent backup (graph, keys, workshops, settings) while the service runs."""
    from graphsvc.settings import get_settings
    from graphsvc.store.backup import backup
    from graphsvc.store.catalogue import load_catalogue

    settings = get_settings()
    with errors():
        report = backup(_server(), path, load_catalogue(settings.queries_dir))
    console.print(
        f"backup written to {report.path} ({report.size:,} bytes, {report.seconds:.1f} s)"
    )
    _print_census(report.census)


@app.command("restore")
def db_restore(
    path: Annotated[
        Path, typer.Argument(metavar="ARCHIVE", help="A backup written by `graphsvc db backup`.")
    ],
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir", metavar="DIR", help="Restore here instead of GRAPHSVC_DATA_DIR."
        ),
    ] = None,
) -> None:
    """Restore a backup into an empty or new data directory, and check it."""
    from graphsvc.settings import get_settings
    from graphsvc.store.backup import restore
    from graphsvc.store.catalogue import load_catalogue

    settings = get_settings()
    target = data_dir or settings.data_dir
    with errors():
        report = restore(path, target, load_catalogue(settings.queries_dir))
    console.print(f"restored into {report.path} and checked ({report.seconds:.1f} s)")
    _print_census(report.census)


def _print_census(census: dict[str, dict[str, dict[str, int]]]) -> None:
    for graph, found in census.items():
        parts = [f"{n:,} {label}" for label, n in found["nodes"].items()]
        parts += [f"{n:,} {kind}" for kind, n in found["relationships"].items()]
        console.print(f"  graph {graph}: {', '.join(parts) or 'empty'}")


@app.command("status")
def db_status() -> None:
    """Say whether the embedded server runs, and what the graph holds."""
    from graphsvc.settings import get_settings

    settings = get_settings()
    if settings.neo4j_uri:
        with opened() as graphsvc:
            console.print(f"{graphsvc.store.describe()}: {graphsvc.counts()}")
        return
    server = _server()
    info = server.status()
    if info is None:
        loading = server.starting()
        if loading is not None:
            console.print(
                f"FalkorDB (pid {loading.pid}) is starting: it is loading its data "
                f"(see `graphsvc db start` for the progress), data in {loading.data_dir}"
            )
            raise typer.Exit(code=4)
        console.print(f"FalkorDB is not running (data dir {settings.data_dir})")
        raise typer.Exit(code=3)
    from graphsvc.store.migrations import read_state

    counts, schema = run(lambda g: (g.counts(), read_state(g.store).version))
    console.print(
        f"FalkorDB running on 127.0.0.1:{info.port} (pid {info.pid}), data in {info.data_dir}"
    )
    console.print(", ".join(f"{n} {name}" for name, n in counts.items()))
    console.print(f"schema version {schema}")


@app.command("reset")
def db_reset(
    yes: Annotated[bool, typer.Option("--yes", help="Confirm deleting every item.")] = False,
) -> None:
    """Delete every actor, project and tie in the graph."""
    if not yes:
        raise fail(GraphsvcError("this deletes the whole graph: add --yes to confirm"))
    run(lambda g: g.reset())
    console.print("graph emptied")


@app.command("migrate")
def db_migrate(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would change; write nothing.")
    ] = False,
    backup_to: Annotated[
        str | None,
        typer.Option(
            "--backup",
            metavar="PATH",
            help="Write the backup here (an archive, or a folder) instead of <data dir>/backups/.",
        ),
    ] = None,
    no_backup: Annotated[
        bool, typer.Option("--no-backup", help="Take no backup (Neo4j: take your own first).")
    ] = False,
) -> None:
    """Upgrade a graph written by an older graphsvc to this version's schema (backup first)."""
    import contextlib

    from graphsvc.settings import get_settings
    from graphsvc.store import open_store
    from graphsvc.store.migrations import (
        SCHEMA_VERSION,
        backup_before_upgrade,
        migrate,
        migration_lock,
    )

    settings = get_settings()
    if settings.neo4j_uri and not (no_backup or dry_run):
        raise fail(
            ConflictError(
                "graphsvc cannot back up a Neo4j database: take a backup (neo4j-admin database "
                "dump), then run `graphsvc db migrate --no-backup`"
            )
        )
    with errors():
        store = open_store(settings, migrate=False)
        try:
            lock = (
                contextlib.nullcontext()
                if settings.neo4j_uri
                else migration_lock(settings.data_dir)
            )
            with lock:
                report = migrate(
                    store,
                    backup=None
                    if no_backup
                    else lambda: backup_before_upgrade(store, settings, backup_to),
                    dry_run=dry_run,
                )
        finally:
            store.close()
    if report.before is None:
        done = "would be recorded" if dry_run else "recorded"
        console.print(f"a new graph: schema version {SCHEMA_VERSION} {done}")
        return
    if not report.steps:
        console.print(f"the graph has schema version {report.before}: nothing to do")
        return
    if dry_run:
        console.print(
            f"dry run: nothing written. Schema version {report.before} → {SCHEMA_VERSION} would "
            f"{'take no backup, then ' if no_backup else 'take a backup, then '}run:"
        )
        for step in report.steps:
            console.print(f"  {step.name}: {step.explanation} ({step.changed:,} to change)")
        return
    if report.backup is not None:
        console.print(f"backup written to {report.backup} ({report.backup_seconds:.1f} s)")
    for step in report.steps:
        console.print(
            f"  {step.name}: {step.explanation} ({step.changed:,} changed, {step.seconds:.1f} s)"
        )
    console.print(
        f"schema version {report.after} (was {report.before}), {report.seconds:.1f} s in all"
    )
