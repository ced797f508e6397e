"""The real app over real HTTP: uvicorn in a thread against the session FalkorDB."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from graphsvc.api import create_app
from graphsvc.core import Graphsvc
from graphsvc.keys import create_key, revoke_key
from graphsvc.settings import Settings
from tests.api.apihelpers import MINI, UPLOAD_LIMIT, Keys, ServerThread


@pytest.fixture(scope="session")
def api_server(settings: Settings) -> Iterator[ServerThread]:
    # Many tests present bad keys on purpose, all from 127.0.0.1: no limit in the way here
    # (test_api_websec tests the limit on an app of its own).
    app = create_app(settings, max_upload_bytes=UPLOAD_LIMIT, failed_key_limit=100_000)
    server = ServerThread(app).start()
    yield server
    server.stop()


@pytest.fixture
def client(api_server: ServerThread) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=api_server.url, timeout=120) as http:
        yield http


@pytest.fixture
def core(settings: Settings) -> Iterator[Graphsvc]:
    """The graph emptied, the mini data set loaded (not through the API)."""
    with Graphsvc.open(settings) as graphsvc:
        graphsvc.reset()
        graphsvc.import_paths([MINI])
        graphsvc.bump_version()  # a fresh epoch: no cached analysis of an earlier test
        yield graphsvc


@pytest.fixture
def keys(core: Graphsvc) -> Keys:
    made = {role: create_key(core.store, role, f"test {role}")[1] for role in
            ("viewer", "editor", "admin")}  # fmt: skip
    info, revoked = create_key(core.store, "admin", "revoked")
    revoke_key(core.store, info.id)
    return Keys(made["viewer"], made["editor"], made["admin"], revoked)


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target
