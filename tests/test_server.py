"""The embedded FalkorDB server's lifecycle, on throwaway data directories."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

from graphsvc.errors import StoreDamagedError, StoreUnavailableError
from graphsvc.store.server import (
    DB_SUBDIR,
    STATE_FILE,
    EmbeddedServer,
    LoadingProgress,
    compact_aof,
)


@pytest.fixture
def server(tmp_path: Path):
    instance = EmbeddedServer(tmp_path / "data")
    yield instance
    instance.stop()


def _client(info) -> redis.Redis:
    return redis.Redis(host=info.host, port=info.port, password=info.password)


def test_start_runs_a_falkordb_on_loopback(server: EmbeddedServer) -> None:
    info = server.start()
    assert info.host == "127.0.0.1"
    client = _client(info)
    assert client.ping()
    modules = {m[b"name"] if isinstance(m, dict) else m[1] for m in client.module_list()}
    assert b"graph" in modules
    assert client.config_get("appendonly") == {"appendonly": "yes"}
    assert client.config_get("bind")["bind"] == "127.0.0.1"


def test_second_start_reuses_the_running_server(server: EmbeddedServer) -> None:
    first = server.start()
    again = EmbeddedServer(server.data_dir).start()
    assert again == first
    assert server.status() == first


def test_state_file_is_private(server: EmbeddedServer) -> None:
    server.start()
    assert (server.state_path.stat().st_mode & 0o777) == 0o600


def test_server_refuses_clients_without_the_password(server: EmbeddedServer) -> None:
    info = server.start()
    anonymous = redis.Redis(host=info.host, port=info.port)
    with pytest.raises(redis.AuthenticationError):
        anonymous.ping()


def test_stale_pid_file_is_replaced(server: EmbeddedServer) -> None:
    # A pid that surely is no redis-server: a finished child process of ours.
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    server.data_dir.mkdir(parents=True)
    server.state_path.write_text(
        json.dumps({"pid": dead.pid, "port": 1, "password": "x", "data_dir": str(server.data_dir)})
    )
    assert server.status() is None
    info = server.start()
    assert info.pid != dead.pid
    assert _client(info).ping()


def test_pid_file_pointing_at_another_program_is_stale(server: EmbeddedServer) -> None:
    server.data_dir.mkdir(parents=True)
    other = os.getpid()  # alive, but this is python, not redis-server
    server.state_path.write_text(
        json.dumps({"pid": other, "port": 1, "password": "x", "data_dir": str(server.data_dir)})
    )
    assert server.status() is None
    assert server.start().pid != other


def test_garbage_state_file_is_ignored(server: EmbeddedServer) -> None:
    server.data_dir.mkdir(parents=True)
    server.state_path.write_text("{not json")
    assert server.status() is None
    assert _client(server.start()).ping()


def test_restart_keeps_the_data(server: EmbeddedServer) -> None:
    info = server.start()
    client = _client(info)
    client.execute_command("GRAPH.QUERY", "g", "CREATE (:Actor {id: 'kept', name: 'Æbleø'})")
    assert server.stop() is True
    assert not (server.data_dir / STATE_FILE).exists()
    assert server.status() is None
    info = server.start()
    result = _client(info).execute_command(
        "GRAPH.QUERY", "g", "MATCH (a:Actor) RETURN a.id, a.name"
    )
    assert result[1] == [[b"kept", "Æbleø".encode()]]


def test_stop_when_not_running_says_so(server: EmbeddedServer) -> None:
    assert server.stop() is False


# ---------------------------------------------------------------- one server per directory


def _servers_on(data_dir: Path) -> list[int]:
    """Pids of redis-server processes working in this data directory."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cwd = os.readlink(entry / "cwd")
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if b"redis-server" in cmdline and Path(cwd) == data_dir / DB_SUBDIR:
            found.append(int(entry.name))
    return found


def test_deleted_state_file_never_starts_a_second_server(server: EmbeddedServer) -> None:
    first = server.start()
    server.state_path.unlink()
    again = EmbeddedServer(server.data_dir).start()
    assert again.pid == first.pid  # found through the lock and the state's copy
    assert _servers_on(server.data_dir) == [first.pid]
    assert json.loads(server.state_path.read_text())["pid"] == first.pid  # written back


