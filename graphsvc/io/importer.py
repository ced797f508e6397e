"""Writing validated tables into the store: idempotent, in batches of ``UNWIND … MERGE``.

Every row is compared with what the store holds under its id first, so the report
says what was created, updated and left unchanged, and unchanged rows are not
written again: re-running an import writes nothing. A row replaces all properties
of its item (the row is the whole truth about the item), which keeps round trips
lossless. A tie whose id now names other endpoints is deleted and created anew.

Each batch is one query and so atomic; validation of the whole input happens before
the first batch, so an invalid input writes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import pydantic

from graphsvc.io.tables import TABLES, ValidatedTables
from graphsvc.store import Row, Store

log = logging.getLogger(__name__)

# Endpoint columns per table: they are part of the tie, not of its properties.
ENDPOINTS: dict[str, tuple[str, ...]] = {
    "actors": (),
    "projects": (),
    "participations": ("actor_id", "project_id"),
    "collaborations": ("source_id", "target_id"),
}

Progress = Callable[[str, int], None]


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


def stored_properties(item: pydantic.BaseModel, table: str) -> dict[str, Any]:
    """The properties stored for an item: no endpoints, no empty values."""
    data = item.model_dump(mode="json", exclude=set(ENDPOINTS[table]))
    return {key: value for key, value in data.items() if value is not None}


def fetch_existing(store: Store, table: str, ids: Sequence[str], batch_size: int) -> dict[str, Row]:
    """Stored rows by id (props plus endpoints) for the ids that exist."""
    found: dict[str, Row] = {}
    for batch in _batches(list(ids), batch_size):
        for row in store.run(f"{table}/get_{table}", ids=batch):
            found[row["props"]["id"]] = row
    return found


def import_validated(
    store: Store,
    tables: ValidatedTables,
    *,
    dry_run: bool = False,
    batch_size: int = 5000,
    progress: Progress | None = None,
) -> ImportReport:
    """Write validated tables (actors and projects before the ties that need them)."""
    report = ImportReport(dry_run=dry_run)
    for table in TABLES:
        items = tables.items.get(table, [])
        if not items:
            continue
        existing = fetch_existing(store, table, [i.id for i in items], batch_size)  # type: ignore[attr-defined]
        to_write: list[dict[str, Any]] = []
        moved: list[str] = []
        for item in items:
            row = _write_row(item, table)
            before = existing.get(row["id"])
            if before is None:
                report.created[table] += 1
            elif _same(before, row, table):
                report.unchanged[table] += 1
                continue
            else:
                report.updated[table] += 1
                if any(before[end] != row[end] for end in ENDPOINTS[table]):
                    moved.append(row["id"])
            to_write.append(row)
        if dry_run or not to_write:
            continue
        for batch in _batches(moved, batch_size):
            store.run(f"{table}/delete_{table}", ids=batch)
        for batch in _batches(to_write, batch_size):
            store.run(f"{table}/merge_{table}", rows=batch)
            if progress:
                progress(table, len(batch))
        log.info("%s: wrote %d rows", table, len(to_write))
    return report


def _write_row(item: pydantic.BaseModel, table: str) -> dict[str, Any]:
    row: dict[str, Any] = {"id": item.id, "props": stored_properties(item, table)}  # type: ignore[attr-defined]
    for end in ENDPOINTS[table]:
        row[end] = getattr(item, end)
    return row


def _same(before: Row, row: dict[str, Any], table: str) -> bool:
    return before["props"] == row["props"] and all(
        before[end] == row[end] for end in ENDPOINTS[table]
    )


def _batches(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
