"""The ``graphsvc`` command line: a thin layer over :class:`graphsvc.core.Graphsvc`."""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

import pandas as pd
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from graphsvc.cli_output import console, err_console, fail
from graphsvc.core import Graphsvc
from graphsvc.errors import GraphsvcError
from graphsvc.filters import LENSES, GroupAttribute, LensName, NetworkFilters, choices
from graphsvc.io.exporter import export_formats
from graphsvc.io.importer import ImportReport
from graphsvc.io.mapping import Mapping, MappingResult
from graphsvc.settings import get_settings
from graphsvc.store import EmbeddedServer
from graphsvc.store.server import LoadingProgress, ServerInfo

app = typer.Typer(
    help="graphsvc: partnership maps for co-creation (samskabelse) in the welfare sector.",
    no_args_is_help=True,
    add_completion=False,
)
db_app = typer.Typer(
    help="Start, stop and inspect the embedded FalkorDB server.", no_args_is_help=True
)
app.add_typer(db_app, name="db")
analyse_app = typer.Typer(
    help="Bridging roles, local anchoring, what-if scenarios, introductions, suggestions.",
    no_args_is_help=True,
)
app.add_typer(analyse_app, name="analyse")

T = TypeVar("T")


@contextmanager
def _errors() -> Iterator[None]:
    try:
        yield
    except GraphsvcError as error:
        raise fail(error) from error


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
        raise fail(GraphsvcError("GRAPHSVC_NEO4J_URI is set: the embedded server is not used"))
    return EmbeddedServer(settings.data_dir, start_timeout=settings.server_start_timeout)


@db_app.command("start")
def db_start() -> None:
    """Start the embedded FalkorDB server (or report the one already running)."""
    with _errors():
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


@db_app.command("stop")
def db_stop() -> None:
    """Stop the embedded FalkorDB server; its data stays on disk (compacted first)."""
    with _errors():
        stopped = _server().stop()
    console.print("FalkorDB stopped" if stopped else "FalkorDB was not running")


@db_app.command("repair")
def db_repair() -> None:
    """Repair a damaged append-only file: back it up, then cut it at the damage."""
    with _errors():
        report = _server().repair()
    if report.backup is None:
        console.print("the append-only file is intact: nothing to repair")
        return
    console.print(
        f"repaired: {report.removed_bytes} bytes cut at the damage (the writes in them are "
        f"lost); the damaged files are kept in {report.backup}"
    )


@db_app.command("backup")
def db_backup(
    path: Annotated[
        str,
        typer.Argument(
            help="Archive to write, or a folder (existing, or ending in /) for a dated one."
        ),
    ],
) -> None:
    """Write a consistent backup (graph, keys, workshops, settings) while the service runs."""
    from graphsvc.store.backup import backup
    from graphsvc.store.catalogue import load_catalogue

    settings = get_settings()
    with _errors():
        report = backup(_server(), path, load_catalogue(settings.queries_dir))
    console.print(
        f"backup written to {report.path} ({report.size:,} bytes, {report.seconds:.1f} s)"
    )
    _print_census(report.census)


@db_app.command("restore")
def db_restore(
    path: Annotated[Path, typer.Argument(help="A backup written by `graphsvc db backup`.")],
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", help="Restore here instead of GRAPHSVC_DATA_DIR."),
    ] = None,
) -> None:
    """Restore a backup into an empty or new data directory, and check it."""
    from graphsvc.store.backup import restore
    from graphsvc.store.catalogue import load_catalogue

    settings = get_settings()
    target = data_dir or settings.data_dir
    with _errors():
        report = restore(path, target, load_catalogue(settings.queries_dir))
    console.print(f"restored into {report.path} and checked ({report.seconds:.1f} s)")
    _print_census(report.census)


def _print_census(census: dict[str, dict[str, dict[str, int]]]) -> None:
    for graph, found in census.items():
        parts = [f"{n:,} {label}" for label, n in found["nodes"].items()]
        parts += [f"{n:,} {kind}" for kind, n in found["relationships"].items()]
        console.print(f"  graph {graph}: {', '.join(parts) or 'empty'}")


@db_app.command("status")
def db_status() -> None:
    """Say whether the embedded server runs, and what the graph holds."""
    settings = get_settings()
    if settings.neo4j_uri:
        with _open() as graphsvc:
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
    counts = _run(lambda g: g.counts())
    console.print(
        f"FalkorDB running on 127.0.0.1:{info.port} (pid {info.pid}), data in {info.data_dir}"
    )
    console.print(", ".join(f"{n} {name}" for name, n in counts.items()))


@db_app.command("reset")
def db_reset(
    yes: Annotated[bool, typer.Option("--yes", help="Confirm deleting every item.")] = False,
) -> None:
    """Delete every actor, project and tie in the graph."""
    if not yes:
        raise fail(GraphsvcError("this deletes the whole graph: add --yes to confirm"))
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