def test_without_any_state_a_start_fails_clearly_and_stop_still_works(
    server: EmbeddedServer,
) -> None:
    first = server.start()
    server.state_path.unlink()
    (server.db_dir / STATE_FILE).write_text("{damaged")
    with pytest.raises(StoreUnavailableError, match=rf"pid {first.pid}.*never started"):
        EmbeddedServer(server.data_dir).start()
    assert _servers_on(server.data_dir) == [first.pid]
    assert server.stop() is True  # found by its working directory, stopped with SIGTERM
    assert _servers_on(server.data_dir) == []
    assert _client(server.start()).ping()


def test_a_killed_server_releases_the_directory(server: EmbeddedServer) -> None:
    first = server.start()
    os.kill(first.pid, signal.SIGKILL)
    second = EmbeddedServer(server.data_dir).start()
    assert second.pid != first.pid
    assert _servers_on(server.data_dir) == [second.pid]


# ---------------------------------------------------------------- owner only


def test_data_directory_and_its_files_are_owner_only(server: EmbeddedServer) -> None:
    server.data_dir.mkdir(mode=0o755)
    server.data_dir.chmod(0o755)  # as an older graphsvc left it
    (server.data_dir / "pseudonym.key").write_text("k")
    (server.data_dir / "pseudonym.key").chmod(0o644)
    info = server.start()
    _client(info).execute_command("GRAPH.QUERY", "g", "CREATE (:Actor {id: 'a'})")
    server.stop()  # the clean stop also rewrites the append-only file
    paths = [server.data_dir, *server.data_dir.rglob("*")]
    assert len(paths) > 6
    loose = {str(p): oct(p.stat().st_mode & 0o777) for p in paths if p.stat().st_mode & 0o077}
    assert loose == {}
    assert (server.data_dir.stat().st_mode & 0o777) == 0o700


# ---------------------------------------------------------------- compaction


def _aof_files(server: EmbeddedServer) -> dict[str, int]:
    aof = server.db_dir / "appendonlydir"
    return {".".join(p.name.split(".")[-2:]): p.stat().st_size for p in aof.iterdir()}


def test_clean_stop_leaves_a_snapshot_and_an_empty_increment(server: EmbeddedServer) -> None:
    client = _client(server.start())
    client.execute_command(
        "GRAPH.QUERY", "g", "UNWIND range(1, 500) AS i CREATE (:Actor {id: toString(i)})"
    )
    assert _aof_files(server)["incr.aof"] > 0
    server.stop()
    files = _aof_files(server)
    assert files["incr.aof"] == 0  # nothing to replay on the next start
    assert files["base.rdb"] > 1000  # the 500 actors, as a snapshot
    result = _client(server.start()).execute_command(
        "GRAPH.QUERY", "g", "MATCH (a:Actor) RETURN count(a)"
    )
    assert result[1] == [[500]]


def test_compact_rewrites_only_past_the_threshold(server: EmbeddedServer) -> None:
    client = _client(server.start())
    client.execute_command("GRAPH.QUERY", "g", "CREATE (:Actor {id: 'one'})")
    assert compact_aof(client, wait=True) is False  # a few bytes: below 4 MB
    assert compact_aof(client, min_bytes=1, wait=True) is True
    assert _aof_files(server)["incr.aof"] == 0


def test_writes_are_logged_as_effects(server: EmbeddedServer) -> None:
    """A restart applies effects; replaying MERGE query text cannot use the indexes."""
    client = _client(server.start())
    client.execute_command("GRAPH.QUERY", "g", "CREATE INDEX FOR (a:Actor) ON (a.id)")
    client.execute_command(
        "GRAPH.QUERY", "g", "UNWIND range(1, 50) AS i MERGE (a:Actor {id: i}) SET a.n = i"
    )
    aof = next((server.db_dir / "appendonlydir").glob("*.incr.aof"))
    deadline = time.monotonic() + 10
    # with appendfsync everysec Redis may hold a write back while a busy disk still
    # syncs the last one (it did in CI), so the effect can reach the file after the reply
    while b"GRAPH.EFFECT" not in aof.read_bytes() and time.monotonic() < deadline:
        time.sleep(0.1)
    increment = aof.read_bytes()
    assert b"GRAPH.EFFECT" in increment
    assert b"MERGE" not in increment


