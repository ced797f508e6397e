"""The schema version of a graph, and the migrations that bring an older graph up to date.

The version lives in the graph itself, in one node ``(:Schema {id: 'graphsvc'})`` with
``version`` (an integer), ``steps`` (the steps of the next migration already done),
``release`` (the graphsvc release that last wrote it) and ``updated`` (when). A graph
that holds data but no such node was written by graphsvc 0.1.0: schema 1. A new, empty
graph is stamped with :data:`SCHEMA_VERSION` when it is first opened.

A migration is a list of steps. Each step is idempotent (it changes only what is still
in the old form) and works in batches of one statement each, so a large graph never
builds one huge transaction and a stop between two batches loses nothing. Each step is
recorded when it is done, and the version when all of its migration's steps are, so a
migration stopped half-way (a crash, ``kill -9``, a full disk) resumes where it stopped.

Opening a graph (:func:`graphsvc.store.open_store`) calls :func:`prepare_schema`:

* a graph newer than this code is refused (:class:`~graphsvc.errors.SchemaVersionError`)
  before anything is written;
* an older graph in the embedded FalkorDB is backed up (:mod:`graphsvc.store.backup`,
  into ``<data dir>/backups/``) and migrated, unless ``GRAPHSVC_AUTO_MIGRATE=false``;
  in Neo4j, which graphsvc cannot back up, opening it is refused until ``graphsvc db
  migrate --no-backup`` has run after the operator's own backup.

Schema 2 (graphsvc 0.2.0, issue #12): a participation's ``funding_amount`` becomes
``amount`` and ``currency: 'DKK'``, and the change log restarts under a new epoch, so
every analysis snapshot and cached result reads the graph in full once. Indexes and
unique ids of new labels (agreements) need no step: :meth:`Store.ensure_schema` makes
them on every open, before the migration runs.

Examples
--------
>>> state = read_state(store)                                   # doctest: +SKIP
>>> [step.name for _, step in pending(state)]                   # doctest: +SKIP
['participation_amounts', 'change_log']
>>> migrate(store, backup=None).after                           # doctest: +SKIP
2
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import logging
import os
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graphsvc import __version__
from graphsvc.errors import SchemaVersionError
from graphsvc.settings import Settings
from graphsvc.store.base import Store

log = logging.getLogger(__name__)

#: The schema version this code reads and writes.
SCHEMA_VERSION = 2
#: Items a migration statement changes at most (one statement, one transaction).
BATCH = 10_000
#: Where an automatic upgrade puts its backup, inside the data directory.
BACKUP_DIR = "backups"
#: The file that serialises migrations of one data directory (a runtime file: not backed up).
LOCK_FILE = "migration.lock"


@dataclass(frozen=True)
class SchemaState:
    """What a graph says about its schema.

    Attributes
    ----------
    version : int or None
        The schema version; ``None`` for a new, empty graph (nothing recorded, nothing stored).
    steps : tuple of str
        The steps of the migration to ``version + 1`` already done.
    """

    version: int | None
    steps: tuple[str, ...] = ()

    @property
    def current(self) -> bool:
        return self.version == SCHEMA_VERSION


@dataclass(frozen=True)
class Step:
    """One idempotent step of a migration.

    Attributes
    ----------
    name : str
        Recorded in the graph when the step is done.
    explanation : str
        What it changes, for people (``graphsvc db migrate --dry-run``).
    count : callable
        ``count(store)``: how many things the step would change now.
    run : callable
        ``run(store, batch)``: make the change in statements of at most ``batch`` items;
        returns how many things changed.
    """

    name: str
    explanation: str
    count: Callable[[Store], int]
    run: Callable[[Store, int], int]


@dataclass(frozen=True)
class Migration:
    """The steps that bring a graph from ``version - 1`` to ``version``."""

    version: int
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class StepReport:
    """A step run (or, in a dry run, what it would change)."""

    version: int
    name: str
    explanation: str
    changed: int
    seconds: float


@dataclass
class MigrationReport:
    """What :func:`migrate` did or, with ``dry_run``, would do.

    Attributes
    ----------
    before, after : int or None
        The schema version before and after (``None``: a new graph).
    steps : list of StepReport
        The steps run (or pending, in a dry run), in order.
    backup : Path or None
        The backup taken before the first step.
    dry_run : bool
        Nothing was written.
    seconds : float
        The whole migration, backup included.
    backup_seconds : float
        The backup alone.
    """

    before: int | None
    after: int | None
    steps: list[StepReport] = field(default_factory=list)
    backup: Path | None = None
    dry_run: bool = False
    seconds: float = 0.0
    backup_seconds: float = 0.0


# ------------------------------------------------------------------ the migrations


def _until_done(store: Store, query: str, key: str, batch: int) -> int:
    """Run a batch statement until it changes nothing; the total it changed."""
    total = 0
    while changed := int(store.run(query, batch=batch)[0][key]):
        total += changed
        log.info("%s: %d so far", query, total)
    return total


def _count(query: str) -> Callable[[Store], int]:
    return lambda store: int(store.run(query)[0]["found"])


def _move_funding_amounts(store: Store, batch: int) -> int:
    return _until_done(store, "migrations/move_funding_amounts", "moved", batch)


def _restart_change_log(store: Store, batch: int) -> int:
    deleted = _until_done(store, "migrations/delete_change_batch", "deleted", batch)
    store.run("migrations/renew_epoch", epoch=secrets.token_hex(8))
    return deleted


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        2,
        (
            Step(
                "participation_amounts",
                "participations: funding_amount becomes amount with currency DKK",
                _count("migrations/count_funding_amounts"),
                _move_funding_amounts,
            ),
            Step(
                "change_log",
                "the change log restarts under a new epoch: analyses read the whole graph once",
                _count("migrations/count_changes"),
                _restart_change_log,
            ),
        ),
    ),
)


# ------------------------------------------------------------------ reading and running


def read_state(store: Store) -> SchemaState:
    """The graph's schema version and the steps of the next migration already done."""
    rows = store.run("migrations/get_schema_version")
    if not rows or rows[0]["version"] is None:
        return SchemaState(1 if rows and rows[0]["stored"] else None)
    return SchemaState(int(rows[0]["version"]), tuple(map(str, rows[0]["steps"] or ())))


