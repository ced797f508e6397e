"""``graphsvc map``: one interactive map as a self-contained HTML file."""

# Heavy modules (graphsvc.core: pandas, networkx …) load when a command runs: fast --help (#14)

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graphsvc.cli.common import Lang, console, filter_options, run
from graphsvc.filters import LENSES, SIZE_BY, LensName, NetworkFilters, SizeBy


@filter_options("as_of")
def map_(
    filters: NetworkFilters,
    lens: Annotated[
        LensName,
        typer.Argument(metavar="LENS", help=f"What the map shows: {', '.join(LENSES)}."),
    ],
    focus: Annotated[
        str | None,
        typer.Argument(metavar="FOCUS", help="Municipality code, project id or actor id."),
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="FILE", help="The HTML file to write.")
    ] = Path("map.html"),
    lang: Lang = "en",
    remove: Annotated[
        list[str] | None,
        typer.Option("--remove", metavar="ACTOR", help="whatif: actor id to remove (repeatable)."),
    ] = None,
    size_by: Annotated[
        SizeBy, typer.Option("--size-by", metavar="MEASURE", help=f"One of {', '.join(SIZE_BY)}.")
    ] = "betweenness",
    radius: Annotated[
        int, typer.Option("--radius", metavar="N", help="ego: steps from the actor.")
    ] = 2,
    png: Annotated[
        Path | None, typer.Option("--png", metavar="FILE", help="Also write a PNG picture.")
    ] = None,
) -> None:
    """Write an interactive map as one self-contained HTML file (opens offline)."""
    from graphsvc.maps import export_png, write_map

    html = run(
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
