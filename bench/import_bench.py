"""Import speed: graphsvc's import next to a raw ``UNWIND … MERGE`` load of the same rows.

Generates the synthetic national-scale network (98 municipalities, heavy-tailed),
writes it as the four CSV files, starts a throwaway FalkorDB server, and times:

1. raw: the rows sent straight to FalkorDB with ``UNWIND $rows … MERGE`` in batches
   (indexes on the merge keys first, as graphsvc has them) into one graph;
2. graphsvc: ``Graphsvc.import_paths`` on the CSV files into another graph of the
   same server: reading, validating every row, comparing with what is stored, writing;
3. graphsvc again on the same files: the idempotent re-import (nothing written).

Usage: ``python bench/import_bench.py [--actors 100000] [--collaborations 500000]``
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from falkordb import FalkorDB

from graphsvc.core import Graphsvc
from graphsvc.io.formats.csv import write as write_csv
from graphsvc.io.importer import write_row
from graphsvc.io.tables import TABLES
from graphsvc.settings import get_settings
from graphsvc.store import EmbeddedServer
from graphsvc.synthetic import synthetic_tables

RAW_QUERIES = {
    "actors": "UNWIND $rows AS r MERGE (a:Actor {id: r.id}) SET a = r.props",
    "projects": "UNWIND $rows AS r MERGE (p:Project {id: r.id}) SET p = r.props",
    "participations": (
        "UNWIND $rows AS r MATCH (a:Actor {id: r.actor_id}) MATCH (p:Project {id: r.project_id}) "
        "MERGE (a)-[x:PARTICIPATES_IN {id: r.id}]->(p) SET x = r.props"
    ),
    "collaborations": (
        "UNWIND $rows AS r MATCH (a:Actor {id: r.source_id}) MATCH (b:Actor {id: r.target_id}) "
        "MERGE (a)-[x:COLLABORATES_WITH {id: r.id}]->(b) SET x = r.props"
    ),
}
RAW_INDEXES = [
    "CREATE INDEX FOR (a:Actor) ON (a.id)",
    "CREATE INDEX FOR (p:Project) ON (p.id)",
    "CREATE INDEX FOR ()-[r:PARTICIPATES_IN]-() ON (r.id)",
    "CREATE INDEX FOR ()-[r:COLLABORATES_WITH]-() ON (r.id)",
]


def raw_rows(graphsvc: Graphsvc, folder: Path) -> dict[str, list[dict]]:
    """The rows the raw load sends: the same properties graphsvc stores (prepared untimed)."""
    validated = graphsvc.validate_paths([folder])
    return {table: [write_row(item, table) for item in validated.items[table]] for table in TABLES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--collaborations", type=int, default=500_000)
    parser.add_argument("--batch", type=int, default=5000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="graphsvc-bench-") as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        tables = synthetic_tables(args.actors, args.collaborations)
        write_csv(tables, root / "csv")
        total = sum(len(frame) for frame in tables.values())
        print(f"generated {total:,} rows "
              f"({', '.join(f'{len(f):,} {n}' for n, f in tables.items())}) "
              f"in {time.perf_counter() - started:.1f} s")  # fmt: skip

        server = EmbeddedServer(root / "data")
        info = server.start()
        try:
            settings = get_settings(
                data_dir=root / "data", graph_name="bench", batch_size=args.batch
            )
            with Graphsvc.open(settings) as graphsvc:
                rows = raw_rows(graphsvc, root / "csv")
                raw_graph = FalkorDB(
                    host=info.host, port=info.port, password=info.password
                ).select_graph("raw")
                for statement in RAW_INDEXES:
                    raw_graph.query(statement)
                started = time.perf_counter()
                for table in TABLES:
                    for begin in range(0, len(rows[table]), args.batch):
                        raw_graph.query(
                            RAW_QUERIES[table], {"rows": rows[table][begin : begin + args.batch]}
                        )
                raw_seconds = time.perf_counter() - started

                started = time.perf_counter()
                report = graphsvc.import_paths([root / "csv"])
                import_seconds = time.perf_counter() - started
                assert sum(report.created.values()) == total, report.as_dict()

                started = time.perf_counter()
                again = graphsvc.import_paths([root / "csv"])
                reimport_seconds = time.perf_counter() - started
                assert again.changed == 0
        finally:
            server.stop()

    raw_rate, import_rate = total / raw_seconds, total / import_seconds
    print(f"raw UNWIND load      {raw_seconds:7.1f} s  {raw_rate:9,.0f} rows/s")
    share = import_rate / raw_rate
    print(
        f"graphsvc import      {import_seconds:7.1f} s  {import_rate:9,.0f} rows/s "
        f"({share:.0%} of raw; CSV read + validation + diff + write)"
    )
    print(f"graphsvc re-import   {reimport_seconds:7.1f} s  (no change written)")


if __name__ == "__main__":
    main()
