"""The Neo4j 5 / Aura backend, through the official ``neo4j`` driver.

Runs the same catalogue as FalkorDB, each query in a managed transaction (read or
write by the query's ``@mode``), so the driver retries transient cluster errors.
"""

from __future__ import annotations

import logging
from typing import Any

import neo4j
from neo4j.exceptions import ClientError, Neo4jError, ServiceUnavailable

from graphsvc.errors import StoreError, StoreUnavailableError
from graphsvc.store.base import Row, Store
from graphsvc.store.catalogue import Catalogue, Query

log = logging.getLogger(__name__)

_EQUIVALENT_INDEX = "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists"


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

        try:
            with self._driver.session(database=self.database) as session:
                if query.mode == "read":
                    return session.execute_read(work)
                return session.execute_write(work)
        except ServiceUnavailable as exc:
            raise StoreUnavailableError(f"Neo4j at {self.uri} is not reachable: {exc}") from exc
        except Neo4jError as exc:
            raise StoreError(f"query {query.name!r} failed in Neo4j: {exc}") from exc

    def _ensure_index(self, query: Query) -> None:
        try:
            with self._driver.session(database=self.database) as session:
                session.run(query.text).consume()
        except ClientError as exc:
            if exc.code != _EQUIVALENT_INDEX:
                raise StoreError(f"schema query {query.name!r} failed: {exc}") from exc

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