def check_supported(state: SchemaState) -> None:
    """Refuse a graph written by a newer graphsvc, before anything is written to it.

    Raises
    ------
    SchemaVersionError
        The graph's schema is newer than :data:`SCHEMA_VERSION`.
    """
    if state.version is not None and state.version > SCHEMA_VERSION:
        raise SchemaVersionError(
            f"the graph has schema version {state.version}, written by a newer graphsvc; "
            f"graphsvc {__version__} knows schema versions up to {SCHEMA_VERSION}. Upgrade "
            "graphsvc (or restore a backup taken before the upgrade): nothing was changed"
        )


def pending(state: SchemaState) -> list[tuple[Migration, Step]]:
    """The steps still to run on a graph in ``state``, in order."""
    if state.version is None:
        return []
    return [
        (migration, step)
        for migration in MIGRATIONS
        if migration.version > state.version
        for step in migration.steps
        if not (migration.version == state.version + 1 and step.name in state.steps)
    ]


def stamp(store: Store) -> None:
    """Record :data:`SCHEMA_VERSION` in a new graph (a version already recorded stays)."""
    store.run(
        "migrations/stamp_schema_version", version=SCHEMA_VERSION, release=__version__, at=_now()
    )


def migrate(
    store: Store,
    *,
    backup: Callable[[], Path] | None,
    dry_run: bool = False,
    batch: int = BATCH,
    limit: int | None = None,
) -> MigrationReport:
    """Bring the graph to :data:`SCHEMA_VERSION`: back it up, then run each pending step.

    Parameters
    ----------
    store : Store
        The open graph.
    backup : callable or None
        Takes the backup (returns its path); called once, before the first step, and
        only when a step is pending. ``None``: no backup (the caller took one).
    dry_run : bool
        Only say what each pending step would change; write nothing, take no backup.
    batch : int
        Items one statement changes at most.
    limit : int, optional
        Run at most this many steps (the rest wait for the next run).

    Returns
    -------
    MigrationReport

    Raises
    ------
    SchemaVersionError
        The graph is newer than this code.
    """
    started = time.monotonic()
    state = read_state(store)
    check_supported(state)
    report = MigrationReport(state.version, state.version, dry_run=dry_run)
    if state.version is None:  # a new graph: nothing to migrate
        if not dry_run:
            stamp(store)
            report.after = SCHEMA_VERSION
        return report
    todo = pending(state)
    if dry_run:
        report.steps = [
            StepReport(m.version, s.name, s.explanation, s.count(store), 0.0) for m, s in todo
        ]
        report.seconds = time.monotonic() - started
        return report
    if todo and backup is not None:
        report.backup = backup()
        report.backup_seconds = time.monotonic() - started
    version, done = state.version, list(state.steps)
    for migration, step in todo[:limit]:
        step_started = time.monotonic()
        log.info("schema %d: %s", migration.version, step.explanation)
        changed = step.run(store, batch)
        done.append(step.name)
        if all(s.name in done for s in migration.steps):
            version, done = migration.version, []
        _record(store, version, done)
        report.steps.append(
            StepReport(
                migration.version, step.name, step.explanation, changed,
                time.monotonic() - step_started,
            )
        )  # fmt: skip
    report.after = version
    report.seconds = time.monotonic() - started
    if report.steps:
        log.info("schema upgraded from %s to %s in %.1f s", report.before, version, report.seconds)
    return report


