"""Reading the whole graph out of the store, and writing it in a registered format.

The formats themselves live in :mod:`graphsvc.io.formats` (one module per format, its
writer beside its reader). :func:`read_store` belongs to the store's side; it stays
here, next to the one function that hands its tables to the writers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from graphsvc.errors import ValidationError
from graphsvc.io.formats import FORMATS, writable_formats
from graphsvc.io.importer import ENDPOINTS, STORED_ONLY
from graphsvc.io.tables import COLUMNS, TABLES, Tables
from graphsvc.store import Store


def read_store(store: Store) -> Tables:
    """Every item of the store as the four tables, validated through the model."""
    return {table: _validated(table, store.run(f"{table}/list_{table}")) for table in TABLES}


def read_items(store: Store, ids: dict[str, list[str]], *, batch: int = 1000) -> Tables:
    """The items with these ids as :func:`read_store` gives them (the maps read the
    full records of what they show only).

    Parameters
    ----------
    store : Store
        The open store to read from.
    ids : dict of str to list of str
        Table name (one of :data:`graphsvc.io.tables.TABLES`; others are ignored) → ids
        of its items to read. Repeated ids are read once; ids not stored are left out.
    batch : int, optional
        How many ids one query asks for.

    Returns
    -------
    Tables
        Every table, each with every field of the items found, validated through the
        model, in id order; a table not named in ``ids`` comes back empty.

    Raises
    ------
    pydantic.ValidationError
        When a stored item no longer passes the model.
    graphsvc.errors.StoreUnavailableError
        When the database cannot be reached.
    graphsvc.errors.StoreError
        When the database refuses a query.
    """
    frames: Tables = {}
    for table in TABLES:
        wanted = sorted(set(ids.get(table, ())))
        rows = [
            row
            for start in range(0, len(wanted), batch)
            for row in store.run(f"{table}/get_{table}", ids=wanted[start : start + batch])
        ]
        rows.sort(key=lambda row: str(row["props"].get("id")))
        frames[table] = _validated(table, rows)
    return frames


def _validated(table: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    model = TABLES[table]
    items = []
    for row in rows:
        data = {k: v for k, v in row["props"].items() if k not in STORED_ONLY}
        for end in ENDPOINTS[table]:
            data[end] = row[end]
        items.append(model.model_validate(data).model_dump(mode="json"))
    return pd.DataFrame(items, columns=COLUMNS[table])


def export_formats() -> tuple[str, ...]:
    """Every format name :func:`export` writes (the CLI's and the API's choices)."""
    return writable_formats()


def export(tables: Tables, fmt: str, out: Path) -> list[Path]:
    """Write the tables in one of :func:`export_formats`; returns the files written."""
    if fmt not in writable_formats():
        raise ValidationError(
            f"unknown export format {fmt!r}; choose one of {', '.join(export_formats())}"
        )
    return list(FORMATS[fmt].write(tables, out))
