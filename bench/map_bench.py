"""Map bench: time to build the HTML in Python and to the first draw in headless chromium.

    python bench/map_bench.py [--sizes 200 1000 3000 20000] [--repeat 3] [--keep DIR]

For each size: a synthetic network (``tests/maps/map_synthetic.py``: N actors over the 98
municipalities, heavy-tailed degree, N/8 projects) and its measures; ``render_map`` with
the defaults (above 3,000 actors: the aggregated overview). "first draw" is
``performance.now()`` at vis-network's first ``afterDrawing`` (physics is off), i.e. the
time from the start of the navigation to the first picture; "ready" is when vis-network
holds the ties too (hover, selection, tooltips: a moment after the first picture, whose
ties the page draws itself); "load" is the wall time of ``goto`` until ready. Medians of
``--repeat`` runs; a fresh page each run.
Targets: <= 3k actors under 3 s; the 20k request (overview) under 3 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphsvc.maps import render_map, write_map  # noqa: E402
from graphsvc.maps.payload import read_payload  # noqa: E402
from graphsvc.maps.png import CHROMIUM_FLAGS, block_outside, chromium_path  # noqa: E402
from tests.maps.map_synthetic import synthetic, synthetic_measures  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000, 3000, 20000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, default=None, help="keep the maps in this folder")
    parser.add_argument(
        "--drilldown", action="store_true",
        help="for an overview: also the step into its largest group (build + first draw)",
    )  # fmt: skip
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright  # noqa: PLC0415  (--help stays quick)

    out_dir = args.keep or Path(tempfile.mkdtemp(prefix="map-bench-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    print(
        f"{'actors':>7} {'nodes':>6} {'edges':>6} {'drawn':>6} {'mode':>8} {'MB':>5} "
        f"{'build s':>8} {'first draw s':>13} {'ready s':>8} {'load s':>7} {'requests':>8}"
    )
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        for n in args.sizes:
            g = synthetic(n, seed=1)
            measures = synthetic_measures(g)
            builds = []
            html = ""
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                html = render_map(g, measures=measures)
                builds.append(time.perf_counter() - t0)
            path = write_map(html, out_dir / f"map-{n}.html")
            draws, readies, loads, blocked = [], [], [], []
            drawn = mode = None
            for _ in range(args.repeat):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                block_outside(page, blocked)
                t0 = time.perf_counter()
                page.goto(path.as_uri())
                page.wait_for_function(
                    "window.graphsvcMap && window.graphsvcMap.ready", timeout=120_000
                )
                loads.append(time.perf_counter() - t0)
                draws.append(page.evaluate("window.graphsvcMap.firstDrawMs") / 1000)
                readies.append(page.evaluate("window.graphsvcMap.timings.ready") / 1000)
                drawn = page.evaluate("window.graphsvcMap.nodes.length")
                mode = page.evaluate("window.graphsvcMap.mode")
                page.close()
            if args.drilldown and mode == "overview":
                drill(browser, g, measures, html, out_dir)
            print(
                f"{n:>7} {g.number_of_nodes():>6} {g.number_of_edges():>6} {drawn:>6} "
                f"{mode:>8} {len(html.encode()) / 1e6:>5.1f} "
                f"{statistics.median(builds):>8.2f} {statistics.median(draws):>13.2f} "
                f"{statistics.median(readies):>8.2f} "
                f"{statistics.median(loads):>7.2f} {len(blocked):>8}",
                flush=True,
            )
        browser.close()
    print(f"maps in {out_dir}")


def drill(browser: Any, g: Any, measures: Any, overview: str, out_dir: Path) -> None:
    """One drill-down step from the overview: the map of its largest group, built and
    drawn (what the map browser loads when a group is clicked)."""
    info = read_payload(overview)["info"]
    largest = max(
        (i for i in info.values() if i.get("key") and i.get("members")),
        key=lambda i: len(i["members"]),
    )
    key, by = largest["key"], largest["by"]
    if by != "locality":  # groups by community: no lens draws one; the largest municipality
        localities = Counter(d.get("locality") for _n, d in g.nodes(data=True))
        key, by = next(code for code, _ in localities.most_common() if code), "locality"
    t0 = time.perf_counter()
    html = render_map(g, lens="municipality", focus=key, measures=measures)
    build = time.perf_counter() - t0
    path = write_map(html, out_dir / f"drill-{key}.html")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(path.as_uri())
    page.wait_for_function("window.graphsvcMap && window.graphsvcMap.ready", timeout=120_000)
    draw = page.evaluate("window.graphsvcMap.firstDrawMs") / 1000
    nodes = page.evaluate("window.graphsvcMap.nodes.length")
    page.close()
    print(f"  drill-down into {by} {key} ({nodes} nodes drawn): build {build:.2f} s"
          f" + first draw {draw:.2f} s = {build + draw:.2f} s per step")  # fmt: skip


if __name__ == "__main__":
    main()
