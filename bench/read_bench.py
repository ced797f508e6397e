"""The first answer after a change: the analyses' read path and the incremental snapshot.

On a synthetic network (default 20,000 actors / 100,000 ties, see ``graphsvc.synthetic``),
imported into a throwaway FalkorDB server (or one kept in ``--data`` between runs), it
prints, side by side in one run:

* the whole-graph read for analyses (:meth:`Graphsvc.analysis_tables`: four projected
  queries, by column, into DataFrames) next to the same four queries sent raw through
  the ``falkordb`` client (``Graph.ro_query``, rows as the client returns them), and the
  validated whole-item read (:meth:`Graphsvc.tables`, what exports use);
* the first anchoring: cold (the whole graph read), after a one-tie write (the change
  log applied to the kept snapshot) and after an import of 100 ties (up to 500 items an
  import logs each one; more: a full read).

Each timing is the best of ``--repeat`` runs (the machine is shared: best-of is the
least noisy). The load average is printed at the start and at the end.

Usage: ``python bench/read_bench.py [--actors 20000] [--collaborations 100000]
[--repeat 3] [--data DIR] [--skip-full]``
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from graphsvc.analysis.snapshot import ANALYSIS_COLUMNS  # noqa: E402
from graphsvc.core import Graphsvc  # noqa: E402
from graphsvc.io.formats.csv import write as write_csv  # noqa: E402
from graphsvc.io.tables import COLUMNS, empty_tables  # noqa: E402
from graphsvc.settings import get_settings  # noqa: E402
from graphsvc.store import EmbeddedServer  # noqa: E402
from graphsvc.store.falkor import FalkorStore  # noqa: E402
from graphsvc.synthetic import synthetic_tables  # noqa: E402


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} ({os.cpu_count()} CPUs)"


def best(work: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The shortest of ``repeat`` runs of ``work``, and its last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), result


def column_queries() -> list[str]:
    return [f"{table}/list_{table[:-1]}_columns" for table in ANALYSIS_COLUMNS]


def raw_read(store: FalkorStore) -> int:
    """The four projected queries straight through the client: the floor."""
    rows = 0
    for name in column_queries():
        rows += len(store._graph.ro_query(store.catalogue.get(name).text).result_set)
    return rows


def read_part(graphsvc: Graphsvc, args: argparse.Namespace) -> None:
    store = graphsvc.store
    assert isinstance(store, FalkorStore)
    raw, rows = best(lambda: raw_read(store), args.repeat)
    ours, tables = best(graphsvc.analysis_tables, args.repeat)
    assert sum(len(frame) for frame in tables.values()) == rows
    print(f"  rows read: {rows:,} ({', '.join(f'{t} {len(f):,}' for t, f in tables.items())})")
    print(f"  raw projected read (falkordb client)     {raw:7.2f} s  {rows / raw:10,.0f} rows/s")
    print(
        f"  graphsvc analysis_tables()               {ours:7.2f} s  {rows / ours:10,.0f} rows/s"
        f"  = {raw / ours:.0%} of raw"
    )
    if not args.skip_full:
        full, _ = best(graphsvc.tables, 1)
        print(f"  graphsvc tables() (validated, exports)   {full:7.2f} s  (once)")


def timed_anchoring(graphsvc: Graphsvc, label: str) -> float:
    start = time.perf_counter()
    graphsvc.anchoring()
    took = time.perf_counter() - start
    how = graphsvc.snapshot.last_update
    print(f"  first anchoring {label:<38} {took:7.2f} s  (snapshot: {how})")
    return took


def anchoring_part(graphsvc: Graphsvc, tmp: Path, args: argparse.Namespace) -> None:
    """First anchoring through the core object, as an API worker computes it."""
    worker = Graphsvc(graphsvc.store, graphsvc.settings)  # an empty snapshot
    timed_anchoring(worker, "cold (whole graph read)")
    start = time.perf_counter()
    worker.anchoring()
    took = time.perf_counter() - start
    print(f"  anchoring again, nothing changed (analysis only)  {took:7.2f} s")
    ties = sorted(worker.analysis_tables()["collaborations"]["id"])[: args.repeat]
    after_write = []
    for n, tie_id in enumerate(ties):
        worker.update_item("collaborations", tie_id, {"weight": 2.0 + n})
        after_write.append(timed_anchoring(worker, f"after a one-tie update ({n + 1})"))
    actors = sorted(worker.analysis_tables()["actors"]["id"])
    tie = {"id": "bench-new-tie", "source_id": actors[0], "target_id": actors[-1],
           "kind": "partnership"}  # fmt: skip
    worker.create_item("collaborations", tie)
    after_write.append(timed_anchoring(worker, "after a one-tie create"))
    worker.delete_item("collaborations", "bench-new-tie")
    after_write.append(timed_anchoring(worker, "after a one-tie delete"))
    best_write, worst_write = min(after_write), max(after_write)
    print(f"  → after a one-tie write: best {best_write:.2f} s, worst {worst_write:.2f} s")
    folder = tmp / "small-import"
    folder.mkdir(exist_ok=True)
    run = int(time.time())  # new ids every run: an import of stored items writes nothing
    rows = [{"id": f"bench-import-{run}-{n}", "source_id": actors[n], "target_id": actors[n + 1],
             "kind": "referral", "directed": True, "weight": 1.0} for n in range(100)]  # fmt: skip
    frames = empty_tables()
    frames["collaborations"] = pd.DataFrame(rows, columns=COLUMNS["collaborations"])
    for path in write_csv(frames, folder):
        if path.stem != "collaborations":
            path.unlink()  # an empty table is refused
    start = time.perf_counter()
    graphsvc.import_paths([folder])
    print(f"  (import of 100 ties: {time.perf_counter() - start:.2f} s)")
    timed_anchoring(worker, "after an import of 100 ties")
    graphsvc.delete_item("actors", actors[0], confirm=True)
    timed_anchoring(worker, "after deleting an actor with ties")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=20_000)
    parser.add_argument("--collaborations", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", type=Path, help="keep the database here (reused if loaded)")
    parser.add_argument("--skip-full", action="store_true", help="skip the validated read")
    args = parser.parse_args()
    print(load())
    with tempfile.TemporaryDirectory(prefix="graphsvc-read-bench-") as tmp:
        data = args.data or Path(tmp) / "data"
        db = EmbeddedServer(data)
        db.start()
        try:
            with Graphsvc.open(get_settings(data_dir=data)) as graphsvc:
                stored = graphsvc.counts()["collaborations"]  # a kept one may be run on
                if abs(stored - args.collaborations) > args.collaborations // 100:
                    graphsvc.reset()
                    start = time.perf_counter()
                    synthetic = synthetic_tables(args.actors, args.collaborations)
                    write_csv(synthetic, Path(tmp) / "csv")
                    graphsvc.import_paths([Path(tmp) / "csv"])
                    print(f"  imported in {time.perf_counter() - start:.1f} s")
                print(f"== {graphsvc.counts()}")
                read_part(graphsvc, args)
                anchoring_part(graphsvc, Path(tmp), args)
        finally:
            db.stop()
    print(load())


if __name__ == "__main__":
    main()
