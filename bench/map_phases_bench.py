"""Where a map's first draw goes: phase times of map files, interleaved, in headless Chromium.

    python bench/map_phases_bench.py MAP.html [OTHER.html] [--repeat 8] [--profile]

Each file is opened ``--repeat`` times, the files taking turns (so a before/after pair
sees the same machine load), and the page's own marks (``window.graphsvcMap.timings``)
are printed as min and median: ``script`` (navigation to the map script's start: HTML
and vis-network parsed), ``parse`` (the JSON payload), ``expand`` (one object per node
and tie), ``setup`` (the page's state, the first view fitted and its labels placed),
``setData`` (vis-network builds its nodes; the ties come after the first frame),
``draw`` (to the first ``afterDrawing``), ``first draw`` and ``ready`` (vis-network
holds the ties too).
``--profile`` adds a Chrome CPU profile of one load: the functions with the most self
time (vis-network is minified: the source text at the sample's position is shown).
Make the files with ``bench/map_bench.py --keep DIR``.
"""

from __future__ import annotations

import argparse
import collections
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from graphsvc.maps.png import CHROMIUM_FLAGS, block_outside, chromium_path  # noqa: E402

READY = "window.graphsvcMap && window.graphsvcMap.ready"
PHASES = {
    "script": lambda t: t["script"],
    "parse": lambda t: t["parsed"] - t["script"],
    "expand": lambda t: t["prepared"] - t["parsed"],
    "setup": lambda t: t["datasets"] - t["prepared"],
    "setData": lambda t: t["network"] - t["datasets"],
    "draw": lambda t: t["firstDraw"] - t["network"],
    "first draw": lambda t: t["firstDraw"],
    "ready": lambda t: t.get("ready", t["firstDraw"]),
}


def profile(page, path: Path) -> None:  # type: ignore[no-untyped-def]
    cdp = page.context.new_cdp_session(page)
    cdp.send("Profiler.enable")
    cdp.send("Profiler.setSamplingInterval", {"interval": 200})
    cdp.send("Profiler.start")
    page.goto(path.as_uri())
    page.wait_for_function(READY, timeout=120_000)
    prof = cdp.send("Profiler.stop")["profile"]
    nodes = {n["id"]: n["callFrame"] for n in prof["nodes"]}
    self_time: collections.Counter[tuple[str, int, int]] = collections.Counter()
    for sample, delta in zip(prof["samples"], prof["timeDeltas"], strict=True):
        f = nodes[sample]
        self_time[(f["functionName"] or "(anonymous)", f["lineNumber"], f["columnNumber"])] += delta
    lines = path.read_text("utf-8").split("\n")
    print(f"  profile: {sum(self_time.values()) / 1000:.0f} ms sampled")
    for (name, line, col), micros in self_time.most_common(12):
        text = lines[line][col : col + 70] if 0 <= line < len(lines) else ""
        print(f"  {micros / 1000:>7.0f} ms  {name[:24]:<24} {text!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("maps", type=Path, nargs="+")
    parser.add_argument("--repeat", type=int, default=8)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    timings: dict[Path, list[dict[str, float]]] = {path: [] for path in args.maps}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        for _ in range(args.repeat):
            for path in args.maps:
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                block_outside(page, [])
                page.goto(path.resolve().as_uri())
                page.wait_for_function(READY, timeout=120_000)
                timings[path].append(page.evaluate("window.graphsvcMap.timings"))
                page.close()
        for path, runs in timings.items():
            print(f"{path} ({path.stat().st_size / 1e6:.2f} MB), ms as min / median:")
            for phase, of in PHASES.items():
                values = [of(t) for t in runs]
                print(f"  {phase:<11}{min(values):>7.0f} {statistics.median(values):>7.0f}")
            if args.profile:
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                block_outside(page, [])
                profile(page, path.resolve())
                page.close()
        browser.close()


if __name__ == "__main__":
    main()
