"""Helpers of the API tests: uvicorn in a thread on 127.0.0.1 and a free port, keys, paths.

Imported as ``tests.api.apihelpers`` (``tests/`` is a package).
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerThread:
    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self.port = free_port()
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


MINI = Path(__file__).parents[1] / "data" / "mini"
UPLOAD_LIMIT = 256 * 1024  # small, so the 413 test needs no 20 MB body


@dataclass
class Keys:
    viewer: str
    editor: str
    admin: str
    revoked: str

    def headers(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {getattr(self, role)}"}


def sign_in(base_url: str, key: str) -> tuple[str, str]:
    """``(session cookie, CSRF token)`` of a browser session signed in with ``key``,
    as the sign-in page makes it (``POST /session`` from the app's own origin)."""
    with httpx.Client(base_url=base_url, timeout=30) as http:
        answer = http.post("/session", json={"key": key}, headers={"Origin": base_url})
        answer.raise_for_status()
        return answer.cookies["graphsvc_session"], answer.json()["csrf_token"]


def wait_for_fresh(
    client: httpx.Client, headers: dict[str, str], path: str = "/analyses/bridging",
    seconds: float = 120,
) -> dict[str, Any]:  # fmt: skip
    """The analysis once its background recompute has finished (``meta.stale`` false)."""
    deadline = time.monotonic() + seconds
    while True:
        answer = client.get(path, headers=headers)
        assert answer.status_code == 200, answer.text
        body: dict[str, Any] = answer.json()
        if not body["meta"]["stale"]:
            return body
        assert time.monotonic() < deadline, "the recompute did not finish"
        time.sleep(0.05)
