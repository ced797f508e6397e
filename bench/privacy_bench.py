"""What hiding persons costs: the pseudonymised tables (exports, maps) and the redaction
of free text, on the synthetic network with some actors made hidden persons whose names
other items' descriptions mention.

    python bench/privacy_bench.py [--actors 20000] [--ties 100000] [--persons 200]

Prints seconds per step; no database is needed.
"""

from __future__ import annotations

import argparse
import time

import pandas as pd

from graphsvc.privacy import Redactor, redact_tables
from graphsvc.synthetic import synthetic_tables

KEY = b"bench-key"


def _persons(tables: dict[str, pd.DataFrame], n: int) -> dict[str, pd.DataFrame]:
    """Every 50th actor a hidden person, named in a tenth of the ties' descriptions."""
    actors = tables["actors"].copy()
    chosen = actors.index[::50][:n]
    actors["is_person"] = actors["is_person"].astype(object)
    actors["consent_to_publish"] = actors["consent_to_publish"].astype(object)
    actors.loc[chosen, "is_person"] = True
    actors.loc[chosen, "consent_to_publish"] = False
    actors.loc[chosen, "name"] = [f"Fornavn{i} Efternavn{i}" for i in range(len(chosen))]
    ties = tables["collaborations"].copy()
    ties["description"] = [
        f"Aftale med Fornavn{i % n} Efternavn{i % n}" if i % 10 == 0 else "Aftale"
        for i in range(len(ties))
    ]
    return {**tables, "actors": actors, "collaborations": ties}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--actors", type=int, default=20_000)
    parser.add_argument("--ties", type=int, default=100_000)
    parser.add_argument("--persons", type=int, default=200)
    args = parser.parse_args()
    tables = _persons(synthetic_tables(args.actors, args.ties), args.persons)
    rows = sum(len(frame) for frame in tables.values())
    print(f"{args.actors} actors, {args.ties} ties, {args.persons} hidden persons, {rows} rows")

    start = time.perf_counter()
    shown = redact_tables(tables, KEY)
    took = time.perf_counter() - start
    print(f"redact_tables (export, maps): {took:.2f} s  ({rows / took:,.0f} rows/s)")
    named = shown["collaborations"]["description"].str.contains("Fornavn").sum()
    assert named == 0, named

    hidden = {
        str(r["id"]): r["name"] for r in tables["actors"].to_dict("records") if r["is_person"]
    }
    redactor = Redactor.for_hidden(hidden, KEY)
    texts = list(tables["collaborations"]["description"]) * 2
    start = time.perf_counter()
    for text in texts:
        redactor.text(text)
    took = time.perf_counter() - start
    each = took * 1e6 / len(texts)
    print(f"Redactor.text: {len(texts) / took:,.0f} texts/s ({each:.1f} µs each, repeats memoised)")

    start = time.perf_counter()
    page = tables["actors"].head(50).to_dict("records")
    for _ in range(200):
        for row in page:
            redactor.item(row, ("id",))
    took = (time.perf_counter() - start) / 200
    print(f"a viewer's page of 50 actors redacted: {took * 1000:.2f} ms")


if __name__ == "__main__":
    main()
