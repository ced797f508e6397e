"""The FalkorDB backend, through the ``falkordb`` client (Redis protocol)."""

from __future__ import annotations

import logging
from typing import Any

import redis
from falkordb import FalkorDB
from falkordb.helpers import stringify_param_value

from graphsvc.errors import StoreError, StoreUnavailableError
from graphsvc.store.base import Prepared, Row, Store
from graphsvc.store.catalogue import Catalogue, Query
from graphsvc.store.server import compact_aof

log = logging.getLogger(__name__)

_ALREADY_INDEXED = "already indexed"


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
            return self._execute(prepared.query, prepared.params)
        return self._send(prepared.query, prepared.text, None)

    def _execute(self, query: Query, params: dict[str, Any]) -> list[Row]:
        return self._send(query, query.text, params)

    def _send(self, query: Query, text: str, params: dict[str, Any] | None) -> list[Row]:
        call = self._graph.ro_query if query.mode == "read" else self._graph.query
        try:
            result = call(text, params)
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            raise StoreUnavailableError(
                f"FalkorDB at {self.host}:{self.port} is not reachable: {exc}"
            ) from exc
        except redis.ResponseError as exc:
            raise StoreError(f"query {query.name!r} failed in FalkorDB: {exc}") from exc
        names = [column[1] for column in result.header]
        return [dict(zip(names, _plain(row), strict=True)) for row in result.result_set]

    def _ensure_index(self, query: Query) -> None:
        try:
            self._execute(query, {})
        except StoreError as exc:
            if _ALREADY_INDEXED not in str(exc):
                raise

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


def _plain(row: list[Any]) -> list[Any]:
    """Ordered dicts from the client become plain dicts (equal either way, but simpler)."""
    return [dict(value) if isinstance(value, dict) else value for value in row]
