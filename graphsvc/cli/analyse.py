"""``graphsvc analyse …``: bridging roles, local anchoring, what-if, introductions, partners."""

# Heavy modules (graphsvc.core: pandas, networkx …) load when a command runs: fast --help (#14)

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from graphsvc import i18n
from graphsvc.cli.common import (
    Format,
    Lang,
    Out,
    Top,
    console,
    filter_options,
    print_frame,
    run,
    write_table,
)
from graphsvc.filters import GroupAttribute, NetworkFilters

if TYPE_CHECKING:
    import pandas as pd

    from graphsvc.core import Graphsvc

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
    output: Format = "table",
) -> None:
    """Who bridges: betweenness, Burt, Gould–Fernandez brokerage, cut points, sole brokers."""
    result = run(lambda g: g.bridging(attribute=attribute, **filters.network_args()))
    actors = result.actors.sort_values(["betweenness", "total"], ascending=False)
    role = "role_da" if lang == "da" else "role_en"
    columns = ["name", "sector", "betweenness", "constraint", "total", "z_total", role]
    by = i18n.ui(lang, attribute).lower() if lang == "da" else attribute
    title = i18n.phrase(lang, "title_bridging", by=by)
    print_frame(actors, columns, title, top, lang=lang, output=output)
    if output == "csv":
        write_table(actors, out, lang)
        return
    if len(result.sole_brokers):
        sole = result.sole_brokers.join(actors[["name"]])
        groups = {"group_a": attribute, "group_b": attribute}
        title = i18n.phrase(lang, "title_sole_brokers")
        print_frame(sole, ["name", "group_a", "group_b"], title, top, lang=lang, groups=groups)
    method = result.meta["betweenness"]
    how = (
        i18n.phrase(
            lang,
            "betweenness_sampled",
            pivots=i18n.count(lang, method["pivots"], "pivot"),
            seed=method["seed"],
            error=f"{method['error_bound']:.3f}",
            confidence=method["confidence"],
        )
        if method["method"] == "sampled"
        else i18n.phrase(lang, "betweenness_exact")
    )
    sizes = (i18n.count(lang, result.meta["actors"], "actor"),
             i18n.count(lang, result.meta["ties"], "tie"))  # fmt: skip
    console.print(f"{sizes[0]}, {sizes[1]}; {how}", markup=False, highlight=False)
    write_table(actors, out, lang)


@app.command("anchoring")
@filter_options()
def analyse_anchoring(
    filters: NetworkFilters,
    lang: Lang = "en",
    out: Out = None,
    top: Top = 30,
    output: Format = "table",
) -> None:
    """Local anchoring (lokal forankring) of every project, each part and a 0–100 score.

    A filter chooses the projects shown; each project's anchoring is computed from all
    its participants. A project without participants is not scored ("not enough data")."""
    frame = run(lambda g: g.anchoring(**filters.network_args())).sort_values("score")
    explanation = "explanation_da" if lang == "da" else "explanation_en"
    columns = [c for c in ("name", "score", "band", explanation) if c in frame.columns]
    title = i18n.phrase(lang, "title_anchoring")
    print_frame(frame, columns, title, top, lang=lang, output=output)
    write_table(frame, out, lang)


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
    console.print(result.to_text(lang), markup=False, highlight=False)
    write_table(result.projects, out, lang)


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
    lang: Lang = "en",
) -> None:
    """Who can introduce us? Shortest introduction paths between two actors."""
    paths = run(
        lambda g: g.introductions(
            source, target, k=k, max_length=max_length, **filters.network_args()
        )
    )
    if not paths:
        ties = i18n.count(lang, max_length, "tie")
        text = i18n.phrase(lang, "no_path", ties=ties, source=source, target=target)
        console.print(text, markup=False, highlight=False)
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
    output: Format = "table",
) -> None:
    """Local actors a project could involve, ranked by closeness and the sectors it lacks."""

    def suggest(g: Graphsvc) -> tuple[pd.DataFrame, str]:
        found = g.get_item("projects", project) or {}
        return g.suggest(project, limit=limit, **filters.network_args()), found.get("name", project)

    frame, name = run(suggest)
    reason = "reason_da" if lang == "da" else "reason_en"
    title = i18n.phrase(lang, "title_partners", project=name)
    print_frame(frame, ["name", "sector", reason], title, limit, lang=lang, output=output)
    write_table(frame, out, lang)
