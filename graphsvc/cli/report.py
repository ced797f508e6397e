"""``graphsvc report``: a printable report of a project or a municipality (PDF or HTML)."""

# Heavy modules (graphsvc.core, chromium) load when a command runs: fast --help (#14)

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from graphsvc.cli.common import Lang, console, filter_options, run
from graphsvc.filters import NetworkFilters

app = typer.Typer(
    help="Printable reports to hand on (PDF or HTML): a project's or a municipality's "
    "partnerships, local anchoring, weak links, funders and suggested partners.",
    no_args_is_help=True,
)

Format = Annotated[
    Literal["pdf", "html"],
    typer.Option("--format", "-f", metavar="FORMAT", help="pdf or html."),
]
Out = Annotated[
    Path | None,
    typer.Option(
        "--out", "-o", metavar="FILE", help="The file to write (default: rapport-ID.pdf)."
    ),
]


def _write(kind: str, ident: str, lang: str, fmt: str, out: Path | None, as_of: str | None) -> None:
    from graphsvc.reports import report  # Chromium and pyvis load when a report is made

    data = run(lambda g: report(g, kind, ident, lang=lang, fmt=fmt, as_of=as_of))
    stem = ("rapport" if lang == "da" else "report") + "-" + ident.replace("/", "_")
    path = out or Path(f"{stem}.{fmt}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    console.print(str(path))


@app.command("project")
@filter_options("as_of")
def project(
    filters: NetworkFilters,
    ident: Annotated[str, typer.Argument(metavar="ID", help="The project's id.")],
    lang: Lang = "da",
    fmt: Format = "pdf",
    out: Out = None,
) -> None:
    """A report of one project: its local anchoring, map, weak links, funders, partners."""
    _write("project", ident, lang, fmt, out, filters.network_args()["as_of"])


@app.command("municipality")
@filter_options("as_of")
def municipality(
    filters: NetworkFilters,
    code: Annotated[str, typer.Argument(metavar="CODE", help="Municipality code, e.g. DK-410.")],
    lang: Lang = "da",
    fmt: Format = "pdf",
    out: Out = None,
) -> None:
    """A report of one municipality: its projects' anchoring, map, weak links, funders."""
    _write("municipality", code, lang, fmt, out, filters.network_args()["as_of"])
