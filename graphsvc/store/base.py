"""The store interface both backends implement."""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

from graphsvc.store.catalogue import Catalogue, Query

log = logging.getLogger(__name__)

Row = dict[str, Any]


@dataclass(frozen=True)
class Prepared:
    """A checked query with its parameters; ``text`` when the backend pre-built the request."""

    query: Query
    params: dict[str, Any] = field(default_factory=dict)
    text: str | None = None


class Store(ABC):
    """A graph database that runs the catalogue's queries by name.

    Subclasses only execute a checked query; the catalogue look-up and the
    parameter check happen here, once, for every backend.
    """

    backend: str = ""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue

    def run(self, name: str, **params: Any) -> list[Row]:
        """Run the named query with its parameters and return its rows as dicts."""
        return self.run_prepared(self.prepare(name, **params))

    def prepare(self, name: str, **params: Any) -> Prepared:
        """Check a query and its parameters now, to run it later, e.g. on another thread.

        A backend may also do its client-side work here (FalkorDB: turning the
        parameters into query text), so a writer thread only waits for the database.
        """
        query = self.catalogue.get(name)
        return Prepared(query, query.bind(params))

    def run_prepared(self, prepared: Prepared) -> list[Row]:
        return self._execute(prepared.query, prepared.params)

    def ensure_schema(self) -> None:
        """Create the indexes on every merge key; safe to run on every start."""
        for name in self.catalogue.names("schema"):
            self._ensure_index(self.catalogue.get(name))

    @abstractmethod
    def _execute(self, query: Query, params: dict[str, Any]) -> list[Row]: ...

    @abstractmethod
    def _ensure_index(self, query: Query) -> None: ...

    @abstractmethod
    def ping(self) -> bool: ...

    @abstractmethod
    def describe(self) -> str:
        """Where the store is, for humans."""

    def compact(self) -> bool:
        """Compact the database files after large writes; True if it started.

        Called at the end of an import. Only the embedded FalkorDB keeps files to compact.
        """
        return False

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections."""
