"""Every document the seed cites is known by its title (reports and maps show titles)."""

from __future__ import annotations

import csv
from pathlib import Path

from graphsvc.reference import source, source_title

SEED = Path(__file__).resolve().parent.parent / "seed"


def test_every_seed_source_has_a_title() -> None:
    cited = set()
    for path in SEED.glob("*.csv"):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                cited |= {s.strip() for s in (row.get("sources") or "").split(";") if s.strip()}
    assert cited, "the seed cites documents"
    untitled = sorted(ref for ref in cited if ref.startswith("seed:") and source(ref) is None)
    assert untitled == []


def test_a_title_in_words() -> None:
    found = source("seed:001_c19b46e5f2d43751")
    assert found is not None
    assert found.describe("da") == (
        "»Gode rammer for samskabelse« (Frivilligrådet, 2012). "
        "Opsamling på fem workshops på Frivilligrådets årsmøde."
    )
    assert source_title("https://example.org/x") == "https://example.org/x"
