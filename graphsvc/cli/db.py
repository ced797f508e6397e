"""``graphsvc db …``: start, stop, back up, restore and inspect the embedded FalkorDB server."""

# Heavy modules (graphsvc.core: pandas, networkx …) load when a command runs: fast --help (#14)

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn

from graphsvc.cli.common import console, err_console, errors, fail, opened, run
from graphsvc.errors import GraphsvcError

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
    counts = run(lambda g: g.counts())
    console.print(
        f"FalkorDB running on 127.0.0.1:{info.port} (pid {info.pid}), data in {info.data_dir}"
    )
    console.print(", ".join(f"{n} {name}" for name, n in counts.items()))


@app.command("reset")
def db_reset(
    yes: Annotated[bool, typer.Option("--yes", help="Confirm deleting every item.")] = False,
) -> None:
    """Delete every actor, project and tie in the graph."""
    if not yes:
        raise fail(GraphsvcError("this deletes the whole graph: add --yes to confirm"))
    run(lambda g: g.reset())
    console.print("graph emptied")
