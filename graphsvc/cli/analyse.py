"""``graphsvc analyse …``: bridging roles, local anchoring, what-if, introductions, partners."""

# Heavy modules (graphsvc.core: pandas, networkx …) load when a command runs: fast --help (#14)

from __future__ import annotations

from typing import Annotated

import typer

from graphsvc.cli.common import (
    Lang,
    Out,
    Top,
    console,
    filter_options,
    frame_table,
    run,
    write_table,
)
from graphsvc.filters import GroupAttribute, NetworkFilters

app = typer.Typer(
    help="Bridging roles, local anchoring, what-if scenarios, introductions, suggestions.",
    no_args_is_help=True,
)


@app.command("bridging")
@filter_options()
def analyse_bridging(
    filters: NetworkFilters,
    attribute: Annotated[
        GroupAttribute,
        typer.Option("--by", metavar="ATTRIBUTE", help="The groups brokerage is counted between."),
    ] = "sector",
    lang: Lang = "en",
    out: Out = None,
    top: Top = 15,
) -> None:
    """Who bridges: betweenness, Burt, Gould–Fernandez brokerage, cut points, sole brokers."""
    result = run(lambda g: g.bridging(attribute=attribute, **filters.network_args()))
    actors = result.actors.sort_values(["betweenness", "total"], ascending=False)
    role = "role_da" if lang == "da" else "role_en"
    columns = ["name", "sector", "betweenness", "constraint", "total", "z_total", role]
    console.print(frame_table(actors, columns, f"bridging roles (groups: {attribute})", top))
    if len(result.sole_brokers):
        sole = result.sole_brokers.join(actors[["name"]])
        console.print(
            frame_table(sole, ["name", "group_a", "group_b"], "only link between groups", top)
        )
    method = result.meta["betweenness"]
    console.print(
        f"{result.meta['actors']} actors, {result.meta['ties']} ties; "
        f"betweenness {method['method']}"
        + (
            f" ({method['pivots']} pivots, seed {method['seed']},"
            f" error ≤ {method['error_bound']:.3f} with probability {method['confidence']})"
            if method["method"] == "sampled"
            else ""
        )
    )
    write_table(actors, out)


@app.command("anchoring")
@filter_options()
def analyse_anchoring(
    filters: NetworkFilters, lang: Lang = "en", out: Out = None, top: Top = 30
) -> None:
    """Local anchoring (lokal forankring) of every project, each part and a 0–100 score."""
    frame = run(lambda g: g.anchoring(**filters.network_args())).sort_values("score")
    explanation = "explanation_da" if lang == "da" else "explanation_en"
    columns = [c for c in ("name", "score", "band", explanation) if c in frame.columns]
    console.print(frame_table(frame, columns, "local anchoring", top))
    write_table(frame, out)


@app.command("whatif")
@filter_options("as_of", "proposed")
def analyse_whatif(
    filters: NetworkFilters,
    remove: Annotated[
        list[str] | None,
        typer.Option("--remove", metavar="ACTOR", help="Actor id to remove (repeatable)."),
    ] = None,
    remove_group: Annotated[
        list[str] | None,
        typer.Option(
            "--remove-group",
            metavar="GROUP",
            help="attribute=value[,attribute=value], e.g. kind=foundation,scale=national.",
        ),
    ] = None,
    end_before: Annotated[
        str | None,
        typer.Option(
            "--end-before", metavar="DATE", help="Remove ties that ended before this date."
        ),
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
    result = run(lambda g: g.what_if(scenario, **filters.network_args()))
    console.print(result.to_text(lang), markup=False)
    write_table(result.projects, out)


@app.command("paths")
@filter_options("as_of")
def analyse_paths(
    filters: NetworkFilters,
    source: Annotated[str, typer.Argument(metavar="SOURCE", help="Actor id.")],
    target: Annotated[str, typer.Argument(metavar="TARGET", help="Actor id.")],
    k: Annotated[int, typer.Option("--k", metavar="N", help="At most this many paths.")] = 3,
    max_length: Annotated[
        int, typer.Option("--max-length", metavar="N", help="At most this many ties per path.")
    ] = 4,
) -> None:
    """Who can introduce us? Shortest introduction paths between two actors."""
    paths = run(
        lambda g: g.introductions(
            source, target, k=k, max_length=max_length, **filters.network_args()
        )
    )
    if not paths:
        console.print(f"no path of at most {max_length} ties between {source} and {target}")
    for number, path in enumerate(paths, start=1):
        console.print(f"{number}. " + " → ".join(path["names"]), markup=False)


@app.command("suggest")
@filter_options("as_of", "proposed")
def analyse_suggest(
    filters: NetworkFilters,
    project: Annotated[str, typer.Argument(metavar="PROJECT", help="Project id.")],
    limit: Annotated[
        int, typer.Option("--limit", metavar="N", help="At most this many suggestions.")
    ] = 10,
    lang: Lang = "en",
    out: Out = None,
) -> None:
    """Local actors a project could involve, ranked by closeness and the sectors it lacks."""
    frame = run(lambda g: g.suggest(project, limit=limit, **filters.network_args()))
    reason = "reason_da" if lang == "da" else "reason_en"
    console.print(frame_table(frame, ["name", "sector", reason], f"partners for {project}", limit))
    write_table(frame, out)
