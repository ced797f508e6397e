"""Graph file speed: writing and reading GEXF, GraphML, node-link JSON and Kumu workbooks.

Generates the synthetic network (``graphsvc.synthetic``), then for each format times, each
in its own process so its peak memory can be told apart:

1. write: the four tables written as the format's file (``graphsvc export``'s writer);
2. read: the file read back as node and edge lists (the import's first step);
3. map: read, detect and map to the four tables (no database: what precedes validation).

Usage: ``python bench/graphfiles_bench.py [--actors 20000] [--collaborations 100000]``
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from graphsvc.io.formats import DEFAULT_LIMITS, FORMATS
from graphsvc.io.mapping import map_tables, resolve_mapping
from graphsvc.synthetic import synthetic_tables

FORMAT_NAMES = ("gexf", "graphml", "json", "kumu")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _step(step: str, fmt: str, path: str, sizes: tuple[int, int], queue: Any) -> None:
    tables = synthetic_tables(*sizes) if step == "write" else None
    module = FORMATS[fmt]
    start = time.perf_counter()
    if step == "write":
        module.write(tables, Path(path))
        items = sum(len(frame) for frame in tables.values())  # type: ignore[union-attr]
    else:
        raw = module.read(Path(path), DEFAULT_LIMITS)
        items = sum(len(t.rows) for t in raw)
        if step == "map":
            mapped = map_tables(raw, resolve_mapping(raw, None))
            assert not mapped.problems, mapped.problems[:3]
            items = sum(mapped.counts().values())
    queue.put((time.perf_counter() - start, items, _peak_mb()))


def _run(step: str, fmt: str, path: Path, sizes: tuple[int, int]) -> tuple[float, int, float]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_step, args=(step, fmt, str(path), sizes, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=20_000)
    parser.add_argument("--collaborations", type=int, default=100_000)
    args = parser.parse_args()
    sizes = (args.actors, args.collaborations)
    print(f"synthetic network: {args.actors:,} actors, {args.collaborations:,} collaborations")
    print(f"{'format':8} {'step':6} {'seconds':>8} {'items/s':>10} {'peak MB':>8} {'file MB':>8}")
    with tempfile.TemporaryDirectory(prefix="graphsvc-graphfiles-bench-") as tmp:
        for fmt in FORMAT_NAMES:
            path = Path(tmp) / f"graph{FORMATS[fmt].SUFFIXES[0]}"
            for step in ("write", "read", "map"):
                seconds, items, peak = _run(step, fmt, path, sizes)
                size = path.stat().st_size / 1e6
                print(f"{fmt:8} {step:6} {seconds:8.2f} {items / seconds:10,.0f} {peak:8.0f} "
                      f"{size:8.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
