"""The survey answer page on a slow phone: bytes, first draw, a page saved.

Starts a throwaway FalkorDB and the API (uvicorn in its own process, 127.0.0.1), makes
surveys whose rosters hold ``--rosters`` organisations (from a synthetic network), opens
each respondent's link in headless Chromium at a phone's size with the CPU slowed down
(``--cpu`` times, DevTools' throttling) and a slow network (``--latency`` ms round trip,
``--kbps`` kbit/s down and up), and prints per roster size: the bytes the page and its
script take over the wire, the time from navigation to the form drawn (the page's own
``ready``), the time to filter the roster by a typed word, and the time from pressing
"Gem og fortsæt" on the partners page to the next page drawn (one ``PUT``). Each number is
the median of ``--repeat`` loads.

Usage: ``python bench/answer_page_bench.py [--rosters 20 200 1000] [--cpu 4] [--latency 400]
[--kbps 400] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from apiprocess import api_process  # noqa: E402

from graphsvc.core import Graphsvc  # noqa: E402
from graphsvc.io.formats.csv import write as write_csv  # noqa: E402
from graphsvc.maps.png import CHROMIUM_FLAGS, chromium_path  # noqa: E402
from graphsvc.settings import get_settings  # noqa: E402
from graphsvc.store import EmbeddedServer  # noqa: E402
from graphsvc.surveys import Surveys  # noqa: E402
from graphsvc.synthetic import synthetic_tables  # noqa: E402

READY = "window.graphsvcSurvey && window.graphsvcSurvey.ready === true"


def wait(page: Any, expression: str, timeout: float = 60.0) -> float:
    """Poll ``expression`` until it is true (the page's CSP forbids wait_for_function);
    the seconds it took."""
    start = time.perf_counter()
    while not page.evaluate(f"() => !!({expression})"):
        if time.perf_counter() - start > timeout:
            raise TimeoutError(expression)
        time.sleep(0.01)
    return time.perf_counter() - start


def make_surveys(graphsvc: Graphsvc, sizes: list[int], repeat: int) -> dict[int, list[str]]:
    """One open survey per roster size; the tokens of its first ``repeat`` organisations
    (each load is a fresh respondent: a saved page would move the next one on)."""
    actors = [
        str(a)
        for a, person in graphsvc.tables()["actors"][["id", "is_person"]].itertuples(index=False)
        if not person
    ]
    surveys = Surveys(graphsvc)
    tokens = {}
    for size in sizes:
        made = surveys.create({"title": {"da": f"Bench {size}"}, "scope_kind": "roster"}, by="b")
        roster = [{"actor_id": a, "asked": i < repeat} for i, a in enumerate(actors[:size])]
        surveys.set_roster(made["id"], roster)
        surveys.open(made["id"])
        tokens[size] = [row["token"] for row in surveys.invite(made["id"])]
    return tokens


def measure(browser: Any, url: str, args: argparse.Namespace) -> dict[str, float]:
    context = browser.new_context(
        viewport={"width": 375, "height": 667}, has_touch=True, is_mobile=True, locale="da-DK"
    )
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": args.cpu})
    cdp.send("Network.enable")
    rate = args.kbps * 1000 / 8
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": args.latency, "downloadThroughput": rate,
         "uploadThroughput": rate},
    )  # fmt: skip
    received: dict[str, int] = {}
    cdp.on(
        "Network.loadingFinished",
        lambda e: received.__setitem__(e["requestId"], int(e["encodedDataLength"])),
    )
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    wait(page, READY)
    drawn = time.perf_counter() - start
    kilobytes = sum(received.values()) / 1000
    page.locator("#next").tap()
    wait(page, "document.getElementById('search')")
    start = time.perf_counter()
    page.locator("#search").fill("a")
    filtered = time.perf_counter() - start
    page.locator("#search").fill("")
    page.locator("label[for=p-0]").tap()
    start = time.perf_counter()
    page.locator("#next").tap()
    wait(page, "window.graphsvcSurvey.state().step === 'ratings'")
    saved = time.perf_counter() - start
    context.close()
    return {"kB": kilobytes, "drawn": drawn, "filter": filtered, "save": saved}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rosters", type=int, nargs="+", default=[20, 200, 1000])
    parser.add_argument("--cpu", type=float, default=4.0)
    parser.add_argument("--latency", type=float, default=400.0)
    parser.add_argument("--kbps", type=float, default=400.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with tempfile.TemporaryDirectory(prefix="graphsvc-answer-bench-") as tmp:
        data = Path(tmp) / "data"
        db = EmbeddedServer(data)
        db.start()
        try:
            with Graphsvc.open(get_settings(data_dir=data)) as graphsvc:
                actors = max(max(args.rosters) + 50, 200)
                write_csv(synthetic_tables(actors, actors * 2), Path(tmp) / "csv")
                graphsvc.import_paths([Path(tmp) / "csv"])
                tokens = make_surveys(graphsvc, args.rosters, args.repeat)
            print(
                f"phone 375x667, CPU /{args.cpu:g}, network {args.latency:g} ms round trip, "
                f"{args.kbps:g} kbit/s; median of {args.repeat}"
            )
            print(f"{'roster':>7} {'kB':>7} {'drawn':>9} {'filter':>9} {'save':>9}")
            with api_process(data, 1) as url, sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path=chromium_path(), args=CHROMIUM_FLAGS, headless=True
                )
                for size in args.rosters:
                    runs = [measure(browser, f"{url}/s/{token}", args) for token in tokens[size]]
                    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
                    print(
                        f"{size:>7} {med['kB']:>7.1f} {med['drawn'] * 1000:>7.0f} ms "
                        f"{med['filter'] * 1000:>6.0f} ms {med['save'] * 1000:>6.0f} ms"
                    )
                browser.close()
        finally:
            db.stop()


if __name__ == "__main__":
    main()
