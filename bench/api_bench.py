"""API speed: reads, writes and a cached/uncached analysis under concurrent clients.

For each data set (the seed data, then a synthetic national-scale network) this starts a
throwaway FalkorDB server and the API in its own process (uvicorn, 127.0.0.1 only), and
drives it with concurrent clients (threads with keep-alive ``http.client`` connections;
bounded in number and time):

* read:   ``GET /actors/{id}`` (random ids; viewer key: the pseudonymisation path included)
* write:  ``PATCH /actors/{id}`` (editor key; validated as an import row, bumps the version)
* anchoring uncached: ``GET /analyses/anchoring`` right after a write (one client)
* anchoring cached:   ``GET /analyses/anchoring`` again, by every client

and prints p50/p95/p99 latency and requests per second.

Usage: ``python bench/api_bench.py [--clients 16] [--seconds 10] [--actors 20000]
[--collaborations 100000] [--no-synthetic]``
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from multiprocessing import Queue
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from apiprocess import api_process  # noqa: E402

from graphsvc.cli.serve import default_workers  # noqa: E402
from graphsvc.core import Graphsvc  # noqa: E402
from graphsvc.io.formats.csv import write as write_csv  # noqa: E402
from graphsvc.keys import create_key  # noqa: E402
from graphsvc.settings import get_settings  # noqa: E402
from graphsvc.store import EmbeddedServer  # noqa: E402
from graphsvc.synthetic import synthetic_tables  # noqa: E402

PROCESSES = 2


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    return at(0.50), at(0.95), at(0.99)


class Client:
    """A keep-alive HTTP/1.1 client on the standard library.

    The clients share the 2 cores with the server and the database, so they must be
    cheap: ``http.client`` costs a fraction of the CPU ``httpx`` does per request.
    """

    def __init__(self, url: str, headers: dict[str, str]) -> None:
        host, _, port = url.removeprefix("http://").partition(":")
        self.connection = http.client.HTTPConnection(host, int(port), timeout=120)
        self.headers = headers

    def send(self, method: str, path: str, body: object = None) -> int:
        headers = dict(self.headers)
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        self.connection.request(method, path, body=data, headers=headers)
        response = self.connection.getresponse()
        response.read()
        return response.status

    def close(self) -> None:
        self.connection.close()


def _request(kind: str, client: Client, rng: random.Random, ids: list[str], i: int) -> int:
    if kind == "read":
        return client.send("GET", f"/actors/{rng.choice(ids)}")
    if kind == "write":
        return client.send("PATCH", f"/actors/{rng.choice(ids)}", {"tags": [f"bench-{i}"]})
    return client.send("GET", "/analyses/anchoring")


def _client_process(
    kind: str, url: str, headers: dict[str, str], ids: list[str], threads: int,
    seconds: float, seed: int, out: Queue,
) -> None:  # fmt: skip
    """One client process: ``threads`` clients, each its own connection, for ``seconds``."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def work(n: int) -> None:
        nonlocal errors
        rng = random.Random(seed * 1000 + n)
        mine: list[float] = []
        bad = 0
        client = Client(url, headers)
        i = 0
        while time.monotonic() < deadline:
            start = time.perf_counter()
            status = _request(kind, client, rng, ids, seed * 1_000_000 + n * 10_000 + i)
            mine.append(time.perf_counter() - start)
            bad += status >= 400
            i += 1
        client.close()
        with lock:
            latencies.extend(mine)
            errors += bad

    pool = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    out.put((latencies, errors))


