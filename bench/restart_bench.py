"""Restart time of a large graph: after ``kill -9`` mid-import, and after a clean stop.

Generates the synthetic national network, writes it as CSV, starts a throwaway FalkorDB
server and:

1. imports it, killing the server (``SIGKILL``) once ``--kill-at`` of the collaborations
   are written, then times the start until the server answers (the replay of the
   append-only increment) and counts what survived;
2. imports the same files again (the idempotent import completes the graph);
3. stops cleanly (the append-only file is rewritten as a snapshot) and times the stop and
   the next start;
4. kills the server at rest (``SIGKILL``) and times the start again.

Target (issue #11): every start under 30 s for 100,000 actors and 500,000 ties.

Usage: ``python bench/restart_bench.py [--actors 100000] [--collaborations 500000]``
"""

from __future__ import annotations

import argparse
import os
import signal
import tempfile
import time
from pathlib import Path

from graphsvc.core import Graphsvc
from graphsvc.errors import StoreUnavailableError
from graphsvc.io.formats.csv import write as write_csv
from graphsvc.settings import get_settings
from graphsvc.store import EmbeddedServer
from graphsvc.synthetic import synthetic_tables


def aof_sizes(data_dir: Path) -> str:
    aof = data_dir / "falkordb" / "appendonlydir"
    sizes = {".".join(p.name.split(".")[-2:]): p.stat().st_size for p in aof.iterdir()}
    return ", ".join(
        f"{name} {size / 1e6:.1f} MB"
        for name, size in sorted(sizes.items())
        if "manifest" not in name
    )


def timed_start(server: EmbeddedServer, label: str) -> float:
    started = time.perf_counter()
    server.start()
    seconds = time.perf_counter() - started
    print(f"{label:<44} {seconds:7.1f} s")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--collaborations", type=int, default=500_000)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--kill-at", type=float, default=0.5, help="share of the ties")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="graphsvc-bench-") as tmp:
        root = Path(tmp)
        tables = synthetic_tables(args.actors, args.collaborations)
        write_csv(tables, root / "csv")
        expected = {name: len(frame) for name, frame in tables.items()}
        print(f"graph: {', '.join(f'{n:,} {name}' for name, n in expected.items())}")
        expected.setdefault("agreements", 0)  # counted by the store since schema 2

        data_dir = root / "data"
        server = EmbeddedServer(data_dir)
        info = server.start()
        settings = get_settings(data_dir=data_dir, graph_name="bench", batch_size=args.batch)
        written = {"collaborations": 0}

        def kill_mid_import(table: str, count: int) -> None:
            if table == "collaborations":
                written[table] += count
                if written[table] >= args.kill_at * args.collaborations:
                    os.kill(info.pid, signal.SIGKILL)

        try:
            started = time.perf_counter()
            try:
                with Graphsvc.open(settings) as graphsvc:
                    graphsvc.import_paths([root / "csv"], progress=kill_mid_import)
            except StoreUnavailableError:
                pass
            print(f"{'import until kill -9':<44} {time.perf_counter() - started:7.1f} s")
            print(f"  append-only file: {aof_sizes(data_dir)}")
            timed_start(server, "start after kill -9 mid-import")
            with Graphsvc.open(settings) as graphsvc:
                counts = graphsvc.counts()
                print(f"  survived: {counts}")
                started = time.perf_counter()
                graphsvc.import_paths([root / "csv"])
                print(f"{'import again (completes the graph)':<44} "
                      f"{time.perf_counter() - started:7.1f} s")  # fmt: skip
                assert graphsvc.counts() == expected, graphsvc.counts()
            print(f"  append-only file: {aof_sizes(data_dir)}")

            started = time.perf_counter()
            server.stop()
            print(f"{'clean stop (rewrite included)':<44} {time.perf_counter() - started:7.1f} s")
            print(f"  append-only file: {aof_sizes(data_dir)}")
            timed_start(server, "start after a clean stop")

            info = server.status() or server.start()
            os.kill(info.pid, signal.SIGKILL)
            time.sleep(0.5)
            timed_start(server, "start after kill -9 at rest")
            with Graphsvc.open(settings) as graphsvc:
                assert graphsvc.counts() == expected
        finally:
            server.stop()


if __name__ == "__main__":
    main()
