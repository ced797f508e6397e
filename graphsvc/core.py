"""The core object: graphsvc over one store. The CLI and the API are thin layers on it."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from graphsvc.analysis.anchoring import local_anchoring
from graphsvc.analysis.bridging import BridgingResult, bridging_roles
from graphsvc.analysis.paths import introductions, suggest_partners
from graphsvc.analysis.snapshot import actor_graph, build_network
from graphsvc.analysis.whatif import Scenario, WhatIfResult, what_if
from graphsvc.io.exporter import export, read_graph, read_store
from graphsvc.io.importer import ImportReport, Progress, import_validated
from graphsvc.io.tables import RawTable, Tables, ValidatedTables, read_raw, validate
from graphsvc.reference import municipality
from graphsvc.settings import Settings, get_settings
from graphsvc.store import Store, open_store

log = logging.getLogger(__name__)

GRAPH_SUFFIXES = (".graphml", ".gexf", ".json")


class Graphsvc:
    """Partnership graph operations over one store.

    Parameters
    ----------
    store : Store
        An open store (see :meth:`open`).
    settings : Settings
        The settings the store was opened with.

    Examples
    --------
    >>> gs = Graphsvc.open()                      # doctest: +SKIP
    >>> gs.seed().created["actors"]               # doctest: +SKIP
    """

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings

    @classmethod
    def open(cls, settings: Settings | None = None) -> Graphsvc:
        """Open the configured store, starting the embedded database when needed."""
        settings = settings or get_settings()
        return cls(open_store(settings), settings)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Graphsvc:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ import

    def validate_paths(self, paths: Iterable[Path]) -> ValidatedTables:
        """Read and validate files, checking ties against the store too; writes nothing."""
        raw: list[RawTable] = []
        files: list[Path] = []
        for path in map(Path, paths):
            if path.suffix.lower() in GRAPH_SUFFIXES:
                raw.extend(read_graph(path))
            else:
                files.append(path)
        if files:
            raw.extend(read_raw(files))
        return validate(raw, existing=self._existing_ids)

    def import_paths(
        self, paths: Iterable[Path], *, dry_run: bool = False, progress: Progress | None = None
    ) -> ImportReport:
        """Validate all of ``paths`` and, unless ``dry_run``, write them."""
        return self.import_validated(self.validate_paths(paths), dry_run=dry_run, progress=progress)

    def import_validated(
        self, tables: ValidatedTables, *, dry_run: bool = False, progress: Progress | None = None
    ) -> ImportReport:
        return import_validated(
            self.store,
            tables,
            dry_run=dry_run,
            batch_size=self.settings.batch_size,
            progress=progress,
        )

    def seed(self, *, dry_run: bool = False) -> ImportReport:
        """Load the seed data set (``seed/``); idempotent."""
        return self.import_paths([self.settings.seed_dir], dry_run=dry_run)

    def _existing_ids(self, table: str, ids: list[str]) -> set[str]:
        found: set[str] = set()
        size = self.settings.batch_size
        for start in range(0, len(ids), size):
            rows = self.store.run(f"{table}/get_{table}", ids=ids[start : start + size])
            found.update(row["props"]["id"] for row in rows)
        return found

    # ------------------------------------------------------------ export

    def tables(self) -> Tables:
        """The whole graph as the four tables."""
        return read_store(self.store)

    def export(self, fmt: str, out: Path) -> list[Path]:
        return export(self.tables(), fmt, Path(out))

    # ------------------------------------------------------------ analyses

    def network(self, **filters: Any) -> nx.MultiDiGraph:
        """The network (actors, projects and their ties) as of a date and filtered.

        ``filters`` are those of :func:`graphsvc.analysis.snapshot.build_network`:
        ``as_of``, ``localities``, ``regions``, ``sectors``, ``kinds``, ``themes``,
        ``tie_kinds``, ``include_proposed``.
        """
        return build_network(self.tables(), **filters)

    def bridging(
        self,
        *,
        attribute: str = "sector",
        directed: bool = False,
        project_projection: bool = True,
        seed: int = 0,
        **filters: Any,
    ) -> BridgingResult:
        """Bridging roles of every actor (see :func:`graphsvc.analysis.bridging.bridging_roles`)."""
        graph = actor_graph(
            self.network(**filters), directed=directed, project_projection=project_projection
        )
        return bridging_roles(graph, attribute=attribute, seed=seed)

    def anchoring(self, **filters: Any) -> pd.DataFrame:
        """Local anchoring of every project (see :mod:`graphsvc.analysis.anchoring`)."""
        return local_anchoring(self.network(**filters))

    def what_if(
        self, scenario: Scenario, *, attribute: str = "sector", **filters: Any
    ) -> WhatIfResult:
        """What a scenario removes (see :func:`graphsvc.analysis.whatif.what_if`)."""
        return what_if(self.network(**filters), scenario, attribute=attribute)

    def introductions(
        self, source: str, target: str, *, k: int = 3, max_length: int = 4, **filters: Any
    ) -> list[dict[str, Any]]:
        """Shortest introduction paths between two actors."""
        graph = actor_graph(self.network(**filters))
        return introductions(graph, source, target, k=k, max_length=max_length)

    def suggest(self, project_id: str, *, limit: int = 10, **filters: Any) -> pd.DataFrame:
        """Local actors a project could involve, best first."""
        return suggest_partners(self.network(**filters), project_id, limit=limit)

    # ------------------------------------------------------------ summaries

    def counts(self) -> dict[str, int]:
        rows = self.store.run("graph/count_items")
        return {key: int(value) for key, value in rows[0].items()} if rows else {}

    def stats(self) -> dict[str, Any]:
        """Counts of items, and of actors by kind, sector and municipality."""
        rows = self.store.run("graph/count_actors_by_group")
        frame = pd.DataFrame(rows, columns=["kind", "sector", "locality", "actors"])

        def by(column: str) -> pd.Series:
            return frame.groupby(column, dropna=False)["actors"].sum().sort_values(ascending=False)

        places = by("locality")
        places.index = [_place_name(code) for code in places.index]
        return {
            "counts": self.counts(),
            "by_kind": by("kind"),
            "by_sector": by("sector"),
            "by_municipality": places,
        }

    def reset(self) -> None:
        """Delete everything in the graph (keeps the schema)."""
        self.store.run("graph/delete_everything")


def _place_name(code: object) -> str:
    if not isinstance(code, str) or not code:
        return "(no municipality)"
    found = municipality(code)
    return f"{code} {found.name}" if found else code
