"""Reference data: the municipalities a locality may name, and the documents rows cite.

``municipalities.csv`` holds all 98 Danish municipalities with their official
three-digit codes (Danmarks Statistik / KL) and regions, and the Norwegian
municipalities (SSB four-digit codes, 2024 numbering) that the seed documents need.
A locality is written ``<country>-<code>``, e.g. ``DK-101`` (København) or
``NO-4203`` (Arendal). ``sources.csv`` names the seed documents (``seed:<file stem>``)
by title, publisher and year, so reports and maps show titles rather than ids.
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


@dataclass(frozen=True)
class Source:
    """A document rows cite in ``sources`` (``seed:001_c19b46e5f2d43751``), by its title."""

    ref: str
    title: str
    publisher: str
    year: str
    kind_da: str
    kind_en: str

    def describe(self, lang: str = "da") -> str:
        """``»Gode rammer for samskabelse« (Frivilligrådet, 2012). …`` in words a reader knows."""
        who = ", ".join(part for part in (self.publisher, self.year) if part)
        kind = self.kind_da if lang == "da" else self.kind_en
        title = f"»{self.title}«" if lang == "da" else f"“{self.title}”"
        return f"{title} ({who}). {kind}." if who else f"{title}. {kind}."


@cache
def sources() -> dict[str, Source]:
    """The documents known by title (``sources.csv``), keyed by their reference."""
    text = resources.files(__package__).joinpath("sources.csv").read_text("utf-8")
    found = {}
    for row in csv.DictReader(text.splitlines()):
        ref = row.pop("source")
        found[ref] = Source(ref=ref, **row)
    return found


def source(ref: str) -> Source | None:
    """The document a ``sources`` entry names, or ``None`` (a URL or an unknown reference)."""
    return sources().get(ref.strip())


def source_title(ref: str) -> str:
    """A ``sources`` entry as a reader knows it: the document's title, else the entry."""
    found = source(ref)
    return found.title if found else ref