def _record(store: Store, version: int, steps: list[str]) -> None:
    store.run(
        "migrations/set_schema_version",
        version=version, steps=steps, release=__version__, at=_now(),
    )  # fmt: skip


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# ------------------------------------------------------------------ on open


def prepare_schema(store: Store, settings: Settings) -> MigrationReport | None:
    """What opening a graph does about its schema (see the module's description).

    Called by :func:`graphsvc.store.open_store` after :meth:`Store.ensure_schema`.

    Returns
    -------
    MigrationReport or None
        The migration run, if one was.

    Raises
    ------
    SchemaVersionError
        The graph is newer than this code, or older and may not be upgraded here
        (``GRAPHSVC_AUTO_MIGRATE=false``, or a Neo4j database).
    """
    state = read_state(store)
    check_supported(state)
    if state.version is None:
        stamp(store)
        return None
    if state.current:
        return None
    if not settings.auto_migrate or settings.neo4j_uri:
        why = (
            "graphsvc cannot back up a Neo4j database: take a backup (neo4j-admin database "
            "dump), then run `graphsvc db migrate --no-backup`"
            if settings.neo4j_uri
            else "GRAPHSVC_AUTO_MIGRATE is off: run `graphsvc db migrate` (it takes a backup "
            "first; --dry-run says what would change)"
        )
        raise SchemaVersionError(
            f"the graph has schema version {state.version}, and graphsvc {__version__} "
            f"needs {SCHEMA_VERSION}: {why}"
        )
    with migration_lock(settings.data_dir):
        report = migrate(store, backup=lambda: backup_before_upgrade(store, settings))
    if report.steps:
        log.warning(
            "the graph was upgraded from schema %s to %s in %.1f s; a backup of the graph "
            "before the upgrade is in %s",
            report.before, report.after, report.seconds, report.backup,
        )  # fmt: skip
    return report


def backup_before_upgrade(
    store: Store, settings: Settings, target: Path | str | None = None
) -> Path:
    """Back up the embedded database before a migration: into ``target`` (an archive, or a
    folder for a dated one), or a dated archive in ``<data dir>/backups/`` named after the
    schema versions."""
    from graphsvc.store.backup import backup  # noqa: PLC0415 - only when migrating
    from graphsvc.store.server import EmbeddedServer  # noqa: PLC0415

    if target is None:
        stamp_ = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        before = read_state(store).version
        target = (
            settings.data_dir
            / BACKUP_DIR
            / f"graphsvc-backup-schema-{before}-before-{SCHEMA_VERSION}-{stamp_}.tar.gz"
        )
    server = EmbeddedServer(settings.data_dir, start_timeout=settings.server_start_timeout)
    report = backup(server, target, store.catalogue)
    log.info("backup before the schema upgrade: %s (%d bytes)", report.path, report.size)
    return report.path


@contextlib.contextmanager
def migration_lock(data_dir: Path) -> Iterator[None]:
    """One migration of a data directory at a time (another process waits, then finds
    the graph migrated)."""
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(data_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
