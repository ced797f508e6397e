"""The store interface both backends implement."""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from dataclasses import dataclass, field, replace
from typing import Any

from graphsvc.errors import ConflictError, Problem
from graphsvc.store.catalogue import Catalogue, Query

log = logging.getLogger(__name__)

Row = dict[str, Any]


@dataclass(frozen=True)
class UniqueKey:
    """An ``id`` the database keeps unique: over a node label or a relationship type.

    ``index`` names the schema query indexing it (FalkorDB's constraint needs that index;
    Neo4j's constraint brings its own and refuses a second one).
    """

    entity: str  # "node" or "relationship"
    name: str
    index: str


# Actors and projects share the label Entity, so one id never names both.
UNIQUE_KEYS = (
    UniqueKey("node", "Entity", "schema/create_index_entity_id"),
    UniqueKey("relationship", "COLLABORATES_WITH", "schema/create_index_collaboration_id"),
    UniqueKey("relationship", "PARTICIPATES_IN", "schema/create_index_participation_id"),
    UniqueKey("node", "Agreement", "schema/create_index_agreement_id"),
)


@dataclass(frozen=True)
class Prepared:
    """A checked query with its parameters; ``text`` when the backend pre-built the request.

    With ``by_column``, running it gives one row holding each column's values as a list
    (see :meth:`Store.run_columns`).
    """

    query: Query
    params: dict[str, Any] = field(default_factory=dict)
    text: str | None = None
    by_column: bool = False


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

    def run_columns(self, name: str, **params: Any) -> dict[str, list[Any]]:
        """Run the named query and return its result by column: name → list of values.

        The read path of analyses: the values stay as the database returns them (no
        per-row dict, no model validation; they were validated when written), in the
        form pandas and numpy take whole. An empty result still names its columns.

        Examples
        --------
        >>> store.run_columns("actors/list_actor_columns")["id"][:2]  # doctest: +SKIP
        ['aalborg-kommune', 'aarhus-kommune']
        """
        rows = self.run_prepared(replace(self.prepare(name, **params), by_column=True))
        return rows[0]

    def run_prepared(self, prepared: Prepared) -> list[Row]:
        if prepared.by_column:
            return [self._execute_columns(prepared.query, prepared.params)]
        return self._execute(prepared.query, prepared.params)

    def _execute_columns(self, query: Query, params: dict[str, Any]) -> dict[str, list[Any]]:
        """The result by column; backends that can skip building row dicts override it."""
        rows = self._execute(query, params)
        names = list(rows[0]) if rows else []
        return {name: [row[name] for row in rows] for name in names}

    def ensure_schema(self, *, allow_duplicates: bool = False) -> None:
        """Create the indexes on every merge key and the unique ids; safe on every start.

        A graph written before the ids were unique is migrated here, once: actors and
        projects get the shared label, items a rev. If it holds duplicate ids the
        constraints cannot exist, and :class:`ConflictError` names every duplicate
        (with ``allow_duplicates``, a warning does, and ids stay unenforced until the
        duplicates are gone).
        """
        for name in self.catalogue.names("schema"):
            self._ensure_index(self.catalogue.get(name))
        missing = self._missing_unique_keys()
        if not missing:
            return
        self.run("graph/label_entities")
        self.run("graph/set_missing_tie_revs")
        try:
            self.check_duplicates()
        except ConflictError as exc:
            if not allow_duplicates:
                raise
            log.warning("ids are not enforced unique: %s", exc.message)
            return
        for key in missing:
            self._create_unique_key(key)
        log.info("unique ids enforced on %s", ", ".join(key.name for key in missing))

    def check_duplicates(self) -> None:
        """Raise :class:`ConflictError` naming every id that more than one item holds."""
        found = self.run("graph/find_duplicate_ids")
        if not found:
            return
        details = [
            Problem(f"{row['held']} items have this id", file=row["kind"], column="id",
                    value=row["id"])
            for row in found
        ]  # fmt: skip
        names = ", ".join(f"{row['id']!r} ({row['kind']})" for row in found[:20])
        raise ConflictError(
            f"the graph holds {len(found)} duplicate id(s), so ids cannot be made unique: "
            f"{names}{' …' if len(found) > 20 else ''}. Start once with "
            "GRAPHSVC_ALLOW_DUPLICATE_IDS=1, delete or rename all but one item of each (API "
            "or CLI), then start without it",
            details=details,
        )

    @abstractmethod
    def _execute(self, query: Query, params: dict[str, Any]) -> list[Row]: ...

    @abstractmethod
    def _ensure_index(self, query: Query) -> None: ...

    @abstractmethod
    def _missing_unique_keys(self) -> list[UniqueKey]:
        """The keys of :data:`UNIQUE_KEYS` without a working constraint."""

    @abstractmethod
    def _create_unique_key(self, key: UniqueKey) -> None:
        """Create the constraint and wait until the database enforces it."""

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
