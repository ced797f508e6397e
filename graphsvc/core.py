"""The core object: graphsvc over one store. The CLI and the API are thin layers on it."""

from __future__ import annotations

import contextlib
import json
import logging
import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NamedTuple

import networkx as nx
import pandas as pd

from graphsvc.analysis.anchoring import anchoring_rows, update_anchoring
from graphsvc.analysis.bridging import BridgingResult, bridging_roles
from graphsvc.analysis.paths import introductions, suggest_partners
from graphsvc.analysis.snapshot import (
    Snapshot,
    actor_graph,
    read_analysis_tables,
)
from graphsvc.analysis.whatif import Scenario, WhatIfResult, apply_scenario, what_if
from graphsvc.audit import audited, on_create, on_delete, on_import, on_reset, on_update
from graphsvc.errors import (
    ConflictError,
    GraphsvcError,
    NotFoundError,
    PreconditionFailedError,
    Problem,
    QueryCatalogueError,
    ValidationError,
)
from graphsvc.filters import split_filters
from graphsvc.io.exporter import export, read_store
from graphsvc.io.importer import (
    ENDPOINTS,
    REV,
    ImportReport,
    Progress,
    count_items,
    import_validated,
    write_row,
)
from graphsvc.io.mapping import Known, Mapping, MappingResult, map_tables, resolve_mapping
from graphsvc.io.reading import read_sheets
from graphsvc.io.tables import (
    COLUMNS,
    NODE_TABLES,
    TABLES,
    RawTable,
    Tables,
    ValidatedTables,
    cell_text,
    validate,
)
from graphsvc.memory import collector_paused
from graphsvc.privacy import (
    ERASED_LABEL,
    Redactor,
    load_key,
    mask_id,
    name_variants,
    redact_network,
    redact_tables,
)
from graphsvc.reference import municipality
from graphsvc.settings import Settings, get_settings
from graphsvc.store import Store, open_store
from graphsvc.store.text import text_problems

log = logging.getLogger(__name__)

# Versions the change log keeps (see Graphsvc.bump_version); an older snapshot rereads all.
CHANGES_KEPT = 256
# A write of more items than this logs "many items" (an import): snapshots read all.
LOGGED_ITEMS = 500
# A PATCH without If-Match retries its read-merge-write this often under concurrent edits.
UPDATE_ATTEMPTS = 20
_ONE = {"actors": "an actor", "projects": "a project"}


class Stored(NamedTuple):
    """An item as stored, and its ``rev``: a token every write renews (the HTTP ETag)."""

    item: dict[str, Any]
    rev: str


