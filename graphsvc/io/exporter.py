"""Reading the whole graph out of the store, and writing it in a registered format.

The formats themselves live in :mod:`graphsvc.io.formats` (one module per format, its
writer beside its reader). :func:`read_store` belongs to the store's side; it stays
here, next to the one function that hands its tables to the writers.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from graphsvc.errors import ValidationError
from graphsvc.io.formats import FORMATS, writable_formats
from graphsvc.io.importer import ENDPOINTS, STORED_ONLY
from graphsvc.io.tables import COLUMNS, TABLES, Tables
from graphsvc.store import Store


def read_store(store: Store) -> Tables:
    """Every item of the store as the four tables, validated through the model."""
    frames: Tables = {}
    for table, model in TABLES.items():
        rows = []
        for row in store.run(f"{table}/list_{table}"):
            data = {k: v for k, v in row["props"].items() if k not in STORED_ONLY}
            for end in ENDPOINTS[table]:
                data[end] = row[end]
            rows.append(model.model_validate(data).model_dump(mode="json"))
        frames[table] = pd.DataFrame(rows, columns=COLUMNS[table])
    return frames


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
