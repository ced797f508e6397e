"""Write throughput with ``If-Match`` next to without, under concurrent clients.

Starts a throwaway FalkorDB with the seed data and the API in its own process (as
``graphsvc serve``), then drives ``PATCH /actors/{id}`` from concurrent keep-alive clients
(threads in two client processes; bounded in number and time) in four ways:

* own items, no If-Match: each client changes its own actors;
* own items, If-Match: the same, sending the ETag it holds (read before the timed run, then
  the one of its previous answer: no extra read);
* shared items, no If-Match: every client changes the same 4 actors (the server re-applies a
  change that lost a race, so no field is lost);
* shared items, If-Match: read, PATCH with the ETag, and on 412 read again and retry.

Prints per acknowledged write p50/p95/p99 latency (retries included), writes/s and the 412s.

The modes take turns (``--rounds``), so a noisy machine weighs on each alike.

Usage: ``python bench/write_bench.py [--clients 8] [--seconds 10] [--rounds 3] [--workers N]``
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import sys
import tempfile
import threading
import time
from multiprocessing import Queue
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from api_bench import PROCESSES, Client, percentiles  # noqa: E402
from apiprocess import api_process  # noqa: E402

from graphsvc.cli.serve import default_workers  # noqa: E402
from graphsvc.core import Graphsvc  # noqa: E402
from graphsvc.keys import create_key  # noqa: E402
from graphsvc.settings import get_settings  # noqa: E402
from graphsvc.store import EmbeddedServer  # noqa: E402

MODES = {
    "own items, no If-Match": (False, False),
    "own items, If-Match": (False, True),
    "shared items (4), no If-Match": (True, False),
    "shared items (4), If-Match + retry": (True, True),
}


class TagClient(Client):
    """:class:`api_bench.Client` that also returns the ``ETag`` of the answer."""

    def call(
        self, method: str, path: str, body: object = None, tag: str | None = None
    ) -> tuple[int, str | None]:
        headers = dict(self.headers)
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if tag is not None:
            headers["If-Match"] = tag
        self.connection.request(method, path, body=data, headers=headers)
        response = self.connection.getresponse()
        response.read()
        return response.status, response.getheader("ETag")


def _client_process(
    mode: str, url: str, headers: dict[str, str], ids: list[str], first: int, threads: int,
    total: int, seconds: float, out: Queue,
) -> None:  # fmt: skip
    shared, if_match = MODES[mode]
    latencies: list[float] = []
    counts = {"412": 0, "errors": 0}
    lock = threading.Lock()

    def work(number: int) -> None:
        rng = random.Random(number)
        mine = ids[:4] if shared else ids[number::total]
        tags: dict[str, str | None] = {}
        client = TagClient(url, headers)
        if if_match and not shared:  # the ETags a client holds from its earlier reads
            tags = {actor: client.call("GET", f"/actors/{actor}")[1] for actor in mine}
        deadline = time.monotonic() + seconds
        done: list[float] = []
        stale = errors = 0
        i = 0
        while time.monotonic() < deadline:
            actor = rng.choice(mine)
            start = time.perf_counter()
            while True:
                i += 1
                tag = None
                if if_match:
                    tag = tags.get(actor)
                    if tag is None:
                        _status, tag = client.call("GET", f"/actors/{actor}")
                body = {"tags": [f"w{number}-{i}"]}
                status, new_tag = client.call("PATCH", f"/actors/{actor}", body, tag)
                if status == 412:
                    stale += 1
                    tags[actor] = None  # read again
                    continue
                tags[actor] = new_tag
                errors += status >= 400
                break
            done.append(time.perf_counter() - start)
        client.close()
        with lock:
            latencies.extend(done)
            counts["412"] += stale
            counts["errors"] += errors

    pool = [threading.Thread(target=work, args=(first + n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    out.put((latencies, counts))


def drive(mode: str, url: str, headers: dict[str, str], ids: list[str], clients: int,
          seconds: float) -> tuple[list[float], int, int, float]:  # fmt: skip
    """``clients`` clients in ``mode`` for ``seconds``: latencies, 412s, errors, wall time."""
    processes = min(clients, PROCESSES)
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    per = [clients // processes + (n < clients % processes) for n in range(processes)]
    firsts = [sum(per[:n]) for n in range(processes)]
    started = time.monotonic()
    workers = [
        ctx.Process(
            target=_client_process,
            args=(mode, url, headers, ids, first, n, clients, seconds, out),
        )
        for first, n in zip(firsts, per, strict=True)
    ]
    for worker in workers:
        worker.start()
    results = [out.get() for _ in workers]
    for worker in workers:
        worker.join()
    wall = min(time.monotonic() - started, seconds + 0.5)
    latencies = [x for lat, _ in results for x in lat]
    stale = sum(c["412"] for _, c in results)
    errors = sum(c["errors"] for _, c in results)
    return latencies, stale, errors, wall


def report(mode: str, latencies: list[float], stale: int, errors: int, wall: float) -> None:
    p50, p95, p99 = percentiles(latencies)
    print(
        f"  {mode:<36} writes {len(latencies):>6}  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  "
        f"p99 {p99:7.1f} ms  {len(latencies) / wall:7.1f} writes/s  412s {stale}  "
        f"errors {errors}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="the modes take turns this often (a noisy machine then weighs on every mode alike)",
    )
    parser.add_argument(
        "--workers", type=int, default=default_workers(), help="uvicorn worker processes"
    )
    args = parser.parse_args()
    args.clients = max(1, min(args.clients, 64))
    args.seconds = max(1.0, min(args.seconds, 120.0))
    args.rounds = max(1, min(args.rounds, 20))
    print(
        f"{os.cpu_count()} CPUs; {args.workers} API worker(s); {args.clients} clients, "
        f"{args.rounds} rounds of {args.seconds:.0f} s per mode; seed data"
    )
    with tempfile.TemporaryDirectory(prefix="graphsvc-write-bench-") as tmp:
        data = Path(tmp) / "data"
        db = EmbeddedServer(data)
        db.start()
        try:
            with Graphsvc.open(get_settings(data_dir=data)) as graphsvc:
                graphsvc.seed()
                actors = graphsvc.tables()["actors"]
                ids = sorted(actors.loc[~actors["is_person"].astype(bool), "id"])
                editor = {"Authorization": f"Bearer {create_key(graphsvc.store, 'editor')[1]}"}
            with api_process(data, args.workers) as url:
                drive(next(iter(MODES)), url, editor, ids, 2, 1.0)  # warm-up
                runs: dict[str, list[tuple[list[float], int, int, float]]] = {m: [] for m in MODES}
                for _round in range(args.rounds):
                    for mode in MODES:
                        runs[mode].append(drive(mode, url, editor, ids, args.clients, args.seconds))
                for mode, done in runs.items():
                    report(
                        mode,
                        [x for lat, _, _, _ in done for x in lat],
                        sum(r[1] for r in done),
                        sum(r[2] for r in done),
                        sum(r[3] for r in done),
                    )
        finally:
            db.stop()


if __name__ == "__main__":
    main()