@app.command("import")
def import_(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Spreadsheets (CSV, XLSX), folders, graph files (GraphML, GEXF …)."),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Validate and report; write nothing.")
    ] = False,
    mapping: Annotated[
        Path | None,
        typer.Option("--mapping", help="A mapping file (TOML) that overrides what is detected."),
    ] = None,
    save_mapping: Annotated[
        Path | None,
        typer.Option("--save-mapping", help="Write the mapping used to this file (TOML)."),
    ] = None,
) -> None:
    """Import a spreadsheet or graph file (all or nothing); prints the mapping it used."""
    with _open() as graphsvc:
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


@app.command("export")
def export(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help=f"One of: {', '.join(export_formats())}.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="File (or folder for csv).")],
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

    Pseudonymised by default: persons who did not consent appear as "Person 3f2a…" with
    a masked id, and their names are replaced in every other item's text.
    """
    for path in _run(lambda g: g.export(fmt, out, personal_data=personal_data)):
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


# ---------------------------------------------------------------- analyses

_SHORT = {"municipality": ("-m",)}
_METAVAR = {"as_of": "DATE", "municipality": "CODE"}


def _filter_option(name: str) -> Any:
    """The CLI option of one :class:`NetworkFilters` field: its help, its choices."""
    field = NetworkFilters.model_fields[name]
    flag = "--" + name.replace("_", "-")
    if field.annotation is bool:
        return Annotated[bool, typer.Option(flag, help=field.description)]
    help = field.description or ""
    if known := choices(name):
        help += f" One of: {', '.join(known)}."
    metavar = _METAVAR.get(name, name.upper())
    kind = str | None if name == "as_of" else list[str] | None
    option = typer.Option(flag, *_SHORT.get(name, ()), metavar=metavar, help=help)
    return Annotated[kind, option]


def filter_options(*names: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Give a command the :class:`NetworkFilters` fields (all, or ``names``) as options.

    The command receives them checked, as one ``filters`` argument: bad values are
    refused with the message the API gives for them (the way sqlite-utils shares its
    output options between commands).
    """
    fields = names or tuple(NetworkFilters.model_fields)

    def decorate(command: Callable[..., T]) -> Callable[..., T]:
        signature = inspect.signature(command, eval_str=True)
        kept = [p for p in signature.parameters.values() if p.name != "filters"]
        added = [
            inspect.Parameter(
                name,
                inspect.Parameter.KEYWORD_ONLY,
                annotation=_filter_option(name),
                default=False if name == "proposed" else None,
            )
            for name in fields
        ]

        @functools.wraps(command)
        def with_filters(**values: Any) -> T:
            given = {name: values.pop(name) for name in fields}
            with _errors():
                filters = NetworkFilters.parse(given)
            return command(**values, filters=filters)

        with_filters.__signature__ = signature.replace(parameters=[*kept, *added])  # type: ignore[attr-defined]
        return with_filters

    return decorate


Out = Annotated[
    Path | None, typer.Option("--out", "-o", help="Write the full table (.csv or .xlsx).")
]
Top = Annotated[int, typer.Option("--top", help="Rows to print.")]
Lang = Annotated[str, typer.Option("--lang", help="da or en.")]


def _write_table(frame: pd.DataFrame, out: Path | None) -> None:
    if out is None:
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".xlsx":
        frame.to_excel(out, engine="openpyxl")
    elif out.suffix.lower() == ".csv":
        frame.to_csv(out, encoding="utf-8")
    else:
        raise fail(GraphsvcError(f"--out must end in .csv or .xlsx, not {out.name!r}"))
    console.print(f"wrote {out}")


def _frame_table(frame: pd.DataFrame, columns: list[str], title: str, top: int) -> Table:
    table = Table(title=title)
    table.add_column(str(frame.index.name or "id"), overflow="fold")
    for column in columns:
        table.add_column(column, overflow="fold")
    for index, row in frame.head(top).iterrows():
        table.add_row(str(index), *(_fmt(row[c]) for c in columns))
    return table


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return "" if value != value else f"{value:.3g}"
    return "" if value is None else str(value)


@analyse_app.command("bridging")
@filter_options()
def analyse_bridging(
    filters: NetworkFilters,
    attribute: Annotated[
        GroupAttribute, typer.Option("--by", help="The groups brokerage is counted between.")
    ] = "sector",
    lang: Lang = "en",
    out: Out = None,
    top: Top = 15,
) -> None:
    """Who bridges: betweenness, Burt, Gould–Fernandez brokerage, cut points, sole brokers."""
    result = _run(lambda g: g.bridging(attribute=attribute, **filters.network_args()))
    actors = result.actors.sort_values(["betweenness", "total"], ascending=False)
    role = "role_da" if lang == "da" else "role_en"
    columns = ["name", "sector", "betweenness", "constraint", "total", "z_total", role]
    console.print(_frame_table(actors, columns, f"bridging roles (groups: {attribute})", top))
    if len(result.sole_brokers):
        sole = result.sole_brokers.join(actors[["name"]])
        console.print(
            _frame_table(sole, ["name", "group_a", "group_b"], "only link between groups", top)
        )
    method = result.meta["betweenness"]
    console.print(
        f"{result.meta['actors']} actors, {result.meta['ties']} ties; "
        f"betweenness {method['method']}"
        + (
            f" ({method['pivots']} pivots, seed {method['seed']})"
            if method["method"] == "sampled"
            else ""
        )
    )
    _write_table(actors, out)


@analyse_app.command("anchoring")
@filter_options()
def analyse_anchoring(
    filters: NetworkFilters, lang: Lang = "en", out: Out = None, top: Top = 30
) -> None:
    """Local anchoring (lokal forankring) of every project, each part and a 0–100 score."""
    frame = _run(lambda g: g.anchoring(**filters.network_args())).sort_values("score")
    explanation = "explanation_da" if lang == "da" else "explanation_en"
    columns = [c for c in ("name", "score", "band", explanation) if c in frame.columns]
    console.print(_frame_table(frame, columns, "local anchoring", top))
    _write_table(frame, out)


@analyse_app.command("whatif")
@filter_options("as_of", "proposed")
def analyse_whatif(
    filters: NetworkFilters,
    remove: Annotated[
        list[str] | None, typer.Option("--remove", help="Actor id to remove (repeatable).")
    ] = None,
    remove_group: Annotated[
        list[str] | None,
        typer.Option(
            "--remove-group",
            help="attribute=value[,attribute=value], e.g. kind=foundation,scale=national.",
        ),
    ] = None,
    end_before: Annotated[
        str | None, typer.Option("--end-before", help="Remove ties that ended before this date.")
    ] = None,
    lang: Lang = "en",
    out: Out = None,
) -> None:
    """What a scenario removes: funders, owners, local links, cut-off actors, fragmentation."""
    from graphsvc.analysis.whatif import Scenario

    groups = [dict(pair.split("=", 1) for pair in spec.split(",")) for spec in remove_group or []]
    scenario = Scenario(
        remove_actors=tuple(remove or ()), remove_groups=groups, end_ties_before=end_before
    )
    result = _run(lambda g: g.what_if(scenario, **filters.network_args()))
    console.print(result.to_text(lang), markup=False)
    _write_table(result.projects, out)


@analyse_app.command("paths")
@filter_options("as_of")
def analyse_paths(
    filters: NetworkFilters,
    source: Annotated[str, typer.Argument(help="Actor id.")],
    target: Annotated[str, typer.Argument(help="Actor id.")],
    k: Annotated[int, typer.Option("--k", help="At most this many paths.")] = 3,
    max_length: Annotated[
        int, typer.Option("--max-length", help="At most this many ties per path.")
    ] = 4,
) -> None:
    """Who can introduce us? Shortest introduction paths between two actors."""
    paths = _run(
        lambda g: g.introductions(
            source, target, k=k, max_length=max_length, **filters.network_args()
        )
    )
    if not paths:
        console.print(f"no path of at most {max_length} ties between {source} and {target}")
    for number, path in enumerate(paths, start=1):
        console.print(f"{number}. " + " → ".join(path["names"]), markup=False)


@analyse_app.command("suggest")
@filter_options("as_of", "proposed")
def analyse_suggest(
    filters: NetworkFilters,
    project: Annotated[str, typer.Argument(help="Project id.")],
    limit: Annotated[int, typer.Option("--limit", help="At most this many suggestions.")] = 10,
    lang: Lang = "en",
    out: Out = None,
) -> None:
    """Local actors a project could involve, ranked by closeness and the sectors it lacks."""
    frame = _run(lambda g: g.suggest(project, limit=limit, **filters.network_args()))
    reason = "reason_da" if lang == "da" else "reason_en"
    console.print(_frame_table(frame, ["name", "sector", reason], f"partners for {project}", limit))
    _write_table(frame, out)


# ---------------------------------------------------------------- maps


@app.command("map")
@filter_options("as_of")
def map_(
    filters: NetworkFilters,
    lens: Annotated[
        LensName,
        typer.Argument(metavar="LENS", help=f"What the map shows: {', '.join(LENSES)}."),
    ],
    focus: Annotated[
        str | None, typer.Argument(help="Municipality code, project id or actor id.")
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")] = Path(
        "map.html"
    ),
    lang: Lang = "en",
    remove: Annotated[
        list[str] | None, typer.Option("--remove", help="whatif: actor id to remove (repeatable).")
    ] = None,
    size_by: Annotated[
        str, typer.Option("--size-by", help="betweenness, total, constraint or degree.")
    ] = "betweenness",
    radius: Annotated[int, typer.Option("--radius", help="ego: steps from the actor.")] = 2,
    png: Annotated[Path | None, typer.Option("--png", help="Also write a PNG picture.")] = None,
) -> None:
    """Write an interactive map as one self-contained HTML file (opens offline)."""
    from graphsvc.maps import export_png, write_map

    html = _run(
        lambda g: g.map_html(
            lens,
            g.public_id(focus) if focus and lens == "ego" else focus,
            lang=lang,
            as_of=filters.network_args()["as_of"],
            remove=tuple(g.public_id(r) for r in remove or ()),
            size_by=size_by,
            radius=radius,
        )
    )
    console.print(str(write_map(html, out)))
    if png is not None:
        console.print(str(export_png(out, png)))


# ---------------------------------------------------------------- the main job

DEMO_MAPS = (
    ("network", None, "network"),
    ("brokers", None, "brokers"),
    ("municipality", "DK-410", "municipality-middelfart"),
    ("project", "legepatruljen", "project-legepatruljen"),
    ("ego", "mentorkoordinator-jobcenter-middelfart", "ego-mentorkoordinator"),
    ("whatif", None, "whatif-trygfonden"),
)


@app.command("up")
def up(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the maps.")] = Path(
        "out/maps"
    ),
    lang: Lang = "da",
    port: Annotated[int, typer.Option("--port", help="Port of the API and map browser.")] = 8000,
    serve_api: Annotated[
        bool, typer.Option("--serve/--no-serve", help="End by serving the API (demo mode).")
    ] = True,
) -> None:
    """The main job: database, seed, analyses, maps, then the API and map browser (loopback)."""
    with _open() as graphsvc:
        console.print(f"[bold]database[/]: {graphsvc.store.describe()}")
        report = graphsvc.seed()
        console.print(
            f"[bold]seed[/]: {sum(report.created.values())} created, "
            f"{sum(report.updated.values())} updated, {sum(report.unchanged.values())} unchanged"
        )
        console.print(
            "[bold]graph[/]: " + ", ".join(f"{n} {k}" for k, n in graphsvc.counts().items())
        )
        bridging = graphsvc.bridging()
        top = bridging.actors.sort_values("betweenness", ascending=False).head(5)
        role = "role_da" if lang == "da" else "role_en"
        console.print(_frame_table(top, ["name", "betweenness", "total", role], "bridging", 5))
        anchoring = graphsvc.anchoring().sort_values("score")
        explanation = "explanation_da" if lang == "da" else "explanation_en"
        console.print(_frame_table(anchoring, ["name", "score", explanation], "local anchoring", 5))
        out.mkdir(parents=True, exist_ok=True)
        from graphsvc.maps import write_map

        for lens, focus, name in DEMO_MAPS:
            remove = ("trygfonden",) if lens == "whatif" else ()
            if lens == "ego" and focus:
                focus = graphsvc.public_id(focus)  # maps know hidden persons by masked ids
            html = graphsvc.map_html(
                lens, focus, lang=lang, remove=remove, measures=bridging.actors
            )
            path = write_map(html, out / f"{name}.html")
            console.print(f"map: {path.resolve()}")
        workshop = _demo_workshop(graphsvc)
    if serve_api:
        from graphsvc.cli_api import serve

        console.print(f"map browser: http://127.0.0.1:{port}/")
        console.print(f"workshops:   http://127.0.0.1:{port}/workshop")
        console.print(f"demo workshop: http://127.0.0.1:{port}/workshop/{workshop}")
        console.print(f"API docs:    http://127.0.0.1:{port}/docs  (Ctrl-C stops the API)")
        serve(host="127.0.0.1", port=port, demo=True, workers=0)


DEMO_WORKSHOP = "demo-mentorer-middelfart"


def _demo_workshop(graphsvc: Graphsvc) -> str:
    """A workshop to try the page on: the Middelfart mentor network (made once)."""
    from graphsvc.workshop import Workshops

    workshops = Workshops(graphsvc)
    if workshops.version(DEMO_WORKSHOP) is None:
        workshops.create(
            name="Frivillige mentorer i Middelfart (demo)",
            purpose="Hvem kan bære mentornetværket videre, og hvem mangler vi?",
            municipality="DK-410",
            start_from="project",
            start_id="frivillige-sociale-mentorer-middelfart",
            workshop_id=DEMO_WORKSHOP,
        )
    return DEMO_WORKSHOP


from graphsvc.cli_api import register  # noqa: E402
from graphsvc.cli_privacy import register as register_privacy  # noqa: E402

register(app)
register_privacy(app)


if __name__ == "__main__":
    app()
