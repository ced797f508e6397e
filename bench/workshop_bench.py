"""Workshop live sync: how long until every participant hears of a change.

Starts a throwaway FalkorDB with the seed data and the API (uvicorn in its own process,
127.0.0.1 only, ``--workers`` processes), makes a workshop from the Middelfart mentor
project, opens ``--participants`` event streams (``GET /workshops/{id}/events``, as each
participant's page does) and adds ``--changes`` actors one after another, as editors
would. For every change and every participant it measures the time from the write's
answer to the participant's ``change`` event, then the time a page needs to fetch the
new state, and prints p50/p95/max.

Usage: ``python bench/workshop_bench.py [--participants 20] [--changes 30] [--workers 2]``
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from apiprocess import api_process  # noqa: E402

from graphsvc.cli.serve import default_workers  # noqa: E402
from graphsvc.core import Graphsvc  # noqa: E402
from graphsvc.keys import create_key  # noqa: E402
from graphsvc.settings import get_settings  # noqa: E402
from graphsvc.store import EmbeddedServer  # noqa: E402


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    return f"p50 {at(0.5):7.1f} ms  p95 {at(0.95):7.1f} ms  max {ordered[-1] * 1000:7.1f} ms"


def listen(
    url: str,
    headers: dict[str, str],
    heard: dict[int, float],
    stop: threading.Event,
    ready: threading.Event,
) -> None:
    """One participant's page: the version of each change and when it arrived."""
    try:
        with (
            httpx.Client(base_url=url, headers=headers, timeout=None) as client,
            client.stream("GET", "/events") as stream,
        ):
            for line in stream.iter_lines():
                if line.startswith("data: "):
                    heard[json.loads(line[6:])["version"]] = time.monotonic()
                    ready.set()
                if stop.is_set():
                    return
    except httpx.HTTPError:
        return  # the server stopped at the end of the run


def first_heard(heard: dict[int, float], version: int) -> float | None:
    """When a page first knew of ``version``: changes close together arrive as one
    event with the newest version (the page then fetches the state once)."""
    times = [at for seen, at in heard.items() if seen >= version]
    return min(times) if times else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=20)
    parser.add_argument("--changes", type=int, default=30)
    parser.add_argument("--workers", type=int, default=default_workers())
    args = parser.parse_args()
    participants = max(1, min(args.participants, 60))
    changes = max(1, min(args.changes, 200))
    print(
        f"{os.cpu_count()} CPUs; {args.workers} API worker(s); {participants} participants, "
        f"{changes} changes"
    )
    with tempfile.TemporaryDirectory(prefix="graphsvc-workshop-bench-") as tmp:
        data = Path(tmp) / "data"
        db = EmbeddedServer(data)
        db.start()
        try:
            with Graphsvc.open(get_settings(data_dir=data)) as graphsvc:
                graphsvc.seed()
                key = create_key(graphsvc.store, "editor")[1]
            headers = {"Authorization": f"Bearer {key}"}
            with (
                api_process(data, args.workers) as url,
                httpx.Client(base_url=url, headers=headers, timeout=60) as client,
            ):
                made = client.post(
                    "/workshops",
                    json={
                        "name": "Bench",
                        "start_from": "project",
                        "start_id": "frivillige-sociale-mentorer-middelfart",
                    },
                ).json()
                base = f"{url}/workshops/{made['id']}"
                stop = threading.Event()
                heard: list[dict[int, float]] = [{} for _ in range(participants)]
                readies = [threading.Event() for _ in range(participants)]
                threads = [
                    threading.Thread(
                        target=listen,
                        args=(base, headers, heard[n], stop, readies[n]),
                        daemon=True,
                    )
                    for n in range(participants)
                ]
                for thread in threads:
                    thread.start()
                for ready in readies:
                    ready.wait(10)
                written: dict[int, float] = {}
                for n in range(changes):
                    answer = client.post(
                        f"/workshops/{made['id']}/actors",
                        json={
                            "name": f"Forening {n:03d}",
                            "kind": "association",
                            "sector": "civil_society",
                        },
                    )
                    written[answer.json()["version"]] = time.monotonic()
                    time.sleep(0.25)  # a busy room: four changes a second
                time.sleep(2)
                stop.set()
                delays = [
                    when - at
                    for version, at in written.items()
                    for heard_by in heard
                    if (when := first_heard(heard_by, version)) is not None
                ]
                missed = len(written) * participants - len(delays)
                fetches = []
                for _ in range(20):
                    start = time.perf_counter()
                    client.get(f"/workshops/{made['id']}/state").raise_for_status()
                    fetches.append(time.perf_counter() - start)
            print(
                f"  change heard by a participant  {percentiles(delays)}  "
                f"({len(delays)} deliveries, {missed} missed)"
            )
            print(f"  page fetches the new state     {percentiles(fetches)}")
        finally:
            db.stop()


if __name__ == "__main__":
    main()
