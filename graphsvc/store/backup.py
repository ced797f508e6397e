"""Backup and restore of the embedded FalkorDB database and the data directory's own files.

A backup is one ``.tar.gz`` archive (mode 0600: it holds personal data and the
pseudonym key) with

* ``graph.rdb``: a snapshot of the whole server (every graph: items, API keys,
  workshops and their snapshots), written by ``BGSAVE`` in a forked child while the
  service runs. FalkorDB takes the graphs' locks around the fork, so the snapshot holds
  every write that was acknowledged before it and none half done;
* ``files/…``: the data directory's own files (the pseudonym key, settings), not the
  server's runtime files (``server.json``, ``server.lock``, ``server.log``);
* ``graphsvc-backup.json``: when, from where, the snapshot's SHA-256, and a census
  (nodes per label, relationships per type, for every graph).

The census is taken from the backup itself: before the archive is written, the
snapshot is restored into a throwaway server and counted, so a backup that exists has
been read back once. A restore checks the snapshot's hash, loads it into a throwaway
data directory, compares the census, and only then moves the files into place.

Examples
--------
>>> report = backup(EmbeddedServer(data_dir), Path("/var/backups/graphsvc/"), catalogue)
... # doctest: +SKIP
>>> restore(report.path, Path("/srv/graphsvc-restored"), catalogue)   # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import logging
import os
import shutil
import tarfile
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import redis

from graphsvc.errors import ConflictError, StoreDamagedError, StoreError, ValidationError
from graphsvc.store.catalogue import Catalogue
from graphsvc.store.falkor import FalkorStore
from graphsvc.store.server import (
    AOF_DIR,
    DB_SUBDIR,
    RUNTIME_FILES,
    EmbeddedServer,
    ServerInfo,
    connect,
)

log = logging.getLogger(__name__)

MANIFEST = "graphsvc-backup.json"
SNAPSHOT = "graph.rdb"
FILES = "files/"
FORMAT = 1
SUFFIX = ".tar.gz"
_AOF_MANIFEST = (
    "file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n"
)

Census = dict[str, dict[str, dict[str, int]]]
"""Per graph: ``{"nodes": {label: n}, "relationships": {type: n}}``."""


@dataclass(frozen=True)
class BackupReport:
    """A backup written or restored.

    Attributes
    ----------
    path : Path
        The archive (backup) or the data directory (restore).
    size : int
        Bytes of the archive.
    census : Census
        Nodes per label and relationships per type, per graph, as read back.
    files : list of str
        The data directory's own files in the archive.
    seconds : float
        How long it took.
    """

    path: Path
    size: int
    census: Census
    files: list[str]
    seconds: float


def backup(server: EmbeddedServer, target: Path | str, catalogue: Catalogue) -> BackupReport:
    """Write a consistent backup of the running server and its data directory.

    Parameters
    ----------
    server : EmbeddedServer
        The server of the data directory; it must be running.
    target : Path or str
        The archive to write, or an existing directory (or a text ending in ``/``) to
        write ``graphsvc-backup-<UTC time>.tar.gz`` in.
    catalogue : Catalogue
        The query catalogue (for the census).

    Returns
    -------
    BackupReport

    Raises
    ------
    StoreError
        The snapshot could not be written or read back.
    """
    started = time.monotonic()
    info = server.status()
    if info is None:
        info = server.start()
    target = _archive_path(str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    with _staging(target.parent) as staging:
        snapshot = staging / SNAPSHOT
        _snapshot(info, server.db_dir, snapshot)
        census = _load_and_count(snapshot, staging / "check", catalogue)
        files = _own_files(server.data_dir)
        manifest = {
            "format": FORMAT,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "data_dir": str(server.data_dir),
            "snapshot_sha256": _sha256(snapshot),
            "files": sorted(files),
            "census": census,
        }
        partial = staging / "archive.tar.gz"
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with (
            os.fdopen(fd, "wb") as raw,
            tarfile.open(fileobj=raw, mode="w:gz", compresslevel=1) as tar,
        ):
            _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2).encode())
            tar.add(snapshot, SNAPSHOT)
            for name, path in sorted(files.items()):
                tar.add(path, FILES + name)
        os.replace(partial, target)
    size = target.stat().st_size
    log.info("backup of %s written to %s (%d bytes)", server.data_dir, target, size)
    return BackupReport(target, size, census, sorted(files), time.monotonic() - started)


def restore(archive: Path, data_dir: Path, catalogue: Catalogue) -> BackupReport:
    """Bring a backup back into an empty (or new) data directory, and check it.

    The snapshot's hash is checked, it is loaded into a throwaway server in a staging
    directory beside ``data_dir``, and its census must equal the one recorded in the
    backup; only then are the files moved into ``data_dir``. Nothing is changed when a
    check fails.

    Parameters
    ----------
    archive : Path
        A file written by :func:`backup`.
    data_dir : Path
        The data directory to restore into: new, or without a database.
    catalogue : Catalogue
        The query catalogue (for the census).

    Returns
    -------
    BackupReport

    Raises
    ------
    ConflictError
        ``data_dir`` already holds a database (or a server runs on it).
    ValidationError
        The archive is not a graphsvc backup, or a member is not what it should be.
    StoreDamagedError
        The snapshot does not match its hash, or reads back other counts than recorded.
    """
    started = time.monotonic()
    archive = Path(archive).expanduser()
    data_dir = Path(data_dir).expanduser().resolve()
    aof_dir = data_dir / DB_SUBDIR / AOF_DIR
    if aof_dir.is_dir() and any(aof_dir.iterdir()):
        raise ConflictError(
            f"{data_dir} already holds a database ({aof_dir}): restore into an empty or new "
            "directory (--data-dir), or move that one away first"
        )
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    with _staging(data_dir.parent) as staging:
        manifest, snapshot, files = _unpack(archive, staging / "unpacked")
        if _sha256(snapshot) != manifest.get("snapshot_sha256"):
            raise StoreDamagedError(
                f"{archive}: {SNAPSHOT} does not match the hash it was saved with"
            )
        loaded = staging / "data"
        census = _load_and_count(snapshot, loaded, catalogue)
        if census != manifest.get("census"):
            raise StoreDamagedError(
                f"{archive}: the restored database holds {census}, the backup recorded "
                f"{manifest.get('census')}"
            )
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        if (data_dir / DB_SUBDIR).exists():  # empty leftovers only (checked above)
            shutil.rmtree(data_dir / DB_SUBDIR)
        os.replace(loaded / DB_SUBDIR, data_dir / DB_SUBDIR)
        for name, path in files.items():
            os.replace(path, data_dir / name)
    log.info("restored %s into %s", archive, data_dir)
    return BackupReport(
        data_dir, archive.stat().st_size, census, sorted(files), time.monotonic() - started
    )


def census(info: ServerInfo, catalogue: Catalogue) -> Census:
    """Nodes per label and relationships per type, for every graph of a server."""
    client = connect(info, timeout=60)
    try:
        names = sorted(name.decode() for name in client.execute_command("GRAPH.LIST"))
    finally:
        client.close()
    found: Census = {}
    for name in names:
        store = FalkorStore(
            catalogue, host=info.host, port=info.port, password=info.password, graph=name
        )
        try:
            found[name] = {
                "nodes": _counts(store.run("graph/count_labels"), "label"),
                "relationships": _counts(store.run("graph/count_relationship_types"), "type"),
            }
        finally:
            store.close()
    return found


def _counts(rows: list[dict[str, Any]], key: str) -> dict[str, int]:
    return {str(row[key]): int(row["value"]) for row in sorted(rows, key=lambda r: str(r[key]))}


def _snapshot(info: ServerInfo, db_dir: Path, out: Path) -> None:
    """``BGSAVE`` and copy the dump to ``out`` (the dump is removed from the data)."""
    client = connect(info, timeout=60)
    try:
        before = int(client.info("persistence").get("rdb_saves", 0))
        with contextlib.suppress(redis.ResponseError):  # "already in progress": it counts
            client.execute_command("BGSAVE", "SCHEDULE")
        while True:
            persistence = client.info("persistence")
            if int(persistence.get("rdb_saves", 0)) > before and not persistence.get(
                "rdb_bgsave_in_progress"
            ):
                break
            time.sleep(0.05)
        if persistence.get("rdb_last_bgsave_status") != "ok":
            raise StoreError(f"FalkorDB could not write a snapshot; see {db_dir.parent}/server.log")
        dump = db_dir / str(client.config_get("dbfilename")["dbfilename"])
    finally:
        client.close()
    with open(dump, "rb") as source:  # a later BGSAVE replaces the file, not this inode
        dump.unlink()  # a second copy of the data, which the server never reads
        with open(out, "xb") as sink:
            shutil.copyfileobj(source, sink)
    out.chmod(0o600)


def _load_and_count(snapshot: Path, data_dir: Path, catalogue: Catalogue) -> Census:
    """Load ``snapshot`` in a throwaway server on ``data_dir`` and take its census."""
    aof = data_dir / DB_SUBDIR / AOF_DIR
    aof.mkdir(mode=0o700, parents=True)
    for path in (data_dir, data_dir / DB_SUBDIR):
        path.chmod(0o700)
    shutil.copyfile(snapshot, aof / "appendonly.aof.1.base.rdb")
    (aof / "appendonly.aof.1.incr.aof").write_bytes(b"")
    (aof / "appendonly.aof.manifest").write_text(_AOF_MANIFEST, "ascii")
    for path in aof.iterdir():
        path.chmod(0o600)
    server = EmbeddedServer(data_dir, start_timeout=60)
    try:
        return census(server.start(), catalogue)
    finally:
        server.stop()


def _unpack(archive: Path, into: Path) -> tuple[dict[str, Any], Path, dict[str, Path]]:
    """Check the archive's members and extract them; nothing outside ``into`` is written."""
    into.mkdir(mode=0o700)
    try:
        tar = tarfile.open(archive, "r:*")
    except (OSError, tarfile.TarError) as exc:
        raise ValidationError(f"{archive}: not a graphsvc backup ({exc})") from exc
    manifest: dict[str, Any] | None = None
    snapshot: Path | None = None
    files: dict[str, Path] = {}
    with tar:
        for member in tar:
            name = member.name
            own = name.removeprefix(FILES)
            if not member.isfile() or not (
                name in (MANIFEST, SNAPSHOT)
                or (name.startswith(FILES) and own and "/" not in own and own not in ("..", "."))
            ):
                raise ValidationError(f"{archive}: unexpected member {name!r} in a graphsvc backup")
            source = tar.extractfile(member)
            assert source is not None  # a regular file
            if name == MANIFEST:
                try:
                    manifest = json.loads(source.read(1_000_000))
                except ValueError as exc:
                    raise ValidationError(f"{archive}: {MANIFEST} is not JSON ({exc})") from exc
                continue
            path = into / (SNAPSHOT if name == SNAPSHOT else f"file-{len(files)}")
            _write_private(path, source)
            if name == SNAPSHOT:
                snapshot = path
            else:
                files[own] = path
    if manifest is None or snapshot is None or manifest.get("format") != FORMAT:
        raise ValidationError(
            f"{archive}: not a graphsvc backup of format {FORMAT} ({MANIFEST} and {SNAPSHOT} "
            "are required)"
        )
    return manifest, snapshot, files


def _own_files(data_dir: Path) -> dict[str, Path]:
    """The data directory's own files: regular files at its top, not the server's."""
    return {
        path.name: path
        for path in sorted(data_dir.iterdir())
        if path.is_file()
        and not path.is_symlink()
        and path.name not in RUNTIME_FILES
        and not path.name.endswith(".tmp")
    }


def _archive_path(target: str) -> Path:
    path = Path(target).expanduser()
    if path.is_dir() or target.endswith(os.sep):
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        return path / f"graphsvc-backup-{stamp}{SUFFIX}"
    return path


@contextlib.contextmanager
def _staging(parent: Path) -> Iterator[Path]:
    """A private scratch directory beside the result, so the final move is a rename."""
    path = Path(tempfile.mkdtemp(prefix=".graphsvc-", dir=parent))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    member = tarfile.TarInfo(name)
    member.size, member.mode, member.mtime = len(data), 0o600, int(time.time())
    tar.addfile(member, io.BytesIO(data))


def _write_private(path: Path, source: IO[bytes]) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as sink:
        shutil.copyfileobj(source, sink)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
