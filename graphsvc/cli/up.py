"""``graphsvc up``: the main job, from an empty database to the map browser."""

# Heavy modules (graphsvc.core: pandas, networkx …) load when a command runs: fast --help (#14)

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from graphsvc import i18n
from graphsvc.cli.common import Lang, console, frame_table, opened
from graphsvc.cli.serve import serve

if TYPE_CHECKING:
    from graphsvc.core import Graphsvc

DEMO_MAPS = (
    ("network", None, "network"),
    ("brokers", None, "brokers"),
    ("municipality", "DK-410", "municipality-middelfart"),
    ("project", "legepatruljen", "project-legepatruljen"),
    ("ego", "mentorkoordinator-jobcenter-middelfart", "ego-mentorkoordinator"),
    ("whatif", None, "whatif-trygfonden"),
)


def up(
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="DIR", help="Folder for the maps.")
    ] = Path("out/maps"),
    lang: Lang = "da",
    port: Annotated[
        int, typer.Option("--port", metavar="PORT", help="Port of the API and map browser.")
    ] = 8000,
    serve_api: Annotated[
        bool, typer.Option("--serve/--no-serve", help="End by serving the API (demo mode).")
    ] = True,
) -> None:
    """The main job: database, seed, analyses, maps, then the API and map browser (loopback)."""
    with opened() as graphsvc:
        say = functools.partial(i18n.phrase, lang)
        console.print(f"[bold]{say('up_database')}[/]: {graphsvc.store.describe()}")
        report = graphsvc.seed()
        created, updated, unchanged = (
            sum(report.created.values()),
            sum(report.updated.values()),
            sum(report.unchanged.values()),
        )
        console.print(
            f"[bold]{say('up_seed')}[/]: "
            + say("up_seed_counts", created=created, updated=updated, unchanged=unchanged)
        )
        counted = [i18n.count(lang, n, table[:-1]) for table, n in graphsvc.counts().items()]
        console.print(f"[bold]{say('up_graph')}[/]: " + ", ".join(counted))
        bridging = graphsvc.bridging()
        top = bridging.actors.sort_values("betweenness", ascending=False).head(5)
        role = "role_da" if lang == "da" else "role_en"
        columns = ["name", "betweenness", "total", role]
        console.print(frame_table(top, columns, say("title_brokers"), 5, lang))
        anchoring = graphsvc.anchoring().sort_values("score")
        explanation = "explanation_da" if lang == "da" else "explanation_en"
        # the least anchored: never a project without enough data to score (#12)
        scored = anchoring[anchoring["band"] != "insufficient"]
        columns = ["name", "score", explanation]
        console.print(frame_table(scored, columns, say("title_anchoring"), 5, lang))
        unscored = anchoring[anchoring["band"] == "insufficient"]
        if len(unscored):
            missing = ", ".join(
                f"{row['name']} ({i18n.label(lang, 'missing', row['missing'][0])})"
                for _, row in unscored.iterrows()
            )
            line = i18n.phrase(lang, "insufficient_projects", projects=missing)
            console.print(line, markup=False)
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
            console.print(f"{say('up_map')}: {path.resolve()}", highlight=False)
        workshop = _demo_workshop(graphsvc)
    if serve_api:
        console.print(f"map browser: http://127.0.0.1:{port}/")
        console.print(f"workshops:   http://127.0.0.1:{port}/workshop")
        console.print(f"demo workshop: http://127.0.0.1:{port}/workshop/{workshop}")
        console.print(f"API docs:    http://127.0.0.1:{port}/docs  (Ctrl-C stops the API)")
        serve(host="127.0.0.1", port=port, demo=True, workers=0)


DEMO_WORKSHOP = "demo-mentorer-middelfart"
# Where the demo workshop starts: the job centre and everyone it works with (one step),
# which holds the mentor network, two other projects, brokers and a cut point, so the
# analysis has something to say from the first minute (#14).
DEMO_START = "jobcenter-middelfart"
# A planner's first placing of them (power, interest, attitude), read from the seed's
# texts: the job centre and the council hold the power; the staff were wary of
# volunteers at the start. Illustrative only; the rest wait in the tray to be placed.
DEMO_GRID: dict[str, tuple[float, float, str | None]] = {
    "middelfart-kommune": (0.95, 0.4, "neutral"),
    "jobcenter-middelfart": (0.82, 0.85, "supporter"),
    "lbr-middelfart": (0.68, 0.65, "supporter"),
    "egmont-fonden": (0.56, 0.1, None),
    "mentorforeningen-middelfart": (0.5, 0.93, "supporter"),
    "frivilligraadet": (0.4, 0.15, "neutral"),
    "ansatte-jobcenter-middelfart": (0.28, 0.25, "critic"),
    "frivillige-mentorer-middelfart": (0.16, 0.88, "supporter"),
    "unge-mentees-middelfart": (0.04, 0.62, None),
}


def _demo_workshop(graphsvc: Graphsvc) -> str:
    """A workshop to try the page on (made once): the Middelfart job centre and its
    partners, most of them placed on the grid."""
    from graphsvc.workshop import Workshops

    workshops = Workshops(graphsvc)
    if workshops.version(DEMO_WORKSHOP) is None:
        workshops.create(
            name="Frivillige mentorer i Middelfart (demo)",
            purpose="Hvem kan bære mentornetværket videre, og hvem mangler vi?",
            municipality="DK-410",
            start_from="actor",
            start_id=DEMO_START,
            radius=1,
            workshop_id=DEMO_WORKSHOP,
        )
        included = {a["id"] for a in workshops.state(DEMO_WORKSHOP)["actors"]}
        for actor_id, (power, interest, attitude) in DEMO_GRID.items():
            if actor_id in included:
                grid = {"power": power, "interest": interest, "attitude": attitude}
                workshops.place(DEMO_WORKSHOP, actor_id, grid)
    return DEMO_WORKSHOP
