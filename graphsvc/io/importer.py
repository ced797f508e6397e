"""Writing validated tables into the store: idempotent, in batches of ``UNWIND … MERGE``.

Every row is compared with what the store holds under its id first, so the report
says what was created, updated and left unchanged, and unchanged rows are not
written again: re-running an import writes nothing. Each item is stored with a
``fingerprint`` property (a hash of its properties and endpoints); the comparison
sends ids and fingerprints only and the database answers with the rows that are new
or changed (``<table>/compare_<table>``), so a re-import moves very little data. A
row replaces all properties of its item (the row is the whole truth about the item),
which keeps round trips lossless. A tie whose id now names other endpoints is deleted
and created anew.

Each batch is one query and so atomic; validation of the whole input happens before
the first batch, so an invalid input writes nothing. Batches are written in order by
one writer thread while the next batch is prepared.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import pydantic

from graphsvc.io.tables import TABLES, ValidatedTables
from graphsvc.store import Row, Store
from graphsvc.store.base import Prepared

log = logging.getLogger(__name__)

# Endpoint columns per table: they are part of the tie, not of its properties.
ENDPOINTS: dict[str, tuple[str, ...]] = {
    "actors": (),
    "projects": (),
    "participations": ("actor_id", "project_id"),
    "collaborations": ("source_id", "target_id"),
    "agreements": ("party_ids",),  # stored as (:Actor)-[:PARTY_TO]->(:Agreement)
}

Progress = Callable[[str, int], None]

# Stored on every item; not a model field (readers drop it).
FINGERPRINT = "fingerprint"
# Stored on every item, renewed by every write (in Cypher): the item's ETag. Not a field.
REV = "rev"
STORED_ONLY = frozenset({FINGERPRINT, REV})


@dataclass
class ImportReport:
    """What an import did, or for a dry run would do, per table."""

    dry_run: bool = False
    created: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    updated: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    unchanged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))

    @property
    def changed(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


def count_items(store: Store) -> dict[str, int]:
    """Stored actors, projects, participations and collaborations."""
    counts = dict.fromkeys(TABLES, 0)  # FalkorDB returns no row for a label it never saw
    counts.update((row["name"], int(row["value"])) for row in store.run("graph/count_items"))
    return counts


def compare(store: Store, table: str, rows: list[Row]) -> dict[str, Row]:
    """The rows that are new or changed: ``{id: {"stored": bool, "same_ends": bool}}``."""
    keys = [{k: v for k, v in row.items() if k != "props"} for row in rows]
    return {answer["id"]: answer for answer in store.run(f"{table}/compare_{table}", rows=keys)}


class _Writer:
    """Runs the write queries, in order, on one thread beside the caller.

    While the database writes one batch, the caller prepares the next (properties,
    fingerprints, comparison). The first failure stops the import: it is raised at
    the next submit or at :meth:`finish`.
    """

    def __init__(
        self, store: Store, progress: Progress | None, before_write: Callable[[], None] | None
    ) -> None:
        self.store, self.progress, self.before_write = store, progress, before_write
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="graphsvc-writer")
        self._pending: list[Future[None]] = []

    def submit(self, query: str, table: str, count: int, **params: Any) -> None:
        self._raise_failures()
        if self.before_write is not None:
            self.before_write()
        prepared = self.store.prepare(query, **params)  # client-side work on this thread
        self._pending.append(self._pool.submit(self._run, prepared, table, count))

    def _run(self, prepared: Prepared, table: str, count: int) -> None:
        self.store.run_prepared(prepared)
        if self.progress and count:
            self.progress(table, count)

    def _raise_failures(self) -> None:
        done = [future for future in self._pending if future.done()]
        self._pending = [future for future in self._pending if not future.done()]
        for future in done:
            future.result()

    def finish(self) -> None:
        try:
            for future in self._pending:
                future.result()
        finally:
            self._pool.shutdown(wait=True, cancel_futures=True)


def import_validated(
    store: Store,
    tables: ValidatedTables,
    *,
    dry_run: bool = False,
    batch_size: int = 5000,
    progress: Progress | None = None,
    before_write: Callable[[], None] | None = None,
) -> ImportReport:
    """Write validated tables (actors and projects before the ties that need them).

    ``before_write`` is called before each batch is written (not at all when nothing
    changes); :meth:`graphsvc.core.Graphsvc.import_validated` bumps the graph version
    there.
    """
    report = ImportReport(dry_run=dry_run)
    stored = {row["name"] for row in store.run("graph/find_stored_kinds")}
    writer = None if dry_run else _Writer(store, progress, before_write)
    try:
        for table in TABLES:
            first_load = table not in stored  # nothing stored to compare with
            for items in _batches(tables.items.get(table, []), batch_size):
                rows = [write_row(item, table) for item in items]
                changed = None if first_load else compare(store, table, rows)
                to_write: list[Row] = []
                moved: list[str] = []
                for row in rows:
                    answer = {"stored": False} if changed is None else changed.get(row["id"])
                    if answer is None:
                        report.unchanged[table] += 1
                        continue
                    if answer["stored"]:
                        report.updated[table] += 1
                        if not answer["same_ends"]:
                            moved.append(row["id"])
                    else:
                        report.created[table] += 1
                    to_write.append(row)
                if writer is None:
                    continue
                if moved:
                    writer.submit(f"{table}/delete_{table}", table, 0, ids=moved)
                if to_write:
                    writer.submit(f"{table}/merge_{table}", table, len(to_write), rows=to_write)
    finally:
        if writer is not None:
            writer.finish()
    return report


_NEW_LISTS = frozenset({"inferred_fields", "project_ids", "member_counts"})


def write_row(item: pydantic.BaseModel, table: str) -> Row:
    """The parameters of one item for the compare and merge queries.

    ``props`` holds every stored property, ``fingerprint`` included; the fingerprint
    covers the endpoints too, so a tie moved to other actors is a change.
    """
    # One serialisation gives both: the model's own JSON (fields in declaration order,
    # no empty values) is canonical for the fingerprint and parses back into properties.
    canonical = item.model_dump_json(exclude_none=True)
    props = json.loads(canonical)
    if any(name in props and not props[name] for name in _NEW_LISTS):
        # Empty fields schema 2 added stay out, so an item that uses none of them keeps
        # the fingerprint schema 1 gave it (a re-import after the upgrade changes nothing).
        props = {k: v for k, v in props.items() if k not in _NEW_LISTS or v}
        canonical = json.dumps(props, ensure_ascii=False, separators=(",", ":"))
    row: Row = {"id": props["id"]}
    for end in ENDPOINTS[table]:
        row[end] = props.pop(end)
    props[FINGERPRINT] = hashlib.sha256(canonical.encode()).hexdigest()[:24]
    row["fingerprint"] = props[FINGERPRINT]
    row["props"] = props
    return row


def _batches(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
