"""The ``graphsvc`` command line: a thin layer over :class:`graphsvc.core.Graphsvc`.

One module per command group, each over the core object: :mod:`~graphsvc.cli.db`,
:mod:`~graphsvc.cli.data` (seed, import, export, stats), :mod:`~graphsvc.cli.analyse`,
:mod:`~graphsvc.cli.maps`, :mod:`~graphsvc.cli.report`, :mod:`~graphsvc.cli.serve` (the API
and its keys),
:mod:`~graphsvc.cli.privacy` (audit log, GDPR requests), :mod:`~graphsvc.cli.survey`
(network surveys) and :mod:`~graphsvc.cli.up` (the main job). What they share is in
:mod:`~graphsvc.cli.common`.
"""

# Heavy modules (graphsvc.core: pandas, networkx …) load when a command runs: fast --help (#14)

from __future__ import annotations

import logging
from typing import Annotated

import typer

from graphsvc.cli import analyse, data, db, maps, privacy, report, serve, survey, up
from graphsvc.cli.common import Group, remember_language
from graphsvc.filters import Language

app = typer.Typer(
    cls=Group,
    help="graphsvc: partnership maps for co-creation (samskabelse) in the welfare sector.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens.")] = False,
    lang: Annotated[
        Language | None,
        typer.Option(
            "--lang",
            metavar="LANG",
            envvar="GRAPHSVC_LANG",
            help="The language of error messages for every command: da or en (a "
            "command's own --lang sets it too).",
            callback=remember_language,
        ),
    ] = None,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


app.add_typer(db.app, name="db")
app.command("seed")(data.seed)
app.command("import")(data.import_)
app.command("export")(data.export)
app.command("stats")(data.stats)
app.add_typer(analyse.app, name="analyse")
app.command("map")(maps.map_)
app.add_typer(report.app, name="report")
app.command("up")(up.up)
app.command("serve")(serve.serve)
app.add_typer(serve.keys, name="keys")
app.command("audit")(privacy.audit_log)
app.add_typer(privacy.gdpr, name="gdpr")
app.add_typer(survey.app, name="survey")

__all__ = ["app"]