@dataclass
class Preview:
    """What an import would do (see :meth:`Graphsvc.preview_paths`)."""

    mapped: MappingResult
    problems: list[Problem]
    report: ImportReport | None


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
        #: The analyses' tables and networks, kept current from the change log.
        self.snapshot = Snapshot(store)

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

    def map_paths(self, paths: Iterable[Path], mapping: Mapping | None = None) -> MappingResult:
        """Read files and map their sheets to the four tables (see :mod:`graphsvc.io.mapping`).

        ``mapping`` (a mapping file, the import page) overrides what is detected. Names
        are matched to the actors and projects already stored. Problems are collected
        in the result, not raised; writes nothing.
        """
        sheets = read_sheets(list(map(Path, paths)))
        resolved = resolve_mapping(sheets, mapping)
        return map_tables(sheets, resolved, self._known(sheets, resolved))

    def validate_paths(
        self, paths: Iterable[Path], mapping: Mapping | None = None
    ) -> ValidatedTables:
        """Read, map and validate files, checking ties against the store too; writes nothing."""
        return self.validate_mapped(self.map_paths(paths, mapping))

    def validate_mapped(self, mapped: MappingResult) -> ValidatedTables:
        """Validate what :meth:`map_paths` made; raise every problem at once."""
        if mapped.problems:
            raise ValidationError(
                f"{len(mapped.problems)} problem(s) in the input; nothing was written",
                details=mapped.problems,
            )
        return validate(mapped.tables, existing=self._existing_ids)

    def import_paths(
        self,
        paths: Iterable[Path],
        *,
        mapping: Mapping | None = None,
        dry_run: bool = False,
        progress: Progress | None = None,
    ) -> ImportReport:
        """Validate all of ``paths`` and, unless ``dry_run``, write them."""
        validated = self.validate_paths(paths, mapping)
        return self.import_validated(validated, dry_run=dry_run, progress=progress)

    def preview_paths(self, paths: Iterable[Path], mapping: Mapping | None = None) -> Preview:
        """What importing ``paths`` would do: the mapping, every problem, the dry run's
        report when there is no problem. Writes nothing."""
        mapped = self.map_paths(paths, mapping)
        if mapped.problems:
            return Preview(mapped, list(mapped.problems), None)
        try:
            validated = self.validate_mapped(mapped)
            self.check_storable(validated)
            report = self.import_validated(validated, dry_run=True)
        except ValidationError as exc:
            return Preview(mapped, exc.details or [Problem(exc.message)], None)
        return Preview(mapped, [], report)

    def _known(self, sheets: list[RawTable], mapping: Mapping) -> Known | None:
        """The stored actors and projects by name, when some sheet names them by name."""
        if all(sheet.shape in ("tables", "skip") for sheet in mapping.sheets):
            return None  # ids as written: nothing to look up
        known = Known.from_items(
            {
                "actors": [(r["id"], r["name"]) for r in self.store.run("actors/list_actor_names")],
                "projects": [
                    (r["id"], r["name"]) for r in self.store.run("projects/list_project_names")
                ],
            }
        )
        known.stored = self.stored_props
        return known

    def stored_props(self, table: str, ids: list[str]) -> dict[str, dict[str, Any]]:
        """The stored properties of the actors or projects among ``ids``, by id."""
        query = {"actors": "actors/get_actors", "projects": "projects/get_projects"}[table]
        found: dict[str, dict[str, Any]] = {}
        size = self.settings.batch_size
        for start in range(0, len(ids), size):
            for row in self.store.run(query, ids=ids[start : start + size]):
                found[row["props"]["id"]] = row["props"]
        return found

    @audited(on_import, nested=False)
    def import_validated(
        self, tables: ValidatedTables, *, dry_run: bool = False, progress: Progress | None = None
    ) -> ImportReport:
        """Write validated tables (see :func:`graphsvc.io.importer.import_validated`).

        The graph version is bumped before the first batch is written and again after
        the last (or after a failure), so no cached analysis outlives a half import.
        """
        self.check_ids_free(tables)
        written = {
            table: [item.id for item in rows]  # type: ignore[attr-defined]
            for table, rows in tables.items.items()
        }
        with self.writing("import", lazy=True, items=written) as begin:
            report = import_validated(
                self.store,
                tables,
                dry_run=dry_run,
                batch_size=self.settings.batch_size,
                progress=progress,
                before_write=begin,
            )
        if report.changed and not dry_run:
            self.store.compact()  # a large import leaves a snapshot, so a restart is quick
        return report

    def check_ids_free(self, tables: ValidatedTables) -> None:
        """Refuse actors and projects whose id names an item of the other kind.

        The database enforces this too (one unique id over both kinds); checked here
        first so that an import is refused whole, with every clash named, before any
        batch is written.
        """
        ids = {
            table: {item.id for item in tables.items.get(table, [])}  # type: ignore[attr-defined]
            for table in NODE_TABLES
        }
        both = ids["actors"] & ids["projects"]
        clashes = [("projects", item_id, "an actor in this import") for item_id in both]
        every = sorted(ids["actors"] | ids["projects"])
        size = self.settings.batch_size
        for start in range(0, len(every), size):
            for row in self.store.run("graph/find_ids", ids=every[start : start + size]):
                other = "projects" if row["kind"] == "actors" else "actors"
                if row["id"] in ids[other]:
                    clashes.append((other, row["id"], f"{_ONE[row['kind']]} in the graph"))
        if clashes:
            raise ValidationError(
                f"{len(clashes)} id(s) name both an actor and a project; nothing was written",
                details=[
                    Problem(f"this id is taken by {where}", file=table, column="id", value=i)
                    for table, i, where in sorted(clashes)
                ],
            )

    def seed(self, *, dry_run: bool = False) -> ImportReport:
        """Load the seed data set (``seed/``); idempotent."""
        return self.import_paths([self.settings.seed_dir], dry_run=dry_run)

    def _existing_ids(self, table: str, ids: list[str]) -> set[str]:
        query = {"actors": "actors/find_actor_ids", "projects": "projects/find_project_ids"}[table]
        found: set[str] = set()
        size = self.settings.batch_size
        for start in range(0, len(ids), size):
            found.update(row["id"] for row in self.store.run(query, ids=ids[start : start + size]))
        return found

    # ------------------------------------------------------------ export

    def tables(self) -> Tables:
        """The whole graph as the four tables, every field, each item validated (exports)."""
        return read_store(self.store)

    def analysis_tables(self) -> Tables:
        """The four tables with only the columns analyses read, as stored (see
        :func:`graphsvc.analysis.snapshot.read_analysis_tables`)."""
        return read_analysis_tables(self.store)

    def export(self, fmt: str, out: Path, *, personal_data: bool = False) -> list[Path]:
        """Write the graph as ``fmt``; persons who did not consent are pseudonymised, and
        their names and ids replaced in every text, unless ``personal_data``."""
        tables = self.tables()
        if not personal_data:
            tables = redact_tables(tables, self.pseudonym_key())
        return export(tables, fmt, Path(out))

    # ------------------------------------------------------------ analyses

    def network(self, **filters: Any) -> nx.MultiDiGraph:
        """The network (actors, projects and their ties) as of a date and filtered.

        ``filters`` are those of :func:`graphsvc.analysis.snapshot.build_network`:
        ``as_of``, ``localities``, ``regions``, ``sectors``, ``kinds``, ``themes``,
        ``tie_kinds``, ``include_proposed``. A copy of the kept snapshot's network
        (:attr:`snapshot`): only what changed since the last call is read.
        """
        with self.snapshot.network(**filters) as network:
            return network.copy()

    # A filter chooses the rows shown, never a measure's value: every analysis is
    # computed on the whole network of its date (graphsvc.filters.split_filters).

    def shown(self, **filters: Any) -> set[str] | None:
        """The actors and projects ``filters`` show (those a network built with them
        keeps), or ``None`` when they choose nothing (everything is shown)."""
        if not split_filters(filters)[1]:
            return None
        with self.snapshot.network(**filters) as network:
            return set(network.nodes)

    def bridging(
        self,
        *,
        attribute: str = "sector",
        directed: bool = False,
        project_projection: bool = True,
        seed: int = 0,
        **filters: Any,
    ) -> BridgingResult:
        """Bridging roles of every actor (see :func:`graphsvc.analysis.bridging.bridging_roles`),
        computed on the whole network of the date; the other filters choose the actors shown."""
        with collector_paused():  # see graphsvc.memory: a third of the CPU time
            with self.snapshot.network(**split_filters(filters)[0]) as network:
                graph = actor_graph(
                    network,
                    directed=directed,
                    project_projection=project_projection,
                    details=False,  # the measures need the weights only
                )
            result = bridging_roles(graph, attribute=attribute, seed=seed)
            return select_bridging(result, self.shown(**filters))

    def anchoring(self, **filters: Any) -> pd.DataFrame:
        """Local anchoring of every project (see :mod:`graphsvc.analysis.anchoring`), each
        computed from all its participants; the filters other than the date choose the
        projects shown."""
        # only the projects a change touches are recomputed
        frame = self.snapshot.anchoring(update_anchoring, **split_filters(filters)[0])
        return select_rows(frame, self.shown(**filters))

    def what_if(
        self, scenario: Scenario, *, attribute: str = "sector", **filters: Any
    ) -> WhatIfResult:
        """What a scenario removes (see :func:`graphsvc.analysis.whatif.what_if`), on the
        whole network of the date; the other filters choose the projects and actors shown."""
        with self.snapshot.network(**split_filters(filters)[0]) as network:
            result = what_if(network, scenario, attribute=attribute)
        shown = self.shown(**filters)
        result.projects = select_rows(result.projects, shown)
        result.actors_cut_off = select_rows(result.actors_cut_off, shown)
        return result

    def introductions(
        self, source: str, target: str, *, k: int = 3, max_length: int = 4, **filters: Any
    ) -> list[dict[str, Any]]:
        """Shortest introduction paths between two actors."""
        with self.snapshot.network(**filters) as network:
            graph = actor_graph(network)
        return introductions(graph, source, target, k=k, max_length=max_length)

    def suggest(self, project_id: str, *, limit: int = 10, **filters: Any) -> pd.DataFrame:
        """Local actors a project could involve, best first."""
        with self.snapshot.network(**filters) as network:
            return suggest_partners(network, project_id, limit=limit)

    # ------------------------------------------------------------ maps

    def map_html(
        self,
        lens: str = "network",
        focus: str | None = None,
        *,
        lang: str = "en",
        as_of: str | None = None,
        remove: tuple[str, ...] = (),
        size_by: str = "betweenness",
        radius: int = 2,
        measures: pd.DataFrame | None = None,
        drilldown_url: str | None = None,
    ) -> str:
        """A self-contained HTML map of one lens (see :func:`graphsvc.maps.render_map`).

        The network keeps proposed ties (drawn dashed) and ended ties (faded by
        ``as_of``); actors are sized and described by ``measures``, by default the
        bridging analysis of the network as of that date. A map is a shared screen: it
        is drawn from the pseudonymised tables (:func:`graphsvc.privacy.redact_tables`),
        so ``focus`` and ``remove`` name hidden persons by their masked ids
        (:meth:`public_id`). With ``drilldown_url`` (``{key}`` for a municipality code) an
        overview of groups shows municipalities, each a link to its own map.
        """
        # pyvis and jinja load only when a map is drawn: `graphsvc --help` stays quick (#14)
        from graphsvc.maps import AGGREGATE_THRESHOLD, LENSES, render_map  # noqa: PLC0415
        from graphsvc.maps.source import map_network  # noqa: PLC0415

        if lens not in LENSES:
            raise ValidationError(f"unknown map lens {lens!r}; choose one of {', '.join(LENSES)}")
        if lens in ("municipality", "project", "ego") and not focus:
            raise ValidationError(f"the {lens} map needs an id (e.g. graphsvc map {lens} ID)")
        key, hidden = self.pseudonym_key(), self.hidden_persons()
        if measures is None:  # on the pseudonymised network, as the map shows it
            with self.snapshot.network(as_of=as_of) as dated:
                shared = redact_network(dated, hidden, key)
                measures = bridging_roles(actor_graph(shared), seed=0, permutations=200).actors
        elif hidden:  # computed on the real network
            masks = {i: mask_id(i, key) for i in hidden}
            measures = measures.rename(index=lambda i: masks.get(i, i))
        # the kept network, pseudonymised, with full records only where the map shows them
        with self.snapshot.network(include_proposed=True) as whole:
            # the project panels show the anchoring figure of the analyses (#12): one project's
            # row for its map; every project's (kept by the snapshot) where panels are drawn
            anchoring = None
            if lens == "project" and focus is not None and focus in whole:
                with self.snapshot.network(as_of=as_of) as dated:
                    if focus in dated:
                        rows = anchoring_rows(dated, [focus])
                        anchoring = pd.DataFrame.from_dict(rows, orient="index")
            elif whole.number_of_nodes() <= AGGREGATE_THRESHOLD:  # larger: groups, no panels
                anchoring = self.anchoring(as_of=as_of)
            network = map_network(
                whole, self.store, hidden, key, lens=lens, focus=focus, radius=radius,
                measures=measures, threshold=AGGREGATE_THRESHOLD, version=self.snapshot.version,
                anchoring=anchoring,
            )  # fmt: skip
            removed = None
            if lens == "whatif":
                if not remove:
                    raise ValidationError("the whatif map needs actors to remove (--remove ID)")
                network, _after, removed = apply_scenario(network, Scenario(remove_actors=remove))
            return render_map(
                network,
                lens=lens,
                focus=focus,
                radius=radius,
                measures=measures,
                lang=lang,
                as_of=as_of,
                size_by=size_by,
                removed=removed,
                drilldown_url=drilldown_url,
                aggregate_by="municipality" if drilldown_url else None,
            )

    # ------------------------------------------------------------ personal data

    def pseudonym_key(self) -> bytes:
        """The key of pseudonyms and masked ids (see :mod:`graphsvc.privacy`)."""
        return load_key(self.settings.data_dir)

    def hidden_persons(self) -> dict[str, str | None]:
        """``{id: name}`` of the persons who did not consent to be shown by name."""
        rows = self.store.run("actors/list_hidden_persons")
        return {str(r["id"]): r.get("name") for r in rows}

    def public_id(self, actor_id: str) -> str:
        """An actor id as maps and pseudonymised exports know it (masked for a hidden person)."""
        if actor_id in self.hidden_persons():
            return mask_id(actor_id, self.pseudonym_key())
        return actor_id

    # ------------------------------------------------------------ named queries

    def run_public_query(self, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Run a ``@public`` query of the catalogue (one planners may run) by name.

        Raises
        ------
        QueryCatalogueError
            When ``name`` is no public query, or the parameters are not exactly its own.
        """
        catalogue = self.store.catalogue
        if name not in catalogue or not catalogue.get(name).public:
            raise QueryCatalogueError(f"unknown query {name!r}; GET /queries lists them")
        return self.store.run(name, **params)

    # ------------------------------------------------------------ summaries

    def counts(self) -> dict[str, int]:
        """How many actors, projects, participations and collaborations are stored."""
        return count_items(self.store)

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

    @audited(on_reset)
    def reset(self) -> None:
        """Delete everything in the graph (keeps the schema, the API keys and the version)."""
        with self.writing("reset"):
            self.store.run("graph/delete_everything")

    # ---- API support (resources) ------------------------------------------------
    # Single-item reads and writes for the REST API (graphsvc.api). Writes go through
    # the import validation (graphsvc.io.tables.validate) and the importer, so an item
    # is checked exactly as an imported row is, before anything is written; every
    # write bumps the graph version that keys cached analyses.

    def graph_version(self) -> tuple[str | None, int]:
        """``(epoch, version)`` of the graph; the epoch changes when the graph is reset."""
        rows = self.store.run("graph/get_version")
        if not rows or rows[0]["version"] is None:
            return None, 0
        return rows[0]["epoch"], int(rows[0]["version"])

    def changed_by_writes_since(self, version: int) -> bool:
        """Whether the graph became what it is from ``version`` by logged writes only:
        the change log names every version since (nothing pruned, no erasure, which
        empties it) and no reset. A global analysis computed at ``version`` may then be
        served, marked stale, while it is recomputed (see
        :meth:`graphsvc.cache.AnalysisCache.get_or_refresh`)."""
        _epoch, now = self.graph_version()
        changes = self.store.run("graph/list_changes", since=version)
        if any(change["op"] in ("reset", "erase") for change in changes):
            return False
        return {int(change["version"]) for change in changes} >= set(range(version + 1, now + 1))

    def bump_version(
        self,
        op: str = "bump",
        table: str | None = None,
        item_id: str | None = None,
        *,
        items: dict[str, list[str]] | None = None,
    ) -> int:
        """Record that the graph changed (:meth:`writing` calls it around every write).

        The same statement appends ``(version, table, id, op)`` to the change log that
        snapshots apply (:class:`graphsvc.analysis.snapshot.Snapshot`): one entry for
        ``item_id``, or one per id of ``items`` (table → ids) when they are at most
        :data:`LOGGED_ITEMS`. Without an item, a
        snapshot older than the change reads the whole graph again. The log keeps the
        last :data:`CHANGES_KEPT` versions.
        """
        logged: list[dict[str, str | None]] = [
            {"table": t, "id": i} for t, ids in (items or {}).items() for i in ids
        ]
        if len(logged) > LOGGED_ITEMS:
            logged = [{"table": None, "id": None}]  # many: snapshots read everything
        elif not logged:
            logged = [{"table": table, "id": item_id}]
        rows = self.store.run("graph/bump_version", epoch=secrets.token_hex(8), items=logged, op=op)
        version = int(rows[0]["version"])
        if version % 64 == 0 or len(logged) > 1:
            self.store.run("graph/delete_changes", upto=version - CHANGES_KEPT)
        return version

    @contextlib.contextmanager
    def writing(
        self, action: str, table: str | None = None, item_id: str | None = None, *,
        lazy: bool = False, items: dict[str, list[str]] | None = None,
    ) -> Iterator[Callable[[], None]]:  # fmt: skip
        """The one place every write to the graph passes: wrap the write in it.

        The graph version is bumped when the write begins and again when it ends,
        failed or not: a process killed mid-write leaves a version no cached analysis
        was computed at, and analyses computed while the write ran are stale after it.
        Each bump appends ``(version, table, item_id, op)`` to the change log (``op`` is
        ``begin``, ``action`` or ``failed``), from which snapshots update.
        With ``lazy``, the write begins when the yielded function is first called
        (an import that finds nothing to change bumps nothing).

        Parameters
        ----------
        action : str
            What is done (``"create"``, ``"update"``, ``"delete"``, ``"import"``, …).
        table, item_id : str, optional
            The item written, when it is one item.
        items : dict of str to list of str, optional
            The items written (table → ids), when there are several (an import).
        """
        begun = False

        def begin() -> None:
            nonlocal begun
            if not begun:
                self.bump_version("begin", table, item_id, items=items)
                begun = True

        if not lazy:
            begin()
        try:
            yield begin
        except BaseException:
            if begun:  # some of it may be written
                with contextlib.suppress(GraphsvcError):  # the database may be the cause
                    self.bump_version("failed", table, item_id, items=items)
            raise
        if begun:
            version = self.bump_version(action, table, item_id, items=items)
            if action == "erase":  # the log named the person: it goes (snapshots reread)
                self.store.run("graph/delete_changes", upto=version)
            log.debug("%s %s %s", action, table or "", item_id or "")

    def get_item(self, table: str, item_id: str) -> dict[str, Any] | None:
        """One actor, project, participation or collaboration as a dict, or ``None``."""
        found = self.get_stored(table, item_id)
        return None if found is None else found.item

    def get_stored(self, table: str, item_id: str) -> Stored | None:
        """One item with its rev (its ETag), or ``None``."""
        rows = self.store.run(f"{table}/get_{table}", ids=[item_id])
        if not rows:
            return None
        return self._stored(table, rows[0])

    def _stored(self, table: str, row: dict[str, Any]) -> Stored:
        return Stored(self._item_from_row(table, row), str(row["props"].get(REV) or ""))

    @staticmethod
    def _item_from_row(table: str, row: dict[str, Any]) -> dict[str, Any]:
        """A stored row (props plus endpoints) as the model's fields, validated."""
        model = TABLES[table]
        known = model.model_fields.keys() | getattr(model, "legacy_fields", frozenset())
        data = {k: v for k, v in row["props"].items() if k in known}
        for end in ENDPOINTS[table]:
            data[end] = row[end]
        return model.model_validate(data).model_dump(mode="json")

    def find_items(
        self,
        table: str,
        *,
        filters: dict[str, Any] | None = None,
        sort: str = "id",
        descending: bool = False,
        offset: int = 0,
        limit: int = 50,
    ) -> tuple[int, list[dict[str, Any]]]:
        """``(total, page)`` of the items of ``table`` matching ``filters``.

        ``filters`` are the parameters of ``queries/<table>/find_<table>.cypher`` (a
        missing one matches everything).
        """

        count = self.store.catalogue.get(f"{table}/count_matching_{table}")
        find = self.store.catalogue.get(f"{table}/find_{table}")
        paging = {"sort": sort, "descending": descending, "offset": offset, "limit": limit}
        params: dict[str, Any] = {k: None for k in find.params if k not in paging}
        if "hide_persons" in params:
            params["hide_persons"] = False
        if "aliases" in params:
            params["aliases"] = []
        unknown = set(filters or {}) - set(params)
        if unknown:
            raise ValidationError(f"unknown filter(s) for {table}: {sorted(unknown)}")
        params.update({k: v for k, v in (filters or {}).items() if v is not None})
        total = int(
            self.store.run(count.name, **{k: v for k, v in params.items() if k in count.params})[0][
                "total"
            ]
        )
        rows = self.store.run(find.name, **params, **paging)
        return total, [self._item_from_row(table, row) for row in rows]

    def validate_item(self, table: str, data: dict[str, Any]) -> ValidatedTables:
        """Validate one item as an import row (references checked against the store)."""
        unknown = [k for k in data if k not in COLUMNS[table]]
        cells = {k: cell_text(v, k) for k, v in data.items() if k in COLUMNS[table]}
        raw = RawTable(table, table, list(COLUMNS[table]), [cells])
        problems = [
            Problem(
                f"unknown field; the {table} fields are: {', '.join(COLUMNS[table])}",
                file=table,
                column=name,
            )
            for name in unknown
        ]
        try:
            validated = validate([raw], existing=self._existing_ids)
        except ValidationError as exc:
            problems += [replace(p, row=None) for p in exc.details]
        if problems:
            raise ValidationError(
                f"{len(problems)} problem(s) in the {table[:-1]}; nothing was written",
                details=problems,
            )
        return validated

    def check_storable(self, tables: ValidatedTables) -> None:
        """Refuse text the database cannot store (see :mod:`graphsvc.store.text`) before
        any write."""
        problems = [
            replace(problem, message=f"{problem.message} (item {item.id!r})")  # type: ignore[attr-defined]
            for table, items in tables.items.items()
            for item in items
            for name, value in item.model_dump(mode="json").items()
            for problem in text_problems(value, name, file=table)
        ]
        if problems:
            raise ValidationError(
                f"{len(problems)} problem(s) in the input; nothing was written", details=problems
            )

    @audited(on_create)
    def create_item(self, table: str, data: dict[str, Any]) -> Stored:
        """Create one item; returns it as stored, with its rev.

        Raises
        ------
        ConflictError
            When the id is taken (for actors and projects: by either kind). The
            database's unique constraint decides, so of two racing creates one wins.
        """
        item = self._validated_item(table, data)
        row = write_row(item, table)
        taken = self._id_taken(table, row["id"])
        if taken:
            raise taken
        ends = {end: row[end] for end in ENDPOINTS[table]}
        try:
            with self.writing("create", table, row["id"]):
                rows = self.store.run(f"{table}/create_{table[:-1]}", props=row["props"], **ends)
        except ConflictError as exc:
            raise self._id_taken(table, row["id"]) or _taken_error(table, row["id"]) from exc
        if not rows:  # an actor or project it refers to was deleted meanwhile
            self._validated_item(table, data)  # names the missing reference
            raise ConflictError(f"the {table[:-1]} {row['id']!r} lost an end while it was created")
        return self._stored(table, rows[0])

    def id_taken(self, item_id: str) -> bool:
        """Whether an actor or a project has this id (the two share one set of ids)."""
        return bool(self.store.run("graph/find_ids", ids=[item_id]))

    def _id_taken(self, table: str, item_id: str) -> ConflictError | None:
        """The error to answer when ``item_id`` is taken for ``table``, else ``None``."""
        if table in NODE_TABLES:
            rows = self.store.run("graph/find_ids", ids=[item_id])
            if rows and rows[0]["kind"] != table:
                other = _ONE[rows[0]["kind"]]
                return ConflictError(
                    f"the id {item_id!r} is taken by {other}; actors and projects "
                    "need different ids",
                    details=[Problem(f"{other} has this id", file=table, column="id",
                                     value=item_id)],
                )  # fmt: skip
            return _taken_error(table, item_id) if rows else None
        return _taken_error(table, item_id) if self.get_stored(table, item_id) else None

    def _validated_item(self, table: str, data: dict[str, Any]) -> Any:
        (item,) = self.validate_item(table, data).items[table]
        return item

    @audited(on_update)
    def update_item(
        self,
        table: str,
        item_id: str,
        changes: dict[str, Any],
        *,
        if_match: list[str] | None = None,
    ) -> Stored:
        """Change some fields of one item (a ``None`` value clears a field).

        The stored item is read, changed and written back only if no other write came
        in between (one statement checks the rev and writes). With ``if_match`` (the
        revs the client saw), a changed item raises :class:`PreconditionFailedError`;
        without, the change is applied again to the newer item, so concurrent edits of
        different fields are all kept.
        """
        if "id" in changes and changes["id"] != item_id:
            raise ValidationError(
                "the id cannot be changed",
                details=[Problem("the id cannot be changed", file=table, column="id")],
            )
        for _attempt in range(UPDATE_ATTEMPTS):
            current = self._current(table, item_id, if_match)
            item = self._validated_item(table, {**current.item, **changes, "id": item_id})
            if item.model_dump(mode="json") == current.item:
                return current  # nothing changes: nothing is written
            row = write_row(item, table)
            ends = {end: row[end] for end in ENDPOINTS[table]}
            with self.writing("update", table, item_id):
                rows = self.store.run(
                    f"{table}/update_{table[:-1]}",
                    id=item_id,
                    revs=[current.rev],
                    props=row["props"],
                    **ends,
                )
            if rows:
                return self._stored(table, rows[0])
            # changed or deleted since it was read: the next read tells which
        raise ConflictError(
            f"{table[:-1]} {item_id!r} is changed by others too often; try again",
        )

    def _current(self, table: str, item_id: str, if_match: list[str] | None) -> Stored:
        """The stored item, if it exists (404) and has one of the ``if_match`` revs (412)."""
        current = self.get_stored(table, item_id)
        if current is None:
            raise NotFoundError(f"no {table[:-1]} {item_id!r}")
        if if_match is not None and current.rev not in if_match:
            raise PreconditionFailedError(
                f"{table[:-1]} {item_id!r} was changed by someone else since you read it; "
                "read it again (its ETag is new) and repeat your change"
            )
        return current

    def item_dependents(self, table: str, item_id: str) -> dict[str, list[str]]:
        """What deleting an actor or project also removes: its ties and participations."""
        if table in NODE_TABLES:
            rows = self.store.run(f"{table}/get_{table[:-1]}_ties", id=item_id)
        else:
            rows = [{}] if self.get_item(table, item_id) is not None else []
        if not rows:  # also when deleted by someone else a moment ago
            raise NotFoundError(f"no {table[:-1]} {item_id!r}")
        return _tie_ids(rows[0])

    @audited(on_delete)
    def delete_item(
        self,
        table: str,
        item_id: str,
        *,
        confirm: bool = False,
        if_match: list[str] | None = None,
    ) -> dict[str, list[str]]:
        """Delete one item; an actor or project with ties needs ``confirm``.

        Returns what was removed besides the item. Without ``confirm``, raises
        :class:`ConflictError` listing what would be removed. With ``if_match`` (the
        revs the client saw), an item changed since raises
        :class:`PreconditionFailedError`; the check and the delete are one statement.
        """
        current = self._current(table, item_id, if_match)  # a stale version first: 412
        removes = self.item_dependents(table, item_id)
        if any(removes.values()) and not confirm:
            raise _dependents_error(table, item_id, removes)
        query = f"{table}/delete_{table[:-1]}"
        # the agreements it leaves change too: the change log names them for the snapshots
        left = {"agreements": removes["party_to"]} if removes.get("party_to") else {}
        logged = {table: [item_id], **left} if left else None
        with self.writing("delete", table, item_id, items=logged):
            if table in NODE_TABLES:  # one row, with the ties it removed, if it deleted
                rows = self.store.run(query, id=item_id, revs=if_match, confirm=confirm)
                removes = _tie_ids(rows[0]) if rows else removes
            else:
                rows = self.store.run(query, id=item_id, revs=if_match)
                rows = rows if int(rows[0]["deleted"]) else []
        if not rows:  # changed, deleted or given ties since it was read
            self._current(table, item_id, if_match)
            if table in NODE_TABLES and not confirm:
                raise _dependents_error(table, item_id, self.item_dependents(table, item_id))
            raise PreconditionFailedError(f"{table[:-1]} {item_id!r} changed while it was deleted")
        if table == "actors" and current.item.get("is_person"):
            self.forget_person(current.item)
            # the change log names her id: it goes too (snapshots then read it all again)
            self.store.run("graph/delete_changes", upto=self.graph_version()[1])
        return removes

    def forget_person(self, actor: dict[str, Any]) -> int:
        """Erase a deleted person from every snapshot (GDPR art. 17): the snapshots keep a
        placeholder under their pseudonym and masked id, without name, kind or place; their
        id is masked in the ties and measures too, and their name wherever the snapshot's
        text holds it. Returns how many snapshots were rewritten."""
        actor_id = str(actor["id"])
        key = self.pseudonym_key()
        placeholder = ERASED_LABEL
        redactor = Redactor.for_hidden({actor_id: actor.get("name")}, key, erased=True)
        rewritten = 0
        names = name_variants(str(actor["name"])) if actor.get("name") else [None]
        rows = {
            (row["workshop_id"], row["id"]): row
            for name in names
            for row in self.store.run(
                "workshops/find_snapshots_mentioning", text=actor_id, person=name
            )
        }
        for row in rows.values():
            data = json.loads(row["data"])
            for frozen in data.get("actors", []):
                if frozen.get("id") == actor_id:
                    frozen.update(
                        name=placeholder,
                        kind=None,
                        sector=None,
                        is_person=True,
                        consent_to_publish=False,
                    )
            measures = data.get("measures") or {}
            if actor_id in measures:
                measures[mask_id(actor_id, key)] = measures.pop(actor_id)
            self.store.run(
                "workshops/set_snapshot_data",
                id=row["workshop_id"],
                snapshot_id=row["id"],
                data=json.dumps(redactor(data), ensure_ascii=False, sort_keys=True),
                note=redactor.text(row["note"] or ""),
            )
            rewritten += 1
        return rewritten


def select_rows(frame: pd.DataFrame, shown: set[str] | None) -> pd.DataFrame:
    """The rows of ``frame`` (indexed by item id) among ``shown``; all when ``None``."""
    if shown is None:
        return frame
    return frame[frame.index.isin(shown)]


def select_bridging(result: BridgingResult, shown: set[str] | None) -> BridgingResult:
    """A bridging result showing only the ``shown`` actors (their measures unchanged):
    their rows, the pairs of groups they alone join, the bridges they are an end of.
    The network's and the groups' E-I stay those of the whole network."""
    if shown is None:
        return result
    ties = result.bridges
    if len(ties):
        ties = ties[ties["source"].isin(shown) | ties["target"].isin(shown)]
    ei = replace(result.ei, actors=select_rows(result.ei.actors, shown))
    actors = select_rows(result.actors, shown)
    meta = {**result.meta, "shown": len(actors)}
    return replace(
        result,
        actors=actors,
        sole_brokers=select_rows(result.sole_brokers, shown),
        bridges=ties,
        ei=ei,
        meta=meta,
    )


def _tie_ids(row: dict[str, Any]) -> dict[str, list[str]]:
    """The tie ids of a ``get_*_ties`` or ``delete_*`` row, each list sorted once.

    ``party_to``: the agreements a deleted actor leaves; ``agreements``: those of them
    deleted with it, left with fewer than two parties (both named only when not empty).
    """
    kinds = ("participations", "collaborations")
    found: dict[str, list[str]] = {k: sorted(set(row[k])) for k in kinds if k in row}
    found.update((kind, sorted(set(row[kind]))) for kind in AGREEMENT_KINDS if row.get(kind))
    return found


#: What deleting an actor does to its agreements (see :func:`_tie_ids`).
AGREEMENT_KINDS = ("party_to", "agreements")


def _dependents_error(table: str, item_id: str, removes: dict[str, list[str]]) -> ConflictError:
    details = [
        Problem(
            f"would leave agreement {tie_id!r}"
            if kind == "party_to"
            else f"would also delete {kind[:-1]} {tie_id!r}",
            file="agreements" if kind == "party_to" else kind,
            column="party_ids" if kind == "party_to" else "id",
            value=tie_id,
        )
        for kind, ids in removes.items()
        for tie_id in ids
    ]
    deletes = ", ".join(f"{len(ids)} {kind}" for kind, ids in removes.items()
                        if kind != "party_to")  # fmt: skip
    leaves = f" and leaves {len(removes['party_to'])} agreement(s)" if "party_to" in removes else ""
    return ConflictError(
        f"deleting {table[:-1]} {item_id!r} also deletes {deletes}{leaves}; "
        "repeat with confirm=true",
        details=details,
    )


def _taken_error(table: str, item_id: str) -> ConflictError:
    return ConflictError(
        f"{table[:-1]} {item_id!r} already exists",
        details=[Problem("already exists", file=table, column="id", value=item_id)],
    )


def _place_name(code: object) -> str:
    if not isinstance(code, str) or not code:
        return "(no municipality)"
    found = municipality(code)
    return f"{code} {found.name}" if found else code
