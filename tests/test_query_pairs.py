"""A count query and the find query it counts for filter alike, to the letter.

``<table>/count_matching_<table>`` (and ``audit/count_audit_entries``) answer "how many
rows would the find query give without paging". Each names its find query in its first
header line ("… match the filters of actors/find_actors."). Both stay whole statements,
one per file, loaded by name and linted by Neo4j's linter as they are; this test is what
keeps the repeated filter block in step: the count's statement, but for its closing
``RETURN count(…) AS total``, must begin the find's statement, and what the find adds
after it may only sort and page.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from graphsvc.store.catalogue import Catalogue, Query

QUERIES = Path(__file__).resolve().parents[1] / "queries"
CATALOGUE = Catalogue(QUERIES)
PARTNER = re.compile(r"match the filters of ([a-z_]+/[a-z_]+)\.")
# What a find query may take besides the filters: sorting and paging (``aliases`` is what
# hidden persons sort by for viewers).
PAGING = {"sort", "descending", "offset", "limit", "aliases"}
COUNT_RETURN = re.compile(r"RETURN count\([a-z]+\) AS total")
PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
FILTERING = re.compile(r"\b(WHERE|MATCH|UNWIND)\b")
LIST = re.compile(r"\[[^\[\]]*\]")


def _pairs() -> list[tuple[str, str]]:
    pairs = []
    for name in CATALOGUE.names():
        found = PARTNER.search(CATALOGUE.get(name).description)
        if found:
            pairs.append((name, found.group(1)))
    return pairs


PAIRS = _pairs()


def test_every_count_query_names_the_find_query_it_counts_for() -> None:
    counts = {n for n in CATALOGUE.names() if n.split("/")[1].startswith("count_matching_")}
    assert counts, "no count_matching_* query found"
    assert counts <= {count for count, _ in PAIRS}
    # The four tables and the audit log.
    assert len(PAIRS) >= 5
    for _, find in PAIRS:
        assert find in CATALOGUE, find


def _diff(count: str, find: str) -> str:
    lines = difflib.unified_diff(
        count.splitlines(), find.splitlines(), "count query", "find query", lineterm=""
    )
    return "\n".join(lines)


def mismatch(count: Query, find: Query) -> str | None:
    """Why ``count`` does not filter as ``find`` does, or None when it does."""
    filters, _, closing = count.text.rpartition("\n")
    if not COUNT_RETURN.fullmatch(closing.strip()):
        return f"{count.name} ends with {closing!r}, not RETURN count(…) AS total"
    if not find.text.startswith(filters + "\n"):
        return f"{count.name} and {find.name} filter differently; make the blocks equal:\n" + _diff(
            filters, find.text
        )
    rest = find.text[len(filters) :]
    clauses, inner = "", rest
    while clauses != inner:  # list comprehensions may filter their own lists
        clauses, inner = inner, LIST.sub("", inner)
    if not set(PARAM.findall(rest)) <= PAGING or FILTERING.search(clauses):
        return f"{find.name} filters again after the block it shares with {count.name}"
    filter_params = {k: v for k, v in find.params.items() if k not in PAGING}
    if count.params != filter_params:
        return f"{count.name}'s @param lines differ from {find.name}'s"
    return None


@pytest.mark.parametrize(("count_name", "find_name"), PAIRS, ids=[c for c, _ in PAIRS])
def test_count_query_has_the_find_querys_filter_block(count_name: str, find_name: str) -> None:
    assert mismatch(CATALOGUE.get(count_name), CATALOGUE.get(find_name)) is None


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        # one copy of the block changed
        ("count_matching_actors", "a.sector = $sector", "a.sector <> $sector"),
        # a filter added to the find query after the shared block
        ("find_actors", "WITH a, head(", "WHERE a.kind <> $kind\nWITH a, head("),
        ("find_actors", "WITH a, head(", "WITH a WHERE a.kind <> 'school'\nWITH a, head("),
        # a parameter described differently
        ("count_matching_actors", "@param scale  scale, or null", "@param scale  any scale"),
    ],
)
def test_a_pair_that_drifted_apart_is_caught(tmp_path: Path, name: str, old: str, new: str) -> None:
    (tmp_path / "actors").mkdir()
    for query in ("find_actors", "count_matching_actors"):
        text = (QUERIES / "actors" / f"{query}.cypher").read_text("utf-8")
        if query == name:
            assert old in text
            text = text.replace(old, new)
        (tmp_path / "actors" / f"{query}.cypher").write_text(text, "utf-8")
    drifted = Catalogue(tmp_path)
    problem = mismatch(
        drifted.get("actors/count_matching_actors"), drifted.get("actors/find_actors")
    )
    assert problem is not None