def drive(
    kind: str, url: str, headers: dict[str, str], ids: list[str], clients: int, seconds: float
) -> tuple[list[float], int, float]:
    """``clients`` concurrent clients (threads spread over up to 4 processes, so the
    client's own GIL does not queue requests) for ``seconds``: latencies, errors, wall."""
    processes = min(clients, PROCESSES)
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    per = [clients // processes + (n < clients % processes) for n in range(processes)]
    started = time.monotonic()
    workers = [
        ctx.Process(target=_client_process, args=(kind, url, headers, ids, n, seconds, seed, out))
        for seed, n in enumerate(per)
    ]
    for worker in workers:
        worker.start()
    results = [out.get() for _ in workers]
    for worker in workers:
        worker.join()
    wall = time.monotonic() - started
    latencies = [x for lat, _ in results for x in lat]
    return latencies, sum(e for _, e in results), min(wall, seconds + 0.5)


def report(label: str, latencies: list[float], errors: int, wall: float) -> None:
    p50, p95, p99 = percentiles(latencies)
    print(
        f"  {label:<34} n={len(latencies):>6}  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  "
        f"p99 {p99:7.1f} ms  {len(latencies) / wall:8.1f} req/s  errors {errors}"
    )


def bench(name: str, load: Callable[[Graphsvc, Path], None], args: argparse.Namespace) -> None:
    print(f"\n== {name}")
    with tempfile.TemporaryDirectory(prefix="graphsvc-api-bench-") as tmp:
        data = Path(tmp) / "data"
        db = EmbeddedServer(data)
        db.start()
        try:
            settings = get_settings(data_dir=data)
            with Graphsvc.open(settings) as graphsvc:
                t0 = time.perf_counter()
                load(graphsvc, Path(tmp))
                print(f"  loaded {graphsvc.counts()} in {time.perf_counter() - t0:.1f} s")
                ids = list(graphsvc.tables()["actors"]["id"])
                viewer = {"Authorization": f"Bearer {create_key(graphsvc.store, 'viewer')[1]}"}
                editor = {"Authorization": f"Bearer {create_key(graphsvc.store, 'editor')[1]}"}
            with api_process(data, args.workers) as url:
                drive("read", url, viewer, ids, 2, 1.0)  # warm-up
                for clients in sorted({1, args.clients}):
                    report(
                        f"read GET /actors/{{id}} x{clients}",
                        *drive("read", url, viewer, ids, clients, args.seconds),
                    )
                report(
                    f"write PATCH /actors/{{id}} x{args.clients}",
                    *drive("write", url, editor, ids, args.clients, args.seconds),
                )
                uncached: list[float] = []
                with httpx.Client(base_url=url, timeout=600) as client:
                    for i in range(args.uncached):
                        client.patch(
                            f"/actors/{ids[i]}", json={"tags": ["uncached"]}, headers=editor
                        )
                        start = time.perf_counter()
                        response = client.get("/analyses/anchoring", headers=viewer)
                        uncached.append(time.perf_counter() - start)
                        assert response.json()["cached"] is False
                report("anchoring uncached x1", uncached, 0, sum(uncached))
                for clients in sorted({1, args.clients}):
                    report(
                        f"anchoring cached x{clients}",
                        *drive("anchoring", url, viewer, ids, clients, args.seconds / 2),
                    )
        finally:
            db.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--uncached", type=int, default=3)
    parser.add_argument(
        "--workers", type=int, default=default_workers(), help="uvicorn worker processes"
    )
    parser.add_argument("--actors", type=int, default=20_000)
    parser.add_argument("--collaborations", type=int, default=100_000)
    parser.add_argument("--no-synthetic", action="store_true")
    args = parser.parse_args()
    args.clients = max(1, min(args.clients, 64))
    args.seconds = max(1.0, min(args.seconds, 120.0))
    print(
        f"{os.cpu_count()} CPUs; {args.workers} API worker(s); {args.clients} clients, "
        f"{args.seconds:.0f} s per phase"
    )

    def seed(graphsvc: Graphsvc, _tmp: Path) -> None:
        graphsvc.seed()

    bench("seed data", seed, args)
    if not args.no_synthetic:

        def synthetic(graphsvc: Graphsvc, tmp: Path) -> None:
            write_csv(synthetic_tables(args.actors, args.collaborations), tmp / "csv")
            graphsvc.import_paths([tmp / "csv"])

        bench(f"synthetic {args.actors:,} actors / {args.collaborations:,} ties", synthetic, args)


if __name__ == "__main__":
    main()
