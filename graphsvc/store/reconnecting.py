"""A store that re-opens itself when the embedded database moved.

When a query finds the database unreachable, :class:`ReconnectingStore` re-reads the
embedded server's state file once and, if the server now runs elsewhere (a restart picks
a new port and password), re-opens the connection and retries the query. Otherwise the
error stays a :class:`~graphsvc.errors.StoreUnavailableError` (503) and the next query
tries again. The API's core object runs over one.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from graphsvc.errors import StoreUnavailableError, ValidationError
from graphsvc.settings import Settings
from graphsvc.store import Store, open_store
from graphsvc.store.base import Prepared, Row, UniqueKey
from graphsvc.store.catalogue import Query
from graphsvc.store.text import text_problems

log = logging.getLogger(__name__)


class ReconnectingStore(Store):
    """A store that re-opens itself once when the database moved (see the module doc)."""

    def __init__(self, settings: Settings, *, start: bool = True) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._inner = open_store(settings, start=start)
        super().__init__(self._inner.catalogue)
        self.backend = self._inner.backend

    def _reopen(self, failed: Store) -> bool:
        with self._lock:
            if self._inner is not failed:  # another thread already re-opened it
                return True
            try:
                fresh = open_store(self.settings, start=False)
            except StoreUnavailableError:
                return False
            self._inner = fresh
        log.warning("re-opened the store: %s", fresh.describe())
        try:
            failed.close()
        except Exception:
            log.debug("closing the old store failed", exc_info=True)
        return True

    def prepare(self, name: str, **params: Any) -> Prepared:
        # characters only: a parameter may be longer than an item's text (a snapshot's JSON)
        problems = list(text_problems(params, max_length=None))
        if problems:
            raise ValidationError("text the database cannot store", details=problems)
        return self._inner.prepare(name, **params)

    def run_prepared(self, prepared: Prepared) -> list[Row]:
        inner = self._inner
        try:
            return inner.run_prepared(prepared)
        except StoreUnavailableError:
            if not self._reopen(inner):
                raise
        return self._inner.run_prepared(prepared)

    def _execute(self, query: Query, params: dict[str, Any]) -> list[Row]:
        raise NotImplementedError  # run() delegates to the inner store

    def _ensure_index(self, query: Query) -> None:
        self._inner.ensure_schema()

    def _missing_unique_keys(self) -> list[UniqueKey]:
        return self._inner._missing_unique_keys()

    def _create_unique_key(self, key: UniqueKey) -> None:
        self._inner._create_unique_key(key)

    def ping(self) -> bool:
        return self._inner.ping()

    def describe(self) -> str:
        return self._inner.describe()

    def close(self) -> None:
        self._inner.close()