# ---------------------------------------------------------------- damaged files


def _write_then_crash(server: EmbeddedServer, count: int) -> Path:
    """``count`` single-node writes, then kill -9: the increment holds them all."""
    info = server.start()
    client = _client(info)
    for i in range(count):
        client.execute_command("GRAPH.QUERY", "g", f"CREATE (:Actor {{id: {i}}})")
    os.kill(info.pid, signal.SIGKILL)
    server.stop()  # forgets the dead server
    return next((server.db_dir / "appendonlydir").glob("*.incr.aof"))


def _actors(info) -> int:
    return _client(info).execute_command("GRAPH.QUERY", "g", "MATCH (a:Actor) RETURN count(a)")[1][
        0
    ][0]


def test_truncated_aof_loads_and_says_so(server: EmbeddedServer) -> None:
    increment = _write_then_crash(server, 40)
    increment.write_bytes(increment.read_bytes()[:-15])  # the last write, cut short
    info = server.start()
    assert _actors(info) == 39
    assert len(server.warnings) == 1
    assert increment.name in server.warnings[0]
    assert "dropped the rest" in server.warnings[0]


def test_corrupted_aof_is_reported_and_repaired(server: EmbeddedServer) -> None:
    increment = _write_then_crash(server, 40)
    original = increment.read_bytes()
    middle = len(original) // 2
    increment.write_bytes(original[:middle] + b"garbage!\r\n" + original[middle:])
    with pytest.raises(StoreDamagedError) as caught:
        server.start()
    message = str(caught.value)
    assert increment.name in message
    assert "graphsvc db repair" in message
    assert server.status() is None and _servers_on(server.data_dir) == []

    report = server.repair()
    assert report.backup is not None
    damaged_copy = report.backup / increment.name
    assert damaged_copy.read_bytes() == original[:middle] + b"garbage!\r\n" + original[middle:]
    assert report.removed_bytes > 0
    kept = _actors(server.start())
    assert 0 < kept < 40  # the writes before the damage survive
    server.stop()  # a repaired file needs no second repair
    assert server.repair().backup is None


def test_repair_refuses_while_the_server_runs(server: EmbeddedServer) -> None:
    server.start()
    with pytest.raises(StoreUnavailableError, match="db stop"):
        server.repair()


# ---------------------------------------------------------------- loading


def test_start_waits_for_a_loading_server_beyond_the_timeout(server: EmbeddedServer) -> None:
    """The timeout bounds a start without progress, never a server that is loading."""
    info = server.start()
    _client(info).execute_command(
        "GRAPH.QUERY",
        "g",
        "UNWIND range(1, 300000) AS i CREATE (:Actor {id: i, name: 'Forening ' + toString(i)})",
    )
    os.kill(info.pid, signal.SIGKILL)  # the next start replays the whole increment
    reports: list[LoadingProgress] = []
    patient = EmbeddedServer(server.data_dir, start_timeout=1)
    started = time.monotonic()
    again = patient.start(progress=reports.append)
    took = time.monotonic() - started
    assert _actors(again) == 300_000
    if took > 2:  # long enough for the once-a-second report
        assert reports
    assert [r.percent for r in reports] == sorted(r.percent for r in reports)
    assert all(0 <= r.percent <= 100 for r in reports)


def test_a_server_without_progress_is_left_running(server: EmbeddedServer) -> None:
    info = server.start()
    os.kill(info.pid, signal.SIGSTOP)  # answers nothing, uses no CPU
    try:
        with pytest.raises(StoreUnavailableError, match="left running"):
            EmbeddedServer(server.data_dir, start_timeout=1).start()
        assert _servers_on(server.data_dir) == [info.pid]
        assert server.status() is None and server.starting() == info  # `db status`: exit 4
    finally:
        os.kill(info.pid, signal.SIGCONT)
    assert EmbeddedServer(server.data_dir).start() == info
