"""The Neo4j backend against a real Neo4j 5 (or Aura): runs only when GRAPHSVC_NEO4J_URI is set.

No Neo4j can run in this project's CI (no Docker, and Neo4j is in neither Debian, PyPI
nor npm); there every query is linted
with Neo4j's own linter instead (tests/test_query_lint.py). Point these tests at a
throwaway database: they delete everything in it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from graphsvc.core import Graphsvc
from graphsvc.settings import get_settings

pytestmark = [
    pytest.mark.neo4j,
    pytest.mark.skipif(
        not os.environ.get("NEO4J_TEST_URI"),
        reason="set NEO4J_TEST_URI (+ NEO4J_TEST_USER, NEO4J_TEST_PASSWORD) to a throwaway Neo4j 5",
    ),
]


@pytest.fixture
def neo4j_graphsvc():
    settings = get_settings(
        neo4j_uri=os.environ["NEO4J_TEST_URI"],
        neo4j_user=os.environ.get("NEO4J_TEST_USER", "neo4j"),
        neo4j_password=os.environ.get("NEO4J_TEST_PASSWORD", ""),
        neo4j_database=os.environ.get("NEO4J_TEST_DATABASE", "neo4j"),
    )
    with Graphsvc.open(settings) as instance:
        instance.reset()
        yield instance
        instance.reset()


def test_schema_is_idempotent(neo4j_graphsvc: Graphsvc) -> None:
    neo4j_graphsvc.store.ensure_schema()
    neo4j_graphsvc.store.ensure_schema()


def test_import_round_trip_and_idempotence(
    neo4j_graphsvc: Graphsvc, mini_dir: Path, tmp_path: Path
) -> None:
    report = neo4j_graphsvc.import_paths([mini_dir])
    assert report.created == {
        "actors": 5,
        "projects": 2,
        "participations": 5,
        "collaborations": 3,
        "agreements": 0,
    }
    assert neo4j_graphsvc.import_paths([mini_dir]).changed == 0
    before = neo4j_graphsvc.tables()
    neo4j_graphsvc.export("xlsx", tmp_path / "g.xlsx")
    neo4j_graphsvc.reset()
    neo4j_graphsvc.import_paths([tmp_path / "g.xlsx"])
    after = neo4j_graphsvc.tables()
    for table in before:
        assert before[table].equals(after[table]), table


def test_seed_and_analyses(neo4j_graphsvc: Graphsvc) -> None:
    neo4j_graphsvc.seed()
    assert neo4j_graphsvc.stats()["counts"]["actors"] > 50
    assert len(neo4j_graphsvc.bridging().actors) > 50
