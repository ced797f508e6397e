"""Drill-down bench: from the overview of a stored network to its largest group's map.

    python bench/map_drilldown_bench.py --data DIR [--repeat 2] [--old] [--group median]

``DIR`` is a data folder (e.g. a copy of /work/perf-data/n20000: opening it starts its
database, which writes to the folder). The steps are those of the API
(:mod:`graphsvc.api.routers.maps`): the snapshot is kept and the bridging analysis is
cached (both computed once here, not timed in the step); the overview
(``Graphsvc.map_html("network", drilldown_url=…)``) groups by municipality, and the step
is the map of its largest group (``municipality`` lens; ``--group median``: the group of
median size, drawn in detail):

* **cold**: the map is not cached yet, ``map_html`` draws it (*build*);
* **warm**: the API drew it in the background when the overview was served
  (:func:`graphsvc.api.routers.maps.warm_drilldowns`), the click finds it in the
  cache: *build* is the cache look-up.

*first draw* is ``performance.now()`` at the map's first picture in headless Chromium,
as ``bench/map_bench.py`` measures it, opened in the tab that shows the overview (as a
click on a group opens it); *new tab* is the same in a tab of its own (a new renderer,
about 0.15 s more). Printed per step: build and first draw (wall seconds), the process'
CPU seconds of the build, their total, the new tab's first draw and the load average.
``--old`` also times the build the way maps were drawn before (every item read and
validated, the tables pseudonymised, the network built from them; with the cached
measures, i.e. without the bridging run of its own, which cost more still).
Target (#15): under 1 s per step.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphsvc.cache import AnalysisCache  # noqa: E402
from graphsvc.core import Graphsvc  # noqa: E402
from graphsvc.settings import get_settings  # noqa: E402

READY = "window.graphsvcMap && window.graphsvcMap.ready"


def timed(work: Any) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    value = work()
    return value, time.perf_counter() - wall, time.process_time() - cpu


def first_draw(
    browser: Any, html: str, folder: Path, name: str, after: Path | None = None
) -> float:
    """Seconds to the map's first picture in a new tab, or (``after``: the overview's
    file) in the tab that shows the overview, as a click on a group opens it."""
    from graphsvc.maps import write_map  # noqa: PLC0415

    path = write_map(html, folder / f"{name}.html")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        for shown in (after, path) if after is not None else (path,):
            page.goto(shown.as_uri())
            page.wait_for_function(READY, timeout=120_000)
        return float(page.evaluate("window.graphsvcMap.firstDrawMs")) / 1000
    finally:
        page.close()


def old_build(graphsvc: Graphsvc, key: str, measures: Any) -> str:
    """``map_html`` as it was before the snapshot path (session 12), measures given."""
    from graphsvc.analysis.snapshot import build_network  # noqa: PLC0415
    from graphsvc.maps import render_map  # noqa: PLC0415
    from graphsvc.privacy import redact_tables  # noqa: PLC0415

    tables = redact_tables(graphsvc.tables(), graphsvc.pseudonym_key())
    network = build_network(tables, include_proposed=True)
    network.graph["agreements"] = {
        str(row["id"]): row for row in tables["agreements"].to_dict("records")
    }
    return render_map(network, lens="municipality", focus=key, measures=measures, lang="da")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="a data folder (written to)")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--old", action="store_true", help="also the build as before")
    parser.add_argument(
        "--group", choices=("largest", "median"), default="largest", help="the group drilled into"
    )
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright  # noqa: PLC0415  (--help stays quick)

    from graphsvc.maps.payload import read_payload  # noqa: PLC0415
    from graphsvc.maps.png import CHROMIUM_FLAGS, chromium_path  # noqa: PLC0415

    folder = Path(tempfile.mkdtemp(prefix="drilldown-bench-"))
    with Graphsvc.open(get_settings(data_dir=args.data)) as graphsvc:
        _, wall, cpu = timed(graphsvc.snapshot.refresh)
        print(f"snapshot read (once per API worker): {wall:.2f} s ({cpu:.2f} CPU s)")
        found, wall, cpu = timed(lambda: graphsvc.bridging())
        measures = found.actors
        print(f"bridging (cached by /analyses/bridging): {wall:.2f} s ({cpu:.2f} CPU s)")
        link = "municipality?id={key}&lang=da"
        overview, wall, cpu = timed(
            lambda: graphsvc.map_html("network", lang="da", measures=measures, drilldown_url=link)
        )
        groups = [i for i in read_payload(overview)["info"].values() if i.get("by")]
        groups.sort(key=lambda i: (len(i.get("members") or []), i["key"]))
        step = groups[-1] if args.group == "largest" else groups[len(groups) // 2]
        key = str(step["key"])
        print(
            f"overview: {len(groups)} groups, {len(overview) / 1e6:.1f} MB, build {wall:.2f} s "
            f"({cpu:.2f} CPU s); the step: municipality {key} ({len(step['members'])} items)"
        )
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
            print(f"overview first draw: {first_draw(browser, overview, folder, 'overview'):.2f} s")
            from_overview = folder / "overview.html"
            print(f"{'step':<6} {'build s':>8} {'CPU s':>6} {'first draw s':>13} "
                  f"{'total s':>8} {'new tab s':>10} {'load':>5}")  # fmt: skip
            cache = AnalysisCache(8)
            rows: dict[str, list[tuple[float, ...]]] = {}

            def row(name: str, html: str, wall: float, cpu: float) -> None:
                clicked = first_draw(browser, html, folder, name, after=from_overview)
                new_tab = first_draw(browser, html, folder, name)
                rows.setdefault(name, []).append((wall, cpu, clicked, new_tab, os.getloadavg()[0]))

            for _ in range(args.repeat):
                cache_key = cache.key("map", {"id": key, "run": time.time()}, [None, 0])

                def draw() -> str:
                    return graphsvc.map_html("municipality", key, lang="da", measures=measures)

                html, wall, cpu = timed(lambda k=cache_key: cache.get_or_compute(k, draw)[0])
                row("cold", html, wall, cpu)
                html, wall, cpu = timed(lambda k=cache_key: cache.get_or_compute(k, draw)[0])
                row("warm", html, wall, cpu)
                if args.old:
                    html, wall, cpu = timed(lambda: old_build(graphsvc, key, measures))
                    row("old", html, wall, cpu)
            for name, found_rows in rows.items():
                build, cpu, draw_s, new_tab, load = (
                    statistics.median(c) for c in zip(*found_rows, strict=True)
                )
                print(f"{name:<6} {build:>8.2f} {cpu:>6.2f} {draw_s:>13.2f} "
                      f"{build + draw_s:>8.2f} {new_tab:>10.2f} {load:>5.1f}")  # fmt: skip
            browser.close()
    print(f"maps in {folder}")


if __name__ == "__main__":
    main()
