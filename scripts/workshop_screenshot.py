"""Take the README's picture of the workshop page: ``docs/workshop.png`` (1440 × 900).

Everything is throwaway: a FalkorDB in a temporary directory, the app in demo mode on a
free loopback port, the seed data. A workshop on Middelfart's volunteer mentors is built
through the API the way a facilitator would (start from the project, place actors on the
stakeholder grid with attitudes, add one new actor and one tie; the seed's persons appear
under their pseudonyms, as on every workshop page), the analysis is refreshed, and
Debian's chromium (never ``playwright install``) photographs the page in Danish.

    python scripts/workshop_screenshot.py [OUT.png]
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import uvicorn

ROOT = Path(__file__).resolve().parents[1]
WORKSHOP = {
    "id": "mentorer-middelfart",
    "name": "Frivillige mentorer i Middelfart",
    "purpose": "Hvem kan bære mentornetværket videre, når projektet slutter?",
    "municipality": "DK-410",
    "date": "2025-03-12",
    "start_from": "project",
    "start_id": "frivillige-sociale-mentorer-middelfart",
}
# (actor id, power, interest, attitude): the room's first round on the grid, one actor
# per height so that no two names overlap in the picture.
PLACES = [
    ("politikere-middelfart", 0.93, 0.12, "neutral"),
    ("middelfart-kommune", 0.80, 0.82, "supporter"),
    ("jobcenter-middelfart", 0.68, 0.92, "supporter"),
    ("lbr-middelfart", 0.56, 0.35, "neutral"),
    ("mentorforeningen-middelfart", 0.44, 0.86, "supporter"),
    ("frivilligcenter-middelfart", 0.32, 0.70, "supporter"),
    ("landsorganisationer-middelfart-casen", 0.08, 0.10, "critic"),
]
NEW_ACTOR = {
    "name": "Middelfart Boligselskab",
    "kind": "housing_organisation",
    "sector": "civil_society",
    "locality": "DK-410",
}
NEW_PLACE = (0.20, 0.40, "neutral")
NEW_TIE = {"target_id": "mentorforeningen-middelfart", "kind": "referral"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(app: Any) -> tuple[uvicorn.Server, threading.Thread, str]:
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


def _build_workshop(base: str) -> str:
    # demo mode: writes without a key must come from the app's own origin, as its pages do
    with httpx.Client(base_url=base, timeout=60, headers={"Origin": base}) as http:
        made = http.post("/workshops", json=WORKSHOP)
        made.raise_for_status()
        wid = str(made.json()["id"])
        prefix = f"/workshops/{wid}"
        actors = http.get(f"{prefix}/state").raise_for_status().json()["actors"]
        present = {a["id"] for a in actors}
        for actor_id, power, interest, attitude in PLACES:
            if actor_id in present:
                body = {"power": power, "interest": interest, "attitude": attitude}
                http.put(f"{prefix}/grid/{actor_id}", json=body).raise_for_status()
        added = http.post(f"{prefix}/actors", json=NEW_ACTOR).raise_for_status().json()["actor"]
        power, interest, attitude = NEW_PLACE
        body = {"power": power, "interest": interest, "attitude": attitude}
        http.put(f"{prefix}/grid/{added['id']}", json=body).raise_for_status()
        http.post(f"{prefix}/ties", json={"source_id": added["id"], **NEW_TIE}).raise_for_status()
        http.get(f"{prefix}/analysis").raise_for_status()  # warm the cache
        return wid


def _photograph(base: str, wid: str, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    from graphsvc.maps.png import CHROMIUM_FLAGS, chromium_path, is_local_url

    exe = chromium_path()
    if not Path(exe).exists():
        raise SystemExit(
            f"{exe} is missing: apt-get install -y chromium (never 'playwright install')"
        )
    blocked: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_FLAGS, headless=True)
        try:
            context = browser.new_context(
                viewport={"width": 1440, "height": 900}, device_scale_factor=1, locale="da-DK"
            )
            page = context.new_page()

            def route(r: Any) -> None:
                if is_local_url(r.request.url) or r.request.url.startswith(base + "/"):
                    r.continue_()
                else:
                    blocked.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            page.goto(f"{base}/workshop/{wid}?lang=da", wait_until="load")
            until(page, "window.graphsvcWorkshop && window.graphsvcWorkshop.ready")
            page.click("#refresh-analysis")
            until(page, "window.graphsvcWorkshop.analysis() !== null")
            until(page, "window.graphsvcWorkshop.ready")
            page.wait_for_timeout(400)  # the map's last redraw after resizing nodes
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
            context.close()
        finally:
            browser.close()
    if blocked:
        raise SystemExit(f"the page asked other hosts: {blocked}")


def until(page: Any, expression: str, timeout: float = 30.0) -> None:
    """Wait until ``expression`` is true on the page. Not ``page.wait_for_function``: it
    runs the expression through ``eval``, which the app's Content-Security-Policy forbids;
    ``evaluate`` is not subject to it."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(f"() => !!({expression})"):
        if time.monotonic() > deadline:
            raise SystemExit(f"the page never got to: {expression}")
        time.sleep(0.05)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "docs" / "workshop.png")
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()

    with tempfile.TemporaryDirectory(prefix="graphsvc-shot-") as tmp:
        # This process' own throwaway database, never the user's.
        os.environ["GRAPHSVC_DATA_DIR"] = tmp
        os.environ.pop("GRAPHSVC_NEO4J_URI", None)
        sys.path.insert(0, str(ROOT))
        from graphsvc.api import create_app
        from graphsvc.core import Graphsvc
        from graphsvc.settings import get_settings
        from graphsvc.store import EmbeddedServer

        db = EmbeddedServer(Path(tmp))
        db.start()
        try:
            settings = get_settings(data_dir=Path(tmp))
            with Graphsvc.open(settings) as graphsvc:
                graphsvc.seed()
            server, thread, base = _serve(create_app(settings, demo=True))
            try:
                wid = _build_workshop(base)
                _photograph(base, wid, out)
            finally:
                server.should_exit = True
                thread.join(timeout=10)
        finally:
            db.stop()
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
