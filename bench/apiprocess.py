"""The API in its own process for the benchmarks: uvicorn on 127.0.0.1 and a free port,
over an existing data directory, as ``graphsvc serve`` runs it (``workers`` processes)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SERVER = """
import os, uvicorn
os.environ["GRAPHSVC_DATA_DIR"] = {data!r}
uvicorn.run("graphsvc.api.app:create_app", factory=True, host="127.0.0.1", port={port},
            workers={workers}, log_level="warning", access_log=False,
            timeout_graceful_shutdown=2)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def api_process(data: Path, workers: int, start_timeout: float = 60) -> Iterator[str]:
    """Start the API over ``data``, wait until ``/health`` answers (at most
    ``start_timeout`` seconds: a busy machine starts slowly), yield its URL, stop it."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    api = subprocess.Popen(
        [sys.executable, "-c", SERVER.format(data=str(data), port=port, workers=workers)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        deadline = time.monotonic() + start_timeout
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or api.poll() is not None:
                raise RuntimeError("the API did not start")
            time.sleep(0.1)
        yield url
    finally:
        api.terminate()
        api.wait(timeout=20)
