"""The FalkorDB backend, through the ``falkordb`` client (Redis protocol)."""

from __future__ import annotations

import logging
import time
from typing import Any

import redis
from falkordb import FalkorDB
from falkordb.helpers import stringify_param_value
from falkordb.query_result import QueryResult

from graphsvc.errors import ConflictError, StoreError, StoreUnavailableError
from graphsvc.store.base import UNIQUE_KEYS, Prepared, Row, Store, UniqueKey
from graphsvc.store.catalogue import Catalogue, Query
from graphsvc.store.server import compact_aof

log = logging.getLogger(__name__)

_ALREADY_INDEXED = "already indexed"
_UNIQUE_VIOLATION = "unique constraint violation"
_CONSTRAINT_EXISTS = "constraint already exists"
# Building a constraint over a big graph runs in the background; it is checked this long.
_CONSTRAINT_WAIT = 600.0
# db.constraints() says "UNDER CONSTRUCTION" while a new constraint is built (the CREATE
# command itself answers "PENDING"), then "OPERATIONAL" or "FAILED" (FalkorDB's
# GRAPH.CONSTRAINT CREATE documentation).
_BEING_BUILT = ("PENDING", "UNDER CONSTRUCTION")


class FalkorStore(Store):
    """A graph in a FalkorDB server.

    Parameters
    ----------
    catalogue : Catalogue
        The queries this store runs.
    host, port, password : str, int, str or None
        Where the server listens.
    graph : str
        The name of the graph inside the server.
    """

    backend = "falkordb"

    def __init__(
        self,
        catalogue: Catalogue,
        *,
        host: str,
        port: int,
        password: str | None,
        graph: str,
        timeout: float = 300.0,
    ) -> None:
        super().__init__(catalogue)
        self.host, self.port, self.graph_name = host, port, graph
        self._db = FalkorDB(
            host=host,
            port=port,
            password=password,
            socket_timeout=timeout,
            socket_connect_timeout=5,
        )
        self._graph = self._db.select_graph(graph)

    def prepare(self, name: str, **params: Any) -> Prepared:
        """Also builds the request text (the ``CYPHER name=value`` header the client would).

        The client does this in pure Python; done here, a writer thread only waits
        for the server while the caller prepares the next batch.
        """
        prepared = super().prepare(name, **params)
        header = "".join(
            f"`{key}`={stringify_param_value(value)} " for key, value in prepared.params.items()
        )
        return Prepared(prepared.query, {}, f"CYPHER {header}{prepared.query.text}")

    def run_prepared(self, prepared: Prepared) -> list[Row]:
        if prepared.text is None:
            return super().run_prepared(prepared)
        result = self._send(prepared.query, prepared.text, None)
        return [_by_column(result)] if prepared.by_column else _by_row(result)

    def _execute(self, query: Query, params: dict[str, Any]) -> list[Row]:
        return _by_row(self._send(query, query.text, params))

    def _execute_columns(self, query: Query, params: dict[str, Any]) -> dict[str, list[Any]]:
        return _by_column(self._send(query, query.text, params))

    def _send(self, query: Query, text: str, params: dict[str, Any] | None) -> QueryResult:
        call = self._graph.ro_query if query.mode == "read" else self._graph.query
        try:
            result = call(text, params)
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            raise StoreUnavailableError(
                f"FalkorDB at {self.host}:{self.port} is not reachable: {exc}"
            ) from exc
        except redis.ResponseError as exc:
            if _UNIQUE_VIOLATION in str(exc):
                raise ConflictError(f"query {query.name!r} would duplicate an id: {exc}") from exc
            raise StoreError(f"query {query.name!r} failed in FalkorDB: {exc}") from exc
        return result

    def _ensure_index(self, query: Query) -> None:
        try:
            self._execute(query, {})
        except StoreError as exc:
            if _ALREADY_INDEXED not in str(exc):
                raise

    def _constraints(self) -> dict[tuple[str, str], str]:
        """``{(entity, name): status}`` of the unique constraints on ``id``."""
        rows = self._graph.ro_query("CALL db.constraints()").result_set
        return {
            (entity.lower(), label): status
            for kind, label, properties, entity, status in rows
            if kind == "UNIQUE" and list(properties) == ["id"]
        }

    def _missing_unique_keys(self) -> list[UniqueKey]:
        found = self._constraints()
        missing = []
        for key in UNIQUE_KEYS:
            status = found.get((key.entity, key.name))
            if status == "FAILED":  # duplicates were found when it was built: try anew
                self._constraint_command("DROP", key)
            if status != "OPERATIONAL" and status not in _BEING_BUILT:
                missing.append(key)
        return missing

    def _create_unique_key(self, key: UniqueKey) -> None:
        try:
            self._constraint_command("CREATE", key)
        except redis.ResponseError as exc:
            if _CONSTRAINT_EXISTS not in str(exc).lower():  # another process made it
                raise StoreError(f"could not create the unique key {key}: {exc}") from exc
        deadline = time.monotonic() + _CONSTRAINT_WAIT
        while (status := self._constraints().get((key.entity, key.name))) in _BEING_BUILT:
            if time.monotonic() > deadline:
                raise StoreError(f"the unique constraint on {key.name} ids is still being built")
            time.sleep(0.05)
        if status != "OPERATIONAL":  # a duplicate was written meanwhile
            self._constraint_command("DROP", key)
            self.check_duplicates()
            raise StoreError(f"FalkorDB could not make {key.name} ids unique ({status})")

    def _constraint_command(self, verb: str, key: UniqueKey) -> None:
        entity = "NODE" if key.entity == "node" else "RELATIONSHIP"
        self._db.connection.execute_command(
            "GRAPH.CONSTRAINT", verb, self.graph_name, "UNIQUE", entity, key.name,
            "PROPERTIES", 1, "id",
        )  # fmt: skip

    def ping(self) -> bool:
        try:
            return bool(self._db.connection.ping())
        except (redis.ConnectionError, redis.TimeoutError):
            return False

    def compact(self) -> bool:
        """Rewrite the append-only file as a snapshot once an import has grown it enough."""
        try:
            return compact_aof(self._db.connection, wait=False)
        except redis.RedisError as exc:  # compaction is an optimisation: never fail a write
            log.warning("could not compact the append-only file: %s", exc)
            return False

    def describe(self) -> str:
        return f"FalkorDB at {self.host}:{self.port}, graph {self.graph_name!r}"

    def close(self) -> None:
        self._db.connection.close()


def _by_row(result: QueryResult) -> list[Row]:
    names = [column[1] for column in result.header]
    return [dict(zip(names, _plain(row), strict=True)) for row in result.result_set]


def _by_column(result: QueryResult) -> dict[str, list[Any]]:
    """Each column's values; one transposition of the client's rows, nothing per value."""
    names = [column[1] for column in result.header]
    values = list(zip(*result.result_set, strict=True)) or [()] * len(names)
    return {name: list(column) for name, column in zip(names, values, strict=True)}


def _plain(row: list[Any]) -> list[Any]:
    """Ordered dicts from the client become plain dicts (equal either way, but simpler)."""
    return [dict(value) if isinstance(value, dict) else value for value in row]
