"""Upgrade time of a large graph written by the previous release (schema 1 → 2).

The graph is written by graphsvc 0.1.0 itself: commit ``74a0801`` is extracted from this
repository (``git archive``) and run in a subprocess (this venv, ``PYTHONPATH`` on the
extracted tree). It generates the synthetic national network (``graphsvc/synthetic.py``),
gives half of the participations a ``funding_amount`` (the schema-1 property), imports it
into a throwaway data directory and stops the server. Then, with the current code, the
script starts the server, opens the store without migrating, and times what opening it
with ``GRAPHSVC_AUTO_MIGRATE`` on does: the backup (``graphsvc/store/backup.py``: a
``BGSAVE`` snapshot, read back in a throwaway server and counted, archived) and each
migration step. It checks that every item is kept and no ``funding_amount`` is left.

Target (issue #12): under 60 s for 100,000 actors and 500,000 ties, backup included.

Usage: ``python bench/migration_bench.py [--actors 100000] [--collaborations 500000]
[--projects N] [--keep DIR]``
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from graphsvc.settings import get_settings
from graphsvc.store import EmbeddedServer, open_store
from graphsvc.store.backup import Census, census
from graphsvc.store.catalogue import load_catalogue
from graphsvc.store.migrations import backup_before_upgrade, migrate, read_state

ROOT = Path(__file__).resolve().parents[1]
PREVIOUS = "74a0801"  # graphsvc 0.1.0, schema 1
BOOKKEEPING = {"Schema", "Meta", "Change"}

# Run by graphsvc 0.1.0: the synthetic network with funding amounts, imported.
WRITE_OLD = """
import sys
from pathlib import Path
import numpy as np
from graphsvc.core import Graphsvc
from graphsvc.io.formats.csv import write
from graphsvc.settings import get_settings
from graphsvc.synthetic import synthetic_tables

actors, collaborations, projects, out = sys.argv[1:5]
tables = synthetic_tables(int(actors), int(collaborations),
                          projects=int(projects) if projects != "-" else None)
rng = np.random.default_rng(2)
participations = tables["participations"]
funded = rng.random(len(participations)) < 0.5
participations["funding_amount"] = np.where(
    funded, np.round(rng.pareto(1.5, len(participations)) * 100_000, 2), np.nan)
write(tables, Path(out) / "csv")
with Graphsvc.open(get_settings(graph_name="bench")) as gs:
    gs.import_paths([Path(out) / "csv"])
    print(int(funded.sum()), gs.counts())
"""


def previous_release(into: Path) -> Path:
    """Extract graphsvc 0.1.0 from this repository's history."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", PREVIOUS],
        capture_output=True,
        check=True,
    )
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into


def write_with_previous_release(tree: Path, data_dir: Path, args: argparse.Namespace) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRAPHSVC_")}
    env.update(PYTHONPATH=str(tree), GRAPHSVC_DATA_DIR=str(data_dir))
    old = [sys.executable]
    try:
        done = subprocess.run(
            [*old, "-c", WRITE_OLD, str(args.actors), str(args.collaborations),
             str(args.projects or "-"), str(data_dir.parent)],
            env=env, capture_output=True, text=True, check=True, cwd=tree,
        )  # fmt: skip
    finally:
        subprocess.run(
            [*old, "-m", "graphsvc.cli", "db", "stop"], env=env, check=True, cwd=tree,
            capture_output=True,
        )  # fmt: skip
    return done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--collaborations", type=int, default=500_000)
    parser.add_argument("--projects", type=int, default=None, help="default: one per 50 actors")
    parser.add_argument("--batch", type=int, default=10_000, help="items per statement")
    parser.add_argument("--keep", type=Path, default=None, help="keep the work folder here")
    args = parser.parse_args()

    print(f"load average before: {os.getloadavg()[0]:.1f} (2 cores)")
    with tempfile.TemporaryDirectory(prefix="graphsvc-bench-", dir=args.keep) as tmp:
        root = Path(tmp)
        data_dir = root / "data"
        started = time.perf_counter()
        tree = previous_release(root / "graphsvc-0.1.0")
        wrote = write_with_previous_release(tree, data_dir, args)
        print(f"{'written by graphsvc 0.1.0 (generate, import)':<44} "
              f"{time.perf_counter() - started:7.1f} s")  # fmt: skip
        print(f"  funded participations, counts: {wrote}")

        settings = get_settings(data_dir=data_dir, graph_name="bench")
        server = EmbeddedServer(data_dir, start_timeout=60)
        try:
            started = time.perf_counter()
            info = server.start()
            print(f"{'start the server (load the schema-1 graph)':<44} "
                  f"{time.perf_counter() - started:7.1f} s")  # fmt: skip
            catalogue = load_catalogue(settings.queries_dir)
            before = census(info, catalogue)
            store = open_store(settings, migrate=False)
            try:
                assert read_state(store).version == 1
                load = os.getloadavg()[0]
                report = migrate(
                    store,
                    backup=lambda: backup_before_upgrade(store, settings),
                    batch=args.batch,
                )
                print(f"load average at the start of the upgrade: {load:.1f}")
                size = report.backup.stat().st_size if report.backup else 0
                print(f"{'backup (snapshot, read back, archive)':<44} "
                      f"{report.backup_seconds:7.1f} s   {size / 1e6:.0f} MB")  # fmt: skip
                for step in report.steps:
                    print(f"{'step ' + step.name:<44} {step.seconds:7.1f} s   "
                          f"{step.changed:,} changed")  # fmt: skip
                print(f"{'upgrade in all (backup included)':<44} {report.seconds:7.1f} s")
                assert report.after == 2
                assert store.run("migrations/count_funding_amounts") == [{"found": 0}]
            finally:
                store.close()
            after = census(info, catalogue)
            assert _items(after) == _items(before), (before, after)
            print("every node and relationship kept (census before = after)")
        finally:
            server.stop()


def _items(found: Census) -> Census:
    """The census without the bookkeeping a migration changes (version, change log)."""
    return {
        graph: {kind: {k: n for k, n in counts.items() if k not in BOOKKEEPING}
                for kind, counts in by_kind.items()}
        for graph, by_kind in found.items()
    }  # fmt: skip


if __name__ == "__main__":
    main()
