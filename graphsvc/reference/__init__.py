"""Reference data: the municipalities a locality may name.

``municipalities.csv`` holds all 98 Danish municipalities with their official
three-digit codes (Danmarks Statistik / KL) and regions, and the Norwegian
municipalities (SSB four-digit codes, 2024 numbering) that the seed documents need.
A locality is written ``<country>-<code>``, e.g. ``DK-101`` (København) or
``NO-4203`` (Arendal).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Municipality:
    country: str
    code: str
    name: str
    region: str

    @property
    def locality(self) -> str:
        return f"{self.country}-{self.code}"


@cache
def municipalities() -> dict[str, Municipality]:
    """All known municipalities, keyed by locality (``DK-101``)."""
    text = resources.files(__package__).joinpath("municipalities.csv").read_text("utf-8")
    rows = csv.DictReader(text.splitlines())
    found = (Municipality(row["country"], row["code"], row["name"], row["region"]) for row in rows)
    return {m.locality: m for m in found}


def municipality(locality: str) -> Municipality | None:
    """The municipality a locality names, or ``None`` when it names none we know."""
    return municipalities().get(locality)
