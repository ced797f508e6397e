"""The Neo4j 5 / Aura backend, through the official ``neo4j`` driver.

Runs the same catalogue as FalkorDB, each query in a managed transaction (read or
write by the query's ``@mode``), so the driver retries transient cluster errors.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

import neo4j
from neo4j.exceptions import ClientError, Neo4jError, ServiceUnavailable

from graphsvc.errors import ConflictError, StoreError, StoreUnavailableError
from graphsvc.store.base import UNIQUE_KEYS, Row, Store, UniqueKey
from graphsvc.store.catalogue import Catalogue, Query

log = logging.getLogger(__name__)
T = TypeVar("T")

_EQUIVALENT_INDEX = "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists"
_UNIQUE_VIOLATION = "Neo.ClientError.Schema.ConstraintValidationFailed"
# Constraints are not in the portable subset of Cypher, so they are written here. The
# labels and types come from UNIQUE_KEYS, never from input.
_CONSTRAINT = {
    "node": "CREATE CONSTRAINT {label}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE",
    "relationship": "CREATE CONSTRAINT {label}_id IF NOT EXISTS "
    "FOR ()-[r:{label}]-() REQUIRE r.id IS UNIQUE",
}
_UNIQUE_TYPES = {"node": "UNIQUENESS", "relationship": "RELATIONSHIP_UNIQUENESS"}


class Neo4jStore(Store):
    """A Neo4j 5 database (self-managed cluster or Aura)."""

    backend = "neo4j"

    def __init__(
        self, catalogue: Catalogue, *, uri: str, user: str, password: str, database: str
    ) -> None:
        super().__init__(catalogue)
        self.uri, self.database = uri, database
        self._driver = neo4j.GraphDatabase.driver(uri, auth=(user, password))

    def _execute(self, query: Query, params: dict[str, Any]) -> list[Row]:
        def work(tx: neo4j.ManagedTransaction) -> list[Row]:
            return tx.run(query.text, params).data()

        return self._transact(query, work)

    def _execute_columns(self, query: Query, params: dict[str, Any]) -> dict[str, list[Any]]:
        def work(tx: neo4j.ManagedTransaction) -> dict[str, list[Any]]:
            result = tx.run(query.text, params)
            names = result.keys()
            values = list(zip(*result.values(), strict=True)) or [()] * len(names)
            return {name: list(column) for name, column in zip(names, values, strict=True)}

        return self._transact(query, work)

    def _transact(self, query: Query, work: Callable[[neo4j.ManagedTransaction], T]) -> T:
        """Run ``work`` in a managed read or write transaction (by the query's mode)."""
        try:
            with self._driver.session(database=self.database) as session:
                if query.mode == "read":
                    return session.execute_read(work)
                return session.execute_write(work)
        except ServiceUnavailable as exc:
            raise StoreUnavailableError(f"Neo4j at {self.uri} is not reachable: {exc}") from exc
        except Neo4jError as exc:
            if exc.code == _UNIQUE_VIOLATION:
                raise ConflictError(f"query {query.name!r} would duplicate an id: {exc}") from exc
            raise StoreError(f"query {query.name!r} failed in Neo4j: {exc}") from exc

    def _ensure_index(self, query: Query) -> None:
        if any(key.index == query.name for key in UNIQUE_KEYS):
            return  # the unique constraint brings the index (and refuses a second one)
        try:
            with self._driver.session(database=self.database) as session:
                session.run(query.text).consume()
        except ClientError as exc:
            if exc.code != _EQUIVALENT_INDEX:
                raise StoreError(f"schema query {query.name!r} failed: {exc}") from exc

    def _schema(self, statement: str, **params: object) -> list[Row]:
        try:
            with self._driver.session(database=self.database) as session:
                return session.run(statement, params).data()
        except ServiceUnavailable as exc:
            raise StoreUnavailableError(f"Neo4j at {self.uri} is not reachable: {exc}") from exc
        except Neo4jError as exc:
            raise StoreError(f"schema change failed in Neo4j: {exc}") from exc

    def _missing_unique_keys(self) -> list[UniqueKey]:
        rows = self._schema(
            "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
            "RETURN type, labelsOrTypes, properties"
        )
        found = {
            (row["type"], tuple(row["labelsOrTypes"] or ()))
            for row in rows
            if list(row["properties"] or ()) == ["id"]
        }
        return [k for k in UNIQUE_KEYS if (_UNIQUE_TYPES[k.entity], (k.name,)) not in found]

    def _create_unique_key(self, key: UniqueKey) -> None:
        # An index made by an older graphsvc on the same id blocks the constraint.
        plain = self._schema(
            "SHOW INDEXES YIELD name, labelsOrTypes, properties, owningConstraint "
            "WHERE owningConstraint IS NULL AND labelsOrTypes = [$name] AND properties = ['id'] "
            "RETURN name",
            name=key.name,
        )
        for row in plain:
            self._schema(f"DROP INDEX `{row['name'].replace('`', '``')}` IF EXISTS")
        self._schema(_CONSTRAINT[key.entity].format(label=key.name))

    def ping(self) -> bool:
        try:
            self._driver.verify_connectivity()
        except (ServiceUnavailable, Neo4jError, OSError):
            return False
        return True

    def describe(self) -> str:
        return f"Neo4j at {self.uri}, database {self.database!r}"

    def close(self) -> None:
        self._driver.close()
