"""The query catalogue: every query file loads, and calls are checked against headers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graphsvc.errors import QueryCatalogueError
from graphsvc.store.catalogue import Catalogue, parse_query_file

QUERIES = Path(__file__).resolve().parents[1] / "queries"
QUERY_FILES = sorted(QUERIES.rglob("*.cypher"))
NAME = re.compile(r"^[a-z_]+/[a-z]+_[a-z_]+$")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue(QUERIES)


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.relative_to(QUERIES).as_posix())
def test_query_file_loads_and_is_named_area_verb_noun(path: Path) -> None:
    query = parse_query_file(path, QUERIES)
    assert NAME.match(query.name), query.name
    assert query.description, f"{query.name} has no description line"
    assert query.mode in ("read", "write")
    assert ";" not in query.text, "one statement per file"


def test_every_file_is_in_the_catalogue(catalogue: Catalogue) -> None:
    assert len(catalogue) == len(QUERY_FILES) > 0


def test_merge_keys_are_indexed(catalogue: Catalogue) -> None:
    texts = [catalogue.get(n).text for n in catalogue.names("schema")]
    for label in ("Actor", "Project", "PARTICIPATES_IN", "COLLABORATES_WITH"):
        assert any(f":{label}" in text and ".id)" in text for text in texts), label


def test_unknown_query_is_refused(catalogue: Catalogue) -> None:
    with pytest.raises(QueryCatalogueError, match="unknown query 'actors/drop_everything'"):
        catalogue.get("actors/drop_everything")


def test_missing_and_extra_parameters_are_refused(catalogue: Catalogue) -> None:
    query = catalogue.get("actors/get_actors")
    with pytest.raises(QueryCatalogueError) as missing:
        query.bind({})
    assert [p.column for p in missing.value.details] == ["ids"]
    with pytest.raises(QueryCatalogueError) as extra:
        query.bind({"ids": [], "name": "x' OR 1=1"})
    assert [p.message for p in extra.value.details] == ["unknown parameter $name"]
    assert query.bind({"ids": ["a"]}) == {"ids": ["a"]}


def test_header_must_declare_every_parameter(tmp_path: Path) -> None:
    (tmp_path / "actors").mkdir()
    bad = tmp_path / "actors" / "get_actor.cypher"
    bad.write_text("// Get one.\n// @mode read\nMATCH (a:Actor {id: $id}) RETURN a.name\n")
    with pytest.raises(QueryCatalogueError, match=r"undeclared: \['id'\]"):
        Catalogue(tmp_path)


def test_header_must_not_declare_unused_parameters(tmp_path: Path) -> None:
    path = tmp_path / "get_actor.cypher"
    path.write_text(
        "// Get.\n// @param id x\n// @param limit y\nMATCH (a) WHERE a.id = $id RETURN a\n"
    )
    with pytest.raises(QueryCatalogueError, match=r"declared but unused: \['limit'\]"):
        Catalogue(tmp_path)


def test_dollar_inside_a_string_is_not_a_parameter(tmp_path: Path) -> None:
    path = tmp_path / "find_price.cypher"
    path.write_text("// Find.\nMATCH (a) WHERE a.note = 'costs $price' RETURN a\n")
    assert Catalogue(tmp_path).get("find_price").params == {}


def test_only_read_queries_can_be_public(tmp_path: Path) -> None:
    path = tmp_path / "delete_all.cypher"
    path.write_text("// Drop.\n// @mode write\n// @public\nMATCH (n) DETACH DELETE n\n")
    with pytest.raises(QueryCatalogueError, match="only read queries can be @public"):
        Catalogue(tmp_path)


def test_public_queries_are_read_only(catalogue: Catalogue) -> None:
    public = catalogue.public()
    assert public, "planners need some queries"
    assert all(q.mode == "read" for q in public)
    assert "graph/delete_everything" not in {q.name for q in public}
