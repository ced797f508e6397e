"""A respondent's link is their credential: ``graphsvc serve``'s access log must not hold it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from graphsvc.settings import Settings


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_logs_survey_paths_without_their_token(settings: Settings, tmp_path: Path) -> None:
    port = _free_port()
    token = "Zq8dK3_unguessable-token-for-the-log-test"
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "graphsvc.cli", "serve", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "GRAPHSVC_DATA_DIR": str(settings.data_dir)},
        )
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert server.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "graphsvc serve did not start in 60 s"
                time.sleep(0.3)
            answered = httpx.get(f"{base}/s/{token}/form", timeout=10)
            assert answered.status_code == 404  # no such link, but the request was logged
            httpx.get(f"{base}/health", timeout=10)
        finally:
            server.terminate()
            server.wait(timeout=30)
    written = log.read_text()
    assert "/s/…/form" in written  # the line is there ...
    assert token not in written  # ... without the token
