"""The embedded FalkorDB server's lifecycle, on throwaway data directories."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import redis

from graphsvc.store.server import STATE_FILE, EmbeddedServer


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
