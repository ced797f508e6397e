"""Import speed: graphsvc's import next to a raw ``UNWIND … MERGE`` load of the same rows.

Generates the synthetic national-scale network (98 municipalities, heavy-tailed),
writes it as the four CSV files, starts a throwaway FalkorDB server, and times:

1. raw: the rows sent straight to FalkorDB with ``UNWIND $rows … MERGE`` in batches
   (indexes on the merge keys first, as graphsvc has them) into one graph;
2. graphsvc: ``Graphsvc.import_paths`` on the CSV files into another graph of the
   same server: reading, validating every row, comparing with what is stored, writing;
3. graphsvc again on the same files: the idempotent re-import (nothing written).

Then the mapping path: a planner's Danish spreadsheet of ``--danish-rows`` rows (one CSV
sheet, ``;``-separated, cp1252, Danish headers, kind words, municipality names, Danish
dates and amounts, made from the same synthetic network) imported through the mapping
step, next to the four-table import of exactly the items it made (exported as the four
CSV files), each in its own process so its peak memory can be told apart:

4. mapping: ``Graphsvc.import_paths`` on the Danish sheet (read, detect, map, validate, write);
5. four tables: the same items from the four CSV files into another graph;
6. mapping again: the idempotent re-import of the Danish sheet.

Usage: ``python bench/import_bench.py [--actors 100000] [--collaborations 500000]
[--danish-rows 100000] [--skip-national]``
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd
from falkordb import FalkorDB

from graphsvc.core import Graphsvc
from graphsvc.errors import GraphsvcError
from graphsvc.io.formats.csv import write as write_csv
from graphsvc.io.importer import write_row
from graphsvc.io.tables import TABLES
from graphsvc.reference import municipalities
from graphsvc.settings import Settings, get_settings
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


KIND_WORDS = {
    "municipality": "Kommune", "association": "Forening", "school": "Skole",
    "company": "Virksomhed", "citizen_group": "Borgergruppe", "volunteer_centre": "Frivilligcenter",
    "housing_organisation": "Boligorganisation", "national_ngo": "Landsorganisation",
    "foundation": "Fond", "university": "Universitet", "hospital": "Hospital",
    "network": "Netværk",
}  # fmt: skip
ROLE_WORDS = {
    "lead": "Projektejer", "partner": "Partner", "funder": "Bevillingsgiver",
    "coordinator": "Koordinator", "volunteer": "Frivillig", "participant": "Deltager",
}  # fmt: skip
DANISH_HEADER = [
    "Organisation", "Aktørtype", "Kommune", "Samarbejdspartner", "Projekt", "Rolle",
    "Start", "Slut", "Beløb", "Bemærkninger",
]  # fmt: skip


def _danish_date(iso: Any, dotted: bool) -> str:
    if not isinstance(iso, str) or not iso:
        return ""
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}" if dotted else f"{day}-{month}-{year}"


def danish_sheet(rows: int, path: Path) -> int:
    """A planner's one sheet of ``rows`` rows from the synthetic network: every
    participation as a row (project, role), the rest one collaboration per row (partner)."""
    tables = synthetic_tables(max(100_000, rows // 2), rows)
    actors = tables["actors"].set_index("id")
    names = actors["name"].to_dict()
    kinds = actors["kind"].map(KIND_WORDS).to_dict()
    places = {m.locality: m.name for m in municipalities().values()}
    where = actors["locality"].map(places).fillna("").to_dict()
    projects = tables["projects"].set_index("id")["name"].to_dict()
    lines = []
    for i, tie in enumerate(tables["participations"].itertuples()):
        if len(lines) >= rows:
            break
        actor = tie.actor_id
        lines.append([
            names[actor], kinds[actor], where[actor], "", projects[tie.project_id],
            ROLE_WORDS.get(tie.role, "Partner"), _danish_date(tie.start_date, i % 2 == 0),
            _danish_date(tie.end_date, i % 2 == 1), "50.000 kr." if i % 10 == 0 else "",
            "Lektiecafé og mentorordning" if i % 7 == 0 else "",
        ])  # fmt: skip
    for i, tie in enumerate(tables["collaborations"].itertuples()):
        if len(lines) >= rows:
            break
        actor = tie.source_id
        town = where[actor]
        lines.append([
            names[actor], kinds[actor], f"{town} Kommune" if i % 3 == 0 and town else town,
            names[tie.target_id], "", "", _danish_date(tie.start_date, i % 2 == 0),
            _danish_date(tie.end_date, i % 2 == 1), "", "",
        ])  # fmt: skip
    frame = pd.DataFrame(lines, columns=DANISH_HEADER)
    frame.to_csv(path, sep=";", index=False, encoding="cp1252")
    return len(frame)


def _timed_import(settings: Settings, paths: list[Path], answer: Any) -> None:
    """In a child process: one import, its time, what it did, and the peak memory."""
    try:
        with Graphsvc.open(settings) as graphsvc:
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            started = time.perf_counter()
            report = graphsvc.import_paths(paths)
            seconds = time.perf_counter() - started
    except GraphsvcError as exc:
        answer.put(str(exc))
        return
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    answer.put((seconds, report.as_dict(), before / 1024, peak / 1024))


def in_child(settings: Settings, paths: list[Path]) -> tuple[float, dict[str, Any], float, float]:
    context = multiprocessing.get_context("spawn")
    answer = context.Queue()
    child = context.Process(target=_timed_import, args=(settings, paths, answer))
    child.start()
    result = answer.get()
    child.join()
    if isinstance(result, str):
        raise SystemExit(f"the import failed: {result}")
    return result  # type: ignore[no-any-return]


def mapping_bench(root: Path, rows: int, batch: int) -> None:
    started = time.perf_counter()
    sheet = root / "kort.csv"
    count = danish_sheet(rows, sheet)
    print(f"\nDanish sheet: {count:,} rows, {sheet.stat().st_size / 1e6:.1f} MB "
          f"(made in {time.perf_counter() - started:.1f} s)")  # fmt: skip
    data_dir = root / "data"
    mapped = get_settings(data_dir=data_dir, graph_name="bench_mapping", batch_size=batch)
    plain = get_settings(data_dir=data_dir, graph_name="bench_tables", batch_size=batch)
    map_seconds, map_report, map_base, map_peak = in_child(mapped, [sheet])
    items = sum(map_report["created"].values())
    with Graphsvc.open(mapped) as graphsvc:
        write_csv(graphsvc.tables(), root / "mapped")
    for empty in (root / "mapped").glob("*.csv"):
        if len(empty.read_bytes().splitlines()) < 2:
            empty.unlink()  # a table the sheet made no rows of
    table_seconds, table_report, table_base, table_peak = in_child(plain, [root / "mapped"])
    assert sum(table_report["created"].values()) == items, table_report
    again_seconds, again_report, _, _ = in_child(mapped, [sheet])
    assert sum(again_report["created"].values()) + sum(again_report["updated"].values()) == 0
    map_rate, table_rate = items / map_seconds, items / table_seconds
    made = ", ".join(f"{n:,} {name}" for name, n in map_report["created"].items())
    print(f"items made: {items:,} ({made})")
    print(
        f"mapping path         {map_seconds:7.1f} s  {map_rate:9,.0f} items/s "
        f"({count / map_seconds:,.0f} sheet rows/s; {map_rate / table_rate:.0%} of the "
        f"four-table rate)  peak {map_peak:,.0f} MB (process after imports {map_base:,.0f} MB)"
    )
    print(
        f"four-table path      {table_seconds:7.1f} s  {table_rate:9,.0f} items/s  "
        f"peak {table_peak:,.0f} MB (process after imports {table_base:,.0f} MB)"
    )
    print(f"mapping re-import    {again_seconds:7.1f} s  (no change written)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--collaborations", type=int, default=500_000)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--danish-rows", type=int, default=100_000)
    parser.add_argument("--skip-national", action="store_true")
    args = parser.parse_args()
    if args.skip_national:
        with tempfile.TemporaryDirectory(prefix="graphsvc-bench-") as tmp:
            server = EmbeddedServer(Path(tmp) / "data")
            server.start()
            try:
                mapping_bench(Path(tmp), args.danish_rows, args.batch)
            finally:
                server.stop()
        return

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
            if args.danish_rows:
                mapping_bench(root, args.danish_rows, args.batch)
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
