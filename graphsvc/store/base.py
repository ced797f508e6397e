"""The store interface both backends implement."""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from typing import Any

from graphsvc.store.catalogue import Catalogue, Query

log = logging.getLogger(__name__)

Row = dict[str, Any]


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
        query = self.catalogue.get(name)
        return self._execute(query, query.bind(params))

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

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections."""
